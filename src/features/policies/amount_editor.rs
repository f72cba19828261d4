//! The guide editor's amount rule: a kind and its figures, with a preview
//! in the words the guide page uses.

use crate::i18n::{t, use_lang};
use domain::lang::Label;
use domain::policy::form::{code, from_code, AmountForm, AmountKind};
use leptos::prelude::*;

/// The amount rule's inputs.
#[component]
pub fn AmountEditor(
    kind: RwSignal<AmountKind>,
    first: RwSignal<String>,
    second: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let preview = move || {
        let form = AmountForm {
            kind: kind.get(),
            first: first.get(),
            second: second.get(),
        };
        match form.to_amount() {
            Ok(Some(a)) => Some(a.describe().get(lang.get()).to_owned()),
            _ => None,
        }
    };
    let figure = move |label: domain::lang::Text, value: RwSignal<String>, name: &'static str| {
        view! {
            <label class="field">
                <span class="field__label">{move || label.get(lang.get())}</span>
                <input
                    class="input"
                    name=name
                    inputmode="decimal"
                    prop:value=value
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
            </label>
        }
    };
    view! {
        <fieldset class="amount-editor">
            <legend>{t("金额规则（用于估算支持金额）", "Amount rule (for estimates)")}</legend>
            <label class="field">
                <span class="field__label">{t("估算方式", "How to estimate")}</span>
                <select
                    class="input"
                    name="amount_kind"
                    on:change=move |ev| {
                        if let Some(k) = from_code::<AmountKind>(&event_target_value(&ev)) {
                            kind.set(k);
                        }
                    }
                >
                    {AmountKind::ALL
                        .into_iter()
                        .map(|k| view! { <option value=code(&k) selected=move || kind.get() == k>{move || k.label(lang.get())}</option> })
                        .collect_view()}
                </select>
            </label>
            <div class="amount-editor__figures">
                {move || {
                    let (a, b) = kind.get().inputs();
                    view! {
                        {a.map(|l| figure(l, first, "amount_first"))}
                        {b.map(|l| figure(l, second, "amount_second"))}
                    }
                }}
            </div>
            <p class="muted">{move || preview().map(|p| format!("{}{p}", t("预览：", "Preview: ").get()))}</p>
            <span class="field__error" role="alert">{move || error.get()}</span>
        </fieldset>
    }
}
