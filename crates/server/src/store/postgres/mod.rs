//! The scalable backend: PostgreSQL shared by any number of server instances.
//!
//! Every transaction that writes a record first takes a transaction-scoped
//! advisory lock ([`records::WRITE_LOCK`]), then checks the mutation id,
//! allocates the next sequence number and commits, so commits happen in
//! sequence order on every instance and a pull (one `SELECT`, one snapshot)
//! always sees a prefix of the feed. Idempotency is checked under the same
//! lock, so a retried mutation is applied once even when the retry reaches
//! another instance. Accounts, sessions and sign-in attempts are plain rows.
//!
//! The same lock statement queues a notification on [`FEED_CHANNEL`], which
//! PostgreSQL delivers to every listening instance when (and only if) the
//! transaction commits: that is how each instance's [`FeedTail`] learns of
//! the others' writes.

mod records;
mod rows;

super::push::impl_push_tx!(sqlx::Postgres, sqlx::PgConnection, rows);

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use domain::collection::{Collection, Role};
use domain::ids::RecordId;
use domain::sync::MutationResult;
use domain::time::Timestamp;
use sqlx::postgres::{PgConnectOptions, PgListener, PgPool, PgPoolOptions};
use sqlx::Row;

use super::convert::{from_sql_int, to_sql_int};
use super::push::PushTx;
use super::tail::{FeedSource, FeedTail};
use super::{
    AttemptCounts, Blob, FeedChange, NewUser, SeedRecord, SessionUser, Store, StoreResult,
    StoredRecord, UserRecord,
};
use crate::apply::PreparedMutation;

/// The channel a committed record write is announced on, as SQL: one per
/// schema, so that deployments (or tests) sharing a database do not wake
/// each other.
const FEED_CHANNEL: &str = "'tongji_feed_' || current_schema()";

/// How long to wait before listening again after the connection failed.
const LISTEN_RETRY: Duration = Duration::from_secs(1);

/// Longest an instance answers from its tail without reading the feed
/// again, announced or not: an idle listening connection can be dropped
/// silently (a NAT or firewall timing it out), and its announcements with
/// it. One small query a second bounds how stale a pull can be.
const TAIL_TRUST: Duration = Duration::from_secs(1);

/// The PostgreSQL store. Cloning shares the pool and the feed's tail.
#[derive(Clone, Debug)]
pub struct Postgres {
    pool: PgPool,
    /// The listening connection's own pool, so it takes no query slot.
    listen_pool: PgPool,
    tail: Arc<FeedTail>,
}

impl Postgres {
    /// Connects with a `postgres://` URL and runs the migrations.
    pub async fn connect(url: &str) -> StoreResult<Postgres> {
        Postgres::connect_with(PgConnectOptions::from_str(url)?).await
    }

    /// Connects with explicit options (tests add a per-test `search_path`) and
    /// runs the migrations.
    pub async fn connect_with(options: PgConnectOptions) -> StoreResult<Postgres> {
        let pool = PgPoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(options.clone())
            .await?;
        sqlx::migrate!("./migrations/postgres").run(&pool).await?;
        let channel: String = sqlx::query_scalar(&format!("SELECT {FEED_CHANNEL}"))
            .fetch_one(&pool)
            .await?;
        let listen_pool = PgPoolOptions::new()
            .max_connections(1)
            .connect_lazy_with(options);
        // Not watching until it listens: until then every pull reads the database.
        let tail = Arc::new(FeedTail::new(false));
        tokio::spawn(watch_other_instances(
            listen_pool.clone(),
            channel,
            Arc::clone(&tail),
        ));
        tokio::spawn(expire_tail(listen_pool.clone(), Arc::clone(&tail)));
        Ok(Postgres {
            pool,
            listen_pool,
            tail,
        })
    }

    /// Closes every connection (the tests drop their schema afterwards).
    pub async fn close(&self) {
        self.listen_pool.close().await;
        self.pool.close().await;
    }

    /// A write transaction holding the global record write lock.
    async fn begin_locked(&self) -> StoreResult<sqlx::Transaction<'static, sqlx::Postgres>> {
        let mut tx = self.pool.begin().await?;
        records::lock(&mut tx).await?;
        Ok(tx)
    }
}

#[async_trait]
impl FeedSource for Postgres {
    async fn query_changes(
        &self,
        since: u64,
        limit: u32,
        collections: &[Collection],
    ) -> StoreResult<Vec<FeedChange>> {
        if collections.is_empty() {
            return Ok(Vec::new());
        }
        let names: Vec<String> = collections.iter().map(|c| c.as_str().to_owned()).collect();
        let sql = format!(
            "SELECT {} FROM records WHERE seq > $1 AND collection = ANY($2) ORDER BY seq LIMIT $3",
            rows::RECORD_COLUMNS
        );
        let found = sqlx::query(&sql)
            .bind(to_sql_int(since)?)
            .bind(names)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?;
        found.iter().map(rows::feed_change).collect()
    }

    async fn query_head(&self) -> StoreResult<u64> {
        let head: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) FROM records")
            .fetch_one(&self.pool)
            .await?;
        Ok(u64::try_from(head).unwrap_or(0))
    }
}

