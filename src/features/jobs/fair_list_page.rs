//! `/jobs/fairs`: upcoming fairs first, then past ones.

use super::fair_card::FairGrid;
use super::jobs_section::JobsData;
use super::no_fairs::NoFairsYet;
use crate::clock::today;
use crate::error::ErrorView;
use crate::i18n::t;
use crate::ui::EmptyState;
use domain::jobs::split_fairs;
use leptos::prelude::*;

/// The fair list.
#[component]
pub fn FairListPage() -> impl IntoView {
    let data = expect_context::<JobsData>();
    let split = Signal::derive(move || {
        data.fairs
            .get()
            .map(|r| r.map(|list| split_fairs(list, today(), |s| &s.data)))
    });
    let error = Signal::derive(move || split.get().and_then(|r| r.err()));
    let upcoming = move || split.get().and_then(Result::ok).map(|(u, _)| u);
    let past = move || split.get().and_then(Result::ok).map(|(_, p)| p);
    view! {
        <section class="page jobs-page">
            <h1 class="page__title">{t("招聘会", "Job fairs")}</h1>
            <ErrorView error=error />
            <Show when=move || split.get().is_none()>
                <p class="muted" role="status">{t("正在读取招聘会…", "Loading fairs…")}</p>
            </Show>
            <Show when=move || !data.no_fairs_yet() fallback=|| view! { <NoFairsYet /> }>
                <h2>{t("即将举办", "Upcoming")}</h2>
                {move || upcoming().map(|list| if list.is_empty() {
                    view! {
                        <EmptyState
                            title=t("近期没有招聘会", "No upcoming fairs")
                            body=t("新的招聘会发布后会显示在这里。也可以先看看岗位。", "New fairs will appear here. Meanwhile, browse the positions.")
                        >
                            <a class="button" href="/jobs/positions">{t("查看岗位", "Browse positions")}</a>
                        </EmptyState>
                    }.into_any()
                } else {
                    view! { <FairGrid fairs=list /> }.into_any()
                })}
                <h2>{t("往期招聘会", "Past fairs")}</h2>
                {move || past().map(|list| if list.is_empty() {
                    view! { <p class="muted">{t("还没有往期招聘会。", "No past fairs yet.")}</p> }.into_any()
                } else {
                    view! { <FairGrid fairs=list /> }.into_any()
                })}
            </Show>
        </section>
    }
}
