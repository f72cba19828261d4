//! "有未完成的走访记录（11月26日 10:32）— 继续填写 / 放弃": the unfinished
//! visit drafts on this device, offered when staff come back.

use super::queries::{enterprises, list_of, remove_draft, visit_drafts, DraftKey};
use crate::clock::now;
use crate::i18n::{t, use_lang};
use crate::ui::format;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The banner; hides the draft being edited on the current page.
#[component]
pub fn DraftBanner(
    /// The current page's own draft, not offered again.
    #[prop(optional, into)]
    current: Option<Signal<Option<DraftKey>>>,
) -> impl IntoView {
    let lang = use_lang();
    let drafts = visit_drafts();
    let ledger = enterprises();
    move || {
        let own = current.and_then(|c| c.get());
        let list: Vec<_> = drafts
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .filter(|(key, _)| Some(*key) != own)
            .collect();
        if list.is_empty() {
            return None;
        }
        let names = list_of(ledger);
        Some(view! {
            <div class="draft-banner" role="region" aria-label=t("未完成的走访记录", "Unfinished visit records")>
                {list.into_iter().map(|(key, draft)| {
                    let when = format::date_time(draft.updated_at, now(), lang.get_untracked());
                    let name = draft
                        .data
                        .enterprise_id
                        .and_then(|id| names.iter().find(|e| e.id == id))
                        .map(|e| e.data.name.clone());
                    view! {
                        <div class="alert alert--warn draft-banner__item" data-testid="draft-banner">
                            <p>
                                {move || format!("{}（{}）", t("有未完成的走访记录", "Unfinished visit record").get(), when)}
                                {name.map(|n| format!(" · {n}"))}
                            </p>
                            <div class="button-row">
                                <a class="button" href=key.href()>{t("继续填写", "Continue")}</a>
                                <button
                                    class="button button--secondary"
                                    type="button"
                                    on:click=move |_| spawn_local(async move {
                                        // A failed removal leaves the banner up, which is honest.
                                        let _ = remove_draft(key).await;
                                    })
                                >
                                    {t("放弃", "Discard")}
                                </button>
                            </div>
                        </div>
                    }
                }).collect_view()}
            </div>
        })
    }
}
