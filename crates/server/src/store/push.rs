//! A pushed batch in a handful of statements, shared by both backends.
//!
//! Asking the database once per mutation for its id, its record and its
//! merge base, then writing three rows, cost six round trips per mutation
//! (3,000 for a batch of 500; on SQLite each one a hand-over to sqlx's
//! worker thread, most of a 100 ms batch). Instead the batch reads what it
//! needs in bulk, decides every mutation in memory with [`crate::apply`]'s
//! rules, in order, and writes the outcome in bulk. Later mutations of the
//! batch see what earlier ones decided: [`plan`] keeps the records, bases
//! and mutation ids it has written beside those it read.

use std::collections::{HashMap, HashSet};

use domain::collection::{Collection, Role};
use domain::ids::{MutationId, RecordId};
use domain::sync::{MutationResult, Op, Status};
use domain::time::Timestamp;
use serde_json::Value;

use super::{SeedRecord, StoreResult, StoredRecord};
use crate::apply::{self, PreparedMutation};

/// A record, as the tables key it.
pub type RecordKey = (Collection, RecordId);
/// One version of a record.
pub type VersionKey = (Collection, RecordId, u64);

/// Rows in a multi-row statement: well under both backends' limits on bound
/// parameters (SQLite 32,766; PostgreSQL 65,535) at seven columns a row.
pub const ROWS_PER_STATEMENT: usize = 500;

/// The record statements of a backend's connection: what a push does
/// inside its write transaction (holding the write lock); `current` also
/// serves single-record reads. Crate-private, so the futures' `Send`
/// follows from each backend's own implementation.
pub(crate) trait PushTx {
    /// The revision each already-applied mutation id produced.
    async fn seen(&mut self, ids: &[MutationId]) -> StoreResult<HashMap<MutationId, Option<u64>>>;
    /// The latest version of each record that exists.
    async fn current(&mut self, keys: &[RecordKey]) -> StoreResult<Vec<StoredRecord>>;
    /// The stored data of past versions (`None` for a tombstone); unknown
    /// versions are left out.
    async fn versions(
        &mut self,
        keys: &[VersionKey],
    ) -> StoreResult<HashMap<VersionKey, Option<Value>>>;
    /// The sequence number the next write takes.
    async fn next_seq(&mut self) -> StoreResult<u64>;
    /// Writes a plan: every version, each record's last one as its latest,
    /// and the remembered mutation ids.
    async fn write(&mut self, plan: &Plan) -> StoreResult<()>;
}

/// Applies a batch inside the caller's locked write transaction, which the
/// caller commits.
pub(crate) async fn put_mutations<T: PushTx>(
    tx: &mut T,
    role: Option<Role>,
    mutations: &[PreparedMutation],
) -> StoreResult<Vec<MutationResult>> {
    let ids: Vec<MutationId> = mutations.iter().map(|p| p.mutation.mutation_id).collect();
    let keys = domain::sort::distinct(
        mutations
            .iter()
            .map(|p| (p.mutation.collection, p.mutation.id)),
    );
    let seen = tx.seen(&ids).await?;
    let current: HashMap<RecordKey, StoredRecord> = tx
        .current(&keys)
        .await?
        .into_iter()
        .map(|r| ((r.collection, r.id), r))
        .collect();
    let bases = tx.versions(&stale_bases(mutations, &current)).await?;
    let first_seq = tx.next_seq().await?;
    let plan = plan(
        role,
        mutations,
        Reads {
            seen,
            current,
            bases,
        },
        first_seq,
        crate::clock::now(),
    );
    tx.write(&plan).await?;
    crate::faults::pushed_uncommitted(mutations.len()).await;
    Ok(plan.results)
}

/// Writes every seed record that does not exist yet at revision 1 (a
/// record listed twice once), inside the caller's locked write transaction.
pub(crate) async fn put_seed_records<T: PushTx>(
    tx: &mut T,
    seed: &[SeedRecord],
    at: Timestamp,
) -> StoreResult<()> {
    let keys = domain::sort::distinct(seed.iter().map(|r| (r.collection, r.id)));
    let existing = tx.current(&keys).await?;
    let first_seq = tx.next_seq().await?;
    tx.write(&seed_plan(seed, &existing, first_seq, at)).await
}

/// The versions a batch's edits of older revisions merge against. The
/// latest version of each record comes with it, so only older ones are read.
fn stale_bases(
    mutations: &[PreparedMutation],
    current: &HashMap<RecordKey, StoredRecord>,
) -> Vec<VersionKey> {
    let stale = mutations.iter().filter_map(|p| {
        let m = &p.mutation;
        let cur = current.get(&(m.collection, m.id))?;
        (m.op == Op::Upsert && m.base_rev > 0 && m.base_rev < cur.rev).then_some((
            m.collection,
            m.id,
            m.base_rev,
        ))
    });
    domain::sort::distinct(stale)
}

