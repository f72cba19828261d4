//! Mapping PostgreSQL rows to store types.

use sqlx::postgres::PgRow;
use sqlx::Row;

use crate::store::convert;
use crate::store::{FeedChange, SessionUser, StoreResult, StoredRecord, UserRecord};
use domain::time::Timestamp;

/// Columns [`record`] reads, in a `SELECT` list.
pub const RECORD_COLUMNS: &str = "collection, id, rev, seq, updated_at, deleted, data";
/// Columns [`user`] reads.
pub const USER_COLUMNS: &str = "id, username, name, role, password_hash";

/// A `records` row.
pub fn record(row: &PgRow) -> StoreResult<StoredRecord> {
    feed_change(row)?.try_into()
}

/// A `records` row as a pull feed entry (data kept as its JSON text).
pub fn feed_change(row: &PgRow) -> StoreResult<FeedChange> {
    Ok(FeedChange {
        collection: convert::collection(row.try_get("collection")?)?,
        id: convert::record_id(row.try_get("id")?)?,
        rev: convert::from_sql_int(row.try_get("rev")?)?,
        seq: convert::from_sql_int(row.try_get("seq")?)?,
        updated_at: Timestamp::from_millis(row.try_get("updated_at")?),
        deleted: row.try_get::<bool, _>("deleted")?,
        data: convert::raw_data(row.try_get("data")?)?,
    })
}

/// A `users` row.
pub fn user(row: &PgRow) -> StoreResult<UserRecord> {
    Ok(UserRecord {
        id: row.try_get("id")?,
        username: row.try_get("username")?,
        name: row.try_get("name")?,
        role: convert::role(row.try_get("role")?)?,
        password_hash: row.try_get("password_hash")?,
    })
}

/// A session joined with its account (`id`, `name`, `role`).
pub fn session_user(row: &PgRow) -> StoreResult<SessionUser> {
    Ok(SessionUser {
        user_id: row.try_get("id")?,
        name: row.try_get("name")?,
        role: convert::role(row.try_get("role")?)?,
    })
}
