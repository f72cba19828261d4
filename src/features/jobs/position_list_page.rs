//! `/jobs/positions`: search as you type, filters and order from the URL,
//! and the matching positions.

use super::jobs_section::JobsData;
use super::no_positions::NoPositionsYet;
use super::position_card::{position_items, PositionCard};
use super::position_filters::{use_filter_navigate, PositionFilters};
use super::queries::{newest_positions, FIRST_POSITIONS};
use crate::i18n::{t, use_lang};
use crate::pwa::{keep_start_snapshot, StartPage};
use crate::routing::use_query_map;
use crate::ui::EmptyState;
use domain::jobs::{Listing, PositionFilter};
use domain::lang::Lang;
use domain::search::Narrowing;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// Rows shown at first and added by "show more" (a phone shows about
/// three; fewer rows keep each keystroke cheap to render).
const PAGE: usize = 20;
/// The search text reaches the URL this long after the last keystroke, so
/// typing does not go through the router on every letter.
const URL_DELAY_MS: u64 = 400;

/// Milliseconds from the page's clock (sub-millisecond where available).
fn now_ms() -> f64 {
    window()
        .performance()
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// "2.20": milliseconds to two decimals, by integer arithmetic, because
/// `{:.2}` on an `f64` is the only float formatting on the first screen and
/// would bring core's float printing (about 6 KB raw) into the start bundle.
fn hundredths(ms: f64) -> String {
    let n = (ms.max(0.0) * 100.0).round() as u64;
    format!("{}.{:02}", n / 100, n % 100)
}

/// The position list page.
#[component]
pub fn PositionListPage() -> impl IntoView {
    let data = expect_context::<JobsData>();
    let lang = use_lang();
    let query = use_query_map();
    let in_url = Memo::new(move |_| query.with(|q| PositionFilter::from_pairs(q)));
    // Text typed but not yet in the URL, with the URL text it was typed
    // over: once the URL moves on (the delayed write, or the back button),
    // the URL wins again. Derived, so nothing copies the URL by hand.
    let typed = RwSignal::new(None::<(String, String)>);
    let filter = Memo::new(move |_| {
        let mut f = in_url.get();
        if let Some((over, text)) = typed.get() {
            if over == f.q {
                f.q = text;
            }
        }
        f
    });
    let keystrokes = StoredValue::new(0u64);
    // How long the last query took (ms), shown as `data-search-ms` for
    // benchmarks. A signal, so a query whose results equal the previous
    // ones (the memo keeps its value) still shows its own time.
    let search_ms = RwSignal::new(0.0f64);
    // "Show more" applies to the filter it was pressed for; a new filter
    // starts again at one page.
    let more = RwSignal::new((PositionFilter::default(), PAGE));
    let shown = move || more.with(|(f, n)| if *f == filter.get() { *n } else { PAGE });
    let typing = StoredValue::new(Narrowing::default());
    let listing = Memo::new(move |_| {
        let catalog = data.catalog()?;
        let f = filter.get();
        let limit = shown();
        let started = now_ms();
        let listing = typing.try_update_value(|n| catalog.query(&f, n, limit));
        search_ms.set(now_ms() - started);
        listing
    });
    let go_to = use_filter_navigate();
    let go_typed = go_to.clone();
    let type_text = move |text: String| {
        typed.set(Some((in_url.get_untracked().q, text)));
        let stroke = keystrokes.try_update_value(|n| {
            *n += 1;
            *n
        });
        let go = go_typed.clone();
        set_timeout(
            move || {
                if keystrokes.try_get_value() == stroke {
                    go(&filter.get_untracked(), true);
                }
            },
            std::time::Duration::from_millis(URL_DELAY_MS),
        );
    };
    let type_composed = type_text.clone();
    let on_input = move |ev: leptos::ev::Event| {
        // While an input method is composing, wait for the final text.
        let composing = js_sys::Reflect::get(&ev, &JsValue::from_str("isComposing"))
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        if composing {
            return;
        }
        type_text(event_target_value(&ev));
    };
    let on_composed =
        move |ev: leptos::ev::CompositionEvent| type_composed(event_target_value(&ev));
    let go_clear = go_to.clone();
    let clear = move |_| {
        typed.set(None);
        go_clear(&PositionFilter::default(), false)
    };
    let go_clear_empty = go_to.clone();
    let clear_from_empty = move |_| {
        typed.set(None);
        go_clear_empty(&PositionFilter::default(), false)
    };
    let first = newest_positions(FIRST_POSITIONS);

    let count_text = move || {
        listing.get().map(|l| match lang.get() {
            Lang::Zh => format!("共 {} 个岗位", l.total),
            Lang::En => format!("{} positions", l.total),
        })
    };
    let rows = move || {
        let catalog = data.catalog()?;
        let listing: Listing = listing.get()?;
        Some(
            listing
                .items
                .into_iter()
                .filter_map(|item| {
                    let p = catalog.position(item.id)?.clone();
                    let employer = catalog.employer_name(p.employer_id).unwrap_or_default().to_owned();
                    Some(view! {
                        <li><PositionCard id=item.id position=p employer highlights=item.highlights /></li>
                    })
                })
                .collect_view(),
        )
    };
    // Before the catalog is built, show the newest few straight from the
    // `posted` index when nothing is filtered.
    let preview = move || {
        if data.catalog().is_some() || filter.read() != PositionFilter::default() {
            return None;
        }
        let list = first.get().and_then(Result::ok)?;
        Some(position_items(list))
    };
    // The unfiltered first page, as the catalog or the preview draws it, is
    // what the next start shows before the app has loaded.
    keep_start_snapshot(move || {
        data.saved.track();
        let has_rows = match listing.read().as_ref() {
            Some(l) => Some(l.total > 0),
            None => first
                .read()
                .as_ref()
                .map(|r| r.as_ref().is_ok_and(|rows| !rows.is_empty())),
        };
        match has_rows {
            None => StartPage::Loading,
            Some(true) if filter.read() == PositionFilter::default() && shown() == PAGE => {
                StartPage::Keep
            }
            Some(_) => StartPage::Transient,
        }
    });
    let has_more = move || listing.get().is_some_and(|l| l.items.len() < l.total);
    let is_empty = move || listing.get().is_some_and(|l| l.total == 0);
    let filtered = move || {
        let f = filter.read();
        f.has_filters() || !f.q.trim().is_empty()
    };

    view! {
        <section class="page jobs-page">
            <h1 class="page__title">{t("找岗位", "Find a position")}</h1>
            <form class="jobs-search" role="search" on:submit=|ev| ev.prevent_default()>
                <label class="field">
                    <span class="field__label">{t("搜索岗位、单位、行业、地点或福利", "Search titles, employers, sectors, places or benefits")}</span>
                    <input
                        class="input input--search"
                        type="search"
                        name="q"
                        autocomplete="off"
                        enterkeyhint="search"
                        placeholder=t("如：缝纫、fz、包吃住", "e.g. 缝纫, fz, 包吃住")
                        prop:value=move || filter.read().q.clone()
                        on:input=on_input
                        on:compositionend=on_composed
                    />
                    <span class="field__hint">{t("可输入汉字、拼音或拼音首字母", "Hanzi, pinyin or pinyin initials")}</span>
                </label>
            </form>
            <PositionFilters filter />
            <div class="jobs-results__bar">
                <p class="jobs-results__count" role="status" aria-live="polite" data-testid="result-count"
                    data-search-ms=move || hundredths(search_ms.get())>
                    {move || count_text().unwrap_or_else(|| t("正在载入全部岗位…", "Loading all positions…").get().to_owned())}
                </p>
                <Show when=filtered>
                    <button type="button" class="button button--secondary" on:click=clear.clone()>
                        {t("清除筛选", "Clear filters")}
                    </button>
                </Show>
            </div>
            {move || is_empty().then(|| {
                if !filtered() {
                    return view! { <NoPositionsYet /> }.into_any();
                }
                let clear = clear_from_empty.clone();
                view! {
                    <EmptyState
                        title=t("没有符合条件的岗位", "No positions match")
                        body=t("换个关键词试试，或者清除筛选条件查看全部岗位。", "Try other words, or clear the filters to see every position.")
                    >
                        <button type="button" class="button" on:click=clear>
                            {t("清除筛选", "Clear filters")}
                        </button>
                    </EmptyState>
                }
                .into_any()
            })}
            <ul class="position-list" data-testid="position-list">
                {rows}
                {preview}
            </ul>
            <Show when=has_more>
                <button
                    type="button"
                    class="button button--secondary button--block"
                    on:click=move |_| more.set((filter.get_untracked(), shown() + PAGE))
                >
                    {t("显示更多", "Show more")}
                </button>
            </Show>
        </section>
    }
}
