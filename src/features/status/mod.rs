//! The "Sync & status" section.

use crate::i18n::t;
use crate::ui::EmptyState;
use leptos::prelude::*;

/// Section page (placeholder until its feature lands).
#[component]
pub fn StatusPage() -> impl IntoView {
    view! {
        <section class="page">
            <h1 class="page__title">{t("同步与状态", "Sync & status")}</h1>
            <EmptyState
                title=t("即将上线", "Coming soon")
                body=t("离线数据与同步详情将在这里显示。", "Offline data and sync details will appear here.")
            />
        </section>
    }
}
