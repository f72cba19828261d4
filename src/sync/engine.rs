//! One sync run: upload photos, push the outbox, pull changes.

use super::error::SyncError;
use super::transport::Pulled;
use super::{session, transport};
use crate::store::{blobs, outbox, replica, StoreError, StoreResult};
use domain::collection::{Collection, WriteKind};
use domain::sync::{Change, PushRequest, PUSH_MAX_MUTATIONS};
use futures::channel::oneshot;
use std::rc::Rc;

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
    let present = if pulled.page.more {
        Some(Rc::new(replica::present().await?))
    } else {
        None
    };
    // Three things overlap: the page before committing, this page's writes
    // being prepared, and the next page being fetched. Each page still
    // commits in its own transaction, in order, and only on top of the
    // checkpoint of the page before (`apply_pull_page_after`), so an
    // interrupted run resumes exactly where the last commit left it.
    let mut after = start;
    let mut applying: Option<(Applying, u64)> = None;
    loop {
        let page = pulled.page;
        let (next, more) = (page.next, page.more);
        let this = spawn_apply(page.changes, after, next, present.clone());
        after = next;
        let previous = applying.replace((this, next));
        let fetch = async {
            if more {
                transport::pull(next, PULL_PAGE, token).await.map(Some)
            } else {
                Ok(None)
            }
        };
        let (committed, fetched) = futures::join!(committed(previous), fetch);
        if let Some((count, next)) = committed? {
            report.pulled += count;
            on_progress(pull_progress(start, next, pulled.head));
        }
        match fetched? {
            Some(n) => {
                pulled = Pulled {
                    head: n.head.or(pulled.head),
                    ..n
                }
            }
            None => break,
        }
    }
    if let Some((count, next)) = committed(applying).await? {
        report.pulled += count;
        on_progress(pull_progress(start, next, pulled.head));
    }
    crate::perf::mark("sync:pull:end");
    Ok(report)
}

/// A page being applied in its own task (see [`spawn_apply`]).
type Applying = oneshot::Receiver<StoreResult<usize>>;

/// Applies a page in a task of its own, which starts at once and runs on
/// even if this run stops early (its transaction decides whether it lands).
fn spawn_apply(
    changes: Vec<Change>,
    after: u64,
    next: u64,
    present: Option<Rc<replica::Present>>,
) -> Applying {
    let (done, applying) = oneshot::channel();
    wasm_bindgen_futures::spawn_local(async move {
        let applied =
            replica::apply_pull_page_after(&changes, after, next, present.as_deref()).await;
        let _ = done.send(applied);
    });
    applying
}

/// Waits for a page's commit: how many changes it applied and its `next`.
async fn committed(applying: Option<(Applying, u64)>) -> Result<Option<(usize, u64)>, SyncError> {
    let Some((applying, next)) = applying else {
        return Ok(None);
    };
    let count = applying
        .await
        .map_err(|_| SyncError::Store(StoreError::Other("page application stopped".into())))??;
    Ok(Some((count, next)))
}

fn pull_progress(start: u64, next: u64, head: Option<u64>) -> Progress {
    Progress {
        stage: Stage::Pulling,
        done: next.saturating_sub(start),
        total: head.map(|h| h.saturating_sub(start)),
    }
}

fn anyone_may_send(collection: Collection, base_rev: u64) -> bool {
    let kind = if base_rev == 0 {
        WriteKind::Create
    } else {
        WriteKind::Change
    };
    collection.writable_by(None, kind)
}
