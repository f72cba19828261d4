//! `/jobs/saved` (我的收藏): the positions saved on this device; read from
//! IndexedDB, so the list works offline.

use super::jobs_section::JobsData;
use super::position_card::position_items;
use super::queries::saved_records;
use crate::error::ErrorView;
use crate::i18n::{t, use_lang};
use crate::ui::EmptyState;
use domain::lang::Lang;
use leptos::prelude::*;

/// The saved positions.
#[component]
pub fn SavedPage() -> impl IntoView {
    let data = expect_context::<JobsData>();
    let lang = use_lang();
    let records = saved_records(data.saved);
    let error = Signal::derive(move || records.get().and_then(|r| r.err()));
    view! {
        <section class="page jobs-page">
            <h1 class="page__title">{t("我的收藏", "Saved positions")}</h1>
            <p class="muted">{t("收藏只保存在这台设备上，不需要注册，没有网络也能查看。", "Saved on this device only; no account needed, and it works offline.")}</p>
            <ErrorView error=error />
            {move || match records.get() {
                None => view! { <p class="muted" role="status">{t("正在读取…", "Loading…")}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! {
                    <EmptyState
                        title=t("还没有收藏的岗位", "No saved positions yet")
                        body=t("在岗位上点“收藏”，就能在这里找到它。", "Tap “Save” on a position to keep it here.")
                    >
                        <a class="button" href="/jobs/positions">{t("去找岗位", "Find positions")}</a>
                    </EmptyState>
                }.into_any(),
                Some(Ok(list)) => {
                    let n = list.len();
                    view! {
                        <p role="status">{move || match lang.get() { Lang::Zh => format!("已收藏 {n} 个岗位", ), Lang::En => format!("{n} saved") }}</p>
                        <ul class="position-list">
                            {position_items(list)}
                        </ul>
                    }.into_any()
                }
                Some(Err(_)) => ().into_any(),
            }}
        </section>
    }
}
