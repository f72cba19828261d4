//! `/policies`: search box, then the category grid or the search results.
//! The query lives in the URL (`?q=`), so "back" from a guide keeps it.

use super::category_grid::CategoryGrid;
use super::queries::{categories, guides, is_admin};
use super::search_results::SearchResults;
use crate::i18n::t;
use crate::routing::NavigateOptions;
use crate::routing::A;
use crate::routing::{use_navigate, use_query_map};
use domain::search::has_terms;
use leptos::prelude::*;

/// The section's start page.
#[component]
pub fn PoliciesPage() -> impl IntoView {
    let query = use_query_map();
    let navigate = use_navigate();
    let typed = Memo::new(move |_| query.with(|q| q.get("q")).unwrap_or_default());
    let on_input = move |ev| {
        let text: String = event_target_value(&ev);
        let url = if text.is_empty() {
            "/policies".to_owned()
        } else {
            format!("/policies?q={}", js_sys::encode_uri_component(&text))
        };
        // Replace, not push: one history entry per search, not per keystroke.
        navigate(
            &url,
            NavigateOptions {
                replace: true,
                scroll: false,
            },
        );
    };
    let categories = categories();
    let guides = guides();
    let admin = is_admin();

    view! {
        <section class="page policies">
            <div class="page-head">
                <h1 class="page__title">{t("政策指南", "Policy guides")}</h1>
                <div class="button-row">
                    <A href="/policies/match" attr:class="button">{t("政策匹配", "Policy matcher")}</A>
                    {move || admin.get().then(|| view! {
                        <A href="/policies/categories/new" attr:class="button button--secondary">{t("新增类别", "New category")}</A>
                    })}
                </div>
            </div>
            <p class="muted policies__intro">
                {t(
                    "通济街道汇编的 19 个方面惠企政策。可按类别浏览，或输入政策名称、主管部门、关键词搜索（支持拼音，如 gaoxin、wengang）。",
                    "Support policies compiled by Tongji in 19 categories. Browse by category, or search by title, department or keyword (pinyin works too, e.g. gaoxin).",
                )}
            </p>
            <form class="policy-search" role="search" on:submit=|ev| ev.prevent_default()>
                <label class="field">
                    <span class="field__label">{t("搜索政策", "Search policies")}</span>
                    <input
                        class="input policy-search__input"
                        type="search"
                        name="q"
                        autocomplete="off"
                        enterkeyhint="search"
                        placeholder=t("如：稳岗、人才、gaoxin", "e.g. 稳岗, talent, gaoxin")
                        prop:value=typed
                        on:input=on_input
                    />
                </label>
            </form>
            {move || {
                if has_terms(&typed.get()) {
                    view! { <SearchResults query=typed categories guides /> }.into_any()
                } else {
                    view! { <CategoryGrid categories guides /> }.into_any()
                }
            }}
        </section>
    }
}
