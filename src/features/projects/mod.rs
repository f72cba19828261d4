//! The "Key projects" section.

mod routes;

pub use routes::ProjectRoutes;

use crate::i18n::t;
use crate::ui::EmptyState;
use leptos::prelude::*;

/// Section page (placeholder until its feature lands).
#[component]
pub fn ProjectsPage() -> impl IntoView {
    view! {
        <section class="page">
            <h1 class="page__title">{t("重点项目", "Key projects")}</h1>
            <EmptyState
                title=t("即将上线", "Coming soon")
                body=t("重点项目节点跟踪与报表导出正在建设中。", "Key-project milestone tracking and report export are being built.")
            />
        </section>
    }
}
