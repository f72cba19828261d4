//! Project reads and edits on top of the shared queries.

use crate::error::AppError;
use crate::queries;
use crate::query::Query;
use crate::store::records::Stored;
use domain::ids::RecordId;
use domain::records::Project;

/// Every project.
pub fn projects() -> Query<Result<Vec<Stored<Project>>, AppError>> {
    queries::all::<Project>()
}

/// One project by the id in the URL.
pub fn project(
    id: impl Fn() -> Option<RecordId> + 'static,
) -> Query<Result<Option<Stored<Project>>, AppError>> {
    queries::one::<Project>(id)
}
