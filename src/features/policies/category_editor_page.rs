//! `/policies/category/:id/edit` and `/policies/categories/new`: the
//! admins' category editor (same save path as guides).

use super::guide_editor_page::AdminOnly;
use super::queries::{category, id_param, is_admin, save_category};
use crate::error::{AppError, ErrorView};
use crate::features::account::CurrentSession;
use crate::i18n::t;
use crate::routing::use_navigate;
use crate::routing::A;
use crate::ui::{field_error, TextArea, TextField};
use domain::ids::RecordId;
use domain::policy::form::CategoryForm;
use leptos::prelude::*;
use leptos::web_sys::SubmitEvent;

/// What the editor opens with, read once (see the guide editor).
#[derive(Clone, PartialEq)]
struct Opened {
    route_id: Option<RecordId>,
    initial: CategoryForm,
    was_sample: bool,
}

/// The editor page (new or existing category).
#[component]
pub fn CategoryEditorPage() -> impl IntoView {
    let id = id_param();
    let record = category(move || id.get());
    let admin = is_admin();
    let admin = Memo::new(move |_| admin.get());
    let session = expect_context::<CurrentSession>();
    let loaded = Memo::new(move |_| session.loaded());
    let new_id = RecordId::generate();
    let opened = Memo::new(move |prev: Option<&Option<Opened>>| {
        let route_id = id.get();
        if let Some(Some(o)) = prev {
            if o.route_id == route_id {
                return Some(o.clone());
            }
        }
        let (initial, was_sample) = match route_id {
            None => (CategoryForm::default(), false),
            Some(_) => {
                let c = record.get()?.ok()??;
                (CategoryForm::from_category(&c.data), c.data.sample)
            }
        };
        Some(Opened {
            route_id,
            initial,
            was_sample,
        })
    });
    move || {
        if !loaded.get() {
            return view! { <section class="page"><p class="muted">{t("正在读取登录状态…", "Checking your login…")}</p></section> }.into_any();
        }
        if !admin.get() {
            return view! { <section class="page"><AdminOnly /></section> }.into_any();
        }
        if let Some(o) = opened.get() {
            let category_id = o.route_id.unwrap_or(new_id);
            return view! {
                <CategoryEditor category_id initial=o.initial was_sample=o.was_sample is_new=o.route_id.is_none() />
            }
            .into_any();
        }
        match record.get() {
            Some(Err(e)) => view! { <section class="page"><ErrorView error=Some(e) /></section> }.into_any(),
            Some(Ok(None)) => view! { <section class="page"><p class="alert alert--warn">{t("找不到这个类别。", "Category not found.")}</p></section> }.into_any(),
            _ => view! { <section class="page"><p class="muted">{t("正在读取…", "Loading…")}</p></section> }.into_any(),
        }
    }
}

#[component]
fn CategoryEditor(
    category_id: RecordId,
    initial: CategoryForm,
    was_sample: bool,
    is_new: bool,
) -> impl IntoView {
    let navigate = use_navigate();
    let name = RwSignal::new(initial.name);
    let name_en = RwSignal::new(initial.name_en);
    let order = RwSignal::new(initial.order);
    let description = RwSignal::new(initial.description);
    let save =
        Action::new_local(|(id, form): &(RecordId, CategoryForm)| save_category(*id, form.clone()));
    let invalid = Signal::derive(move || match save.value().get() {
        Some(Err(AppError::Invalid(e))) => Some(e),
        _ => None,
    });
    let other_error = Signal::derive(move || match save.value().get() {
        Some(Err(AppError::Invalid(_))) | Some(Ok(_)) | None => None,
        Some(Err(e)) => Some(e),
    });
    Effect::new(move |_| {
        if let Some(Ok(id)) = save.value().get() {
            navigate(&format!("/policies/category/{id}"), Default::default());
        }
    });
    let err = move |f: &'static str| field_error(invalid, f);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let form = CategoryForm {
            name: name.get_untracked(),
            name_en: name_en.get_untracked(),
            order: order.get_untracked(),
            description: description.get_untracked(),
        };
        save.dispatch((category_id, form));
    };
    let back = if is_new {
        "/policies".to_owned()
    } else {
        format!("/policies/category/{category_id}")
    };
    view! {
        <section class="page page--narrow policies">
            <h1 class="page__title">{if is_new { t("新增政策类别", "New category") } else { t("编辑政策类别", "Edit category") }}</h1>
            {was_sample.then(|| view! {
                <p class="alert alert--warn">{t("这是示例内容。保存修改后，“示例”标记会去掉。", "This is sample content. Saving your edit removes the “Sample” mark.")}</p>
            })}
            <form class="card form" on:submit=on_submit novalidate>
                <TextField label=t("类别名称", "Category name") value=name name="name" required=true error=err("name") />
                <TextField label=t("英文名称", "English name") value=name_en name="name_en" error=err("name_en") />
                <TextField label=t("显示顺序", "Display order") value=order name="order" inputmode="numeric" hint=t("数字小的排在前面", "Lower numbers come first") error=err("order") />
                <TextArea label=t("说明", "Description") value=description name="description" error=err("description") />
                <ErrorView error=other_error />
                <div class="button-row">
                    <button class="button" type="submit" disabled=move || save.pending().get()>{t("保存", "Save")}</button>
                    <A href=back attr:class="button button--secondary">{t("取消", "Cancel")}</A>
                </div>
            </form>
        </section>
    }
}
