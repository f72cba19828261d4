//! The rules a device follows to keep its local copy (replica) of the
//! records in step with the server: applying pulled changes on top of local
//! edits, applying the server's answers to pushed mutations, and retrying
//! with backoff. The app's store only persists what these functions decide.

use crate::collection::Collection;
use crate::merge::{merge, merge_valid, Version};
use crate::sync::{Change, Mutation, MutationResult, Op, Status};
use crate::time::Timestamp;
use serde_json::Value;
use std::collections::{BTreeSet, HashSet};
use std::hash::Hash;

/// A record as a device holds it.
#[derive(Clone, Debug, PartialEq)]
pub struct LocalRecord {
    /// Server revision the local copy is based on (0 = never synced).
    pub rev: u64,
    /// When the local data was last written.
    pub updated_at: Timestamp,
    /// Deleted locally, waiting to be pushed.
    pub deleted: bool,
    /// The data the user sees (`Null` for a deleted record).
    pub data: Value,
    /// The server's data at `rev`, the common base for merging (`None` before the first sync).
    pub base: Option<Value>,
    /// Whether local mutations of this record are still waiting in the outbox.
    pub pending: bool,
}

/// What to do with the local copy after pulling a change.
#[derive(Clone, Debug, PartialEq)]
pub enum PullOutcome {
    /// Store this record.
    Store(LocalRecord),
    /// Remove the record from the device (deleted on the server, no local edits).
    Remove,
}

/// Applies a pulled change to the local copy.
///
/// Without local edits the server's version replaces the local one. With
/// local edits waiting to be pushed, the two are merged field by field (the
/// pushed mutation will be merged again by the server, with the same result),
/// so the user sees both sides and any conflict right away. A server delete
/// never discards local edits: they are kept and will resurrect the record.
pub fn apply_pulled(
    collection: Collection,
    local: Option<&LocalRecord>,
    change: &Change,
) -> PullOutcome {
    let Some(local) = local.filter(|l| l.pending) else {
        return if change.deleted {
            PullOutcome::Remove
        } else {
            PullOutcome::Store(LocalRecord {
                rev: change.rev,
                updated_at: change.updated_at,
                deleted: false,
                data: change.data.clone(),
                base: Some(change.data.clone()),
                pending: false,
            })
        };
    };
    if change.rev <= local.rev {
        // Already seen (e.g. our own push coming back): nothing new.
        return PullOutcome::Store(local.clone());
    }
    if change.deleted || local.deleted {
        // Edits win over deletes; a local delete of a record changed on the
        // server waits for the server's verdict on the push.
        return PullOutcome::Store(LocalRecord {
            rev: change.rev,
            base: (!change.deleted).then(|| change.data.clone()),
            ..local.clone()
        });
    }
    let merged = merge_valid(
        collection,
        local.base.as_ref(),
        Version {
            data: &local.data,
            updated_at: local.updated_at,
        },
        Version {
            data: &change.data,
            updated_at: change.updated_at,
        },
    );
    PullOutcome::Store(LocalRecord {
        rev: change.rev,
        updated_at: merged.updated_at,
        deleted: false,
        data: merged.data,
        base: Some(change.data.clone()),
        pending: true,
    })
}

/// What to do with a mutation after the server answered for it.
#[derive(Clone, Debug, PartialEq)]
pub enum PushOutcome {
    /// The mutation is done: remove it from the outbox and store the record.
    Settled(Option<LocalRecord>),
    /// Refused: keep it aside, visible, with the server's reason.
    NeedsAttention(String),
}

