//! The 统一社会信用代码 input, checked as it is typed: "校验位正确 ✓" or
//! exactly what is wrong (which character, how many are missing, what the
//! check character should be), by `domain::forms::CreditCodeFeedback`.

use crate::i18n::{t, use_lang};
use domain::forms::CreditCodeFeedback;
use leptos::prelude::*;

/// The credit code input with live feedback.
#[component]
pub fn CreditCodeField(
    /// The code as typed.
    value: RwSignal<String>,
    /// Whether a save was attempted (then an unacceptable code is an error).
    #[prop(into)]
    submitted: Signal<bool>,
) -> impl IntoView {
    let lang = use_lang();
    let feedback = Memo::new(move |_| value.with(|v| CreditCodeFeedback::of(v)));
    // While the code is still being typed, a short code is not yet wrong.
    let wrong = move || match feedback.get() {
        CreditCodeFeedback::Empty | CreditCodeFeedback::Valid => false,
        CreditCodeFeedback::Length { len } => len > 18 || submitted.get(),
        _ => true,
    };
    view! {
        <label class="field">
            <span class="field__label">{t("统一社会信用代码", "Unified social credit code")}</span>
            <input
                class="input input--code"
                name="credit_code"
                autocomplete="off"
                autocapitalize="characters"
                spellcheck="false"
                aria-describedby="credit-code-feedback"
                aria-invalid=move || if wrong() { "true" } else { "false" }
                prop:value=value
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            <span
                id="credit-code-feedback"
                class="credit-feedback"
                class:credit-feedback--ok=move || feedback.get().is_valid()
                class:credit-feedback--bad=wrong
                role="status"
                aria-live="polite"
                data-testid="credit-code-feedback"
            >
                {move || feedback.get().message(lang.get())}
            </span>
        </label>
    }
}
