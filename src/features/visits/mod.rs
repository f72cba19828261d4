//! The "Enterprise visits" section.

mod routes;

pub use routes::VisitRoutes;

use crate::i18n::t;
use crate::ui::EmptyState;
use leptos::prelude::*;

/// Section page (placeholder until its feature lands).
#[component]
pub fn VisitsPage() -> impl IntoView {
    view! {
        <section class="page">
            <h1 class="page__title">{t("企业走访", "Enterprise visits")}</h1>
            <EmptyState
                title=t("即将上线", "Coming soon")
                body=t("企业台账、走访记录与跟进事项正在建设中（工作人员登录后使用）。", "The enterprise ledger, visit records and follow-ups are being built (for signed-in staff).")
            />
        </section>
    }
}