/// Applies the server's answer for `sent` to the local copy. `still_pending`
/// says whether later mutations of the same record remain in the outbox.
pub fn apply_result(
    local: Option<&LocalRecord>,
    sent: &Mutation,
    result: &MutationResult,
    still_pending: bool,
) -> PushOutcome {
    if result.status == Status::Rejected {
        return PushOutcome::NeedsAttention(result.error.clone().unwrap_or_default());
    }
    let Some(local) = local else {
        return PushOutcome::Settled(None);
    };
    // A duplicate: the server applied this mutation on an earlier push whose
    // answer was lost. Applied exactly as sent, it produced the revision
    // after `base_rev`, and that is all there is to know. Otherwise it was
    // merged with changes this device has not seen, so what the server holds
    // is unknown: the local copy stays as it is, revision included, so later
    // edits are still merged against their true base (taking the revision
    // with stale data would let the next edit overwrite the server's copy),
    // and the next pull brings the server's state.
    let status = match result.status {
        Status::Duplicate if result.merged.is_none() && result.rev == Some(sent.base_rev + 1) => {
            Status::Applied
        }
        Status::Duplicate if result.merged.is_none() => {
            return PushOutcome::Settled(Some(LocalRecord {
                pending: still_pending,
                ..local.clone()
            }));
        }
        status => status,
    };
    let rev = result.rev.unwrap_or(local.rev).max(local.rev);
    // What the server now stores: the merged data when it says so, else what we sent.
    let server_data = match (&result.merged, sent.op) {
        (Some(merged), _) => Some(merged.clone()),
        (None, Op::Upsert) if status == Status::Applied => Some(sent.data.clone()),
        (None, Op::Delete) if status == Status::Applied => None,
        _ => local.base.clone(),
    };
    if still_pending {
        // Later edits stay on top; merge what the server stored into them.
        let data = match &server_data {
            Some(server) if !local.deleted => {
                merge(
                    Some(&sent.data),
                    Version {
                        data: &local.data,
                        updated_at: local.updated_at,
                    },
                    Version {
                        data: server,
                        updated_at: sent.updated_at,
                    },
                )
                .data
            }
            _ => local.data.clone(),
        };
        return PushOutcome::Settled(Some(LocalRecord {
            rev,
            data,
            base: server_data,
            ..local.clone()
        }));
    }
    match server_data {
        None if sent.op == Op::Delete => PushOutcome::Settled(None),
        None => PushOutcome::Settled(Some(LocalRecord {
            rev,
            pending: false,
            ..local.clone()
        })),
        Some(data) => PushOutcome::Settled(Some(LocalRecord {
            rev,
            updated_at: local.updated_at,
            deleted: false,
            data: data.clone(),
            base: Some(data),
            pending: false,
        })),
    }
}

/// Delay before retry number `attempt` (1 = first retry) after a network or
/// server failure: exponential from 1 s, capped at 5 minutes, with "full
/// jitter" (`jitter` is a uniform random number in [0, 1)) so that many
/// devices coming back online together do not retry in lockstep.
pub fn backoff_ms(attempt: u32, jitter: f64) -> u64 {
    const BASE_MS: u64 = 1_000;
    const CAP_MS: u64 = 300_000;
    let ceiling = BASE_MS
        .saturating_mul(1u64 << attempt.saturating_sub(1).min(20))
        .min(CAP_MS);
    // Never retry sooner than half the ceiling, so the schedule still grows.
    let jitter = jitter.clamp(0.0, 1.0);
    ceiling / 2 + ((ceiling / 2) as f64 * jitter) as u64
}

