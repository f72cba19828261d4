//! 意向登记: a job seeker leaves a name and mobile number for a position.
//! Works offline: the registration waits in the outbox and the page says
//! honestly whether it has reached the office yet.

use super::jobs_section::JobsData;
use super::queries::register_interest;
use crate::clock::now;
use crate::error::{AppError, ErrorView};
use crate::i18n::{t, use_lang};
use crate::ui::format::date_time;
use crate::ui::{field_error, TextArea, TextField};
use domain::ids::RecordId;
use domain::jobs::MyRegistration;
use domain::records::Interest;
use domain::validate::ValidationErrors;
use leptos::prelude::*;

/// The registration status for a position, or the form.
#[component]
pub fn InterestSection(position_id: RecordId, employer_id: RecordId) -> impl IntoView {
    let data = expect_context::<JobsData>();
    let lang = use_lang();
    let again = RwSignal::new(false);
    // A memo, so the form below is rebuilt (and what is typed in it cleared)
    // only when this position's registration changes, not whenever the
    // device's registrations are read again (as when the page loads).
    let mine = Memo::new(move |_| {
        data.registrations
            .get()
            .and_then(Result::ok)
            .and_then(|list| MyRegistration::latest_for(&list, position_id).cloned())
    });
    let unsent = move |id: RecordId| {
        data.unsent
            .get()
            .and_then(Result::ok)
            .is_some_and(|set| set.contains(&id))
    };
    view! {
        <section class="card interest" aria-labelledby="interest-title">
            <h2 id="interest-title">{t("意向登记", "Register your interest")}</h2>
            {move || match mine.get() {
                Some(reg) if !again.get() => {
                    let pending = unsent(reg.interest_id);
                    view! {
                        <div class="alert" class:alert--warn=pending class:alert--ok=!pending role="status" data-testid="interest-status">
                            <strong>{if pending { t("已提交，待同步", "Submitted, waiting to sync").get() } else { t("已提交", "Submitted").get() }}</strong>
                            <p>
                                {if pending {
                                    t("登记已保存在本机，联网后会自动发送给街道工作人员。", "Saved on this device; it is sent to the office automatically when you are online.").get()
                                } else {
                                    t("街道工作人员已收到您的登记，会尽快与您联系。", "The office has your registration and will contact you.").get()
                                }}
                            </p>
                            <p class="muted">{move || format!("{} {}", t("提交时间", "Submitted").get(), date_time(reg.at, now(), lang.get()))}</p>
                        </div>
                        <button type="button" class="button button--secondary" on:click=move |_| again.set(true)>
                            {t("重新登记", "Register again")}
                        </button>
                    }.into_any()
                }
                _ => view! { <InterestForm position_id employer_id on_done=move || again.set(false) /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn InterestForm(
    position_id: RecordId,
    employer_id: RecordId,
    on_done: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let message = RwSignal::new(String::new());
    let submit = Action::new_local(move |interest: &Interest| {
        let interest = interest.clone();
        async move { register_interest(interest).await }
    });
    let invalid = Signal::derive(move || match submit.value().get() {
        Some(Err(AppError::Invalid(e))) => Some(e),
        _ => None::<ValidationErrors>,
    });
    let other_error = Signal::derive(move || match submit.value().get() {
        Some(Err(e)) if !matches!(e, AppError::Invalid(_)) => Some(e),
        _ => None,
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = submit.value().get() {
            on_done();
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submit.dispatch(Interest {
            position_id,
            employer_id: Some(employer_id),
            name: name.get_untracked().trim().to_owned(),
            phone: phone.get_untracked().trim().to_owned(),
            message: message.get_untracked().trim().to_owned(),
            created_at: now(),
        });
    };
    view! {
        <form class="form" on:submit=on_submit novalidate>
            <p class="muted">
                {t(
                    "留下姓名和手机号，街道工作人员会帮您联系用人单位。无需注册，没有网络也能提交。",
                    "Leave your name and mobile number; the office will put you in touch with the employer. No account needed, works offline.",
                )}
            </p>
            <TextField label=t("姓名", "Name") value=name name="name" required=true autocomplete="name"
                error=field_error(invalid, "name") />
            <TextField label=t("手机号", "Mobile number") value=phone name="phone" kind="tel" required=true
                autocomplete="tel" inputmode="tel" placeholder=t("如 13912345678", "e.g. 13912345678")
                error=field_error(invalid, "phone") />
            <TextArea label=t("留言（选填）", "Message (optional)") value=message name="message"
                hint=t("如：想了解住宿、上班时间", "e.g. ask about housing or hours") error=field_error(invalid, "message") />
            <ErrorView error=other_error />
            <button class="button button--block" type="submit" disabled=move || submit.pending().get()>
                {t("提交登记", "Submit")}
            </button>
        </form>
    }
}
