//! Reads of sync state from the local store, refreshed when it changes.

use crate::error::AppError;
use crate::query::Query;
use crate::store::outbox::{self, Counts, Entry, OutboxState};
use crate::store::records::{self, ConflictedRecord};
use crate::store::{Revisions, Topic};
use leptos::prelude::*;

/// Pending and rejected outbox counts.
pub fn outbox_counts() -> Query<Result<Counts, AppError>> {
    let revisions = expect_context::<Revisions>();
    Query::new(move || {
        revisions.track(Topic::Outbox);
        async move { outbox::counts().await.map_err(AppError::from) }
    })
}

/// Writes the server refused, waiting for the user.
pub fn needs_attention() -> Query<Result<Vec<Entry>, AppError>> {
    let revisions = expect_context::<Revisions>();
    Query::new(move || {
        revisions.track(Topic::Outbox);
        async move {
            let all = outbox::all().await?;
            Ok(all
                .into_iter()
                .filter(|e| e.state == OutboxState::Rejected)
                .collect())
        }
    })
}

/// Records with unresolved conflicts.
pub fn conflicts() -> Query<Result<Vec<ConflictedRecord>, AppError>> {
    let revisions = expect_context::<Revisions>();
    Query::new(move || {
        revisions.track(Topic::Conflicts);
        async move { records::conflicted().await.map_err(AppError::from) }
    })
}
