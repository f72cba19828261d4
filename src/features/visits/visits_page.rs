//! `/visits`: the section's start page: unfinished drafts, the way to a new
//! visit record, the ledger and the board, and the latest visits.

use super::draft_banner::DraftBanner;
use super::enterprise_detail_page::VisitSummary;
use super::queries::{enterprises, error_of, list_of, newest_first, visits};
use crate::clock::today;
use crate::error::ErrorView;
use crate::features::account::RequireStaff;
use crate::i18n::{t, use_lang};
use crate::ui::EmptyState;
use domain::followup::{needing_attention, DueState};
use domain::lang::Lang;
use leptos::prelude::*;

/// Latest visits listed.
const RECENT: usize = 20;

/// The page; its title shows to everyone, the rest to staff only.
#[component]
pub fn VisitsPage() -> impl IntoView {
    view! {
        <section class="page">
            <h1 class="page__title">{t("企业走访", "Enterprise visits")}</h1>
            <RequireStaff>
                <VisitsHub />
            </RequireStaff>
        </section>
    }
}

#[component]
fn VisitsHub() -> impl IntoView {
    let lang = use_lang();
    let all_visits = visits();
    let ledger = enterprises();
    let overdue = move || {
        let list = list_of(all_visits);
        needing_attention(list.iter().map(|v| (v.id, &v.data)), today())
            .iter()
            .filter(|a| matches!(a.state, DueState::Overdue { .. }))
            .count()
    };
    view! {
            <DraftBanner />
            <nav class="tiles" aria-label=t("走访工作", "Visit work")>
                <a class="tile tile--primary" href="/visits/new">
                    <span class="tile__title">{t("新建走访记录", "New visit record")}</span>
                    <span class="tile__body">{t("无网络也可填写，自动保存草稿", "Works offline; drafts save as you type")}</span>
                </a>
                <a class="tile" href="/visits/enterprises">
                    <span class="tile__title">{t("企业台账", "Enterprise ledger")}</span>
                    <span class="tile__body">
                        {move || match lang.get() {
                            Lang::Zh => format!("{} 家企业", list_of(ledger).len()),
                            Lang::En => format!("{} enterprises", list_of(ledger).len()),
                        }}
                    </span>
                </a>
                <a class="tile" href="/visits/board">
                    <span class="tile__title">{t("跟进看板", "Follow-up board")}</span>
                    <span class="tile__body">
                        {move || match (lang.get(), overdue()) {
                            (Lang::Zh, 0) => "没有逾期事项".to_owned(),
                            (Lang::En, 0) => "Nothing overdue".to_owned(),
                            (Lang::Zh, n) => format!("{n} 项跟进已逾期"),
                            (Lang::En, n) => format!("{n} follow-up(s) overdue"),
                        }}
                    </span>
                </a>
            </nav>
            <section class="card" aria-labelledby="recent-title">
                <h2 id="recent-title">{t("最近的走访", "Latest visits")}</h2>
                <ErrorView error=Signal::derive(move || error_of(all_visits)) />
                {move || {
                    if all_visits.get().is_none() {
                        return view! { <p class="muted">{t("正在读取…", "Loading…")}</p> }.into_any();
                    }
                    let mut list = list_of(all_visits);
                    if list.is_empty() {
                        return view! {
                            <EmptyState title=t("还没有走访记录", "No visits yet") body=t("走访企业时点击“新建走访记录”，记录困难问题、跟进事项和现场照片。", "During a visit, use “New visit record” to note difficulties, follow-ups and photos.") />
                        }.into_any();
                    }
                    newest_first(&mut list);
                    let names = list_of(ledger);
                    view! {
                        <ul class="list visit-list">
                            {list.into_iter().take(RECENT).map(|v| {
                                let name = names.iter().find(|e| e.id == v.data.enterprise_id).map(|e| e.data.name.clone()).unwrap_or_default();
                                view! { <VisitSummary visit=v enterprise=name /> }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
    }
}
