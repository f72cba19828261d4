//! A figure of the matcher's profile: a labelled input and a "不清楚"
//! (unknown) box. Unknown is the empty value, so the box is ticked exactly
//! when nothing is typed; ticking it clears the input.

use crate::i18n::t;
use leptos::html::Input;
use leptos::prelude::*;

/// One optional figure.
#[component]
pub fn FigureField(
    /// Visible label (with the unit).
    #[prop(into)]
    label: Signal<&'static str>,
    /// The typed value; empty = unknown.
    value: RwSignal<String>,
    /// Field key (form name, error key).
    name: &'static str,
    /// Phone keyboard (`decimal`, `numeric`); text when absent.
    #[prop(optional)]
    inputmode: Option<&'static str>,
    /// Hint under the input (an example).
    #[prop(optional, into)]
    hint: Option<Signal<&'static str>>,
    /// Error under the input.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let input = NodeRef::<Input>::new();
    let unknown = t("不清楚", "Unknown");
    let error_id = format!("{name}-error");
    let hint_id = format!("{name}-hint");
    let described = if hint.is_some() {
        format!("{hint_id} {error_id}")
    } else {
        error_id.clone()
    };
    let on_unknown = move |ev: leptos::ev::Event| {
        if event_target_checked(&ev) {
            value.set(String::new());
        } else if value.with_untracked(|v| v.trim().is_empty()) {
            // Still unknown until something is typed: keep the box honest
            // and send the user to the input.
            let target: leptos::web_sys::HtmlInputElement = event_target(&ev);
            target.set_checked(true);
            if let Some(el) = input.get() {
                let _ = el.focus();
            }
        }
    };
    view! {
        <div class="figure" class:figure--unknown=move || value.with(|v| v.trim().is_empty())>
            <label class="field figure__field">
                <span class="field__label">{label}</span>
                <input
                    class="input"
                    name=name
                    inputmode=inputmode
                    autocomplete="off"
                    placeholder=unknown
                    node_ref=input
                    aria-describedby=described
                    aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                    prop:value=value
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
                {hint.map(|h| view! { <span class="field__hint" id=hint_id>{h}</span> })}
                <span class="field__error" id=error_id role="alert">{move || error.get()}</span>
            </label>
            <label class="check figure__unknown">
                <input
                    type="checkbox"
                    aria-label=move || format!("{}：{}", label.get(), unknown.get())
                    prop:checked=move || value.with(|v| v.trim().is_empty())
                    on:change=on_unknown
                />
                <span aria-hidden="true">{unknown}</span>
            </label>
        </div>
    }
}
