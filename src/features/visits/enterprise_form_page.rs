//! `/visits/enterprises/new` and `/visits/enterprises/:id/edit`: add or edit
//! an enterprise. Saving validates with the domain and works offline.

use super::enterprise_form::{EnterpriseFields, EnterpriseForm};
use super::labels::missing_enterprise;
use super::queries::{enterprise, enterprises, field_values, first_load, list_of, save_enterprise};
use crate::error::{AppError, ErrorView};
use crate::i18n::t;
use crate::routing::use_navigate;
use crate::routing::use_params_map;
use crate::ui::RecordView;
use domain::forms::EnterpriseDraft;
use domain::ids::RecordId;
use domain::validate::ValidationErrors;
use leptos::prelude::*;
use leptos::web_sys::SubmitEvent;

/// The add/edit page: waits for the record when editing, then shows the form.
#[component]
pub fn EnterpriseFormPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .with(|p| p.get("id"))
            .and_then(|s| s.parse::<RecordId>().ok())
    };
    let editing = params.with_untracked(|p| p.get("id").is_some());
    let existing = first_load(enterprise(id));
    if !editing {
        return view! { <EnterpriseEditor id=RecordId::generate() initial=EnterpriseDraft::default() is_new=true /> }.into_any();
    }
    let missing = missing_enterprise();
    view! {
        <RecordView record=existing missing=missing let:e>
            <EnterpriseEditor id=e.id initial=EnterpriseDraft::from(&e.data) is_new=false />
        </RecordView>
    }
    .into_any()
}

#[component]
fn EnterpriseEditor(id: RecordId, initial: EnterpriseDraft, is_new: bool) -> impl IntoView {
    let form = EnterpriseForm::new(initial);
    let navigate = use_navigate();
    let (submitted, set_submitted) = signal(false);
    let errors = Signal::derive(move || {
        if submitted.get() {
            form.draft().to_enterprise().err()
        } else {
            None
        }
    });
    let all = enterprises();
    let industries = Signal::derive(move || field_values(&list_of(all), |e| &e.industry));
    let communities = Signal::derive(move || field_values(&list_of(all), |e| &e.community));
    let save = Action::new_local(move |record: &domain::records::Enterprise| {
        let record = record.clone();
        async move { save_enterprise(id, record).await }
    });
    let save_error = Signal::derive(move || {
        save.value()
            .get()
            .and_then(|r: Result<(), AppError>| r.err())
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = save.value().get() {
            navigate(&format!("/visits/enterprises/{id}"), Default::default());
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        set_submitted.set(true);
        if let Ok(record) = form.draft().to_enterprise() {
            save.dispatch(record);
        }
    };
    let summary = move || errors.get().map(|e: ValidationErrors| e.0.len());
    let cancel_href = if is_new {
        "/visits/enterprises".to_owned()
    } else {
        format!("/visits/enterprises/{id}")
    };
    view! {
        <section class="page">
            <h1 class="page__title">
                {if is_new { t("新增企业", "Add enterprise") } else { t("编辑企业信息", "Edit enterprise") }}
            </h1>
            <form class="form enterprise-form" novalidate on:submit=on_submit>
                <EnterpriseFields form=form errors=errors submitted=submitted.into() industries=industries communities=communities />
                {move || summary().map(|n| view! {
                    <div class="alert alert--error" role="alert">
                        {move || format!("{}{n}{}", t("还有 ", "").get(), t(" 处需要修改，请查看标红的项目。", " field(s) need attention; see the ones marked in red.").get())}
                    </div>
                })}
                <ErrorView error=save_error />
                <div class="form-actions">
                    <a class="button button--secondary" href=cancel_href>{t("取消", "Cancel")}</a>
                    <button class="button" type="submit" disabled=move || save.pending().get()>
                        {t("保存企业", "Save enterprise")}
                    </button>
                </div>
            </form>
        </section>
    }
}
