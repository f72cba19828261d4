//! `/policies/guide/:id/edit` and `/policies/guides/new?category=`: the
//! admins' guide editor. Saving validates with the domain rules, writes the
//! guide and its outbox entry locally (works offline) and drops the 示例
//! mark; sync takes it to the server, which accepts it from admins only.

use super::amount_editor::AmountEditor;
use super::condition_editor::ConditionEditor;
use super::guide_fields::GuideFields;
use super::queries::{
    categories, category_name, discard_guide_draft, guide, guide_draft, guide_draft_key, id_param,
    is_admin, keep_guide_draft, save_guide, sort_categories, Categories,
};
use crate::clock::now;
use crate::error::{AppError, ErrorView};
use crate::features::account::CurrentSession;
use crate::i18n::{t, use_lang};
use crate::routing::A;
use crate::routing::{use_navigate, use_query_map};
use crate::ui::format;
use crate::ui::{field_error, SelectField, TextArea, TextField};
use domain::ids::RecordId;
use domain::lang::Lang;
use domain::policy::form::GuideForm;
use domain::time::Timestamp;
use domain::validate::ValidationErrors;
use leptos::prelude::*;
use leptos::web_sys::SubmitEvent;

/// What the editor opens with: read once, then kept, so a sync that
/// re-reads the store (or the session) never wipes what the admin typed.
#[derive(Clone, PartialEq)]
struct Opened {
    route_id: Option<RecordId>,
    guide_id: RecordId,
    /// The guide as stored (empty for a new one).
    original: GuideForm,
    /// An autosaved draft that differs from it, and when it was saved.
    draft: Option<(GuideForm, Timestamp)>,
    was_sample: bool,
    categories: Categories,
}

