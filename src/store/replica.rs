//! The transactions that apply sync results to this device's replica:
//! pulled pages and the server's answers to a push, with
//! `domain::replica`'s rules, each page or batch in one transaction.
use super::codec;
use super::db::db;
use super::error::{StoreError, StoreResult};
use super::notify::{announce, announce_in_batch, Topic};
use super::outbox::{self, OutboxState};
use super::records::{finish, index_conflicts, key, local};
use super::schema::{CONFLICTS, META, OUTBOX};
use domain::collection::Collection;
use domain::ids::RecordId;
use domain::replica::{apply_pulled, apply_result, LocalRecord, PullOutcome, PushOutcome};
use domain::sync::{Change, Mutation, MutationResult};
use futures::future::{try_join_all, LocalBoxFuture};
use futures::FutureExt;
use rexie::{Store, Transaction, TransactionMode};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use wasm_bindgen::JsValue;

/// The sync checkpoint (server sequence number of the last applied change).
pub async fn checkpoint() -> StoreResult<u64> {
    Ok(super::meta::get::<u64>(super::meta::CHECKPOINT)
        .await?
        .unwrap_or(0))
}

/// The records this device held when a long pull began, so that its pages
/// read back only records they may have to merge with. Otherwise every
/// pulled record costs an IndexedDB read, on a first sync almost always of
/// nothing (0.84 s of a 6 s first sync, see BENCHMARKS.md).
///
/// A record missing from it needs no merge: ids made on this device after
/// the snapshot are new to the server too (the run pushed before it
/// pulls), and each page adds the records it stores. The one writer it
/// cannot see is a backup import running beside the pull: a record it
/// restores may then show the server's copy until the restored outbox
/// entries (which hold the edits) are pushed and answered.
pub struct Present(HashSet<(Collection, RecordId)>);

/// Reads the keys of every collection's store, in one transaction.
pub async fn present() -> StoreResult<Present> {
    let db = db().await?;
    let names: Vec<&str> = Collection::ALL.iter().map(|c| c.as_str()).collect();
    let tx = db.transaction(&names, TransactionMode::ReadOnly)?;
    let stores = Collection::ALL
        .iter()
        .map(|c| Ok((*c, tx.store(c.as_str())?)))
        .collect::<StoreResult<Vec<_>>>()?;
    let keys = try_join_all(stores.iter().map(|(c, store)| async move {
        Ok::<_, StoreError>((*c, store.get_all_keys(None, None).await?))
    }))
    .await?;
    let mut ids = HashSet::new();
    for (collection, keys) in keys {
        for k in keys {
            let id = k
                .as_string()
                .and_then(|s| s.parse().ok())
                .ok_or_else(|| StoreError::Corrupt("record key is not an id".into()))?;
            ids.insert((collection, id));
        }
    }
    Ok(Present(ids))
}

/// Applies one pulled page and its new checkpoint in one transaction.
/// Returns how many records changed.
pub async fn apply_pull_page(changes: &[Change], next: u64) -> StoreResult<usize> {
    apply_page(changes, next, None).await
}

/// [`apply_pull_page`] for a pull that took a [`present`] snapshot: reads
/// only the records in it, and adds the ones this page stores.
pub async fn apply_pull_page_knowing(
    changes: &[Change],
    next: u64,
    present: &mut Present,
) -> StoreResult<usize> {
    apply_page(changes, next, Some(present)).await
}

