//! Guide search results (hanzi or pinyin, `domain::search`), best first,
//! with the matched words marked.

use super::expiry_badge::{ExpiryBadge, SampleMark};
use super::highlighted::Highlighted;
use super::queries::{Categories, Guides};
use crate::clock::today;
use crate::error::{AppError, ErrorView};
use crate::i18n::{t, use_lang};
use crate::query::Query;
use crate::routing::A;
use crate::ui::EmptyState;
use domain::ids::RecordId;
use domain::lang::Lang;
use domain::policy::excerpt;
use domain::search::{policy_document, FieldKind, SearchIndex};
use leptos::prelude::*;
use std::collections::HashMap;

/// Most results listed (there are a few dozen guides; this is a guard).
const LIMIT: usize = 100;
/// Length of the excerpt of a long matched text, in chars.
const EXCERPT_CHARS: usize = 60;

/// The index and the guide data it was built from.
struct Catalogue {
    index: SearchIndex,
    guides: HashMap<RecordId, (domain::records::Policy, String)>,
}

/// Results for the query.
#[component]
pub fn SearchResults(
    #[prop(into)] query: Signal<String>,
    categories: Query<Result<Categories, AppError>>,
    guides: Query<Result<Guides, AppError>>,
) -> impl IntoView {
    let lang = use_lang();
    // Rebuilt only when the data changes, not on every keystroke; never
    // compared (an index has no cheap equality), so always "changed".
    let catalogue = Memo::new_with_compare(
        move |_| {
            crate::pinyin::track();
            let cats: HashMap<RecordId, String> = categories
                .get()?
                .ok()?
                .into_iter()
                .map(|c| (c.id, c.data.name))
                .collect();
            let list = guides.get()?.ok()?;
            let docs = list.iter().map(|g| {
                let cat = cats
                    .get(&g.data.category_id)
                    .map(String::as_str)
                    .unwrap_or("");
                policy_document(g.id, &g.data, cat)
            });
            let index = SearchIndex::build(docs);
            let guides = list
                .into_iter()
                .map(|g| {
                    let cat = cats.get(&g.data.category_id).cloned().unwrap_or_default();
                    (g.id, (g.data, cat))
                })
                .collect();
            Some(std::sync::Arc::new(Catalogue { index, guides }))
        },
        |_, _| true,
    );
    move || {
        if let Some(Err(e)) = guides.get() {
            return view! { <ErrorView error=Some(e) /> }.into_any();
        }
        let Some(cat) = catalogue.get() else {
            return view! { <p class="muted">{t("正在读取政策…", "Loading policies…")}</p> }
                .into_any();
        };
        let q = query.get();
        let results = cat.index.search(&q, LIMIT);
        if results.hits.is_empty() {
            return view! {
                <EmptyState
                    title=t("没有找到相关政策", "No matching guides")
                    body=t("换个说法试试，或减少关键词；也可以返回按类别浏览。", "Try other words or fewer of them, or browse by category.")
                >
                    <A href="/policies" attr:class="button button--secondary">{t("按类别浏览", "Browse by category")}</A>
                </EmptyState>
            }
            .into_any();
        }
        let today = today();
        let total = results.total;
        let items = results
            .hits
            .into_iter()
            .filter_map(|hit| {
                let (policy, category) = cat.guides.get(&hit.key)?.clone();
                let text_of = |field: usize| cat.index.field_text(&hit.key, field).unwrap_or("").to_owned();
                let title_ranges = hit
                    .highlights
                    .iter()
                    .find(|h| h.kind == FieldKind::Title)
                    .map(|h| h.ranges.clone())
                    .unwrap_or_default();
                // The first match outside the title, shown as a short excerpt.
                let other = hit.highlights.iter().find(|h| h.kind != FieldKind::Title).map(|h| {
                    let text = text_of(h.field);
                    let place = match h.kind {
                        FieldKind::Body if text == policy.support => Place::Support,
                        FieldKind::Body => Place::Eligibility,
                        kind => Place::Field(kind),
                    };
                    (place, excerpt(&text, &h.ranges, EXCERPT_CHARS))
                });
                let expiry = policy.expiry(today);
                Some(view! {
                    <li class="guide-card">
                        <A href=format!("/policies/guide/{}", hit.key) attr:class="guide-card__link">
                            <h3 class="guide-card__title">
                                <Highlighted text=policy.title.clone() ranges=title_ranges />
                            </h3>
                            <span class="guide-card__badges">
                                {policy.sample.then(|| view! { <SampleMark /> })}
                                <ExpiryBadge expiry />
                                <span class="badge badge--muted">{category}</span>
                            </span>
                            {other.map(|(kind, e)| view! {
                                <p class="guide-card__excerpt">
                                    <span class="guide-card__where">{move || field_name(kind, lang.get())}</span>
                                    <Highlighted text=e.text ranges=e.ranges />
                                </p>
                            })}
                            <span class="guide-card__dept">{policy.department.clone()}</span>
                        </A>
                    </li>
                })
            })
            .collect_view();
        view! {
            <p class="muted" role="status" data-testid="search-count">
                {move || match lang.get() {
                    Lang::Zh => format!("找到 {total} 条政策"),
                    Lang::En => format!("{total} guides found"),
                }}
            </p>
            <ul class="guide-list" data-testid="search-results">{items}</ul>
        }
        .into_any()
    }
}

/// Where in a guide a match was found.
#[derive(Clone, Copy)]
enum Place {
    Eligibility,
    Support,
    Field(FieldKind),
}

/// The excerpt's lead-in.
fn field_name(place: Place, lang: Lang) -> &'static str {
    let (zh, en) = match place {
        Place::Field(FieldKind::Organization) => ("主管部门", "Department"),
        Place::Field(FieldKind::Category) => ("类别", "Category"),
        Place::Field(FieldKind::Tag) => ("所需材料", "Documents"),
        Place::Field(FieldKind::Summary) => ("摘要", "Summary"),
        Place::Support => ("支持内容", "Support"),
        Place::Eligibility | Place::Field(_) => ("申报条件", "Eligibility"),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}
