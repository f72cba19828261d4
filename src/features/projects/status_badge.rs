//! A project's status as a coloured badge.

use crate::i18n::use_lang;
use domain::lang::Label;
use domain::records::ProjectStatus;
use leptos::prelude::*;

/// Status badge.
#[component]
pub fn StatusBadge(status: ProjectStatus, #[prop(optional)] slipping: bool) -> impl IntoView {
    let lang = use_lang();
    let class = match (status, slipping) {
        (_, true) => "badge badge--danger",
        (ProjectStatus::Completed, _) => "badge badge--ok",
        (ProjectStatus::OnHold, _) => "badge badge--muted",
        (ProjectStatus::Building, _) => "badge",
        (ProjectStatus::Preparing, _) => "badge badge--warn",
    };
    view! { <span class=class>{move || status.label(lang.get())}</span> }
}