async fn apply_page(
    changes: &[Change],
    next: u64,
    mut present: Option<&mut Present>,
) -> StoreResult<usize> {
    let db = db().await?;
    let collections: BTreeSet<Collection> = changes.iter().map(|c| c.collection).collect();
    let mut names: Vec<&str> = collections.iter().map(|c| c.as_str()).collect();
    names.extend([META, CONFLICTS]);
    let tx = db.transaction(&names, TransactionMode::ReadWrite)?;
    // Issue every read at once: IndexedDB answers them in order without a
    // round trip per record, which makes the first full sync much faster.
    let stores: Vec<(Collection, Store)> = collections
        .iter()
        .map(|c| Ok((*c, tx.store(c.as_str())?)))
        .collect::<StoreResult<_>>()?;
    let store_of = |c: Collection| {
        &stores
            .iter()
            .find(|(sc, _)| *sc == c)
            .expect("store opened above")
            .1
    };
    let known = |ch: &Change| {
        present
            .as_ref()
            .is_none_or(|p| p.0.contains(&(ch.collection, ch.id)))
    };
    let current = try_join_all(changes.iter().map(|ch| {
        let read = known(ch).then(|| local(store_of(ch.collection), ch.id));
        async move {
            match read {
                Some(read) => read.await,
                None => Ok(None),
            }
        }
    }))
    .await?;
    let conflicts = tx.store(CONFLICTS)?;
    let mut deletes = Vec::new();
    let mut puts = Vec::with_capacity(changes.len());
    for (change, current) in changes.iter().zip(current) {
        let store = store_of(change.collection);
        let had_conflicts = current
            .as_ref()
            .is_some_and(|c| !domain::merge::stored_conflicts(&c.data).is_empty());
        match apply_pulled(change.collection, current.as_ref(), change) {
            PullOutcome::Store(record) => {
                let has_conflicts = !domain::merge::stored_conflicts(&record.data).is_empty();
                if had_conflicts || has_conflicts {
                    index_conflicts(&conflicts, change.collection, change.id, &record.data).await?;
                }
                puts.push((change.collection, change.id, record));
            }
            PullOutcome::Remove => {
                let k = key(change.id);
                deletes.push(async move { store.delete(k).await }.boxed_local());
                if had_conflicts {
                    index_conflicts(&conflicts, change.collection, change.id, &Value::Null).await?;
                }
            }
        }
    }
    let stored = put_records(&tx, puts.iter().map(|(c, id, r)| (*c, *id, r)))?;
    let removed = async { try_join_all(deletes).await.map_err(StoreError::from) };
    futures::try_join!(removed, stored)?;
    super::meta::put_in(&tx.store(META)?, super::meta::CHECKPOINT, &next).await?;
    finish(tx).await?;
    if let Some(present) = present.as_mut() {
        present
            .0
            .extend(puts.iter().map(|(collection, id, _)| (*collection, *id)));
    }
    let mut topics: Vec<Topic> = collections.into_iter().map(Topic::Collection).collect();
    topics.extend([Topic::Conflicts, Topic::Meta]);
    announce_in_batch(&topics);
    Ok(changes.len())
}

/// What a push batch did, for the status line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PushReport {
    /// Mutations the server accepted (applied, duplicate or merged).
    pub settled: usize,
    /// Mutations that produced conflicts.
    pub conflicts: usize,
    /// Mutations refused and set aside for attention.
    pub rejected: usize,
}

