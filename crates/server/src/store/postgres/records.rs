//! The write lock and the seed's write (pushes and record reads: [`crate::store::push`]).

use domain::time::Timestamp;
use sqlx::PgConnection;

use crate::store::{SeedRecord, StoreResult};

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
    crate::store::push::put_seed_records(&mut *conn, seed, at).await?;
    sqlx::query("INSERT INTO meta (key, value) VALUES ('seeded', $1)")
        .bind(at.to_string())
        .execute(&mut *conn)
        .await?;
    Ok(true)
}
