//! Record writes inside one PostgreSQL write transaction (shared by pushes and seeding).

use domain::collection::{Collection, Role};
use domain::ids::RecordId;
use domain::sync::MutationResult;
use domain::time::Timestamp;
use serde_json::Value;
use sqlx::{PgConnection, Row};

use super::rows;
use crate::apply::{self, PreparedMutation, Write};
use crate::store::convert::{self, from_sql_int, to_sql_int};
use crate::store::{SeedRecord, StoreResult, StoredRecord};

/// Key of the transaction-scoped advisory lock every record write takes first.
pub const WRITE_LOCK: i64 = 0x746a_745f_7365_7131; // "tjt_seq1"

/// Takes the global write lock for the rest of the transaction. Every
/// transaction that writes a record takes it before allocating a sequence
/// number and keeps it until commit, so transactions commit in sequence order
/// and any snapshot sees a prefix of the feed, across all server instances.
/// In the same round trip it queues the announcement of the write, which
/// PostgreSQL sends to the listening instances only if the transaction commits.
pub async fn lock(conn: &mut PgConnection) -> StoreResult<()> {
    let sql = format!(
        "SELECT pg_advisory_xact_lock($1), pg_notify({}, '')",
        super::FEED_CHANNEL
    );
    sqlx::query(&sql)
        .bind(WRITE_LOCK)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The latest version of a record, if any.
pub async fn load_current(
    conn: &mut PgConnection,
    collection: Collection,
    id: RecordId,
) -> StoreResult<Option<StoredRecord>> {
    let sql = format!(
        "SELECT {} FROM records WHERE collection = $1 AND id = $2",
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
    conn: &mut PgConnection,
    collection: Collection,
    id: RecordId,
    rev: u64,
) -> StoreResult<Option<Value>> {
    let row = sqlx::query(
        "SELECT data FROM record_versions WHERE collection = $1 AND id = $2 AND rev = $3",
    )
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

/// Stores a new latest version with the next sequence number, and keeps it in
/// the history. The caller holds [`WRITE_LOCK`].
pub async fn write_version(
    conn: &mut PgConnection,
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
        "INSERT INTO records (collection, id, rev, seq, updated_at, deleted, data) VALUES ($1, $2, $3, $4, $5, $6, $7) \
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
        "INSERT INTO record_versions (collection, id, rev, updated_at, deleted, data) VALUES ($1, $2, $3, $4, $5, $6) \
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

/// Applies one mutation inside the caller's write transaction (which holds
/// the write lock): duplicate check, current record, merge base, decision,
/// write, and the idempotency row. The caller commits.
pub async fn put_mutation(
    conn: &mut PgConnection,
    role: Option<Role>,
    prepared: &PreparedMutation,
) -> StoreResult<MutationResult> {
    let m = &prepared.mutation;
    let seen = sqlx::query("SELECT rev FROM mutations WHERE mutation_id = $1")
        .bind(m.mutation_id.to_string())
        .fetch_optional(&mut *conn)
        .await?;
    if let Some(row) = seen {
        let rev: Option<i64> = row.try_get("rev")?;
        return Ok(apply::duplicate(
            m.mutation_id,
            rev.map(from_sql_int).transpose()?,
        ));
    }
    let current = load_current(conn, m.collection, m.id).await?;
    let base = match apply::base_rev_needed(m, current.as_ref()) {
        Some(rev) => version_data(conn, m.collection, m.id, rev).await?,
        None => None,
    };
    let decision = apply::decide(role, prepared, current.as_ref(), base.as_ref());
    if let Some(write) = &decision.write {
        write_version(conn, m.collection, m.id, write).await?;
    }
    if decision.remember {
        sqlx::query(
                "INSERT INTO mutations (mutation_id, collection, record_id, status, rev, applied_at) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(m.mutation_id.to_string())
            .bind(m.collection.as_str())
            .bind(m.id.to_string())
            .bind(apply::status_name(decision.result.status))
            .bind(decision.result.rev.map(to_sql_int).transpose()?)
            .bind(crate::clock::now().millis())
            .execute(&mut *conn)
            .await?;
    }
    Ok(decision.result)
}

/// Writes the seed at revision 1 unless the "seeded" flag is set, then sets
/// it; existing records are left alone. The caller commits.
pub async fn put_seed(
    conn: &mut PgConnection,
    seed: &[SeedRecord],
    at: Timestamp,
) -> StoreResult<bool> {
    let done = sqlx::query("SELECT value FROM meta WHERE key = 'seeded'")
        .fetch_optional(&mut *conn)
        .await?;
    if done.is_some() {
        return Ok(false);
    }
    for record in seed {
        if load_current(conn, record.collection, record.id)
            .await?
            .is_none()
        {
            let write = Write {
                rev: 1,
                updated_at: at,
                deleted: false,
                data: Some(record.data.clone()),
            };
            write_version(conn, record.collection, record.id, &write).await?;
        }
    }
    sqlx::query("INSERT INTO meta (key, value) VALUES ('seeded', $1)")
        .bind(at.to_string())
        .execute(&mut *conn)
        .await?;
    Ok(true)
}