/// Applies the server's answers to a pushed batch: `sent` pairs each outbox
/// key with its mutation, `results` are in the same order.
pub async fn apply_push_results(
    sent: &[(u64, Mutation)],
    results: &[MutationResult],
) -> StoreResult<PushReport> {
    let db = db().await?;
    let collections: BTreeSet<Collection> = sent.iter().map(|(_, m)| m.collection).collect();
    let mut names: Vec<&str> = collections.iter().map(|c| c.as_str()).collect();
    names.extend([OUTBOX, CONFLICTS]);
    let tx = db.transaction(&names, TransactionMode::ReadWrite)?;
    if sent
        .iter()
        .zip(results)
        .any(|((_, m), r)| r.mutation_id != m.mutation_id)
    {
        return Err(StoreError::Other("push results out of order".into()));
    }
    // Every read is issued at once and every write after the decisions, so
    // a batch of 500 costs a few round trips instead of five per mutation
    // (see BENCHMARKS.md, push).
    let reads = sent.iter().map(|(_, mutation)| {
        let tx = &tx;
        async move { local(&tx.store(mutation.collection.as_str())?, mutation.id).await }
    });
    let outbox_store = tx.store(OUTBOX)?;
    let (stored, mut waiting) = futures::try_join!(
        try_join_all(reads),
        outbox::keys_by_record_in(&outbox_store)
    )?;

    let mut report = PushReport::default();
    // What this batch has decided so far: a record's newest state, and the
    // outbox entries already answered, for later mutations of the same record.
    let mut latest: HashMap<(Collection, RecordId), Option<LocalRecord>> = HashMap::new();
    let mut answered: HashSet<u64> = HashSet::new();
    let mut writes: Vec<LocalBoxFuture<'_, StoreResult<()>>> = Vec::new();
    for (((seq, mutation), result), stored) in sent.iter().zip(results).zip(stored) {
        let at = (mutation.collection, mutation.id);
        let current = latest.get(&at).cloned().unwrap_or(stored);
        // Mutations of this record in the outbox (this one included).
        let still_pending = waiting
            .entry(at)
            .or_default()
            .iter()
            .any(|k| k != seq && !answered.contains(k));
        match apply_result(current.as_ref(), mutation, result, still_pending) {
            PushOutcome::Settled(record) => {
                answered.insert(*seq);
                report.settled += 1;
                if result.status == domain::sync::Status::Conflict {
                    report.conflicts += 1;
                }
                let outbox_store = tx.store(OUTBOX)?;
                let seq_key = JsValue::from_f64(*seq as f64);
                writes.push(async move { Ok(outbox_store.delete(seq_key).await?) }.boxed_local());
                let had_conflicts = current
                    .as_ref()
                    .is_some_and(|c| !domain::merge::stored_conflicts(&c.data).is_empty());
                let data = record.as_ref().map_or(Value::Null, |r| r.data.clone());
                if had_conflicts || !domain::merge::stored_conflicts(&data).is_empty() {
                    let conflicts = tx.store(CONFLICTS)?;
                    let (collection, id) = at;
                    writes.push(
                        async move { index_conflicts(&conflicts, collection, id, &data).await }
                            .boxed_local(),
                    );
                }
                latest.insert(at, record);
            }
            PushOutcome::NeedsAttention(message) => {
                let outbox_store = tx.store(OUTBOX)?;
                let seq = *seq;
                writes.push(
                    async move {
                        outbox::set_state_in(
                            &outbox_store,
                            seq,
                            OutboxState::Rejected,
                            Some(&message),
                        )
                        .await
                    }
                    .boxed_local(),
                );
                report.rejected += 1;
            }
        }
    }
    // Only each record's final state is written, so the order of the
    // writes does not matter.
    for ((collection, id), record) in &latest {
        if record.is_none() {
            let store = tx.store(collection.as_str())?;
            let k = key(*id);
            writes.push(async move { Ok(store.delete(k).await?) }.boxed_local());
        }
    }
    let stored = put_records(
        &tx,
        latest
            .iter()
            .filter_map(|((c, id), r)| Some((*c, *id, r.as_ref()?))),
    )?;
    futures::try_join!(try_join_all(writes), stored)?;
    finish(tx).await?;
    let mut topics: Vec<Topic> = collections.into_iter().map(Topic::Collection).collect();
    topics.extend([Topic::Outbox, Topic::Conflicts]);
    announce(&topics);
    Ok(report)
}

/// Stores many records: one conversion to stored objects, then each store's
/// objects put with `put_all`, which waits for the last request only. The
/// others then need no success handler (two closures and a wake-up of wasm
/// per record); a put that fails aborts the transaction, and the last
/// request reports that.
fn put_records<'a, 'r>(
    tx: &'a Transaction,
    records: impl Iterator<Item = (Collection, RecordId, &'r LocalRecord)>,
) -> StoreResult<impl std::future::Future<Output = StoreResult<()>> + 'a> {
    let records: Vec<_> = records.collect();
    let objects = codec::records_to_js(records.iter().copied());
    let mut by_store: BTreeMap<Collection, Vec<JsValue>> = BTreeMap::new();
    for ((collection, _, _), object) in records.iter().zip(objects) {
        by_store.entry(*collection).or_default().push(object);
    }
    let puts = by_store
        .into_iter()
        .map(|(collection, objects)| {
            let store = tx.store(collection.as_str())?;
            Ok(async move {
                store
                    .put_all(objects.into_iter().map(|object| (object, None)))
                    .await
                    .map_err(StoreError::from)
            })
        })
        .collect::<StoreResult<Vec<_>>>()?;
    Ok(async move { try_join_all(puts).await.map(|_| ()) })
}