/// The keys of a store to remove (the outbox entries a push answered, the
/// tombstones a compaction let go), as runs `(first, last)` of keys with no
/// key to keep in between, given every key in the store: each run can go
/// with one key-range delete instead of one delete per key.
pub fn key_runs<K: Ord + Clone + Hash>(all: &BTreeSet<K>, remove: &HashSet<K>) -> Vec<(K, K)> {
    let mut runs = Vec::new();
    let mut open: Option<(K, K)> = None;
    for key in all {
        if remove.contains(key) {
            let key = key.clone();
            open = Some(match open {
                Some((first, _)) => (first, key),
                None => (key.clone(), key),
            });
        } else if let Some(run) = open.take() {
            runs.push(run);
        }
    }
    runs.extend(open);
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{MutationId, RecordId};
    use crate::merge::stored_conflicts;
    use serde_json::json;

    fn at(ms: i64) -> Timestamp {
        Timestamp::from_millis(ms)
    }

    fn change(rev: u64, data: Value, ts: i64) -> Change {
        Change {
            collection: Collection::Visits,
            id: RecordId::generate(),
            rev,
            seq: rev,
            updated_at: at(ts),
            deleted: data.is_null(),
            data,
        }
    }

    fn local(rev: u64, data: Value, base: Value, pending: bool) -> LocalRecord {
        LocalRecord {
            rev,
            updated_at: at(10),
            deleted: false,
            data,
            base: Some(base),
            pending,
        }
    }

    #[test]
    fn a_pulled_change_replaces_a_clean_copy_and_tombstones_remove_it() {
        let c = change(3, json!({"a": 1}), 5);
        let clean = local(2, json!({"a": 0}), json!({"a": 0}), false);
        match apply_pulled(Collection::Fairs, Some(&clean), &c) {
            PullOutcome::Store(r) => {
                assert_eq!((r.rev, r.data, r.pending), (3, json!({"a": 1}), false));
            }
            other => panic!("{other:?}"),
        }
        let tomb = change(4, Value::Null, 6);
        assert_eq!(
            apply_pulled(Collection::Fairs, Some(&clean), &tomb),
            PullOutcome::Remove
        );
    }

    #[test]
    fn a_pulled_change_merges_into_local_edits() {
        // Non-typed keys make validation fail, so merge_valid keeps the newer
        // side whole; use a real collection shape instead.
        let base = json!({"name": "甲", "industry": "纺织", "community": "小李村"});
        let mine = json!({"name": "甲", "industry": "服装", "community": "小李村"});
        let theirs = json!({"name": "甲公司", "industry": "纺织", "community": "小李村"});
        let l = local(1, mine, base, true);
        let c = change(2, theirs.clone(), 20);
        let PullOutcome::Store(r) = apply_pulled(Collection::Enterprises, Some(&l), &c) else {
            panic!("stored")
        };
        assert_eq!(
            r.data,
            json!({"name": "甲公司", "industry": "服装", "community": "小李村"})
        );
        assert_eq!((r.rev, r.pending, r.base), (2, true, Some(theirs)));
    }

    #[test]
    fn a_pulled_change_of_the_same_field_shows_a_conflict_locally() {
        let base = json!({"name": "甲", "industry": "纺织", "community": "小李村"});
        let mine = json!({"name": "甲", "industry": "服装", "community": "小李村"});
        let theirs = json!({"name": "甲", "industry": "机械", "community": "小李村"});
        let l = local(1, mine, base, true);
        let PullOutcome::Store(r) =
            apply_pulled(Collection::Enterprises, Some(&l), &change(2, theirs, 20))
        else {
            panic!("stored")
        };
        assert_eq!(r.data["industry"], "机械", "the newer (server) value wins");
        let conflicts = stored_conflicts(&r.data);
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].other, "服装");
    }

    #[test]
    fn local_edits_survive_a_server_delete() {
        let l = local(1, json!({"a": 2}), json!({"a": 1}), true);
        let PullOutcome::Store(r) =
            apply_pulled(Collection::Visits, Some(&l), &change(2, Value::Null, 20))
        else {
            panic!("stored")
        };
        assert_eq!((r.data, r.pending, r.rev), (json!({"a": 2}), true, 2));
    }

    fn mutation(data: Value) -> Mutation {
        Mutation {
            mutation_id: MutationId::generate(),
            collection: Collection::Visits,
            id: RecordId::generate(),
            base_rev: 1,
            op: Op::Upsert,
            data,
            updated_at: at(10),
        }
    }

    fn result(status: Status, rev: Option<u64>, merged: Option<Value>) -> MutationResult {
        MutationResult {
            mutation_id: MutationId::generate(),
            status,
            rev,
            error: (status == Status::Rejected).then(|| "薪资不合理 / bad salary".into()),
            merged,
        }
    }

    #[test]
    fn results_settle_the_record() {
        let sent = mutation(json!({"a": 2}));
        let l = local(1, json!({"a": 2}), json!({"a": 1}), true);
        let PushOutcome::Settled(Some(r)) = apply_result(
            Some(&l),
            &sent,
            &result(Status::Applied, Some(2), None),
            false,
        ) else {
            panic!()
        };
        assert_eq!(
            (r.rev, r.pending, r.base),
            (2, false, Some(json!({"a": 2})))
        );
        let merged = json!({"a": 2, "b": 9});
        let PushOutcome::Settled(Some(r)) = apply_result(
            Some(&l),
            &sent,
            &result(Status::Conflict, Some(3), Some(merged.clone())),
            false,
        ) else {
            panic!()
        };
        assert_eq!((r.rev, r.data), (3, merged));
        assert_eq!(
            apply_result(
                Some(&l),
                &sent,
                &result(Status::Rejected, None, None),
                false
            ),
            PushOutcome::NeedsAttention("薪资不合理 / bad salary".into())
        );
    }

    #[test]
    fn a_duplicate_applied_as_sent_settles_like_applied() {
        let sent = mutation(json!({"a": 2})); // base_rev 1
        let l = local(1, json!({"a": 2}), json!({"a": 1}), true);
        let PushOutcome::Settled(Some(r)) = apply_result(
            Some(&l),
            &sent,
            &result(Status::Duplicate, Some(2), None),
            false,
        ) else {
            panic!()
        };
        assert_eq!(
            (r.rev, r.pending, r.data, r.base),
            (2, false, json!({"a": 2}), Some(json!({"a": 2})))
        );
    }

    #[test]
    fn a_duplicate_of_a_merged_mutation_keeps_the_local_copy_and_its_revision() {
        // Two edits of one record, both based on revision 1, were pushed and
        // applied (rev 2 as sent, rev 3 merged), but the answer was lost; the
        // retry is all duplicates.
        let first = mutation(json!({"items": [{"id": "u1"}]}));
        let second = mutation(json!({"items": [{"id": "u1"}, {"id": "u2"}]}));
        let mut l = local(1, second.data.clone(), json!({"items": []}), true);
        for (sent, rev, still_pending) in [(&first, 2, true), (&second, 3, false)] {
            let PushOutcome::Settled(Some(r)) = apply_result(
                Some(&l),
                sent,
                &result(Status::Duplicate, Some(rev), None),
                still_pending,
            ) else {
                panic!()
            };
            l = r;
        }
        // Nothing the user wrote is dropped, and the copy does not claim a
        // revision whose data it does not have (3): a later edit pushed from it
        // is merged by the server against revision 2, not taken as the new state.
        assert_eq!(l.data, json!({"items": [{"id": "u1"}, {"id": "u2"}]}));
        assert_eq!((l.rev, l.pending), (2, false));
        assert_eq!(l.base, Some(first.data.clone()));
        // The next pull brings the server's state.
        let PullOutcome::Store(r) = apply_pulled(
            Collection::Visits,
            Some(&l),
            &change(3, json!({"items": [{"id": "u1"}, {"id": "u2"}]}), 20),
        ) else {
            panic!()
        };
        assert_eq!((r.rev, r.pending), (3, false));
    }

    #[test]
    fn later_local_edits_stay_on_top_of_a_settled_push() {
        let sent = mutation(json!({"a": 2, "b": 1}));
        // After sending, the user edited "b" again.
        let l = local(1, json!({"a": 2, "b": 5}), json!({"a": 1, "b": 1}), true);
        let merged = json!({"a": 2, "b": 1, "c": 7}); // the server merged in someone's "c"
        let PushOutcome::Settled(Some(r)) = apply_result(
            Some(&l),
            &sent,
            &result(Status::Applied, Some(4), Some(merged.clone())),
            true,
        ) else {
            panic!()
        };
        assert_eq!(r.data, json!({"a": 2, "b": 5, "c": 7}));
        assert_eq!((r.rev, r.pending, r.base), (4, true, Some(merged)));
    }

    #[test]
    fn backoff_grows_exponentially_with_jitter_and_a_cap() {
        assert_eq!(backoff_ms(1, 0.0), 500);
        assert_eq!(backoff_ms(1, 0.999_999), 999);
        assert_eq!(backoff_ms(2, 0.0), 1_000);
        assert_eq!(backoff_ms(4, 0.5), 6_000);
        assert_eq!(backoff_ms(30, 1.0), 300_000);
        let mut previous_floor = 0;
        for attempt in 1..12 {
            let floor = backoff_ms(attempt, 0.0);
            assert!(floor >= previous_floor);
            assert!(backoff_ms(attempt, 1.0) <= 300_000);
            previous_floor = floor;
        }
    }

    #[test]
    fn answered_entries_go_in_runs_around_the_waiting_ones() {
        let outbox: BTreeSet<u64> = [1, 2, 3, 5, 6, 9, 10, 12].into();
        let answered: HashSet<u64> = [1, 2, 3, 6, 9, 10].into();
        assert_eq!(key_runs(&outbox, &answered), [(1, 3), (6, 10)]);
        assert!(key_runs(&outbox, &HashSet::new()).is_empty());
        let rows: BTreeSet<&str> = ["0a", "0b", "1c", "1d", "2e"].into();
        let tombstones: HashSet<&str> = ["0a", "0b", "1d", "2e"].into();
        assert_eq!(key_runs(&rows, &tombstones), [("0a", "0b"), ("1d", "2e")]);
    }

    proptest::proptest! {
        #[test]
        fn runs_remove_exactly_the_answered_entries(
            outbox in proptest::collection::btree_set(0u64..200, 0..80),
            pick in proptest::collection::vec(proptest::bool::ANY, 80),
        ) {
            let answered: HashSet<u64> = outbox
                .iter()
                .zip(&pick)
                .filter(|(_, p)| **p)
                .map(|(k, _)| *k)
                .collect();
            let runs = key_runs(&outbox, &answered);
            let removed: HashSet<u64> = outbox
                .iter()
                .copied()
                .filter(|k| runs.iter().any(|(a, b)| a <= k && k <= b))
                .collect();
            proptest::prop_assert_eq!(&removed, &answered);
            // As few runs as possible: between two runs lies a waiting entry.
            for pair in runs.windows(2) {
                proptest::prop_assert!(outbox
                    .range(pair[0].1 + 1..pair[1].0)
                    .any(|k| !answered.contains(k)));
            }
        }
    }
}
