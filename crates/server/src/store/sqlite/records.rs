//! Record writes inside one SQLite write transaction (shared by pushes and seeding).

use domain::collection::Collection;
use domain::ids::RecordId;
use serde_json::Value;
use sqlx::{Row, SqliteConnection};

use super::rows;
use crate::apply::Write;
use crate::store::convert::{self, to_sql_int};
use crate::store::{StoreResult, StoredRecord};

/// The latest version of a record, if any.
pub async fn current(
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

/// The data of a past revision (`None` if unknown or a tombstone).
pub async fn version_data(
    conn: &mut SqliteConnection,
    collection: Collection,
    id: RecordId,
    rev: u64,
) -> StoreResult<Option<Value>> {
    let row =
        sqlx::query("SELECT data FROM record_versions WHERE collection = ? AND id = ? AND rev = ?")
            .bind(collection.as_str())
            .bind(id.to_string())
            .bind(to_sql_int(rev)?)
            .fetch_optional(&mut *conn)
            .await?;
    match row {
        Some(row) => convert::data(row.try_get("data")?),
        None => Ok(None),
    }
}

/// Stores a new latest version with the next sequence number, and keeps it in the history.
/// The caller holds the write lock (`BEGIN IMMEDIATE`), so sequence numbers
/// are taken and committed in order.
pub async fn write(
    conn: &mut SqliteConnection,
    collection: Collection,
    id: RecordId,
    w: &Write,
) -> StoreResult<u64> {
    let seq: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) + 1 FROM records")
        .fetch_one(&mut *conn)
        .await?;
    let data = convert::data_text(w.data.as_ref());
    let id = id.to_string();
    sqlx::query(
        "INSERT INTO records (collection, id, rev, seq, updated_at, deleted, data) VALUES (?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (collection, id) DO UPDATE SET rev = excluded.rev, seq = excluded.seq, \
         updated_at = excluded.updated_at, deleted = excluded.deleted, data = excluded.data",
    )
    .bind(collection.as_str())
    .bind(&id)
    .bind(to_sql_int(w.rev)?)
    .bind(seq)
    .bind(w.updated_at.millis())
    .bind(w.deleted)
    .bind(&data)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO record_versions (collection, id, rev, updated_at, deleted, data) VALUES (?, ?, ?, ?, ?, ?) \
         ON CONFLICT (collection, id, rev) DO UPDATE SET updated_at = excluded.updated_at, \
         deleted = excluded.deleted, data = excluded.data",
    )
    .bind(collection.as_str())
    .bind(&id)
    .bind(to_sql_int(w.rev)?)
    .bind(w.updated_at.millis())
    .bind(w.deleted)
    .bind(&data)
    .execute(&mut *conn)
    .await?;
    convert::from_sql_int(seq)
}
