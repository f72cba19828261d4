//! Storage: the [`Store`] trait and its two backends.
//!
//! The server is generic over `S: Store`; `main` picks [`sqlite::Sqlite`]
//! (one file in the data directory) or [`postgres::Postgres`] (shared by many
//! server instances) once at startup. Each backend owns its SQL, its
//! migrations (`migrations/{sqlite,postgres}/`, same names) and its row
//! mapping (`rows.rs`). The rules that decide what a pushed mutation does live
//! in [`crate::apply`], and a pushed batch's bulk reads and writes in
//! [`push`]; both are shared, so the backends only differ in how they lock
//! and connect.
//!
//! Ordering guarantee of the changes feed: every write of a record happens in
//! a transaction that takes one global write lock first, then allocates the
//! next sequence number, and commits before releasing the lock. Commits are
//! therefore in sequence order, so any snapshot a pull reads is a prefix of
//! the sequence and a client paging with `since` never skips a change.
//!
//! Pulls near the head (what devices ask for after their first sync) are
//! answered from [`tail::FeedTail`], the newest part of the feed in memory,
//! which each backend keeps up to date with its own and (PostgreSQL) the
//! other instances' writes.

mod convert;
pub mod postgres;
pub mod push;
pub mod sqlite;
pub mod tail;

use async_trait::async_trait;
use domain::collection::{Collection, Role};
use domain::ids::RecordId;
use domain::sync::MutationResult;
use domain::time::Timestamp;
use serde_json::value::RawValue;
use serde_json::Value;

use crate::apply::PreparedMutation;

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The row asked for does not exist (or the session has expired).
    #[error("not found")]
    NotFound,
    /// A row with the same key exists already.
    #[error("already exists")]
    Conflict,
    /// The database failed.
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

/// Result of store operations.
pub type StoreResult<T> = Result<T, StoreError>;

impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        match err {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Conflict,
            other => StoreError::Other(other.into()),
        }
    }
}

impl From<sqlx::migrate::MigrateError> for StoreError {
    fn from(err: sqlx::migrate::MigrateError) -> Self {
        StoreError::Other(err.into())
    }
}

/// An account as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserRecord {
    /// Account id (UUID text).
    pub id: String,
    /// Sign-in name, unique.
    pub username: String,
    /// Display name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// Argon2 PHC string; never the password.
    pub password_hash: String,
}

/// An account to create or update.
#[derive(Clone, Debug)]
pub struct NewUser {
    /// Sign-in name.
    pub username: String,
    /// Display name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// Argon2 PHC string.
    pub password_hash: String,
}

/// The account behind a valid session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionUser {
    /// Account id.
    pub user_id: String,
    /// Display name.
    pub name: String,
    /// Role.
    pub role: Role,
}

/// Failed or in-flight sign-in attempts inside the rate-limit window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AttemptCounts {
    /// Attempts naming this username.
    pub by_username: u64,
    /// Attempts from this client address.
    pub by_ip: u64,
}

/// The latest version of a record, as the changes feed holds it.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredRecord {
    /// Collection.
    pub collection: Collection,
    /// Record id.
    pub id: RecordId,
    /// Server revision (1 for the first version).
    pub rev: u64,
    /// Sequence number of its latest change.
    pub seq: u64,
    /// When it was last written.
    pub updated_at: Timestamp,
    /// Tombstone.
    pub deleted: bool,
    /// Data (`None` for a tombstone).
    pub data: Option<Value>,
}

/// One entry of the pull feed, straight from the database: the data stays
/// the JSON text it was stored as (`None` for a tombstone, written as
/// `null`), so answering a pull validates it but builds no
/// `serde_json::Value` and serialises nothing twice.
pub type FeedChange = domain::sync::Change<Option<Box<RawValue>>>;

impl TryFrom<FeedChange> for StoredRecord {
    type Error = StoreError;

    /// The record with its data parsed, for the server's own rules (merge,
    /// validation) rather than for passing on.
    fn try_from(c: FeedChange) -> StoreResult<StoredRecord> {
        Ok(StoredRecord {
            collection: c.collection,
            id: c.id,
            rev: c.rev,
            seq: c.seq,
            updated_at: c.updated_at,
            deleted: c.deleted,
            data: convert::data(c.data.map(|raw| raw.get().to_owned()))?,
        })
    }
}

/// A record of the demo seed, already validated.
#[derive(Clone, Debug)]
pub struct SeedRecord {
    /// Collection.
    pub collection: Collection,
    /// Record id.
    pub id: RecordId,
    /// Data.
    pub data: Value,
}

/// A stored photo.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Blob {
    /// Content type given when it was stored.
    pub content_type: String,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// Everything the server keeps. Implementations must be cheap to clone (a pool handle).
