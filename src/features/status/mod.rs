//! The "Sync & status" section: sync state and progress, writes that need
//! attention, conflicts, and the account. Also the header's sync badge.

mod attention_list;
mod conflicts_list;
pub mod queries;
mod storage_panel;
mod sync_badge;
mod sync_panel;
mod update_banner;

pub use sync_badge::SyncBadge;
pub use update_banner::UpdateBanner;

use crate::features::account::AccountPanel;
use crate::i18n::t;
use attention_list::AttentionList;
use conflicts_list::ConflictsList;
use leptos::prelude::*;
use storage_panel::StoragePanel;
use sync_panel::SyncPanel;

/// `/status`.
#[component]
pub fn StatusPage() -> impl IntoView {
    view! {
        <section class="page">
            <h1 class="page__title">{t("同步与状态", "Sync & status")}</h1>
            <div class="stack">
                <SyncPanel />
                <AttentionList />
                <ConflictsList />
                <AccountPanel />
                <StoragePanel />
            </div>
        </section>
    }
}
