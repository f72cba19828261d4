//! The repeatable "follow-up actions" rows of the visit form: action, owner,
//! due date, status, and optionally the difficulty it answers.

use super::labels::error_at;
use super::visit_form::{edit_row, new_follow_up, row_index};
use crate::clock::today;
use crate::i18n::{t, use_lang};
use domain::forms::FollowUpDraft;
use domain::ids::RecordId;
use domain::lang::Lang;
use domain::records::{Difficulty, FollowUpStatus};
use domain::validate::ValidationErrors;
use leptos::prelude::*;

fn item_id(f: &FollowUpDraft) -> RecordId {
    f.id
}

/// A labelled text input bound to one field of a row.
#[component]
fn RowInput(
    #[prop(into)] label: Signal<&'static str>,
    input_id: String,
    #[prop(optional)] kind: Option<&'static str>,
    #[prop(into)] value: Signal<String>,
    on_input: impl Fn(String) + 'static,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let err_id = format!("{input_id}-error");
    view! {
        <div class="field">
            <label class="field__label" for=input_id.clone()>
                {label} <span class="field__req" aria-hidden="true">" *"</span>
            </label>
            <input
                class="input"
                id=input_id
                type=kind.unwrap_or("text")
                required
                aria-describedby=err_id.clone()
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                prop:value=value
                on:input=move |ev| on_input(event_target_value(&ev))
            />
            <span class="field__error" id=err_id role="alert">{move || error.get()}</span>
        </div>
    }
}

/// One follow-up row.
#[component]
fn FollowUpRow(
    rows: RwSignal<Vec<FollowUpDraft>>,
    difficulties: RwSignal<Vec<Difficulty>>,
    id: RecordId,
    errors: Signal<Option<ValidationErrors>>,
) -> impl IntoView {
    let lang = use_lang();
    let index = move || row_index(rows, id, item_id);
    let field = move |f: fn(&FollowUpDraft) -> String| {
        Signal::derive(move || {
            rows.with(|l| l.iter().find(|r| r.id == id).map(f).unwrap_or_default())
        })
    };
    let err = move |name: &'static str| {
        error_at(errors, move || {
            index().map(|i| format!("follow_ups.{i}.{name}"))
        })
    };
    let title = move || {
        let n = index().map_or(0, |i| i + 1);
        match lang.get() {
            Lang::Zh => format!("跟进事项 {n}"),
            Lang::En => format!("Follow-up {n}"),
        }
    };
    let status_id = format!("follow-up-{id}-status");
    let link_id = format!("follow-up-{id}-difficulty");
    view! {
        <fieldset class="row-card" data-testid="follow-up-row">
            <legend class="row-card__title">{title}</legend>
            <RowInput
                label=t("跟进事项", "Action")
                input_id=format!("follow-up-{id}-action")
                value=field(|r| r.action.clone())
                on_input=move |v| edit_row(rows, id, item_id, |r| r.action = v)
                error=err("action")
            />
            <div class="row-card__pair">
                <RowInput
                    label=t("责任人", "Owner")
                    input_id=format!("follow-up-{id}-owner")
                    value=field(|r| r.owner.clone())
                    on_input=move |v| edit_row(rows, id, item_id, |r| r.owner = v)
                    error=err("owner")
                />
                <RowInput
                    label=t("完成期限", "Due date")
                    input_id=format!("follow-up-{id}-due")
                    kind="date"
                    value=field(|r| r.due.clone())
                    on_input=move |v| edit_row(rows, id, item_id, |r| r.due = v)
                    error=err("due")
                />
            </div>
            <div class="row-card__pair">
                <div class="field">
                    <label class="field__label" for=status_id.clone()>{t("状态", "Status")}</label>
                    <select
                        class="input"
                        id=status_id
                        prop:value=move || if rows.with(|l| l.iter().any(|r| r.id == id && r.status == FollowUpStatus::Done)) { "done" } else { "open" }
                        on:change=move |ev| {
                            let done = event_target_value(&ev) == "done";
                            edit_row(rows, id, item_id, |r| r.status = if done { FollowUpStatus::Done } else { FollowUpStatus::Open });
                        }
                    >
                        <option value="open">{t("待办", "To do")}</option>
                        <option value="done">{t("已完成", "Done")}</option>
                    </select>
                </div>
                <div class="field">
                    <label class="field__label" for=link_id.clone()>{t("针对的困难（可选）", "Answers difficulty (optional)")}</label>
                    <select
                        class="input"
                        id=link_id
                        prop:value=move || rows.with(|l| l.iter().find(|r| r.id == id).and_then(|r| r.difficulty_id).map(|d| d.to_string()).unwrap_or_default())
                        on:change=move |ev| {
                            let picked = event_target_value(&ev).parse::<RecordId>().ok();
                            edit_row(rows, id, item_id, |r| r.difficulty_id = picked);
                        }
                    >
                        <option value="">{t("不关联", "None")}</option>
                        {move || difficulties.get().into_iter().enumerate().map(|(i, d)| {
                            let text: String = d.description.chars().take(24).collect();
                            let label = match lang.get() {
                                Lang::Zh => format!("困难 {}：{}", i + 1, text),
                                Lang::En => format!("Difficulty {}: {}", i + 1, text),
                            };
                            view! { <option value=d.id.to_string()>{label}</option> }
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <button
                class="button button--secondary row-card__remove"
                type="button"
                on:click=move |_| rows.update(|l| l.retain(|r| r.id != id))
            >
                {move || format!("{}{}", t("删除", "Remove ").get(), title())}
            </button>
        </fieldset>
    }
}

/// Every follow-up row and the "add" button.
#[component]
pub fn FollowUpRows(
    rows: RwSignal<Vec<FollowUpDraft>>,
    difficulties: RwSignal<Vec<Difficulty>>,
    /// Default owner of a new row (the staff member).
    #[prop(into)]
    owner: Signal<String>,
    errors: Signal<Option<ValidationErrors>>,
) -> impl IntoView {
    view! {
        <div class="rows">
            <Show when=move || rows.with(Vec::is_empty)>
                <p class="muted">{t("没有需要跟进的事项时可留空。", "Leave empty if nothing needs following up.")}</p>
            </Show>
            <For
                each=move || rows.with(|l| l.iter().map(|r| r.id).collect::<Vec<_>>())
                key=|id| *id
                children=move |id| view! { <FollowUpRow rows=rows difficulties=difficulties id=id errors=errors /> }
            />
            <button
                class="button button--secondary"
                type="button"
                on:click=move |_| rows.update(|l| l.push(new_follow_up(owner.get_untracked(), today())))
            >
                "+ " {t("添加跟进事项", "Add a follow-up")}
            </button>
        </div>
    }
}
