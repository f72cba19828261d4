//! The 19 category tiles with their guide counts: two columns on a phone,
//! three or four on a tablet.

use super::queries::{category_name, sort_categories, Categories, Guides};
use crate::error::{AppError, ErrorView};
use crate::i18n::{t, use_lang};
use crate::query::Query;
use crate::routing::A;
use crate::sync::{Phase, SyncStatus};
use crate::ui::EmptyState;
use domain::ids::RecordId;
use domain::lang::Lang;
use leptos::prelude::*;
use std::collections::HashMap;

/// The grid of categories.
#[component]
pub fn CategoryGrid(
    categories: Query<Result<Categories, AppError>>,
    guides: Query<Result<Guides, AppError>>,
) -> impl IntoView {
    let lang = use_lang();
    let status = expect_context::<SyncStatus>();
    move || {
        let (cats, all) = match (categories.get(), guides.get()) {
            (Some(Err(e)), _) | (_, Some(Err(e))) => {
                return view! { <ErrorView error=Some(e) /> }.into_any();
            }
            (Some(Ok(c)), Some(Ok(g))) => (c, g),
            _ => {
                return view! { <p class="muted">{t("正在读取政策…", "Loading policies…")}</p> }
                    .into_any()
            }
        };
        if cats.is_empty() && matches!(status.phase.get(), Phase::Syncing(_)) {
            return view! {
                <p class="muted" role="status">{t("正在从服务器下载政策指南…", "Downloading the policy guides…")}</p>
            }
            .into_any();
        }
        if cats.is_empty() {
            return view! {
                <EmptyState
                    title=t("还没有政策类别", "No categories yet")
                    body=t("政策指南需要联网同步一次，之后保存在本机，可离线查看。", "The guides need one sync with a connection; after that they are on this device and work offline.")
                />
            }
            .into_any();
        }
        let mut cats = cats;
        sort_categories(&mut cats);
        let mut counts: HashMap<RecordId, usize> = HashMap::new();
        for g in &all {
            *counts.entry(g.data.category_id).or_default() += 1;
        }
        let lang_now = lang.get();
        view! {
            <p class="muted category-grid__summary">
                {match lang_now {
                    Lang::Zh => format!("共 {} 类、{} 条政策指南", cats.len(), all.len()),
                    Lang::En => format!("{} categories, {} guides", cats.len(), all.len()),
                }}
            </p>
            <ul class="category-grid" aria-label=t("政策类别", "Policy categories")>
                {cats
                    .into_iter()
                    .map(|c| {
                        let n = counts.get(&c.id).copied().unwrap_or(0);
                        let name = category_name(&c.data, lang_now);
                        let count = match lang_now {
                            Lang::Zh => format!("{n} 条指南"),
                            Lang::En if n == 1 => "1 guide".to_owned(),
                            Lang::En => format!("{n} guides"),
                        };
                        view! {
                            <li>
                                <A href=format!("/policies/category/{}", c.id) attr:class="category-tile">
                                    <span class="category-tile__name">{name}</span>
                                    <span class="category-tile__count">{count}</span>
                                    <span class="category-tile__desc">{c.data.description.clone()}</span>
                                </A>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    }
}
