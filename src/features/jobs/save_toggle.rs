//! The 收藏 (save) button of a position.

use super::jobs_section::JobsData;
use super::queries::toggle_saved;
use crate::error::{AppError, ErrorView};
use crate::i18n::t;
use domain::ids::RecordId;
use leptos::prelude::*;

/// A toggle button: saves the position on this device, or unsaves it.
#[component]
pub fn SaveToggle(
    /// The position.
    id: RecordId,
    /// Position title, for the accessible name in lists.
    #[prop(into)]
    title: String,
) -> impl IntoView {
    let data = expect_context::<JobsData>();
    // Plain signals rather than an Action: a list renders many of these.
    let error = RwSignal::new(None::<AppError>);
    let saved = move || data.is_saved(id);
    let save_label = t("收藏", "Save");
    let saved_label = t("已收藏", "Saved");
    let aria = t("收藏：", "Save: ");
    view! {
        <button
            type="button"
            class="button button--secondary save-toggle"
            class:save-toggle--on=saved
            aria-pressed=move || saved().to_string()
            aria-label=move || format!("{}{title}", aria.get())
            on:click=move |_| {
                leptos::task::spawn_local(async move { error.set(toggle_saved(id).await.err()) });
            }
        >
            <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
                <path
                    d="M12 3.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8L12 16.9l-5.2 2.7 1-5.8-4.3-4.1 5.9-.9z"
                    fill=move || if saved() { "currentColor" } else { "none" }
                    stroke="currentColor"
                    stroke-width="1.8"
                    stroke-linejoin="round"
                />
            </svg>
            <span>{move || if saved() { saved_label.get() } else { save_label.get() }}</span>
        </button>
        <ErrorView error=error />
    }
}
