//! The "Policy guides" section.

mod routes;

pub use routes::PolicyRoutes;

use crate::i18n::t;
use crate::ui::EmptyState;
use leptos::prelude::*;

/// Section page (placeholder until its feature lands).
#[component]
pub fn PoliciesPage() -> impl IntoView {
    view! {
        <section class="page">
            <h1 class="page__title">{t("政策指南", "Policy guides")}</h1>
            <EmptyState
                title=t("即将上线", "Coming soon")
                body=t("19 类惠企政策指南与政策匹配正在建设中。", "Guides in the 19 support categories and the policy matcher are being built.")
            />
        </section>
    }
}
