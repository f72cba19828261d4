//! `/policies/category/:id`: a category and its guides.

use super::expiry_badge::SampleMark;
use super::guide_card::{sort_guides, GuideCard};
use super::queries::{category, category_name, guides_in, id_param, is_admin};
use crate::error::ErrorView;
use crate::i18n::{t, use_lang};
use crate::routing::A;
use crate::ui::{EmptyState, Missing, RecordView};
use leptos::prelude::*;

/// One category's page.
#[component]
pub fn CategoryPage() -> impl IntoView {
    let id = id_param();
    let cat = category(move || id.get());
    let list = guides_in(move || id.get());
    let admin = is_admin();
    let lang = use_lang();

    let missing = Missing {
        title: t("找不到这个类别", "Category not found"),
        body: t(
            "它可能已被删除，或尚未同步到本机。",
            "It may have been removed, or not synced to this device yet.",
        ),
        back: Some(("/policies", t("返回政策指南", "Back to policy guides"))),
    };
    let header = view! {
        <RecordView record=Signal::derive(move || cat.get()) missing=missing let:c>
            {
                let cid = c.id;
                let data = c.data;
                let name = {
                    let data = data.clone();
                    move || category_name(&data, lang.get())
                };
                view! {
                    <div class="page-head">
                        <h1 class="page__title">{name} " " {data.sample.then(|| view! { <SampleMark /> })}</h1>
                        {move || admin.get().then(|| view! {
                            <div class="button-row">
                                <A href=format!("/policies/category/{cid}/edit") attr:class="button button--secondary">{t("编辑类别", "Edit category")}</A>
                                <A href=format!("/policies/guides/new?category={cid}") attr:class="button">{t("新增指南", "New guide")}</A>
                            </div>
                        })}
                    </div>
                    <p class="muted">{data.description.clone()}</p>
                }
            }
        </RecordView>
    };

    let guides = move || match list.get() {
        None => view! { <p class="muted">{t("正在读取…", "Loading…")}</p> }.into_any(),
        Some(Err(e)) => view! { <ErrorView error=Some(e) /> }.into_any(),
        Some(Ok(items)) if items.is_empty() => {
            // A missing category already says so above.
            if matches!(cat.get(), Some(Ok(None))) {
                return ().into_any();
            }
            view! {
                <EmptyState
                    title=t("这一类还没有政策指南", "No guides in this category yet")
                    body=t("管理员可以在这里新增指南；新增后会同步到每台设备。", "Admins can add guides here; they reach every device on sync.")
                />
            }
            .into_any()
        }
        Some(Ok(mut items)) => {
            sort_guides(&mut items);
            view! {
                <ul class="guide-list" aria-label=t("本类政策指南", "Guides in this category")>
                    {items.into_iter().map(|g| view! { <GuideCard guide=g /> }).collect_view()}
                </ul>
            }
            .into_any()
        }
    };

    view! {
        <section class="page policies">
            <nav class="breadcrumb" aria-label=t("位置", "Breadcrumb")>
                <A href="/policies">{t("政策指南", "Policy guides")}</A>
                <span aria-hidden="true">" › "</span>
            </nav>
            {header}
            {guides}
        </section>
    }
}
