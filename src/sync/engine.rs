//! One sync run: upload photos, push the outbox, pull changes.

use super::error::SyncError;
use super::{pull, push, session, transport};
use crate::clock::now;
use crate::store::{blobs, compaction, packs};
use domain::collection::Collection;

/// Which step a run is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Stage {
    /// Uploading photos.
    Uploading,
    /// Sending local changes.
    Pushing,
    /// Receiving changes.
    Pulling,
}

/// How far a run has got (for the progress bar).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Progress {
    /// The step.
    pub stage: Stage,
    /// Items done in this step.
    pub done: u64,
    /// Items in this step, when known.
    pub total: Option<u64>,
}

/// What a run did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SyncReport {
    /// Mutations the server accepted.
    pub pushed: usize,
    /// Changes received.
    pub pulled: usize,
    /// Pushed mutations that produced conflicts.
    pub conflicts: usize,
    /// Pushed mutations refused (now in "needs attention").
    pub rejected: usize,
}

/// Runs one sync. Without an active session only what anyone may write
/// (new interest registrations) is pushed; staff changes wait for a login.
pub async fn sync_once(on_progress: &dyn Fn(Progress)) -> Result<SyncReport, SyncError> {
    // Read once: the pull's pages are guarded by the session the whole run
    // acts for, so a login or logout during the push stops the pull too.
    let stored = session::stored().await?;
    let token = stored
        .as_ref()
        .filter(|s| s.is_active(now()))
        .map(|s| s.token.as_str());
    let mut report = SyncReport::default();

    if let Some(token) = token {
        let pending = blobs::pending_uploads().await?;
        for (i, sha) in pending.iter().enumerate() {
            on_progress(Progress {
                stage: Stage::Uploading,
                done: i as u64,
                total: Some(pending.len() as u64),
            });
            if let Some(blob) = blobs::get_blob(sha).await? {
                transport::upload_blob(sha, &blob.mime, &blob.bytes, token).await?;
                blobs::mark_uploaded(sha).await?;
            }
        }
    }

    crate::perf::mark("sync:push:start");
    push::push_outbox(token, &mut report, on_progress).await?;
    crate::perf::mark("sync:push:end");

    crate::perf::mark("sync:pull:start");
    let stored_token = stored.as_ref().map(|s| s.token.as_str());
    let pulled = pull::pull_changes(token, stored_token, on_progress).await?;
    crate::perf::mark("sync:pull:end");
    report.pulled = pulled.changes;
    // Only changes to a packed collection can hide packed rows, and even
    // the check reads every pack head of the collection (about 1 MB of
    // JSON for 10,000 positions): a staff device syncing its visits every
    // few minutes should not pay for it.
    let touched: Vec<Collection> = pulled
        .collections
        .into_iter()
        .filter(|c| packs::packed(*c))
        .collect();
    if !touched.is_empty() {
        crate::perf::mark("sync:compact:start");
        compact_packs(&touched).await;
        crate::perf::mark("sync:compact:end");
    }
    Ok(report)
}

/// Rewrites worn packs once pulled changes may have hidden more of them
/// (`store::compaction`). A failure changes nothing (one transaction) and
/// is tried again after the next pull, so it does not fail the sync.
async fn compact_packs(collections: &[Collection]) {
    for &collection in collections {
        if let Err(e) = compaction::compact(collection).await {
            web_sys::console::warn_1(&format!("compacting {collection}: {e}").into());
        }
    }
}
