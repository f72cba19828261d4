//! The transactions that apply sync results to this device's replica:
//! pulled pages and the server's answers to a push, with
//! `domain::replica`'s rules, each page or batch in one transaction.

use super::bulk::{put_records, put_rows, read_records};
use super::codec::{self, PackedRow, RowOut};
use super::db::db;
use super::error::{StoreError, StoreResult};
use super::notify::{announce_in_batch, Topic};
use super::outbox::{self, OutboxState};
use super::packs::{self, PackedSet};
use super::records::{finish, index_conflicts, key};
use super::schema::{CONFLICTS, META, OUTBOX};
use domain::collection::Collection;
use domain::ids::RecordId;
use domain::replica::{
    apply_pulled, apply_result, key_runs, LocalRecord, PullOutcome, PushOutcome,
};
use domain::sync::{Change, Mutation, MutationResult};
use domain::time::Timestamp;
use futures::future::{try_join_all, LocalBoxFuture};
use futures::FutureExt;
use rexie::{KeyRange, Store, TransactionMode};
use serde_json::value::RawValue;
use serde_json::Value;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
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
/// pulls), and each page adds its records as it starts. The one writer it
/// cannot see is a backup import running beside the pull: a record it
/// restores may then show the server's copy until the restored outbox
/// entries (which hold the edits) are pushed and answered.
pub struct Present(RefCell<HashSet<(Collection, RecordId)>>);

impl Present {
    fn holds<D>(&self, change: &Change<D>) -> bool {
        self.0.borrow().contains(&(change.collection, change.id))
    }

    fn note<D>(&self, changes: &[Change<D>]) {
        self.0
            .borrow_mut()
            .extend(changes.iter().map(|c| (c.collection, c.id)));
    }
}

/// Reads the keys of every collection's store, in one transaction.
pub async fn present() -> StoreResult<Present> {
    let db = db().await?;
    let mut names: Vec<&str> = Collection::ALL.iter().map(|c| c.as_str()).collect();
    names.extend(packs::STORES);
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
    for collection in Collection::ALL.into_iter().filter(|c| packs::packed(*c)) {
        let packed = packs::load(&tx, collection).await?;
        ids.extend(packed.ids().map(|id| (collection, id)));
    }
    Ok(Present(RefCell::new(ids)))
}

/// Applies one pulled page and its new checkpoint in one transaction.
/// Returns how many records changed.
pub async fn apply_pull_page(changes: &[PulledChange], next: u64) -> StoreResult<usize> {
    apply_page(changes, None, next, None)
        .await
        .map(|applied| applied.unwrap_or_default())
}

/// What a page of a pull must find stored to be applied: the checkpoint the
/// page before it wrote, and the session the pull runs with.
#[derive(Clone, Copy, Debug)]
pub struct PageGuard<'a> {
    /// The `next` of the page before (the run's start for the first page).
    pub after: u64,
    /// The session token the pull runs with (`None` when anonymous).
    pub token: Option<&'a str>,
}

/// Applies one page of a pull only if the stored checkpoint and session are
/// still those of its `guard`, so that pages can start before the previous
/// one has committed. A page whose predecessor failed changes nothing, so no
/// change is ever skipped; nor does a page of a pull that a login or logout
/// overtook (both reset the checkpoint, and an anonymous pull must not move
/// it past staff records the new session has yet to pull). A refused page
/// returns `None`. With a [`present`] snapshot, only the records in it are
/// read back; the others are written as soon as the page starts, so the
/// browser prepares them while the previous page still commits.
pub async fn apply_pull_page_after(
    changes: &[PulledChange],
    guard: PageGuard<'_>,
    next: u64,
    present: Option<&Present>,
) -> StoreResult<Option<usize>> {
    apply_page(changes, Some(guard), next, present).await
}

/// A pulled change, its data still the JSON text it came as.
pub type PulledChange = Change<Box<RawValue>>;

/// A pulled change with its data parsed, for merging.
fn parsed(change: &PulledChange) -> StoreResult<Change> {
    change.try_with_data(|raw| codec::parse_json(raw.get(), "pulled record"))
}

/// The part of the stored session a page guard compares.
#[derive(serde::Deserialize)]
struct StoredToken {
    token: String,
}

