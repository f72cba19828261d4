//! Local storage: whether it is persistent, how much is used, and the
//! backup file (export everything, import it back).

use crate::error::AppError;
use crate::i18n::{t, use_lang};
use crate::pwa::backup::{self, ImportReport};
use crate::pwa::storage;
use crate::query::Query;
use crate::ui::download::{download, read_text};
use domain::lang::Lang;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

fn megabytes(bytes: f64) -> String {
    format!("{:.1} MB", bytes / 1_048_576.0)
}

/// The storage and backup card of the sync page.
#[component]
pub fn StoragePanel() -> impl IntoView {
    let lang = use_lang();
    let persisted = Query::new(storage::is_persisted);
    let estimate = Query::new(storage::estimate);
    let (progress, set_progress) = signal(None::<(usize, usize)>);
    let (message, set_message) = signal(None::<(bool, String)>);

    let ask_persist = move |_| {
        spawn_local(async move {
            storage::request_persistence().await;
            persisted.refetch();
        });
    };

    let export = move |_| {
        set_message.set(None);
        spawn_local(async move {
            let on_progress = |done, total| set_progress.set(Some((done, total)));
            let result = backup::export(&on_progress).await.and_then(|b| {
                let text = serde_json::to_string(&b)
                    .map_err(|e| AppError::Store(crate::store::StoreError::Other(e.to_string())))?;
                let (date, time) = b.created_at.local_date_time();
                let name = format!(
                    "tongji-backup-{}-{}.json",
                    date,
                    time.to_string().replace(':', "")
                );
                download(&name, "application/json", text.as_bytes())
                    .map_err(|e| AppError::Store(crate::store::StoreError::Other(e)))?;
                Ok((b.records.len(), b.outbox.len()))
            });
            set_progress.set(None);
            set_message.set(Some(match result {
                Ok((records, changes)) => (
                    true,
                    match lang.get_untracked() {
                        Lang::Zh => format!("已导出 {records} 条记录，其中未同步修改 {changes} 条。请妥善保管备份文件（含工作数据）。"),
                        Lang::En => format!("Exported {records} records, {changes} changes not yet synced. Keep the file safe (it holds work data)."),
                    },
                ),
                Err(e) => (false, e.message(lang.get_untracked())),
            }));
        });
    };

    let import = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement =
            ev.target().expect("input event target").unchecked_into();
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        set_message.set(None);
        spawn_local(async move {
            let text = match read_text(&file).await {
                Ok(text) => text,
                Err(e) => {
                    set_message.set(Some((false, e)));
                    return;
                }
            };
            let on_progress = |done, total| set_progress.set(Some((done, total)));
            let result = backup::import(&text, &on_progress).await;
            set_progress.set(None);
            set_message.set(Some(match result {
                Ok(ImportReport { records, changes, drafts, photos }) => (
                    true,
                    match lang.get_untracked() {
                        Lang::Zh => format!("导入完成：记录 {records} 条，待同步修改 {changes} 条，草稿 {drafts} 份，照片 {photos} 张。"),
                        Lang::En => format!("Imported: {records} records, {changes} changes to sync, {drafts} drafts, {photos} photos."),
                    },
                ),
                Err(e) => (false, e.message(lang.get_untracked())),
            }));
            estimate.refetch();
        });
    };

    view! {
        <section class="card" aria-labelledby="storage-title" data-testid="storage">
            <h2 id="storage-title">{t("本机存储与备份", "Storage on this device & backup")}</h2>
            <dl class="facts">
                <div>
                    <dt>{t("持久存储", "Persistent storage")}</dt>
                    <dd data-testid="persisted">
                        {move || match persisted.get() {
                            Some(true) => t("已开启（浏览器不会自动清除）", "On (the browser will not evict it)").get(),
                            Some(false) => t("未开启", "Off").get(),
                            None => "…",
                        }}
                    </dd>
                </div>
                <div>
                    <dt>{t("已用空间", "Space used")}</dt>
                    <dd data-testid="usage">
                        {move || match estimate.get().flatten() {
                            Some(e) => format!("{} / {}", megabytes(e.usage), megabytes(e.quota)),
                            None => "…".to_owned(),
                        }}
                    </dd>
                </div>
            </dl>
            <Show when=move || persisted.get() == Some(false)>
                <p class="muted">
                    {t(
                        "工作人员设备建议开启持久存储，避免浏览器在空间紧张时清除未同步的数据。",
                        "Staff devices should turn on persistent storage so the browser never evicts unsynced work.",
                    )}
                </p>
                <button class="button button--secondary" type="button" on:click=ask_persist>
                    {t("开启持久存储", "Turn on persistent storage")}
                </button>
            </Show>
            <h3>{t("备份", "Backup")}</h3>
            <p class="muted">
                {t(
                    "把本机的全部数据（包括未同步的修改、草稿和照片）导出为文件；需要时再导入，不会重复。",
                    "Export everything on this device (including unsynced changes, drafts and photos) to a file; import it later without duplicates.",
                )}
            </p>
            {move || progress.get().map(|(done, total)| view! {
                <div class="progress" data-testid="backup-progress">
                    <progress max=total.to_string() value=done.to_string() aria-label=t("备份进度", "Backup progress")></progress>
                </div>
            })}
            <div class="button-row">
                <button class="button" type="button" data-testid="export-backup" on:click=export disabled=move || progress.get().is_some()>
                    {t("导出备份文件", "Export backup")}
                </button>
                <label class="button button--secondary file-button">
                    {t("导入备份文件", "Import backup")}
                    <input class="visually-hidden" type="file" accept="application/json,.json" data-testid="import-backup" on:change=import />
                </label>
            </div>
            {move || message.get().map(|(ok, text)| view! {
                <div class=if ok { "alert alert--ok" } else { "alert alert--error" } role="status" data-testid="backup-message">{text}</div>
            })}
        </section>
    }
}