#[async_trait]
pub trait Store: Clone + Send + Sync + 'static {
    /// Number of accounts.
    async fn get_user_count(&self) -> StoreResult<u64>;
    /// The account with this username, or `NotFound`.
    async fn get_user(&self, username: &str) -> StoreResult<UserRecord>;
    /// Creates an account; `Conflict` if the username is taken.
    async fn put_new_user(&self, user: NewUser) -> StoreResult<UserRecord>;
    /// Creates an account, or updates name, role and password of an existing one.
    async fn put_user(&self, user: NewUser) -> StoreResult<UserRecord>;

    /// Stores a session by the SHA-256 (hex) of its token.
    async fn put_session(
        &self,
        token_hash: &str,
        user_id: &str,
        expires_at: Timestamp,
    ) -> StoreResult<()>;
    /// The account of an unexpired session, or `NotFound`.
    async fn get_session(&self, token_hash: &str, now: Timestamp) -> StoreResult<SessionUser>;
    /// Ends a session (no error if it is already gone).
    async fn delete_session(&self, token_hash: &str) -> StoreResult<()>;

    /// Records a sign-in attempt, forgetting attempts older than `forget_before`; returns its id.
    async fn put_login_attempt(
        &self,
        username: &str,
        ip: &str,
        at: Timestamp,
        forget_before: Timestamp,
    ) -> StoreResult<i64>;
    /// Attempts since `since` by username and by address (including in-flight ones).
    async fn get_login_attempt_counts(
        &self,
        username: &str,
        ip: &str,
        since: Timestamp,
    ) -> StoreResult<AttemptCounts>;
    /// Forgets one attempt (refused ones, so waiting ends the lock-out).
    async fn delete_login_attempt(&self, id: i64) -> StoreResult<()>;
    /// Forgets every attempt naming `username` (after a successful sign-in).
    async fn delete_login_attempts_for(&self, username: &str) -> StoreResult<()>;

    /// Latest versions with `seq > since` in the given collections, ascending, at most `limit`.
    /// One statement, so it reads one consistent snapshot.
    async fn list_changes(
        &self,
        since: u64,
        limit: u32,
        collections: &[Collection],
    ) -> StoreResult<Vec<FeedChange>>;
    /// The highest sequence number in the feed (0 when empty), for progress.
    async fn get_head_seq(&self) -> StoreResult<u64>;
    /// The in-memory tail of the feed that [`Store::list_changes`] answers from when it can.
    fn feed_tail(&self) -> &tail::FeedTail;
    /// The latest version of a record, or `NotFound`.
    async fn get_record(&self, collection: Collection, id: RecordId) -> StoreResult<StoredRecord>;
    /// Applies a push's mutations in order, idempotently, following
    /// [`crate::apply::decide`], in ONE transaction: one durable commit per
    /// push instead of one per mutation. Refused mutations write nothing, so
    /// they need no savepoint; a failure rolls the whole push back and the
    /// client's retry (same mutation ids) applies it exactly once.
    async fn put_mutations(
        &self,
        role: Option<Role>,
        mutations: &[PreparedMutation],
    ) -> StoreResult<Vec<MutationResult>>;
    /// Loads the demo seed once: does nothing and returns `false` when the
    /// seed was loaded before; never overwrites an existing record.
    async fn put_seed(&self, records: &[SeedRecord], at: Timestamp) -> StoreResult<bool>;

    /// Stores a blob by its SHA-256 (hex); returns `false` if it was there already.
    async fn put_blob(&self, sha256: &str, content_type: &str, bytes: &[u8]) -> StoreResult<bool>;
    /// A stored blob, or `NotFound`.
    async fn get_blob(&self, sha256: &str) -> StoreResult<Blob>;
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::sync::Change;
    use serde_json::json;

    /// The feed's pass-through type and the domain's `Change` are one wire
    /// format: a client decoding `Change` reads what the server writes.
    #[test]
    fn a_feed_change_is_written_exactly_like_a_domain_change() {
        let id = RecordId::generate();
        let data =
            json!({"name": "即发集团", "note": "<b>\"引号\"</b> \\ 换行\n", "n": [1, 2.5, null]});
        for (deleted, data) in [(false, data), (true, Value::Null)] {
            let change = Change {
                collection: Collection::Employers,
                id,
                rev: 3,
                seq: 41,
                updated_at: Timestamp::from_millis(1_764_000_000_123),
                deleted,
                data: data.clone(),
            };
            let stored_text = (!deleted).then(|| data.to_string());
            let feed = FeedChange {
                collection: change.collection,
                id,
                rev: 3,
                seq: 41,
                updated_at: change.updated_at,
                deleted,
                data: convert::raw_data(stored_text).unwrap(),
            };
            assert_eq!(
                serde_json::to_string(&feed).unwrap(),
                serde_json::to_string(&change).unwrap()
            );
        }
    }

    #[test]
    fn stored_text_that_is_not_json_is_an_error_not_a_broken_feed() {
        assert!(convert::raw_data(Some("{\"name\": ".into())).is_err());
        assert!(convert::raw_data(None).unwrap().is_none());
    }
}
