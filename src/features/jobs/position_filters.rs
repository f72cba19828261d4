//! The filter controls of the position list. Their state is the URL query
//! (`domain::jobs::PositionFilter`): changing one navigates, so the back
//! button undoes it and the address is a shareable link.

use super::jobs_section::JobsData;
use crate::i18n::{t, use_lang};
use crate::routing::use_navigate;
use crate::routing::NavigateOptions;
use domain::jobs::{facet_values, PositionFilter, SortOrder, EXPERIENCE_CHOICES, SALARY_BANDS};
use domain::lang::{Label, Lang};
use domain::records::Education;
use leptos::prelude::*;

/// A function that goes to the position list with a filter; `replace`
/// keeps typing from filling the history with one entry per keystroke.
/// Call it while building a component (it reads the router context).
pub fn use_filter_navigate() -> impl Fn(&PositionFilter, bool) + Clone + 'static {
    let navigate = use_navigate();
    move |filter: &PositionFilter, replace: bool| {
        navigate(
            &format!("/jobs/positions{}", filter.to_query()),
            NavigateOptions {
                replace,
                scroll: false,
            },
        )
    }
}

/// One labelled drop-down bound to a field of the filter.
#[component]
fn FilterSelect(
    #[prop(into)] label: Signal<&'static str>,
    name: &'static str,
    /// `(value, label)`; the first is "any" with an empty value.
    #[prop(into)]
    choices: Signal<Vec<(String, String)>>,
    /// The current value.
    #[prop(into)]
    value: Signal<String>,
    /// Applies a chosen value to the filter.
    apply: fn(&mut PositionFilter, &str),
    filter: Memo<PositionFilter>,
) -> impl IntoView {
    let go_to = use_filter_navigate();
    view! {
        <label class="field filters__field">
            <span class="field__label">{label}</span>
            <select
                class="input"
                name=name
                on:change=move |ev| {
                    let mut f = filter.get_untracked();
                    apply(&mut f, &event_target_value(&ev));
                    go_to(&f, false);
                }
            >
                {move || {
                    let current = value.get();
                    choices
                        .get()
                        .into_iter()
                        .map(|(v, l)| {
                            let selected = v == current;
                            view! { <option value=v selected=selected>{l}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </label>
    }
}

fn any(lang: Lang) -> String {
    match lang {
        Lang::Zh => "不限".into(),
        Lang::En => "Any".into(),
    }
}

/// Sector, salary, education, experience, fair, location and order.
#[component]
pub fn PositionFilters(filter: Memo<PositionFilter>) -> impl IntoView {
    let data = expect_context::<JobsData>();
    let lang = use_lang();
    let facet = move |pick: fn(&domain::records::Position) -> &str| {
        let mut out = vec![(String::new(), any(lang.get()))];
        if let Some(catalog) = data.catalog() {
            out.extend(
                facet_values(catalog.newest().map(|(_, p)| pick(p)))
                    .into_iter()
                    .map(|(v, n)| (v.clone(), format!("{v}（{n}）"))),
            );
        }
        out
    };
    let sectors = Memo::new(move |_| facet(|p| p.sector.as_str()));
    let locations = Memo::new(move |_| facet(|p| p.location.as_str()));
    let salaries = Memo::new(move |_| {
        let mut out = vec![(String::new(), any(lang.get()))];
        out.extend(
            SALARY_BANDS
                .iter()
                .map(|b| (b.to_query(), b.label(lang.get()))),
        );
        out
    });
    let educations = Memo::new(move |_| {
        let mut out = vec![(String::new(), any(lang.get()))];
        out.extend(Education::ALL.iter().skip(1).map(|e| {
            let pairs = PositionFilter {
                education: Some(*e),
                ..Default::default()
            }
            .to_pairs();
            (pairs[0].1.clone(), e.label(lang.get()).to_owned())
        }));
        out
    });
    let experiences = Memo::new(move |_| {
        let mut out = vec![(String::new(), any(lang.get()))];
        out.extend(EXPERIENCE_CHOICES.iter().map(|y| {
            let text = match (lang.get(), y) {
                (Lang::Zh, 0) => "无经验".to_owned(),
                (Lang::Zh, y) => format!("{y}年及以下"),
                (Lang::En, 0) => "None".to_owned(),
                (Lang::En, y) => format!("{y} years or less"),
            };
            (y.to_string(), text)
        }));
        out
    });
    let fairs = Memo::new(move |_| {
        let mut out = vec![(String::new(), any(lang.get()))];
        out.extend(
            data.fair_list()
                .into_iter()
                .map(|f| (f.id.to_string(), f.data.name)),
        );
        out
    });
    let sorts = Memo::new(move |_| {
        [SortOrder::Best, SortOrder::Newest, SortOrder::Salary]
            .into_iter()
            .map(|s| {
                let value = PositionFilter {
                    sort: s,
                    ..Default::default()
                }
                .to_pairs()
                .pop()
                .map(|(_, v)| v)
                .unwrap_or_default();
                (value, s.label(lang.get()).to_owned())
            })
            .collect::<Vec<_>>()
    });
    // Memos, not derived signals: the filter changes on every keystroke of
    // the search box, and a derived signal would recount the facets over
    // every position and rebuild each drop-down's options each time.
    let value_of = move |key: &'static str| {
        Memo::new(move |_| {
            filter
                .read()
                .to_pairs()
                .into_iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v)
                .unwrap_or_default()
        })
    };
    let count = move || {
        let f = filter.read();
        [
            f.sector.is_some(),
            f.salary.is_some(),
            f.education.is_some(),
            f.experience.is_some(),
            f.fair.is_some(),
            f.location.is_some(),
        ]
        .into_iter()
        .filter(|b| *b)
        .count()
    };
    let summary = t("筛选条件", "Filters");
    view! {
        <details class="filters" open=move || filter.read().has_filters()>
            <summary class="filters__summary">
                {summary}
                {move || match count() {
                    0 => String::new(),
                    n => format!("（{n}）"),
                }}
            </summary>
            <div class="filters__grid">
                <FilterSelect label=t("行业", "Sector") name="sector" choices=sectors value=value_of("sector") filter
                    apply=|f, v| f.sector = (!v.is_empty()).then(|| v.to_owned()) />
                <FilterSelect label=t("月薪", "Monthly salary") name="salary" choices=salaries value=value_of("salary") filter
                    apply=|f, v| f.salary = domain::jobs::SalaryBand::parse(v) />
                <FilterSelect label=t("我的学历", "My education") name="edu" choices=educations value=value_of("edu") filter
                    apply=|f, v| f.education = PositionFilter::from_pairs([("edu", v)]).education />
                <FilterSelect label=t("我的工作经验", "My experience") name="exp" choices=experiences value=value_of("exp") filter
                    apply=|f, v| f.experience = v.parse().ok() />
                <FilterSelect label=t("招聘会", "Fair") name="fair" choices=fairs value=value_of("fair") filter
                    apply=|f, v| f.fair = v.parse().ok() />
                <FilterSelect label=t("工作地点", "Location") name="loc" choices=locations value=value_of("loc") filter
                    apply=|f, v| f.location = (!v.is_empty()).then(|| v.to_owned()) />
                <FilterSelect label=t("排序", "Order") name="sort" choices=sorts value=value_of("sort") filter
                    apply=|f, v| f.sort = PositionFilter::from_pairs([("sort", v)]).sort />
            </div>
        </details>
    }
}
