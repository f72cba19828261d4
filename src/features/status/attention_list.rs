//! Writes the server refused: shown with its reason until the user retries
//! or discards them. Nothing is dropped silently.

use super::queries::needs_attention;
use crate::clock::now;
use crate::error::AppError;
use crate::i18n::{t, use_lang};
use crate::store::outbox;
use crate::ui::format;
use domain::lang::Label;
use leptos::prelude::*;

/// The "needs attention" list.
#[component]
pub fn AttentionList() -> impl IntoView {
    let entries = needs_attention();
    let lang = use_lang();
    let retry = Action::new_local(|seq: &u64| {
        let seq = *seq;
        async move { outbox::retry(seq).await.map_err(AppError::from) }
    });
    let discard = Action::new_local(|seq: &u64| {
        let seq = *seq;
        async move { outbox::discard(seq).await.map_err(AppError::from) }
    });
    move || {
        let list = entries.get().and_then(|r| r.ok()).unwrap_or_default();
        (!list.is_empty()).then(|| {
            view! {
                <section class="card card--danger" aria-labelledby="attention-title" data-testid="needs-attention">
                    <h2 id="attention-title">{t("需要处理", "Needs attention")}</h2>
                    <p class="muted">{t("服务器没有接受以下修改。请按提示修改后重试，或放弃该修改（恢复为服务器上的内容）。", "The server did not accept these changes. Fix and retry, or discard the change (back to the server's version).")}</p>
                    <ul class="list">
                        {list
                            .into_iter()
                            .map(|e| {
                                let seq = e.seq;
                                view! {
                                    <li class="list__item">
                                        <strong>{move || e.mutation.collection.label(lang.get())}</strong>
                                        " · "
                                        <span class="muted">{format::date_time(e.created_at, now(), lang.get())}</span>
                                        <p>{e.error.clone().unwrap_or_default()}</p>
                                        <div class="button-row">
                                            <button class="button button--secondary" type="button" on:click=move |_| { retry.dispatch(seq); }>
                                                {t("重试", "Retry")}
                                            </button>
                                            <button class="button button--danger" type="button" on:click=move |_| { discard.dispatch(seq); }>
                                                {t("放弃修改", "Discard change")}
                                            </button>
                                        </div>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </section>
            }
        })
    }
}
