//! Pushing: the outbox in batches, oldest first.

use super::engine::{Progress, Stage, SyncReport};
use super::error::SyncError;
use super::transport;
use crate::store::{outbox, replica};
use domain::collection::{Collection, WriteKind};
use domain::sync::{Mutation, PushRequest, PushResponse, PUSH_MAX_MUTATIONS};

/// Sends every pending outbox entry this caller may send (all of them with
/// a session, else only what anyone may write) and stores the answers.
///
/// Three things overlap: the answers to one batch being stored, the next
/// batch at the server, and the batch after it being read from the outbox.
/// The server has answered a batch before the next is sent, so it handles
/// each exactly as it would one at a time. If storing the answers fails,
/// the batches after stay in the outbox and are sent again; the server
/// recognises their mutation ids and answers them as duplicates.
pub(super) async fn push_outbox(
    token: Option<&str>,
    report: &mut SyncReport,
    on_progress: &dyn Fn(Progress),
) -> Result<(), SyncError> {
    let wanted = |m: &Mutation| token.is_some() || anyone_may_send(m.collection, m.base_rev);
    let read_after = |batch: &[(u64, Mutation)]| {
        let last = batch.last().map(|(key, _)| *key);
        let full = batch.len() == PUSH_MAX_MUTATIONS;
        async move {
            match full {
                true => Ok(outbox::pending_batch(PUSH_MAX_MUTATIONS, last, wanted).await?),
                false => Ok::<_, SyncError>(Vec::new()),
            }
        }
    };
    // Views re-read once the push is done (or every 2 s of a long one), not
    // after every batch: their reads would hold up the next batch's
    // transaction (90 ms of each 250 ms batch, see BENCHMARKS.md).
    let _announce_together = crate::store::batch_announcements();
    let mut batch = outbox::pending_batch(PUSH_MAX_MUTATIONS, None, wanted).await?;
    // The count is for the progress bar only: it is read while the first
    // batch is on its way (before it, it held up the push by 50 ms).
    let counted = async { Ok::<_, SyncError>(outbox::counts().await?.pending as u64) };
    let (total, mut answers, mut next) =
        futures::try_join!(counted, send(&batch, token), read_after(&batch))?;
    while let Some(answered) = answers.take() {
        on_progress(Progress {
            stage: Stage::Pushing,
            done: report.pushed as u64,
            total: Some(total),
        });
        let (applied, next_answers, after_next) = futures::join!(
            replica::apply_push_results(&batch, &answered.results),
            send(&next, token),
            read_after(&next)
        );
        let applied = applied?;
        report.pushed += applied.settled;
        report.conflicts += applied.conflicts;
        report.rejected += applied.rejected;
        answers = next_answers?;
        batch = std::mem::replace(&mut next, after_next?);
    }
    Ok(())
}

/// Sends one batch (nothing for an empty one) and checks the answer's shape.
async fn send(
    batch: &[(u64, Mutation)],
    token: Option<&str>,
) -> Result<Option<PushResponse>, SyncError> {
    if batch.is_empty() {
        return Ok(None);
    }
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
    Ok(Some(response))
}

fn anyone_may_send(collection: Collection, base_rev: u64) -> bool {
    let kind = if base_rev == 0 {
        WriteKind::Create
    } else {
        WriteKind::Change
    };
    collection.writable_by(None, kind)
}
