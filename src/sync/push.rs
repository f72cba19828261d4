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
/// The next batch is sent while the answers to the one before are stored:
/// the server has answered that batch, so it handles the next one exactly
/// as it would afterwards. If storing the answers fails, both batches stay
/// in the outbox and are sent again; the server recognises their mutation
/// ids and answers them as duplicates.
pub(super) async fn push_outbox(
    token: Option<&str>,
    report: &mut SyncReport,
    on_progress: &dyn Fn(Progress),
) -> Result<(), SyncError> {
    let wanted = |m: &Mutation| token.is_some() || anyone_may_send(m.collection, m.base_rev);
    let total = outbox::counts().await?.pending as u64;
    let mut batch = outbox::pending_batch(PUSH_MAX_MUTATIONS, None, wanted).await?;
    let mut answers = send(&batch, token).await?;
    while let Some(answered) = answers.take() {
        on_progress(Progress {
            stage: Stage::Pushing,
            done: report.pushed as u64,
            total: Some(total),
        });
        let next = if batch.len() == PUSH_MAX_MUTATIONS {
            let last = batch.last().map(|(key, _)| *key);
            outbox::pending_batch(PUSH_MAX_MUTATIONS, last, wanted).await?
        } else {
            Vec::new()
        };
        let (applied, next_answers) = futures::join!(
            replica::apply_push_results(&batch, &answered.results),
            send(&next, token)
        );
        let applied = applied?;
        report.pushed += applied.settled;
        report.conflicts += applied.conflicts;
        report.rejected += applied.rejected;
        answers = next_answers?;
        batch = next;
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