/// Counts every feed write announced on [`FEED_CHANNEL`], for as long as
/// the pool is open. While it cannot listen, the tail is not trusted.
async fn watch_other_instances(pool: PgPool, channel: String, tail: Arc<FeedTail>) {
    while !pool.is_closed() {
        if let Ok(mut listener) = listen(&pool, &channel).await {
            tail.set_watching(true);
            // `Ok(None)`: the connection was lost and is listening again, so
            // announcements may have been missed; count that as a write too.
            while let Ok(_announced) = listener.try_recv().await {
                tail.note_write();
            }
            tail.set_watching(false);
        }
        tokio::time::sleep(LISTEN_RETRY).await;
    }
}

/// Counts a write every [`TAIL_TRUST`], for as long as the pool is open.
async fn expire_tail(pool: PgPool, tail: Arc<FeedTail>) {
    let mut ticks = tokio::time::interval(TAIL_TRUST);
    while !pool.is_closed() {
        ticks.tick().await;
        tail.note_write();
    }
}

async fn listen(pool: &PgPool, channel: &str) -> sqlx::Result<PgListener> {
    let mut listener = PgListener::connect_with(pool).await?;
    listener.listen(channel).await?;
    Ok(listener)
}

#[async_trait]
impl Store for Postgres {
    async fn get_user_count(&self) -> StoreResult<u64> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
            .fetch_one(&self.pool)
            .await?;
        from_sql_int(n)
    }

    async fn get_user(&self, username: &str) -> StoreResult<UserRecord> {
        let sql = format!(
            "SELECT {} FROM users WHERE username = $1",
            rows::USER_COLUMNS
        );
        let row = sqlx::query(&sql)
            .bind(username)
            .fetch_one(&self.pool)
            .await?;
        rows::user(&row)
    }

    async fn put_new_user(&self, user: NewUser) -> StoreResult<UserRecord> {
        let sql = format!(
            "INSERT INTO users (id, username, name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING {}",
            rows::USER_COLUMNS
        );
        let row = sqlx::query(&sql)
            .bind(uuid::Uuid::now_v7().to_string())
            .bind(&user.username)
            .bind(&user.name)
            .bind(user.role.as_str())
            .bind(&user.password_hash)
            .bind(crate::clock::now().millis())
            .fetch_one(&self.pool)
            .await?;
        rows::user(&row)
    }

    async fn put_user(&self, user: NewUser) -> StoreResult<UserRecord> {
        let mut tx = self.pool.begin().await?;
        let sql = format!(
            "INSERT INTO users (id, username, name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6) \
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
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
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
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
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
             WHERE s.token_hash = $1 AND s.expires_at > $2",
        )
        .bind(token_hash)
        .bind(now.millis())
        .fetch_one(&self.pool)
        .await?;
        rows::session_user(&row)
    }

    async fn delete_session(&self, token_hash: &str) -> StoreResult<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
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
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM login_attempts WHERE at < $1")
            .bind(forget_before.millis())
            .execute(&mut *tx)
            .await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO login_attempts (username, ip, at) VALUES ($1, $2, $3) RETURNING id",
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
            "SELECT (SELECT COUNT(*) FROM login_attempts WHERE username = $1 AND at >= $2) AS by_username, \
                    (SELECT COUNT(*) FROM login_attempts WHERE ip = $3 AND at >= $4) AS by_ip",
        )
        .bind(username)
        .bind(since.millis())
        .bind(ip)
        .bind(since.millis())
        .fetch_one(&self.pool)
        .await?;
        Ok(AttemptCounts {
            by_username: from_sql_int(row.try_get("by_username")?)?,
            by_ip: from_sql_int(row.try_get("by_ip")?)?,
        })
    }

    async fn delete_login_attempt(&self, id: i64) -> StoreResult<()> {
        sqlx::query("DELETE FROM login_attempts WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn delete_login_attempts_for(&self, username: &str) -> StoreResult<()> {
        sqlx::query("DELETE FROM login_attempts WHERE username = $1")
            .bind(username)
            .execute(&self.pool)
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
        let mut conn = self.pool.acquire().await?;
        let mut found = conn.current(&[(collection, id)]).await?;
        found.pop().ok_or(super::StoreError::NotFound)
    }

    async fn put_mutations(
        &self,
        role: Option<Role>,
        mutations: &[PreparedMutation],
    ) -> StoreResult<Vec<MutationResult>> {
        let _counted = self.tail.write_guard();
        let mut tx = self.begin_locked().await?;
        let results = super::push::put_mutations(&mut *tx, role, mutations).await?;
        tx.commit().await?;
        Ok(results)
    }

    async fn put_seed(&self, seed: &[SeedRecord], at: Timestamp) -> StoreResult<bool> {
        let _counted = self.tail.write_guard();
        let mut tx = self.begin_locked().await?;
        let seeded = records::put_seed(&mut tx, seed, at).await?;
        tx.commit().await?;
        Ok(seeded)
    }

    async fn put_blob(&self, sha256: &str, content_type: &str, bytes: &[u8]) -> StoreResult<bool> {
        let done = sqlx::query(
            "INSERT INTO blobs (sha256, content_type, size, data, created_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (sha256) DO NOTHING",
        )
        .bind(sha256)
        .bind(content_type)
        .bind(to_sql_int(bytes.len() as u64)?)
        .bind(bytes)
        .bind(crate::clock::now().millis())
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn get_blob(&self, sha256: &str) -> StoreResult<Blob> {
        let row = sqlx::query("SELECT content_type, data FROM blobs WHERE sha256 = $1")
            .bind(sha256)
            .fetch_one(&self.pool)
            .await?;
        Ok(Blob {
            content_type: row.try_get("content_type")?,
            bytes: row.try_get("data")?,
        })
    }
}
