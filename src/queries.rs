//! Reactive reads and validated writes shared by every feature, on top of
//! `store::records`. A feature's own `queries.rs` builds on these.

use crate::clock::now;
use crate::error::AppError;
use crate::query::Query;
use crate::store::records::{self, Stored};
use crate::store::{Revisions, Topic};
use domain::ids::RecordId;
use domain::records::RecordData;
use leptos::prelude::*;

/// Every record of a collection, re-read when the collection changes (in
/// this tab or another).
pub fn all<T: RecordData + 'static>() -> Query<Result<Vec<Stored<T>>, AppError>> {
    let revisions = expect_context::<Revisions>();
    Query::new(move || {
        revisions.track(Topic::Collection(T::COLLECTION));
        async move { records::list::<T>().await.map_err(AppError::from) }
    })
}

/// One record by id (`None` if absent), re-read when the collection changes.
pub fn one<T: RecordData + 'static>(
    id: impl Fn() -> Option<RecordId> + 'static,
) -> Query<Result<Option<Stored<T>>, AppError>> {
    let revisions = expect_context::<Revisions>();
    Query::new(move || {
        revisions.track(Topic::Collection(T::COLLECTION));
        let id = id();
        async move {
            match id {
                Some(id) => records::get::<T>(id).await.map_err(AppError::from),
                None => Ok(None),
            }
        }
    })
}

/// Records whose indexed field equals a value (see `store::schema::indexes`).
pub fn by_index<T: RecordData + 'static>(
    index: &'static str,
    value: impl Fn() -> Option<String> + 'static,
) -> Query<Result<Vec<Stored<T>>, AppError>> {
    let revisions = expect_context::<Revisions>();
    Query::new(move || {
        revisions.track(Topic::Collection(T::COLLECTION));
        let value = value();
        async move {
            match value {
                Some(v) => records::list_by::<T>(index, &v)
                    .await
                    .map_err(AppError::from),
                None => Ok(Vec::new()),
            }
        }
    })
}

/// Validates a record with the domain rules and saves it locally (with its
/// outbox mutation); the sync client pushes it when it can. Invalid input
/// changes nothing.
pub async fn save<T: RecordData>(id: RecordId, record: &T) -> Result<(), AppError> {
    record.validate()?;
    records::save(id, record, now()).await?;
    Ok(())
}

/// Deletes a record locally and queues the delete.
pub async fn delete<T: RecordData>(id: RecordId) -> Result<(), AppError> {
    records::delete(T::COLLECTION, id, now()).await?;
    Ok(())
}
