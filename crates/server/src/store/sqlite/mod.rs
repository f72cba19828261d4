//! The embedded backend: one SQLite file in the data directory.
//!
//! WAL journal with `synchronous=FULL`: a committed transaction is on disk
//! before the commit returns, so neither `kill -9` nor a power cut loses it.
//! All writes go through a single-connection pool and start with
//! `BEGIN IMMEDIATE`, which serialises writers (the feed's ordering rule);
//! reads use a separate pool and never wait for writers.

mod records;
mod rows;

super::push::impl_push_tx!(sqlx::Sqlite, sqlx::SqliteConnection, rows);

use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use domain::collection::{Collection, Role};
use domain::ids::RecordId;
use domain::sync::MutationResult;
use domain::time::Timestamp;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::Row;

use super::convert::{from_sql_int, to_sql_int};
use super::push::PushTx;
use super::tail::{FeedSource, FeedTail};
use super::{
    AttemptCounts, Blob, FeedChange, NewUser, SeedRecord, SessionUser, Store, StoreResult,
    StoredRecord, UserRecord,
};
use crate::apply::PreparedMutation;

/// The SQLite store. Cloning shares the pools and the feed's tail.
///
/// The server owns its data file: the tail learns of writes made through
/// this store, not of another process writing to the same file while it
/// serves.
#[derive(Clone, Debug)]
pub struct Sqlite {
    writer: SqlitePool,
    reader: SqlitePool,
    tail: Arc<FeedTail>,
}

impl Sqlite {
    /// Opens (creating if needed) the database file and runs the migrations.
    pub async fn open(file: &Path) -> StoreResult<Sqlite> {
        let options = SqliteConnectOptions::from_str("sqlite:")?
            .filename(file)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(30));
        // No ping before each use: an in-process SQLite connection does not
        // drop, and the ping is one more hand-off to the connection's thread
        // per query (small pulls: 3.7-4.5k -> 4.1-5.2k req/s in an A/B, see
        // BENCHMARKS.md).
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .test_before_acquire(false)
            .connect_with(options.clone())
            .await?;
        sqlx::migrate!("./migrations/sqlite").run(&writer).await?;
        let reader = SqlitePoolOptions::new()
            .max_connections(4)
            .test_before_acquire(false)
            .connect_with(options)
            .await?;
        Ok(Sqlite {
            writer,
            reader,
            tail: Arc::new(FeedTail::new(true)),
        })
    }

    async fn begin_write(&self) -> StoreResult<sqlx::Transaction<'static, sqlx::Sqlite>> {
        Ok(self.writer.begin_with("BEGIN IMMEDIATE").await?)
    }
}

#[async_trait]
impl FeedSource for Sqlite {
    async fn query_changes(
        &self,
        since: u64,
        limit: u32,
        collections: &[Collection],
    ) -> StoreResult<Vec<FeedChange>> {
        if collections.is_empty() {
            return Ok(Vec::new());
        }
        let placeholders = vec!["?"; collections.len()].join(", ");
        // The unary `+` keeps SQLite's planner off the primary-key index for
        // the collection filter: with it, a pull walks the `seq` index and
        // stops after `limit` rows (0.2 ms) instead of reading and sorting
        // every public record (77 ms at 11,000 records; see BENCHMARKS.md).
        let sql = format!(
            "SELECT {} FROM records WHERE seq > ? AND +collection IN ({placeholders}) ORDER BY seq LIMIT ?",
            rows::RECORD_COLUMNS
        );
        let mut query = sqlx::query(&sql).bind(to_sql_int(since)?);
        for c in collections {
            query = query.bind(c.as_str());
        }
        let found = query.bind(i64::from(limit)).fetch_all(&self.reader).await?;
        found.iter().map(rows::feed_change).collect()
    }

    async fn query_head(&self) -> StoreResult<u64> {
        let head: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) FROM records")
            .fetch_one(&self.reader)
            .await?;
        Ok(u64::try_from(head).unwrap_or(0))
    }
}

