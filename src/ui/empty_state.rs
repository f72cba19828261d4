//! An honest empty state: what is (not) here and what to do about it.

use leptos::prelude::*;

/// A centred message for a list or page with nothing to show yet.
#[component]
pub fn EmptyState(
    /// Headline.
    #[prop(into)]
    title: Signal<&'static str>,
    /// Explanation and next step.
    #[prop(into)]
    body: Signal<&'static str>,
    /// Optional action (a link or button).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class="empty-state" role="status">
            <svg class="empty-state__art" viewBox="0 0 64 64" aria-hidden="true">
                <rect x="10" y="14" width="44" height="36" rx="6" fill="none" stroke="currentColor" stroke-width="3" />
                <path d="M10 26h44M22 36h20M22 42h12" stroke="currentColor" stroke-width="3" stroke-linecap="round" />
            </svg>
            <h2 class="empty-state__title">{title}</h2>
            <p class="empty-state__body">{body}</p>
            {children.map(|c| c())}
        </div>
    }
}