/// What the database held for a batch before it.
#[derive(Clone, Debug, Default)]
pub struct Reads {
    /// Already-applied mutation ids and the revision each produced.
    pub seen: HashMap<MutationId, Option<u64>>,
    /// Latest versions of the batch's records.
    pub current: HashMap<RecordKey, StoredRecord>,
    /// Older versions the batch's stale edits merge against.
    pub bases: HashMap<VersionKey, Option<Value>>,
}

/// A mutation id to remember, so that a retry is answered as a duplicate.
#[derive(Clone, Debug, PartialEq)]
pub struct Remembered {
    /// The mutation.
    pub mutation_id: MutationId,
    /// Its record.
    pub collection: Collection,
    /// Its record.
    pub record_id: RecordId,
    /// The answer's status.
    pub status: Status,
    /// The revision it produced, if any.
    pub rev: Option<u64>,
    /// When it was applied.
    pub applied_at: Timestamp,
}

/// What a batch writes, and its answers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    /// One answer per mutation, in order.
    pub results: Vec<MutationResult>,
    /// Every version written, in sequence order.
    pub versions: Vec<StoredRecord>,
    /// Mutation ids to remember.
    pub remembered: Vec<Remembered>,
}

impl Plan {
    /// The last version written of each record: its new latest version.
    pub fn latest(&self) -> Vec<&StoredRecord> {
        let mut last: HashMap<RecordKey, usize> = HashMap::new();
        for (i, v) in self.versions.iter().enumerate() {
            last.insert((v.collection, v.id), i);
        }
        let mut at: Vec<usize> = last.into_values().collect();
        at.sort_unstable();
        at.into_iter().map(|i| &self.versions[i]).collect()
    }
}

/// Decides every mutation of a batch in order, as if each were applied
/// alone after the ones before it: a mutation sees the records, versions
/// and mutation ids the earlier ones wrote. Writes take sequence numbers
/// from `first_seq` on.
pub fn plan(
    role: Option<Role>,
    mutations: &[PreparedMutation],
    mut reads: Reads,
    first_seq: u64,
    now: Timestamp,
) -> Plan {
    // Every latest version is also a stored version: a later edit may be
    // based on it after this batch has moved the record on.
    for r in reads.current.values() {
        reads
            .bases
            .insert((r.collection, r.id, r.rev), r.data.clone());
    }
    let mut plan = Plan::default();
    let mut seq = first_seq;
    for prepared in mutations {
        let m = &prepared.mutation;
        if let Some(rev) = reads.seen.get(&m.mutation_id) {
            plan.results.push(apply::duplicate(m.mutation_id, *rev));
            continue;
        }
        let key = (m.collection, m.id);
        let current = reads.current.get(&key);
        let base = apply::base_rev_needed(m, current).and_then(|rev| {
            reads
                .bases
                .get(&(m.collection, m.id, rev))
                .cloned()
                .flatten()
        });
        let decision = apply::decide(role, prepared, current, base.as_ref());
        if let Some(write) = decision.write {
            let record = StoredRecord {
                collection: m.collection,
                id: m.id,
                rev: write.rev,
                seq,
                updated_at: write.updated_at,
                deleted: write.deleted,
                data: write.data,
            };
            seq += 1;
            reads
                .bases
                .insert((m.collection, m.id, record.rev), record.data.clone());
            reads.current.insert(key, record.clone());
            plan.versions.push(record);
        }
        if decision.remember {
            reads.seen.insert(m.mutation_id, decision.result.rev);
            plan.remembered.push(Remembered {
                mutation_id: m.mutation_id,
                collection: m.collection,
                record_id: m.id,
                status: decision.result.status,
                rev: decision.result.rev,
                applied_at: now,
            });
        }
        plan.results.push(decision.result);
    }
    plan
}

/// The first version of each seed record not in `existing`.
pub fn seed_plan(
    seed: &[SeedRecord],
    existing: &[StoredRecord],
    first_seq: u64,
    at: Timestamp,
) -> Plan {
    let mut taken: HashSet<RecordKey> = existing.iter().map(|r| (r.collection, r.id)).collect();
    let versions = seed
        .iter()
        .filter(|r| taken.insert((r.collection, r.id)))
        .zip(first_seq..)
        .map(|(r, seq)| StoredRecord {
            collection: r.collection,
            id: r.id,
            rev: 1,
            seq,
            updated_at: at,
            deleted: false,
            data: Some(r.data.clone()),
        })
        .collect();
    Plan {
        versions,
        ..Plan::default()
    }
}

mod sql;
#[cfg(test)]
mod tests;

pub(crate) use sql::impl_push_tx;
