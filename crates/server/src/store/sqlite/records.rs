//! Record reads and the seed's write (pushes: [`crate::store::push`]).

use domain::collection::Collection;
use domain::ids::RecordId;
use domain::time::Timestamp;
use sqlx::SqliteConnection;

use super::rows;
use crate::store::{SeedRecord, StoreResult, StoredRecord};

/// The latest version of a record, if any.
pub async fn load_current(
    conn: &mut SqliteConnection,
    collection: Collection,
    id: RecordId,
) -> StoreResult<Option<StoredRecord>> {
    let sql = format!(
        "SELECT {} FROM records WHERE collection = ? AND id = ?",
        rows::RECORD_COLUMNS
    );
    let row = sqlx::query(&sql)
        .bind(collection.as_str())
        .bind(id.to_string())
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(rows::record).transpose()
}

/// Writes the seed at revision 1 unless the "seeded" flag is set, then sets
/// it; existing records are left alone. The caller commits.
pub async fn put_seed(
    conn: &mut SqliteConnection,
    seed: &[SeedRecord],
    at: Timestamp,
) -> StoreResult<bool> {
    let done = sqlx::query("SELECT value FROM meta WHERE key = 'seeded'")
        .fetch_optional(&mut *conn)
        .await?;
    if done.is_some() {
        return Ok(false);
    }
    crate::store::push::put_seed_records(&mut *conn, seed, at).await?;
    sqlx::query("INSERT INTO meta (key, value) VALUES ('seeded', ?)")
        .bind(at.to_string())
        .execute(&mut *conn)
        .await?;
    Ok(true)
}
