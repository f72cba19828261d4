//! `/jobs`: upcoming fairs first, a search box, quick sector chips and the
//! newest positions, read straight from the `posted` index so they show
//! before the full catalog is built.

use super::fair_card::FairGrid;
use super::jobs_section::JobsData;
use super::no_fairs::NoFairsYetLine;
use super::no_positions::NoPositionsYet;
use super::position_card::position_items;
use super::position_filters::use_filter_navigate;
use super::queries::{newest_positions, FIRST_POSITIONS};
use crate::clock::today;
use crate::i18n::t;
use crate::pwa::{keep_start_snapshot, StartPage};
use domain::jobs::{facet_values, split_fairs, PositionFilter};
use leptos::prelude::*;

/// Upcoming fairs shown on the landing page.
const FAIRS_SHOWN: usize = 3;

/// The section's landing page.
#[component]
pub fn JobsHomePage() -> impl IntoView {
    let data = expect_context::<JobsData>();
    let newest = newest_positions(FIRST_POSITIONS);
    let query = RwSignal::new(String::new());
    let go_to = use_filter_navigate();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        go_to(
            &PositionFilter {
                q: query.get_untracked(),
                ..Default::default()
            },
            false,
        );
    };
    // The newest positions and the fairs: what the next start shows before
    // the app has loaded.
    keep_start_snapshot(move || {
        data.saved.track();
        match (data.fairs.read().is_some(), newest.read().as_ref()) {
            (true, Some(Ok(rows))) if !rows.is_empty() => StartPage::Keep,
            (_, Some(_)) => StartPage::Transient,
            (_, None) => StartPage::Loading,
        }
    });
    let upcoming = move || {
        let (upcoming, _) = split_fairs(data.fair_list(), today(), |s| &s.data);
        upcoming.into_iter().take(FAIRS_SHOWN).collect::<Vec<_>>()
    };
    // Sectors by number of positions once the catalog is ready; the fairs'
    // sectors until then.
    let sectors = move || match data.catalog() {
        Some(c) => facet_values(c.newest().map(|(_, p)| p.sector.as_str()))
            .into_iter()
            .map(|(s, _)| s)
            .collect::<Vec<_>>(),
        None => {
            let fairs = data.fair_list();
            facet_values(
                fairs
                    .iter()
                    .flat_map(|f| f.data.sectors.iter().map(String::as_str)),
            )
            .into_iter()
            .map(|(s, _)| s)
            .collect()
        }
    };
    let newest_rows = move || {
        let list = newest.get()?.ok()?;
        if list.is_empty() {
            return Some(view! { <NoPositionsYet /> }.into_any());
        }
        Some(
            view! {
                <ul class="position-list" data-testid="newest-positions">
                    {position_items(list)}
                </ul>
            }
            .into_any(),
        )
    };
    view! {
        <section class="page jobs-page">
            <h1 class="page__title">{t("招聘会与岗位", "Job fairs & positions")}</h1>
            <form class="jobs-search jobs-search--inline" role="search" on:submit=on_submit>
                <label class="field">
                    <span class="field__label">{t("搜索岗位", "Search positions")}</span>
                    <input class="input input--search" type="search" name="q" enterkeyhint="search"
                        placeholder=t("岗位、单位、拼音或首字母", "Title, employer, pinyin or initials")
                        prop:value=query on:input=move |ev| query.set(event_target_value(&ev)) />
                </label>
                <button class="button" type="submit">{t("搜索", "Search")}</button>
            </form>
            <nav class="chips" aria-label=t("按行业找岗位", "Positions by sector")>
                {move || sectors().into_iter().map(|s| {
                    let href = format!("/jobs/positions{}", PositionFilter { sector: Some(s.clone()), ..Default::default() }.to_query());
                    view! { <a class="chip" href=href>{s}</a> }
                }).collect_view()}
            </nav>
            <div class="section-head">
                <h2>{t("近期招聘会", "Upcoming fairs")}</h2>
                <a href="/jobs/fairs">{t("全部招聘会", "All fairs")}</a>
            </div>
            {move || {
                let list = upcoming();
                if list.is_empty() {
                    if data.fairs.read().is_none() {
                        view! { <p class="muted" role="status">{t("正在读取…", "Loading…")}</p> }.into_any()
                    } else if data.no_fairs_yet() {
                        view! { <NoFairsYetLine /> }.into_any()
                    } else {
                        view! { <p class="muted">{t("近期没有招聘会。", "No upcoming fairs.")}</p> }.into_any()
                    }
                } else {
                    view! { <FairGrid fairs=list /> }.into_any()
                }
            }}
            <div class="section-head">
                <h2>{t("最新岗位", "Newest positions")}</h2>
                <a href="/jobs/positions">{t("全部岗位", "All positions")}</a>
            </div>
            {move || newest_rows().unwrap_or_else(|| view! { <p class="muted" role="status">{t("正在读取…", "Loading…")}</p> }.into_any())}
        </section>
    }
}
