//! The repeatable "difficulties raised" rows of the visit form: category
//! and urgency as large tap targets, a description, and when editing, whether
//! it has been resolved and how.

use super::labels::error_at;
use super::visit_form::{edit_row, new_difficulty, row_index};
use crate::i18n::{t, use_lang};
use domain::ids::RecordId;
use domain::lang::{Label, Lang};
use domain::records::{Difficulty, DifficultyCategory, DifficultyStatus, Urgency};
use domain::validate::ValidationErrors;
use leptos::prelude::*;

fn item_id(d: &Difficulty) -> RecordId {
    d.id
}

/// A group of radio buttons drawn as chips.
#[component]
pub fn ChipGroup<T>(
    /// Visible group label.
    #[prop(into)]
    legend: Signal<&'static str>,
    /// Form name shared by the radios.
    name: String,
    /// The options.
    options: &'static [T],
    /// The chosen one.
    #[prop(into)]
    value: Signal<T>,
    /// Called with the new choice.
    on_pick: impl Fn(T) + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Label + Copy + PartialEq + Send + Sync + 'static,
{
    let lang = use_lang();
    view! {
        <fieldset class="chips">
            <legend class="field__label">{legend}</legend>
            <div class="chips__list">
                {options
                    .iter()
                    .map(|&option| {
                        let pick = on_pick.clone();
                        view! {
                            <label class="chip">
                                <input
                                    type="radio"
                                    name=name.clone()
                                    prop:checked=move || value.get() == option
                                    on:change=move |_| pick(option)
                                />
                                <span>{move || option.label(lang.get())}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
        </fieldset>
    }
}

/// One difficulty row.
#[component]
fn DifficultyRow(
    rows: RwSignal<Vec<Difficulty>>,
    id: RecordId,
    errors: Signal<Option<ValidationErrors>>,
) -> impl IntoView {
    let lang = use_lang();
    let index = move || row_index(rows, id, item_id);
    let get = move |f: fn(&Difficulty) -> String| {
        rows.with(|l| l.iter().find(|d| d.id == id).map(f).unwrap_or_default())
    };
    let category = Signal::derive(move || {
        rows.with(|l| {
            l.iter()
                .find(|d| d.id == id)
                .map_or(DifficultyCategory::Other, |d| d.category)
        })
    });
    let urgency = Signal::derive(move || {
        rows.with(|l| {
            l.iter()
                .find(|d| d.id == id)
                .map_or(Urgency::Low, |d| d.urgency)
        })
    });
    let resolved = move || {
        rows.with(|l| {
            l.iter()
                .any(|d| d.id == id && d.status == DifficultyStatus::Resolved)
        })
    };
    let description_error = error_at(errors, move || {
        index().map(|i| format!("difficulties.{i}.description"))
    });
    let (desc_id, err_id) = (
        format!("difficulty-{id}-description"),
        format!("difficulty-{id}-error"),
    );
    let title = move || {
        let n = index().map_or(0, |i| i + 1);
        match lang.get() {
            Lang::Zh => format!("困难 {n}"),
            Lang::En => format!("Difficulty {n}"),
        }
    };
    view! {
        <fieldset class="row-card" data-testid="difficulty-row">
            <legend class="row-card__title">{title}</legend>
            <ChipGroup
                legend=t("类别", "Category")
                name=format!("category-{id}")
                options=&DifficultyCategory::ALL
                value=category
                on_pick=move |c| edit_row(rows, id, item_id, |d| d.category = c)
            />
            <ChipGroup
                legend=t("紧急程度", "Urgency")
                name=format!("urgency-{id}")
                options=&Urgency::ALL
                value=urgency
                on_pick=move |u| edit_row(rows, id, item_id, |d| d.urgency = u)
            />
            <div class="field">
                <label class="field__label" for=desc_id.clone()>
                    {t("困难描述", "Description")} <span class="field__req" aria-hidden="true">" *"</span>
                </label>
                <textarea
                    class="input"
                    id=desc_id
                    required
                    aria-describedby=err_id.clone()
                    aria-invalid=move || if description_error.with(Option::is_some) { "true" } else { "false" }
                    prop:value=move || get(|d| d.description.clone())
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        edit_row(rows, id, item_id, |d| d.description = text);
                    }
                ></textarea>
                <span class="field__error" id=err_id role="alert">{move || description_error.get()}</span>
            </div>
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=resolved
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        edit_row(rows, id, item_id, |d| {
                            d.status = if on { DifficultyStatus::Resolved } else { DifficultyStatus::Open };
                        });
                    }
                />
                <span>{t("已解决", "Resolved")}</span>
            </label>
            <Show when=resolved>
                <label class="field">
                    <span class="field__label">{t("解决情况", "How it was resolved")}</span>
                    <textarea
                        class="input"
                        prop:value=move || get(|d| d.resolution.clone())
                        on:input=move |ev| {
                            let text = event_target_value(&ev);
                            edit_row(rows, id, item_id, |d| d.resolution = text);
                        }
                    ></textarea>
                </label>
            </Show>
            <button
                class="button button--secondary row-card__remove"
                type="button"
                on:click=move |_| rows.update(|l| l.retain(|d| d.id != id))
            >
                {move || format!("{}{}", t("删除", "Remove ").get(), title())}
            </button>
        </fieldset>
    }
}

/// Every difficulty row and the "add" button.
#[component]
pub fn DifficultyRows(
    rows: RwSignal<Vec<Difficulty>>,
    errors: Signal<Option<ValidationErrors>>,
) -> impl IntoView {
    view! {
        <div class="rows">
            <Show when=move || rows.with(Vec::is_empty)>
                <p class="muted">{t("企业没有提出困难时可留空。", "Leave empty if the enterprise raised none.")}</p>
            </Show>
            <For
                each=move || rows.with(|l| l.iter().map(|d| d.id).collect::<Vec<_>>())
                key=|id| *id
                children=move |id| view! { <DifficultyRow rows=rows id=id errors=errors /> }
            />
            <button class="button button--secondary" type="button" on:click=move |_| rows.update(|l| l.push(new_difficulty()))>
                "+ " {t("添加困难问题", "Add a difficulty")}
            </button>
        </div>
    }
}
