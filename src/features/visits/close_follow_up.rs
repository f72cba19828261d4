//! One follow-up action with its due state and history, and closing it
//! with a note (anyone signed in may; the history keeps every step).

use super::queries::{close_follow_up, signed_in_name};
use crate::clock::{now, today};
use crate::error::{AppError, ErrorView};
use crate::features::account::CurrentSession;
use crate::i18n::{t, use_lang};
use crate::ui::format;
use domain::followup::{due_state, DueState};
use domain::ids::RecordId;
use domain::lang::Lang;
use domain::records::{FollowUp, FollowUpStatus};
use leptos::prelude::*;

/// The badge class of a due state.
fn badge_class(state: DueState) -> &'static str {
    match state {
        DueState::Overdue { .. } => "badge badge--danger",
        DueState::Today | DueState::ThisWeek { .. } => "badge badge--warn",
        DueState::Later { .. } => "badge",
        DueState::Done => "badge badge--ok",
    }
}

/// A follow-up as a list item.
#[component]
pub fn FollowUpItem(
    /// The visit that holds it.
    visit_id: RecordId,
    /// The follow-up.
    follow_up: FollowUp,
    /// The enterprise's name, when the list mixes enterprises.
    #[prop(optional)]
    enterprise: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let session = expect_context::<CurrentSession>();
    let state = due_state(&follow_up, today());
    let (closing, set_closing) = signal(false);
    let note = RwSignal::new(String::new());
    let close = Action::new_local(move |note: &String| {
        let by = signed_in_name(session);
        close_follow_up(visit_id, follow_up.id, by, note.clone())
    });
    let error = Signal::derive(move || {
        close
            .value()
            .get()
            .and_then(|r: Result<(), AppError>| r.err())
    });
    let due = follow_up.due;
    let open = follow_up.status == FollowUpStatus::Open;
    let note_id = format!("close-note-{}", follow_up.id);
    let history = follow_up.history.clone();
    view! {
        <li class="list__item follow-up" data-testid="follow-up">
            <div class="follow-up__head">
                <span class=badge_class(state)>{move || state.describe(lang.get())}</span>
                <span class="follow-up__action">{follow_up.action.clone()}</span>
            </div>
            <p class="follow-up__meta inline-facts">
                {enterprise.map(|name| view! {
                    <span><a href=format!("/visits/{visit_id}")>{name}</a></span>
                })}
                <span>{t("责任人：", "Owner: ")} {follow_up.owner.clone()}</span>
                <span>
                    {t("期限：", "Due: ")} {move || format::date_short(due, today(), lang.get())}
                </span>
            </p>
            {(!history.is_empty()).then(|| view! {
                <ol class="follow-up__history" aria-label=t("处理记录", "History")>
                    {history.into_iter().map(|e| {
                        let closed = e.status == FollowUpStatus::Done;
                        view! {
                            <li>
                                {move || format::date_time(e.at, now(), lang.get())} " "
                                {e.by.clone()} " "
                                {move || match (closed, lang.get()) {
                                    (true, Lang::Zh) => "关闭",
                                    (true, Lang::En) => "closed",
                                    (false, Lang::Zh) => "重新打开",
                                    (false, Lang::En) => "reopened",
                                }}
                                {(!e.note.is_empty()).then(|| format!("：{}", e.note))}
                            </li>
                        }
                    }).collect_view()}
                </ol>
            })}
            {open.then(|| view! {
                <Show
                    when=move || closing.get()
                    fallback=move || view! {
                        <button class="button button--secondary" type="button" on:click=move |_| set_closing.set(true)>
                            {t("标记完成", "Mark done")}
                        </button>
                    }
                >
                    <div class="follow-up__close">
                        <label class="field" for=note_id.clone()>
                            <span class="field__label">{t("办理情况（可选）", "What was done (optional)")}</span>
                        </label>
                        <textarea
                            class="input"
                            id=note_id.clone()
                            maxlength="1000"
                            prop:value=note
                            on:input=move |ev| note.set(event_target_value(&ev))
                        ></textarea>
                        <div class="button-row">
                            <button class="button button--secondary" type="button" on:click=move |_| set_closing.set(false)>
                                {t("取消", "Cancel")}
                            </button>
                            <button
                                class="button"
                                type="button"
                                disabled=move || close.pending().get()
                                on:click=move |_| { close.dispatch(note.get_untracked()); }
                            >
                                {t("确认完成", "Confirm done")}
                            </button>
                        </div>
                    </div>
                </Show>
            })}
            <ErrorView error=error />
        </li>
    }
}
