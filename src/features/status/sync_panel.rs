//! Sync details: state, progress, last sync, last error, and "sync now".

use super::queries::outbox_counts;
use crate::clock::now;
use crate::i18n::{t, use_lang};
use crate::online::Online;
use crate::sync::{request_sync, Phase, Progress, Stage, SyncStatus};
use crate::ui::format;
use domain::lang::Lang;
use leptos::prelude::*;

fn stage_label(stage: Stage, lang: Lang) -> &'static str {
    match (stage, lang) {
        (Stage::Uploading, Lang::Zh) => "正在上传照片",
        (Stage::Uploading, Lang::En) => "Uploading photos",
        (Stage::Pushing, Lang::Zh) => "正在发送本机修改",
        (Stage::Pushing, Lang::En) => "Sending local changes",
        (Stage::Pulling, Lang::Zh) => "正在接收最新数据",
        (Stage::Pulling, Lang::En) => "Receiving the latest data",
    }
}

/// The progress bar of a running sync.
#[component]
fn SyncProgress(progress: Progress) -> impl IntoView {
    let lang = use_lang();
    let (done, total) = (progress.done, progress.total);
    let percent = total
        .filter(|t| *t > 0)
        .map(|t| (done.min(t) * 100 / t) as u32);
    view! {
        <div class="progress" data-testid="sync-progress">
            <div class="progress__label">
                <span>{move || stage_label(progress.stage, lang.get())}</span>
                <span>{match total {
                    Some(t) => format!("{done} / {t}"),
                    None => done.to_string(),
                }}</span>
            </div>
            <progress
                max="100"
                value=percent.map(|p| p.to_string())
                aria-label=move || stage_label(progress.stage, lang.get())
            ></progress>
        </div>
    }
}

/// State of sync and the "sync now" button.
#[component]
pub fn SyncPanel() -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let Online(online) = expect_context::<Online>();
    let counts = outbox_counts();
    let lang = use_lang();
    let phase_text = move || {
        let zh = lang.get() == Lang::Zh;
        match status.phase.get() {
            Phase::Idle => (if zh { "空闲" } else { "Idle" }).to_owned(),
            Phase::Syncing(_) => (if zh { "正在同步" } else { "Syncing" }).to_owned(),
            Phase::Retrying { at } => {
                let seconds = ((at.millis() - now().millis()) / 1000).max(0);
                if zh {
                    format!("稍后重试（约 {seconds} 秒后）")
                } else {
                    format!("Retrying in about {seconds} s")
                }
            }
            Phase::NeedsLogin => (if zh {
                "需要重新登录"
            } else {
                "Login needed"
            })
            .to_owned(),
            Phase::Offline => (if zh {
                "离线，联网后自动同步"
            } else {
                "Offline; will sync when online"
            })
            .to_owned(),
        }
    };
    view! {
        <section class="card" aria-labelledby="sync-title">
            <h2 id="sync-title">{t("同步", "Sync")}</h2>
            <dl class="facts">
                <div>
                    <dt>{t("网络", "Network")}</dt>
                    <dd>{move || if online.get() { t("在线", "Online").get() } else { t("离线", "Offline").get() }}</dd>
                </div>
                <div>
                    <dt>{t("状态", "State")}</dt>
                    <dd data-testid="sync-phase">{phase_text}</dd>
                </div>
                <div>
                    <dt>{t("待同步的修改", "Changes not yet synced")}</dt>
                    <dd data-testid="pending-count">
                        {move || counts.get().and_then(|c| c.ok()).map_or(0, |c| c.pending).to_string()}
                    </dd>
                </div>
                <div>
                    <dt>{t("上次成功同步", "Last successful sync")}</dt>
                    <dd data-testid="last-sync">
                        {move || match status.last_sync.get() {
                            Some(at) => format::ago(at, now(), lang.get()),
                            None => t("尚未同步", "Not yet").get().to_owned(),
                        }}
                    </dd>
                </div>
                <div>
                    <dt>{t("本窗口负责同步", "This window syncs")}</dt>
                    <dd>{move || if status.leader.get() { t("是", "Yes").get() } else { t("否（由另一个窗口同步）", "No (another window does)").get() }}</dd>
                </div>
            </dl>
            {move || match status.phase.get() {
                Phase::Syncing(Some(p)) => Some(view! { <SyncProgress progress=p /> }),
                _ => None,
            }}
            {move || status.last_error.get().map(|e| view! {
                <div class="alert alert--warn" role="status" data-testid="sync-error">{e.message(lang.get())}</div>
            })}
            <button
                class="button"
                type="button"
                data-testid="sync-now"
                disabled=move || matches!(status.phase.get(), Phase::Syncing(_))
                on:click=move |_| request_sync()
            >
                {t("立即同步", "Sync now")}
            </button>
        </section>
    }
}
