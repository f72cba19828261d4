//! "Policies presented": the matcher's suggestions for the chosen
//! enterprise first, then every guide, searchable.

use super::policy_matches::report;
use super::queries::{list_of, Records};
use crate::i18n::{t, use_lang};
use domain::ids::RecordId;
use domain::lang::Lang;
use domain::policy::Eligibility;
use domain::records::{Enterprise, Policy, PolicyCategory};
use domain::search::{has_terms, policy_document, SearchIndex};
use leptos::prelude::*;

/// Suggestions shown before the full list.
const SUGGESTED: usize = 6;

/// One guide as a checkbox.
#[component]
fn GuideCheck(
    value: RwSignal<Vec<RecordId>>,
    id: RecordId,
    title: String,
    /// "符合条件" / "可能符合" badge of a suggestion.
    #[prop(optional)]
    badge: Option<(bool, &'static str, &'static str)>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <label class="check guide-check">
            <input
                type="checkbox"
                prop:checked=move || value.with(|l| l.contains(&id))
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    value.update(|l| {
                        l.retain(|x| *x != id);
                        if on {
                            l.push(id);
                        }
                    });
                }
            />
            <span>
                {title}
                {badge.map(|(eligible, zh, en)| view! {
                    " "
                    <span class="badge" class:badge--ok=eligible class:badge--warn=!eligible>
                        {move || if lang.get() == Lang::Zh { zh } else { en }}
                    </span>
                })}
            </span>
        </label>
    }
}

/// The picker.
#[component]
pub fn PolicyPicker(
    /// Guides presented.
    value: RwSignal<Vec<RecordId>>,
    /// The enterprise visited, once chosen.
    #[prop(into)]
    enterprise: Signal<Option<Enterprise>>,
    /// Every guide.
    guides: Records<Policy>,
    /// Every category (for search).
    categories: Records<PolicyCategory>,
) -> impl IntoView {
    let lang = use_lang();
    let (filter, set_filter) = signal(String::new());
    let suggestions = Memo::new_with_compare(
        move |_| {
            let Some(e) = enterprise.get() else {
                return Vec::new();
            };
            report(guides, &e)
                .current
                .into_iter()
                .filter(|m| !matches!(m.eligibility, Eligibility::NotEligible { .. }))
                .take(SUGGESTED)
                .collect::<Vec<_>>()
        },
        |_, _| true,
    );
    let index = Memo::new_with_compare(
        move |_| {
            crate::pinyin::track();
            let cats = list_of(categories);
            SearchIndex::build(list_of(guides).iter().map(|g| {
                let category = cats
                    .iter()
                    .find(|c| c.id == g.data.category_id)
                    .map_or("", |c| c.data.name.as_str());
                policy_document(g.id, &g.data, category)
            }))
        },
        |_, _| true,
    );
    let all = move || {
        let list = list_of(guides);
        let q = filter.get();
        if has_terms(&q) {
            index
                .with(|i| i.search(&q, list.len().max(1)))
                .hits
                .into_iter()
                .filter_map(|h| {
                    list.iter()
                        .find(|g| g.id == h.key)
                        .map(|g| (g.id, g.data.title.clone()))
                })
                .collect::<Vec<_>>()
        } else {
            let mut l: Vec<_> = list.into_iter().map(|g| (g.id, g.data.title)).collect();
            domain::sort::sort_by(&mut l, |a, b| a.1.cmp(&b.1));
            l
        }
    };
    let count = move || value.with(Vec::len);
    view! {
        <div class="policy-picker">
            <p class="field__hint" role="status">
                {move || match lang.get() {
                    Lang::Zh => format!("已选 {} 项", count()),
                    Lang::En => format!("{} selected", count()),
                }}
            </p>
            {move || {
                if enterprise.with(Option::is_none) {
                    return view! { <p class="muted">{t("选择企业后，这里会列出它可能符合的政策。", "Once an enterprise is chosen, the policies it may qualify for are listed here.")}</p> }.into_any();
                }
                let list = suggestions.get();
                if list.is_empty() {
                    return view! { <p class="muted">{t("没有匹配到推荐政策，可在下方全部政策中选择。", "No suggestion; choose from every guide below.")}</p> }.into_any();
                }
                view! {
                    <fieldset class="guide-group">
                        <legend class="field__label">{t("推荐政策（按企业情况匹配）", "Suggested for this enterprise")}</legend>
                        {list.into_iter().map(|m| {
                            let eligible = m.eligibility == Eligibility::Eligible;
                            let badge = if eligible { (true, "符合条件", "Eligible") } else { (false, "可能符合", "Possibly eligible") };
                            view! { <GuideCheck value=value id=m.id title=m.title badge=badge /> }
                        }).collect_view()}
                    </fieldset>
                }.into_any()
            }}
            <details class="guide-all">
                <summary>{t("从全部政策中选择", "Choose from every guide")}</summary>
                <label class="field">
                    <span class="field__label">{t("筛选政策", "Filter guides")}</span>
                    <input
                        class="input"
                        type="search"
                        autocomplete="off"
                        prop:value=filter
                        on:input=move |ev| set_filter.set(event_target_value(&ev))
                    />
                </label>
                <div class="guide-all__list">
                    {move || all().into_iter().map(|(id, title)| view! { <GuideCheck value=value id=id title=title /> }).collect_view()}
                </div>
            </details>
        </div>
    }
}
