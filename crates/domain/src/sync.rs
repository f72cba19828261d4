//! The sync protocol's wire messages (`/api/sync/pull`, `/api/sync/push`).
//!
//! Pull is a changes feed ordered by a server sequence number: the client
//! asks for changes after its checkpoint `since`, applies them with the
//! returned `next` as its new checkpoint, and repeats while `more` is true.
//! Push sends queued local mutations; each has its own id so a retried push is
//! applied once.

use crate::collection::Collection;
use crate::ids::{MutationId, RecordId};
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Changes per pull page when the client does not say.
pub const PULL_DEFAULT_LIMIT: u32 = 500;
/// Most changes per pull page.
pub const PULL_MAX_LIMIT: u32 = 1000;
/// Most mutations per push.
pub const PUSH_MAX_MUTATIONS: usize = 500;
/// Largest push body accepted, in bytes (413 beyond it).
pub const PUSH_MAX_BYTES: usize = 8 * 1024 * 1024;
/// Largest single record's data, in bytes of JSON.
pub const RECORD_MAX_BYTES: usize = 256 * 1024;

/// Query of `GET /api/sync/pull`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PullQuery {
    /// Return changes with a sequence number greater than this.
    #[serde(default)]
    pub since: u64,
    /// Most changes to return (default 500, max 1000).
    #[serde(default)]
    pub limit: Option<u32>,
}

impl PullQuery {
    /// The page size to use: the default when absent, clamped to 1..=max.
    pub fn effective_limit(&self) -> u32 {
        self.limit
            .unwrap_or(PULL_DEFAULT_LIMIT)
            .clamp(1, PULL_MAX_LIMIT)
    }
}

/// One changed record in the pull feed. `D` is how its data is held: a
/// parsed `Value`, or (where it is only passed on, e.g. stored as pulled)
/// its JSON text as it came, such as `Box<serde_json::value::RawValue>`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change<D = Value> {
    /// Its collection.
    pub collection: Collection,
    /// Its id.
    pub id: RecordId,
    /// Server revision of the record (1 for the first version).
    pub rev: u64,
    /// Server sequence number of this change (the feed's order).
    pub seq: u64,
    /// When the record was last written (device time of the writer).
    pub updated_at: Timestamp,
    /// A tombstone: the record was deleted.
    pub deleted: bool,
    /// The record's data; `null` for a tombstone.
    pub data: D,
}

impl<D> Change<D> {
    /// The same change with its data held another way (e.g. parsed from
    /// its text), or the conversion's error.
    pub fn try_with_data<E, X>(
        &self,
        convert: impl FnOnce(&D) -> Result<E, X>,
    ) -> Result<Change<E>, X> {
        Ok(Change {
            collection: self.collection,
            id: self.id,
            rev: self.rev,
            seq: self.seq,
            updated_at: self.updated_at,
            deleted: self.deleted,
            data: convert(&self.data)?,
        })
    }
}

/// Answer of `GET /api/sync/pull` (`D` as in [`Change`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PullResponse<D = Value> {
    /// Changes in ascending `seq` order.
    pub changes: Vec<Change<D>>,
    /// The checkpoint to send as `since` next time.
    pub next: u64,
    /// Whether more changes are waiting (ask again right away).
    pub more: bool,
}

/// What a mutation does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// Create or replace the record's data.
    Upsert,
    /// Delete the record (leaves a tombstone).
    Delete,
}

/// One local write, queued in the outbox until the server answers for it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mutation {
    /// Unique id of this write (idempotency key).
    pub mutation_id: MutationId,
    /// The collection.
    pub collection: Collection,
    /// The record.
    pub id: RecordId,
    /// The server revision the edit was based on (0 for a new record).
    pub base_rev: u64,
    /// Upsert or delete.
    pub op: Op,
    /// The record's full data for an upsert; ignored for a delete.
    #[serde(default)]
    pub data: Value,
    /// When the write happened on the device.
    pub updated_at: Timestamp,
}

/// Body of `POST /api/sync/push`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PushRequest {
    /// At most [`PUSH_MAX_MUTATIONS`] mutations, applied in order.
    pub mutations: Vec<Mutation>,
}

/// The server's answer for one mutation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Applied as sent.
    Applied,
    /// Seen before (a retry); nothing changed.
    Duplicate,
    /// Merged with a concurrent change; `merged` holds the stored result,
    /// which may list conflicts under `_conflicts`.
    Conflict,
    /// Refused (validation or permission); nothing changed; `error` says why.
    Rejected,
}

/// Result of one mutation in `POST /api/sync/push`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MutationResult {
    /// The mutation answered.
    pub mutation_id: MutationId,
    /// What happened.
    pub status: Status,
    /// The record's server revision after the mutation (absent when rejected).
    pub rev: Option<u64>,
    /// Why it was rejected, in Chinese and English.
    pub error: Option<String>,
    /// The record's data as stored, when it differs from what was sent.
    pub merged: Option<Value>,
}

/// Answer of `POST /api/sync/push`, one result per mutation, in order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PushResponse {
    /// Results.
    pub results: Vec<MutationResult>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn wire_format_matches_the_api_contract() {
        let m: PushRequest = serde_json::from_value(json!({"mutations": [{
            "mutation_id": "01936f3e-7a3c-7cc0-8000-000000000002",
            "collection": "interests",
            "id": "01936f3e-7a3c-7cc0-8000-000000000001",
            "base_rev": 0, "op": "upsert", "data": {"name": "x"},
            "updated_at": "2026-11-26T10:00:00.000Z"}]}))
        .unwrap();
        assert_eq!(m.mutations[0].op, Op::Upsert);
        let r = MutationResult {
            mutation_id: m.mutations[0].mutation_id,
            status: Status::Duplicate,
            rev: Some(3),
            error: None,
            merged: None,
        };
        assert_eq!(
            serde_json::to_value(&r).unwrap(),
            json!({"mutation_id": "01936f3e-7a3c-7cc0-8000-000000000002", "status": "duplicate", "rev": 3, "error": null, "merged": null})
        );
        assert!(serde_json::from_value::<PushRequest>(
            json!({"mutations": [{"collection": "users"}]})
        )
        .is_err());
    }

    #[test]
    fn pull_limit_defaults_and_clamps() {
        let q = |limit| PullQuery { since: 0, limit };
        assert_eq!(q(None).effective_limit(), 500);
        assert_eq!(q(Some(0)).effective_limit(), 1);
        assert_eq!(q(Some(5000)).effective_limit(), 1000);
    }

    #[test]
    fn a_change_converted_to_another_data_form_keeps_its_envelope() {
        let text: Change<String> = Change {
            collection: Collection::Positions,
            id: "01936f3e-7a3c-7cc0-8000-000000000001".parse().unwrap(),
            rev: 7,
            seq: 42,
            updated_at: Timestamp::from_millis(1_700_000_000_123),
            deleted: false,
            data: r#"{"title":"缝纫工"}"#.to_owned(),
        };
        let parsed = text
            .try_with_data(|t| serde_json::from_str::<Value>(t))
            .unwrap();
        assert_eq!(
            serde_json::to_value(&parsed).unwrap(),
            json!({"collection": "positions", "id": "01936f3e-7a3c-7cc0-8000-000000000001",
                "rev": 7, "seq": 42, "updated_at": "2023-11-14T22:13:20.123Z", "deleted": false,
                "data": {"title": "缝纫工"}})
        );
        let broken = Change {
            data: "{".to_owned(),
            ..text
        };
        assert!(broken
            .try_with_data(|t| serde_json::from_str::<Value>(t))
            .is_err());
    }
}