async fn apply_page(
    changes: &[PulledChange],
    guard: Option<PageGuard<'_>>,
    next: u64,
    present: Option<&Present>,
) -> StoreResult<Option<usize>> {
    let db = db().await?;
    let collections = domain::sort::distinct(changes.iter().map(|c| c.collection));
    let mut names: Vec<&str> = collections.iter().map(|c| c.as_str()).collect();
    names.extend([META, CONFLICTS]);
    let any_packed = collections.iter().any(|c| packs::packed(*c));
    if any_packed {
        names.extend(packs::STORES);
    }
    let tx = db.transaction(&names, TransactionMode::ReadWrite)?;
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
    let meta = tx.store(META)?;
    let conflicts = tx.store(CONFLICTS)?;

    // Records this device may hold are read and merged; the others are
    // stored as pulled, made from their data's JSON text without parsing it
    // (data carrying conflicts, which the server never sends, takes the
    // careful path too).
    let mut known: Vec<Change> = Vec::new();
    let mut fresh: BTreeMap<Collection, Vec<PackedRow>> = BTreeMap::new();
    for change in changes {
        if present.is_some_and(|p| !p.holds(change)) {
            if change.deleted {
                // Nothing here to remove.
                continue;
            }
            if let Some(row) = codec::pulled_row(change) {
                fresh.entry(change.collection).or_default().push(row);
                continue;
            }
        }
        known.push(parsed(change)?);
    }
    if let Some(present) = present {
        present.note(changes);
    }
    // Many new records of a packed collection go into one pack; the rest
    // are stored one object each.
    let mut pack_writes = Vec::new();
    let mut rows: Vec<(Collection, RowOut)> = Vec::new();
    for (collection, fresh) in fresh {
        if packs::packed(collection) && fresh.len() >= packs::PACK_MIN {
            pack_writes.push(packs::put(&tx, collection, fresh)?);
        } else {
            rows.extend(fresh.into_iter().map(|r| (collection, RowOut::from(r))));
        }
    }
    let packed = if known.is_empty() {
        PackedSet::default()
    } else {
        PackedSet::load(&tx, collections.iter().copied()).await?
    };

    // Issued in this order, so IndexedDB runs them in this order: the
    // checkpoint check first.
    let in_order = async {
        let Some(guard) = guard else {
            return Ok(true);
        };
        let (checkpoint, session) = futures::try_join!(
            super::meta::get_in::<u64>(&meta, super::meta::CHECKPOINT),
            super::meta::get_in::<StoredToken>(&meta, super::meta::SESSION),
        )?;
        Ok::<_, StoreError>(
            checkpoint.unwrap_or(0) == guard.after
                && session.as_ref().map(|s| s.token.as_str()) == guard.token,
        )
    };
    let reads = read_records(&tx, known.iter().map(|ch| (ch.collection, ch.id)));
    let fresh_stored = put_rows(&tx, rows)?;
    let packs_stored = async { try_join_all(pack_writes).await.map(|_| ()) };
    let (in_order, current, (), ()) =
        futures::try_join!(in_order, reads, fresh_stored, packs_stored)?;
    if !in_order {
        tx.abort().await?;
        return Ok(None);
    }

    let mut deletes = Vec::new();
    let mut puts = Vec::with_capacity(known.len());
    let mut tombstones = Vec::new();
    for (change, current) in known.iter().zip(current) {
        let store = store_of(change.collection);
        let in_pack = packed.find(change.collection, change.id);
        let current = match (current, in_pack) {
            (Some(current), _) => Some(current),
            // The server's copy is stored already, in its pack (a pull
            // from the start again, after a login).
            (None, Some(row)) if !change.deleted && row.rev == change.rev => continue,
            (None, Some(row)) => Some(row.to_row().into_local()?.1),
            (None, None) => None,
        };
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
            PullOutcome::Remove if in_pack.is_some() => {
                // Removing the row would bring the packed copy back.
                tombstones.push((
                    change.collection,
                    change.id,
                    tombstone(change.rev, change.updated_at),
                ));
                if had_conflicts {
                    index_conflicts(&conflicts, change.collection, change.id, &Value::Null).await?;
                }
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
    let stored = put_records(
        &tx,
        puts.iter()
            .chain(&tombstones)
            .map(|(c, id, r)| (*c, *id, r)),
    )?;
    let removed = async { try_join_all(deletes).await.map_err(StoreError::from) };
    futures::try_join!(removed, stored)?;
    super::meta::put_in(&meta, super::meta::CHECKPOINT, &next).await?;
    finish(tx).await?;
    let mut topics: Vec<Topic> = collections.into_iter().map(Topic::Collection).collect();
    topics.extend([Topic::Conflicts, Topic::Meta]);
    announce_in_batch(&topics);
    Ok(Some(changes.len()))
}

/// The row of a removed record that a pack still holds: it hides the
/// packed copy.
fn tombstone(rev: u64, updated_at: Timestamp) -> LocalRecord {
    LocalRecord {
        rev,
        updated_at,
        deleted: true,
        data: Value::Null,
        base: None,
        pending: false,
    }
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
    let collections = domain::sort::distinct(sent.iter().map(|(_, m)| m.collection));
    let mut names: Vec<&str> = collections.iter().map(|c| c.as_str()).collect();
    names.extend([OUTBOX, CONFLICTS]);
    if collections.iter().any(|c| packs::packed(*c)) {
        names.extend(packs::STORES);
    }
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
    let reads = read_records(&tx, sent.iter().map(|(_, m)| (m.collection, m.id)));
    let outbox_store = tx.store(OUTBOX)?;
    let (stored, waiting) = futures::try_join!(reads, outbox::waiting_in(&outbox_store, sent))?;
    let packed = PackedSet::load(&tx, collections.iter().copied()).await?;

    let mut report = PushReport::default();
    // What this batch has decided so far: a record's newest state, and the
    // outbox entries already answered, for later mutations of the same record.
    let mut latest: HashMap<(Collection, RecordId), Option<LocalRecord>> = HashMap::new();
    let mut answered: HashSet<u64> = HashSet::new();
    let mut writes: Vec<LocalBoxFuture<'_, StoreResult<()>>> = Vec::new();
    for (((seq, mutation), result), stored) in sent.iter().zip(results).zip(stored) {
        let at = (mutation.collection, mutation.id);
        let current = match latest.get(&at) {
            Some(decided) => decided.clone(),
            None => match (stored, packed.find(at.0, at.1)) {
                (None, Some(row)) => Some(row.to_row().into_local()?.1),
                (stored, _) => stored,
            },
        };
        // Mutations of this record in the outbox (this one included).
        let still_pending = waiting
            .by_record
            .get(&at)
            .is_some_and(|keys| keys.iter().any(|k| k != seq && !answered.contains(k)));
        match apply_result(current.as_ref(), mutation, result, still_pending) {
            PushOutcome::Settled(record) => {
                answered.insert(*seq);
                report.settled += 1;
                if result.status == domain::sync::Status::Conflict {
                    report.conflicts += 1;
                }
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
    // Answered entries leave the outbox a key range at a time.
    for (first, last) in key_runs(&waiting.all, &answered) {
        let store = tx.store(OUTBOX)?;
        let range = KeyRange::bound(
            &JsValue::from_f64(first as f64),
            &JsValue::from_f64(last as f64),
            None,
            None,
        )
        .map_err(|e| StoreError::Other(e.to_string()))?;
        writes.push(async move { Ok(store.delete(range.into()).await?) }.boxed_local());
    }
    // Only each record's final state is written, so the order of the
    // writes does not matter.
    let mut tombstones = Vec::new();
    for ((collection, id), record) in &latest {
        if record.is_some() {
            continue;
        }
        if packed.find(*collection, *id).is_some() {
            // Removing the row would bring the packed copy back.
            let answer = sent
                .iter()
                .zip(results)
                .rfind(|((_, m), _)| (m.collection, m.id) == (*collection, *id));
            let (rev, at) = answer.map_or((0, Timestamp::from_millis(0)), |((_, m), r)| {
                (r.rev.unwrap_or(m.base_rev), m.updated_at)
            });
            tombstones.push((*collection, *id, tombstone(rev, at)));
        } else {
            let store = tx.store(collection.as_str())?;
            let k = key(*id);
            writes.push(async move { Ok(store.delete(k).await?) }.boxed_local());
        }
    }
    let stored = put_records(
        &tx,
        latest
            .iter()
            .filter_map(|((c, id), r)| Some((*c, *id, r.as_ref()?)))
            .chain(tombstones.iter().map(|(c, id, r)| (*c, *id, r))),
    )?;
    futures::try_join!(try_join_all(writes), stored)?;
    finish(tx).await?;
    let mut topics: Vec<Topic> = collections.into_iter().map(Topic::Collection).collect();
    topics.extend([Topic::Outbox, Topic::Conflicts]);
    announce_in_batch(&topics);
    Ok(report)
}