/// The editor page (new or existing guide).
#[component]
pub fn GuideEditorPage() -> impl IntoView {
    let id = id_param();
    let query = use_query_map();
    let record = guide(move || id.get());
    let cats = categories();
    let admin = is_admin();
    let admin = Memo::new(move |_| admin.get());
    let session = expect_context::<CurrentSession>();
    let loaded = Memo::new(move |_| session.loaded());
    // A new guide gets its id once, when the page opens.
    let new_id = RecordId::generate();
    let draft = guide_draft(move || guide_draft_key(id.get()));
    let opened = Memo::new(move |prev: Option<&Option<Opened>>| {
        let route_id = id.get();
        if let Some(Some(o)) = prev {
            if o.route_id == route_id {
                return Some(o.clone());
            }
        }
        let mut categories = cats.get()?.ok()?;
        sort_categories(&mut categories);
        // An unreadable draft is as good as none.
        let saved = draft.get()?.ok().flatten();
        let (guide_id, original, was_sample) = match route_id {
            None => {
                let form = GuideForm {
                    category_id: query
                        .with_untracked(|q| q.get("category"))
                        .unwrap_or_default(),
                    ..GuideForm::default()
                };
                (new_id, form, false)
            }
            Some(existing) => {
                let g = record.get()?.ok()??;
                (existing, GuideForm::from_policy(&g.data), g.data.sample)
            }
        };
        let draft = saved
            .filter(|d| d.data != original)
            .map(|d| (d.data, d.updated_at));
        Some(Opened {
            route_id,
            guide_id,
            original,
            draft,
            was_sample,
            categories,
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
            return view! {
                <GuideEditor
                    guide_id=o.guide_id
                    draft_key=guide_draft_key(o.route_id)
                    original=o.original
                    draft=o.draft
                    was_sample=o.was_sample
                    is_new=o.route_id.is_none()
                    categories=o.categories
                />
            }
            .into_any();
        }
        // Not open yet: say why.
        match (cats.get(), id.get().map(|_| record.get())) {
            (Some(Err(e)), _) | (_, Some(Some(Err(e)))) => view! { <section class="page"><ErrorView error=Some(e) /></section> }.into_any(),
            (_, Some(Some(Ok(None)))) => view! {
                <section class="page"><p class="alert alert--warn">{t("找不到这条政策。", "Guide not found.")}</p></section>
            }
            .into_any(),
            _ => view! { <section class="page"><p class="muted">{t("正在读取…", "Loading…")}</p></section> }.into_any(),
        }
    }
}

/// Shown to anyone but an admin.
#[component]
pub fn AdminOnly() -> impl IntoView {
    view! {
        <div class="empty-state" role="status">
            <h2 class="empty-state__title">{t("仅管理员可以编辑", "Admins only")}</h2>
            <p class="empty-state__body">
                {t("政策类别和指南由管理员维护。其他人可以浏览和打印。", "Categories and guides are maintained by admins. Everyone can read and print them.")}
            </p>
            <A href="/login?next=/policies" attr:class="button">{t("管理员登录", "Admin login")}</A>
        </div>
    }
}

#[component]
fn GuideEditor(
    guide_id: RecordId,
    draft_key: String,
    original: GuideForm,
    draft: Option<(GuideForm, Timestamp)>,
    was_sample: bool,
    is_new: bool,
    categories: Categories,
) -> impl IntoView {
    let lang = use_lang();
    let navigate = use_navigate();
    let restored_at = RwSignal::new(draft.as_ref().map(|(_, at)| *at));
    let fields = GuideFields::new(draft.as_ref().map_or(&original, |(form, _)| form));
    let GuideFields {
        category_id,
        title,
        summary,
        eligibility,
        rows,
        support,
        amount_kind,
        amount_first,
        amount_second,
        steps,
        documents,
        valid_from,
        valid_until,
        department,
        contact_phone,
    } = fields;

    // Autosave every change (not the opening state) as a draft.
    let key = draft_key.clone();
    Effect::new(move |opened: Option<()>| {
        let form = fields.read();
        if opened.is_some() {
            let key = key.clone();
            leptos::task::spawn_local(async move {
                // A lost draft only matters if the tab is closed before
                // saving; the form itself still holds everything.
                let _ = keep_guide_draft(key, form).await;
            });
        }
    });
    // The discard button lives in the "draft restored" notice, whose owner is
    // disposed as soon as the notice goes; rows made while refilling must
    // belong to the editor instead, or they would vanish with the notice.
    let editor = Owner::current().expect("the editor renders inside an owner");
    let discard = {
        let key = draft_key.clone();
        move |_| {
            editor.with(|| fields.fill(&original));
            restored_at.set(None);
            let key = key.clone();
            leptos::task::spawn_local(async move {
                let _ = discard_guide_draft(key).await;
            });
        }
    };

    let save = Action::new_local(|(id, form, key): &(RecordId, GuideForm, String)| {
        save_guide(*id, form.clone(), key.clone())
    });
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
            navigate(&format!("/policies/guide/{id}"), Default::default());
        }
    });
    let err = move |f: &'static str| field_error(invalid, f);
    let choices = Signal::derive(move || {
        let lang = lang.get();
        let mut out = vec![(
            String::new(),
            Signal::derive(move || t("请选择类别", "Choose a category").get().to_owned()),
        )];
        out.extend(categories.iter().map(|c| {
            let name = category_name(&c.data, lang);
            (c.id.to_string(), Signal::derive(move || name.clone()))
        }));
        out
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let form = untrack(|| fields.read());
        save.dispatch((guide_id, form, draft_key.clone()));
    };
    let summary_of_errors = move || {
        invalid.get().map(|e: ValidationErrors| {
            view! {
                <div class="alert alert--error" role="alert" data-testid="form-errors">
                    <p>{t("还不能保存，请修改以下内容：", "Not saved yet. Please fix:")}</p>
                    <ul>{e.0.iter().map(|x| view! { <li>{x.message(lang.get())}</li> }).collect_view()}</ul>
                </div>
            }
        })
    };
    let back = if is_new {
        "/policies".to_owned()
    } else {
        format!("/policies/guide/{guide_id}")
    };

    view! {
        <section class="page page--form policies">
            <h1 class="page__title">{if is_new { t("新增政策指南", "New policy guide") } else { t("编辑政策指南", "Edit policy guide") }}</h1>
            {was_sample.then(|| view! {
                <p class="alert alert--warn">{t("这是示例内容。保存修改后，“示例”标记会去掉。", "This is sample content. Saving your edit removes the “Sample” mark.")}</p>
            })}
            <p class="muted">{t("保存在本机，联网后自动同步到服务器和其他设备；离线时也可以保存。未保存的修改会自动暂存在本机。", "Saved on this device and synced when online; saving works offline too. Unsaved changes are kept on this device as a draft.")}</p>
            {move || restored_at.get().map(|at| view! {
                <div class="alert alert--ok" role="status" data-testid="draft-restored">
                    <p>{move || match lang.get() {
                        Lang::Zh => format!("已恢复 {} 未保存的修改。", format::date_time(at, now(), Lang::Zh)),
                        Lang::En => format!("Restored your unsaved changes from {}.", format::date_time(at, now(), Lang::En)),
                    }}</p>
                    <button class="button button--secondary" type="button" on:click=discard.clone()>{t("放弃这些修改", "Discard these changes")}</button>
                </div>
            })}
            <form class="card form guide-form" on:submit=on_submit novalidate>
                <SelectField label=t("政策类别", "Category") value=category_id name="category_id" choices error=err("category_id") />
                <TextField label=t("政策名称", "Title") value=title name="title" required=true error=err("title") />
                <TextArea label=t("摘要", "Summary") value=summary name="summary" error=err("summary") />
                <TextArea label=t("申报条件（文字说明）", "Who is eligible (text)") value=eligibility name="eligibility" error=err("eligibility") />
                <ConditionEditor rows errors=invalid />
                <TextArea label=t("支持内容", "Support") value=support name="support" required=true error=err("support") />
                <AmountEditor kind=amount_kind first=amount_first second=amount_second error=err("amount") />
                <TextArea label=t("申报流程", "How to apply") value=steps name="steps" hint=t("每行一步，页面会自动编号", "One step per line; the page numbers them") error=err("steps") />
                <TextArea label=t("所需材料", "Documents needed") value=documents name="documents" hint=t("每行一项", "One per line") error=err("documents") />
                <div class="form__row">
                    <TextField label=t("有效期自", "Valid from") value=valid_from name="valid_from" kind="date" error=err("valid_from") />
                    <TextField label=t("有效期至", "Valid until") value=valid_until name="valid_until" kind="date" hint=t("不填表示长期有效", "Empty: open-ended") error=err("valid_until") />
                </div>
                <TextField label=t("主管部门", "Department") value=department name="department" required=true error=err("department") />
                <TextField label=t("咨询电话", "Contact phone") value=contact_phone name="contact_phone" kind="tel" inputmode="tel" placeholder=t("如：0532-88531018", "e.g. 0532-88531018") error=err("contact_phone") />
                {summary_of_errors}
                <ErrorView error=other_error />
                <div class="button-row">
                    <button class="button" type="submit" disabled=move || save.pending().get()>
                        {move || if save.pending().get() { t("正在保存…", "Saving…").get() } else { t("保存", "Save").get() }}
                    </button>
                    <A href=back attr:class="button button--secondary">{t("取消", "Cancel")}</A>
                </div>
            </form>
        </section>
    }
}
