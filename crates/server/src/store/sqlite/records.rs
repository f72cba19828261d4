//! The seed's write (pushes and record reads: [`crate::store::push`]).

use domain::time::Timestamp;
use sqlx::SqliteConnection;

use crate::store::{SeedRecord, StoreResult};

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