#[async_trait]
impl Store for Sqlite {
    async fn get_user_count(&self) -> StoreResult<u64> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
            .fetch_one(&self.reader)
            .await?;
        from_sql_int(n)
    }

    async fn get_user(&self, username: &str) -> StoreResult<UserRecord> {
        let sql = format!(
            "SELECT {} FROM users WHERE username = ?",
            rows::USER_COLUMNS
        );
        let row = sqlx::query(&sql)
            .bind(username)
            .fetch_one(&self.reader)
            .await?;
        rows::user(&row)
    }

    async fn put_new_user(&self, user: NewUser) -> StoreResult<UserRecord> {
        let sql = format!(
            "INSERT INTO users (id, username, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING {}",
            rows::USER_COLUMNS
        );
        let row = sqlx::query(&sql)
            .bind(uuid::Uuid::now_v7().to_string())
            .bind(&user.username)
            .bind(&user.name)
            .bind(user.role.as_str())
            .bind(&user.password_hash)
            .bind(crate::clock::now().millis())
            .fetch_one(&self.writer)
            .await?;
        rows::user(&row)
    }

    async fn put_user(&self, user: NewUser) -> StoreResult<UserRecord> {
        let mut tx = self.begin_write().await?;
        let sql = format!(
            "INSERT INTO users (id, username, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?) \
             ON CONFLICT (username) DO UPDATE SET name = excluded.name, role = excluded.role, \
             password_hash = excluded.password_hash RETURNING {}",
            rows::USER_COLUMNS
        );
        let row = sqlx::query(&sql)
            .bind(uuid::Uuid::now_v7().to_string())
            .bind(&user.username)
            .bind(&user.name)
            .bind(user.role.as_str())
            .bind(&user.password_hash)
            .bind(crate::clock::now().millis())
            .fetch_one(&mut *tx)
            .await?;
        let stored = rows::user(&row)?;
        // A new password ends every session signed in with the old one.
        sqlx::query("DELETE FROM sessions WHERE user_id = ?")
            .bind(&stored.id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(stored)
    }

    async fn put_session(
        &self,
        token_hash: &str,
        user_id: &str,
        expires_at: Timestamp,
    ) -> StoreResult<()> {
        let now = crate::clock::now().millis();
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM sessions WHERE expires_at <= ?")
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)")
            .bind(token_hash)
            .bind(user_id)
            .bind(now)
            .bind(expires_at.millis())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn get_session(&self, token_hash: &str, now: Timestamp) -> StoreResult<SessionUser> {
        let row = sqlx::query(
            "SELECT u.id, u.name, u.role FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.token_hash = ? AND s.expires_at > ?",
        )
        .bind(token_hash)
        .bind(now.millis())
        .fetch_one(&self.reader)
        .await?;
        rows::session_user(&row)
    }

    async fn delete_session(&self, token_hash: &str) -> StoreResult<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = ?")
            .bind(token_hash)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    async fn put_login_attempt(
        &self,
        username: &str,
        ip: &str,
        at: Timestamp,
        forget_before: Timestamp,
    ) -> StoreResult<i64> {
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM login_attempts WHERE at < ?")
            .bind(forget_before.millis())
            .execute(&mut *tx)
            .await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO login_attempts (username, ip, at) VALUES (?, ?, ?) RETURNING id",
        )
        .bind(username)
        .bind(ip)
        .bind(at.millis())
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn get_login_attempt_counts(
        &self,
        username: &str,
        ip: &str,
        since: Timestamp,
    ) -> StoreResult<AttemptCounts> {
        let row = sqlx::query(
            "SELECT (SELECT COUNT(*) FROM login_attempts WHERE username = ? AND at >= ?) AS by_username, \
                    (SELECT COUNT(*) FROM login_attempts WHERE ip = ? AND at >= ?) AS by_ip",
        )
        .bind(username)
        .bind(since.millis())
        .bind(ip)
        .bind(since.millis())
        .fetch_one(&self.writer)
        .await?;
        Ok(AttemptCounts {
            by_username: from_sql_int(row.try_get("by_username")?)?,
            by_ip: from_sql_int(row.try_get("by_ip")?)?,
        })
    }

    async fn delete_login_attempt(&self, id: i64) -> StoreResult<()> {
        sqlx::query("DELETE FROM login_attempts WHERE id = ?")
            .bind(id)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    async fn delete_login_attempts_for(&self, username: &str) -> StoreResult<()> {
        sqlx::query("DELETE FROM login_attempts WHERE username = ?")
            .bind(username)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    async fn list_changes(
        &self,
        since: u64,
        limit: u32,
        collections: &[Collection],
    ) -> StoreResult<Vec<FeedChange>> {
        self.tail.list(self, since, limit, collections).await
    }

    async fn get_head_seq(&self) -> StoreResult<u64> {
        self.query_head().await
    }

    fn feed_tail(&self) -> &FeedTail {
        &self.tail
    }

    async fn get_record(&self, collection: Collection, id: RecordId) -> StoreResult<StoredRecord> {
        let mut conn = self.reader.acquire().await?;
        let mut found = conn.current(&[(collection, id)]).await?;
        found.pop().ok_or(super::StoreError::NotFound)
    }

    async fn put_mutations(
        &self,
        role: Option<Role>,
        mutations: &[PreparedMutation],
    ) -> StoreResult<Vec<MutationResult>> {
        let _counted = self.tail.write_guard();
        let mut tx = self.begin_write().await?;
        let results = super::push::put_mutations(&mut *tx, role, mutations).await?;
        tx.commit().await?;
        Ok(results)
    }

    async fn put_seed(&self, seed: &[SeedRecord], at: Timestamp) -> StoreResult<bool> {
        let _counted = self.tail.write_guard();
        let mut tx = self.begin_write().await?;
        let seeded = records::put_seed(&mut tx, seed, at).await?;
        tx.commit().await?;
        Ok(seeded)
    }

    async fn put_blob(&self, sha256: &str, content_type: &str, bytes: &[u8]) -> StoreResult<bool> {
        let done = sqlx::query(
            "INSERT INTO blobs (sha256, content_type, size, data, created_at) VALUES (?, ?, ?, ?, ?) \
             ON CONFLICT (sha256) DO NOTHING",
        )
        .bind(sha256)
        .bind(content_type)
        .bind(to_sql_int(bytes.len() as u64)?)
        .bind(bytes)
        .bind(crate::clock::now().millis())
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn get_blob(&self, sha256: &str) -> StoreResult<Blob> {
        let row = sqlx::query("SELECT content_type, data FROM blobs WHERE sha256 = ?")
            .bind(sha256)
            .fetch_one(&self.reader)
            .await?;
        Ok(Blob {
            content_type: row.try_get("content_type")?,
            bytes: row.try_get("data")?,
        })
    }
}
