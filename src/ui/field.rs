//! Labelled form inputs. Every input has a visible label, an optional hint
//! and an error message tied to it for assistive technology.

use crate::i18n::use_lang;
use domain::validate::ValidationErrors;
use leptos::prelude::*;
use std::sync::atomic::{AtomicU32, Ordering};

static NEXT_ID: AtomicU32 = AtomicU32::new(0);

fn fresh_id(prefix: &str) -> String {
    format!("{prefix}-{}", NEXT_ID.fetch_add(1, Ordering::Relaxed))
}

/// The message for one field out of a form's validation errors, in the
/// current language.
pub fn field_error(
    errors: Signal<Option<ValidationErrors>>,
    field: &'static str,
) -> Signal<Option<String>> {
    let lang = use_lang();
    Signal::derive(move || {
        errors.with(|e| {
            e.as_ref()
                .and_then(|e| e.field(field))
                .map(|e| e.message(lang.get()))
        })
    })
}

/// Hint and error lines under an input.
#[component]
fn FieldNotes(
    hint_id: String,
    error_id: String,
    hint: Option<Signal<&'static str>>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        {hint.map(|h| view! { <span class="field__hint" id=hint_id.clone()>{h}</span> })}
        <span class="field__error" id=error_id role="alert">{move || error.get()}</span>
    }
}

/// A one-line text input (also `tel`, `date`, `number`, `search`...).
#[component]
pub fn TextField(
    /// Visible label.
    #[prop(into)]
    label: Signal<&'static str>,
    /// The value.
    value: RwSignal<String>,
    /// Field key (form name, test hook).
    #[prop(optional)]
    name: &'static str,
    /// Input type; `text` by default.
    #[prop(optional)]
    kind: Option<&'static str>,
    /// Hint under the input.
    #[prop(optional, into)]
    hint: Option<Signal<&'static str>>,
    /// Error under the input.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
    /// Marks the field required.
    #[prop(optional)]
    required: bool,
    /// Browser autocomplete token.
    #[prop(optional)]
    autocomplete: Option<&'static str>,
    /// Keyboard to show on phones (`numeric`, `tel`, `decimal`).
    #[prop(optional)]
    inputmode: Option<&'static str>,
    /// Placeholder example.
    #[prop(optional, into)]
    placeholder: Option<Signal<&'static str>>,
) -> impl IntoView {
    let (hint_id, error_id) = (fresh_id("hint"), fresh_id("err"));
    let described = if hint.is_some() {
        format!("{hint_id} {error_id}")
    } else {
        error_id.clone()
    };
    view! {
        <label class="field">
            <span class="field__label">{label} {required.then_some(view! { <span class="field__req" aria-hidden="true">" *"</span> })}</span>
            <input
                class="input"
                name=name
                type=kind.unwrap_or("text")
                required=required
                autocomplete=autocomplete
                inputmode=inputmode
                placeholder=move || placeholder.map(|p| p.get())
                aria-describedby=described
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                prop:value=value
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            <FieldNotes hint_id error_id hint error />
        </label>
    }
}

/// A multi-line text input.
#[component]
pub fn TextArea(
    /// Visible label.
    #[prop(into)]
    label: Signal<&'static str>,
    /// The value.
    value: RwSignal<String>,
    /// Field key.
    #[prop(optional)]
    name: &'static str,
    /// Hint under the input.
    #[prop(optional, into)]
    hint: Option<Signal<&'static str>>,
    /// Error under the input.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
    /// Marks the field required.
    #[prop(optional)]
    required: bool,
) -> impl IntoView {
    let (hint_id, error_id) = (fresh_id("hint"), fresh_id("err"));
    let described = if hint.is_some() {
        format!("{hint_id} {error_id}")
    } else {
        error_id.clone()
    };
    view! {
        <label class="field">
            <span class="field__label">{label} {required.then_some(view! { <span class="field__req" aria-hidden="true">" *"</span> })}</span>
            <textarea
                class="input"
                name=name
                required=required
                aria-describedby=described
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                prop:value=value
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
            <FieldNotes hint_id error_id hint error />
        </label>
    }
}

/// One choice of a [`SelectField`]: its value and its label.
pub type Choice = (String, Signal<String>);

/// A drop-down list.
#[component]
pub fn SelectField(
    /// Visible label.
    #[prop(into)]
    label: Signal<&'static str>,
    /// The selected value.
    value: RwSignal<String>,
    /// The choices.
    #[prop(into)]
    choices: Signal<Vec<Choice>>,
    /// Field key.
    #[prop(optional)]
    name: &'static str,
    /// Error under the input.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
    /// Hint under the input.
    #[prop(optional, into)]
    hint: Option<Signal<&'static str>>,
) -> impl IntoView {
    let (hint_id, error_id) = (fresh_id("hint"), fresh_id("err"));
    let described = if hint.is_some() {
        format!("{hint_id} {error_id}")
    } else {
        error_id.clone()
    };
    view! {
        <label class="field">
            <span class="field__label">{label}</span>
            <select
                class="input"
                name=name
                aria-describedby=described
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                prop:value=value
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                {move || {
                    choices
                        .get()
                        .into_iter()
                        .map(|(v, l)| {
                            let selected = value.get_untracked() == v;
                            view! { <option value=v selected=selected>{l}</option> }
                        })
                        .collect_view()
                }}
            </select>
            <FieldNotes hint_id error_id hint error />
        </label>
    }
}

/// A checkbox with its label.
#[component]
pub fn CheckboxField(
    /// Visible label.
    #[prop(into)]
    label: Signal<&'static str>,
    /// Checked or not.
    value: RwSignal<bool>,
    /// Field key.
    #[prop(optional)]
    name: &'static str,
) -> impl IntoView {
    view! {
        <label class="check">
            <input type="checkbox" name=name prop:checked=value on:change=move |ev| value.set(event_target_checked(&ev)) />
            <span>{label}</span>
        </label>
    }
}
