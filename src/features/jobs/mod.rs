//! The "Job fairs & positions" section.

mod routes;

pub use routes::JobRoutes;

use crate::i18n::t;
use crate::ui::EmptyState;
use leptos::prelude::*;

/// Section page (placeholder until its feature lands).
#[component]
pub fn JobsPage() -> impl IntoView {
    view! {
        <section class="page">
            <h1 class="page__title">{t("招聘会与岗位", "Job fairs & positions")}</h1>
            <EmptyState
                title=t("即将上线", "Coming soon")
                body=t("招聘会、岗位搜索、收藏与意向登记正在建设中，上线后可离线浏览。", "Fairs, position search, saving and registering interest are being built; they will work offline.")
            />
        </section>
    }
}
