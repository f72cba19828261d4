//! The sync indicator in the header: pending changes, syncing, or an error.

use super::queries::outbox_counts;
use crate::i18n::use_lang;
use crate::sync::{Phase, SyncStatus};
use domain::lang::Lang;
use leptos::prelude::*;

/// Compact sync state; links to the sync page.
#[component]
pub fn SyncBadge() -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let counts = outbox_counts();
    let lang = use_lang();
    let pending = move || counts.get().and_then(|c| c.ok()).map_or(0, |c| c.pending);
    let rejected = move || counts.get().and_then(|c| c.ok()).map_or(0, |c| c.rejected);
    let label = move || {
        let zh = lang.get() == Lang::Zh;
        match (
            status.phase.get(),
            pending(),
            rejected(),
            status.last_error.get(),
        ) {
            (Phase::Syncing(_), _, _, _) => (if zh { "同步中…" } else { "Syncing…" }).to_owned(),
            (_, _, r, _) if r > 0 => {
                if zh {
                    format!("{r} 条需处理")
                } else {
                    format!("{r} need attention")
                }
            }
            // A device that has never finished a run is not "synced", even
            // with nothing to send: its public data may not have arrived yet.
            (_, 0, _, None) if status.last_sync.get().is_none() => {
                (if zh { "尚未同步" } else { "Not synced yet" }).to_owned()
            }
            (_, 0, _, None) => (if zh { "已同步" } else { "Synced" }).to_owned(),
            (_, 0, _, Some(_)) => (if zh { "同步失败" } else { "Sync failed" }).to_owned(),
            (_, n, _, _) => {
                if zh {
                    format!("{n} 条待同步")
                } else {
                    format!("{n} to sync")
                }
            }
        }
    };
    let tone = move || match (
        status.phase.get(),
        pending(),
        rejected(),
        status.last_error.get(),
    ) {
        (Phase::Syncing(_), ..) => "pill pill--info",
        (_, _, r, _) if r > 0 => "pill pill--danger",
        (_, 0, _, None) if status.last_sync.get().is_none() => "pill pill--info",
        (_, 0, _, None) => "pill pill--ok",
        _ => "pill pill--warn",
    };
    view! {
        <a class=tone href="/status" data-testid="sync-badge" data-pending=move || pending().to_string()>
            <span class="pill__dot" aria-hidden="true"></span>
            {label}
        </a>
    }
}
