//! Inline SVG icons (committed with the app; no icon font or CDN).

use leptos::prelude::*;

/// Which icon to draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IconKind {
    /// Briefcase: jobs.
    Jobs,
    /// Document: policies.
    Policies,
    /// Clipboard: enterprise visits.
    Visits,
    /// Flag: key projects.
    Projects,
    /// Circular arrows: sync.
    Sync,
    /// Globe: language.
    Language,
}

impl IconKind {
    fn path(self) -> &'static str {
        match self {
            IconKind::Jobs => "M8 7V5a2 2 0 0 1 2-2h4a2 2 0 0 1 2 2v2M3 9a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2zM3 13h18",
            IconKind::Policies => "M6 3h9l4 4v14H6zM15 3v4h4M9 12h7M9 16h7",
            IconKind::Visits => "M9 4h6v3H9zM7 5H5v16h14V5h-2M8 12l2.5 2.5L16 9",
            IconKind::Projects => "M5 21V4M5 4h11l-2 4 2 4H5",
            IconKind::Sync => "M20 12a8 8 0 0 1-14 5.3M4 12a8 8 0 0 1 14-5.3M18 3v4h-4M6 21v-4h4",
            IconKind::Language => "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM3 12h18M12 3c2.5 2.6 3.8 5.6 3.8 9s-1.3 6.4-3.8 9c-2.5-2.6-3.8-5.6-3.8-9S9.5 5.6 12 3z",
        }
    }
}

/// A 24×24 line icon, hidden from assistive technology (the label is text).
#[component]
pub fn Icon(kind: IconKind) -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d=kind.path() fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" />
        </svg>
    }
}
