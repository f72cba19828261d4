//! One sync run: upload photos, push the outbox, pull changes.

use super::error::SyncError;
use super::{session, transport};
use crate::store::{blobs, outbox, replica};
use domain::collection::{Collection, WriteKind};
use domain::sync::{PushRequest, PUSH_MAX_MUTATIONS};

/// Changes asked for per pull request (the server's maximum).
const PULL_PAGE: u32 = 1000;

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
    let session = session::active().await?;
    let token = session.as_ref().map(|s| s.token.as_str());
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

    let total_pending = outbox::counts().await?.pending as u64;
    crate::perf::mark("sync:push:start");
    loop {
        let batch = outbox::pending_batch(PUSH_MAX_MUTATIONS, |m| {
            token.is_some() || anyone_may_send(m.collection, m.base_rev)
        })
        .await?;
        if batch.is_empty() {
            break;
        }
        on_progress(Progress {
            stage: Stage::Pushing,
            done: report.pushed as u64,
            total: Some(total_pending),
        });
        let request = PushRequest {
            mutations: batch.iter().map(|(_, m)| m.clone()).collect(),
        };
        let response = transport::push(&request, token).await?;
        if response.results.len() != batch.len() {
            return Err(SyncError::Refused {
                status: 200,
                message: "push answered a different number of mutations".into(),
            });
        }
        let applied = replica::apply_push_results(&batch, &response.results).await?;
        report.pushed += applied.settled;
        report.conflicts += applied.conflicts;
        report.rejected += applied.rejected;
        if batch.len() < PUSH_MAX_MUTATIONS {
            break;
        }
    }

    crate::perf::mark("sync:push:end");

    let start = replica::checkpoint().await?;
    crate::perf::mark("sync:pull:start");
    let _announce_together = crate::store::batch_announcements();
    let mut pulled = transport::pull(start, PULL_PAGE, token).await?;
    // A long pull (a first sync, a device long offline) reads the keys this
    // device holds once, so that its pages skip reading absent records.
    let mut present = if pulled.page.more {
        Some(replica::present().await?)
    } else {
        None
    };
    loop {
        // Ask for the next page while this one is written: the server's
        // answer and IndexedDB's commit overlap instead of taking turns.
        // Each page still commits with its own checkpoint, in order, so an
        // interrupted run resumes exactly where the last commit left it.
        let page = pulled.page;
        let apply = async {
            match present.as_mut() {
                Some(present) => {
                    replica::apply_pull_page_knowing(&page.changes, page.next, present).await
                }
                None => replica::apply_pull_page(&page.changes, page.next).await,
            }
        };
        let next = if page.more {
            let (applied, next) =
                futures::join!(apply, transport::pull(page.next, PULL_PAGE, token));
            report.pulled += applied?;
            Some(next?)
        } else {
            report.pulled += apply.await?;
            None
        };
        on_progress(Progress {
            stage: Stage::Pulling,
            done: page.next.saturating_sub(start),
            total: pulled.head.map(|h| h.saturating_sub(start)),
        });
        match next {
            Some(n) => pulled = n,
            None => break,
        }
    }
    crate::perf::mark("sync:pull:end");
    Ok(report)
}

fn anyone_may_send(collection: Collection, base_rev: u64) -> bool {
    let kind = if base_rev == 0 {
        WriteKind::Create
    } else {
        WriteKind::Change
    };
    collection.writable_by(None, kind)
}
