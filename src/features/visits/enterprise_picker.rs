//! Choosing the enterprise of a visit: search the ledger (hanzi or pinyin)
//! and tap a result; the choice shows as a card that can be changed.

use super::queries::{enterprise_index, list_of, Records};
use crate::i18n::t;
use domain::ids::RecordId;
use domain::records::Enterprise;
use domain::search::has_terms;
use leptos::prelude::*;

/// Results shown under the search box.
const SHOWN: usize = 8;

/// The picker.
#[component]
pub fn EnterprisePicker(
    /// The chosen enterprise.
    value: RwSignal<Option<RecordId>>,
    /// The ledger.
    ledger: Records<Enterprise>,
    /// Error for the field.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let (query, set_query) = signal(String::new());
    let index = Memo::new_with_compare(move |_| enterprise_index(&list_of(ledger)), |_, _| true);
    let chosen = move || {
        let id = value.get()?;
        ledger
            .get()
            .and_then(Result::ok)
            .and_then(|l| l.into_iter().find(|e| e.id == id))
    };
    let results = move || {
        let q = query.get();
        if !has_terms(&q) {
            return Vec::new();
        }
        let list = list_of(ledger);
        index
            .with(|i| i.search(&q, SHOWN))
            .hits
            .into_iter()
            .filter_map(|h| list.iter().find(|e| e.id == h.key).cloned())
            .collect::<Vec<_>>()
    };
    view! {
        <div class="field picker">
            {move || match chosen() {
                Some(e) => view! {
                    <div class="picker__chosen" data-testid="chosen-enterprise">
                        <span class="field__label">{t("走访企业", "Enterprise")}</span>
                        <strong class="picker__name">{e.data.name.clone()}</strong>
                        <span class="muted">{e.data.industry.clone()} " · " {e.data.community.clone()}</span>
                        <button class="button button--secondary" type="button" on:click=move |_| value.set(None)>
                            {t("更换企业", "Change enterprise")}
                        </button>
                    </div>
                }
                .into_any(),
                None => view! {
                    <label class="field">
                        <span class="field__label">
                            {t("走访企业", "Enterprise")} <span class="field__req" aria-hidden="true">" *"</span>
                        </span>
                        <input
                            class="input"
                            type="search"
                            autocomplete="off"
                            aria-describedby="enterprise-picker-error"
                            aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                            placeholder=move || t("输入企业名称、行业或村居（可用拼音）", "Type a name, industry or community (pinyin works)").get()
                            prop:value=query
                            on:input=move |ev| set_query.set(event_target_value(&ev))
                        />
                        <span class="field__error" id="enterprise-picker-error" role="alert">{move || error.get()}</span>
                    </label>
                    <ul class="picker__results" aria-label=t("搜索结果", "Results")>
                        {move || {
                            let found = results();
                            if found.is_empty() && has_terms(&query.get()) {
                                return view! { <li class="muted">{t("没有找到。可先在企业台账中新增这家企业。", "Nothing found. Add the enterprise to the ledger first.")}</li> }.into_any();
                            }
                            found.into_iter().map(|e| {
                                let id = e.id;
                                view! {
                                    <li>
                                        <button class="picker__result" type="button" on:click=move |_| { value.set(Some(id)); set_query.set(String::new()); }>
                                            <strong>{e.data.name.clone()}</strong>
                                            <span class="muted">{e.data.industry.clone()} " · " {e.data.community.clone()}</span>
                                        </button>
                                    </li>
                                }
                            }).collect_view().into_any()
                        }}
                    </ul>
                }
                .into_any(),
            }}
        </div>
    }
}
