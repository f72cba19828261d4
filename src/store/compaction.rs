//! Rewrites worn packs without the copies that later rows hide (the rule is
//! `domain::pack_wear`), so a device that has synced for months reads its
//! catalog as fast as after its first sync.
//!
//! A worn pack is replaced, in one transaction, by a new pack of its
//! visible rows under a new key (packs never change under their key, which
//! each tab's parse cache relies on). A hidden copy dropped with it may
//! leave a row with nothing to hide: the tombstone of a deleted record,
//! settled with the server. Such rows are removed in the same transaction.

use super::codec::{self, PackedRow};
use super::db::db;
use super::error::{StoreError, StoreResult};
use super::packs::{self, Packed};
use super::records::finish;
use domain::collection::Collection;
use domain::ids::RecordId;
use domain::pack_wear;
use domain::replica::key_runs;
use futures::future::try_join_all;
use rexie::{KeyRange, Store, TransactionMode};
use std::collections::{BTreeSet, HashSet};

/// What a compaction did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Compacted {
    /// Packs rewritten (or removed, when every row was hidden).
    pub packs: usize,
    /// Hidden copies dropped.
    pub dropped: usize,
    /// Tombstones removed with the copies they hid.
    pub tombstones: usize,
}

/// Compacts a collection's worn packs. Does nothing for a collection that
/// is not packed or whose packs are not worn.
pub async fn compact(collection: Collection) -> StoreResult<Compacted> {
    if !packs::packed(collection) {
        return Ok(Compacted::default());
    }
    let db = db().await?;
    let names = packs::with_packs(collection);
    // A read-only look at the heads first: nearly always nothing is worn,
    // and neither parsing every pack (time, and memory this tab keeps) nor
    // a read-write transaction (which holds up the views' reads) is needed.
    let tx = db.transaction(&names, TransactionMode::ReadOnly)?;
    let shadowed = packs::shadowing(&tx.store(collection.as_str())?).await?;
    let may_be_worn =
        !shadowed.is_empty() && packs::may_be_worn(&tx, collection, &shadowed).await?;
    drop(tx);
    if !may_be_worn {
        return Ok(Compacted::default());
    }

    let tx = db.transaction(&names, TransactionMode::ReadWrite)?;
    let store = tx.store(collection.as_str())?;
    let (packed, shadowed) = read(&tx, collection).await?;
    let worn = worn_keys(collection, &packed, &shadowed);
    let mut done = Compacted::default();
    let mut dropped = Vec::new();
    for (key, rows) in packed.packs().filter(|(k, _)| worn.contains(*k)) {
        let (hidden, visible): (Vec<&PackedRow>, Vec<&PackedRow>) =
            rows.iter().partition(|r| shadowed.contains(&r.id));
        packs::remove(&tx, key).await?;
        if !visible.is_empty() {
            packs::put(&tx, collection, visible.into_iter().cloned().collect())?.await?;
        }
        done.packs += 1;
        dropped.extend(hidden.iter().map(|r| r.id));
    }
    done.dropped = dropped.len();
    // A copy in a pack that stays still needs the row that hides it.
    let still_packed: HashSet<RecordId> = packed
        .packs()
        .filter(|(k, _)| !worn.contains(*k))
        .flat_map(|(_, rows)| rows.iter().map(|r| r.id))
        .collect();
    dropped.retain(|id| !still_packed.contains(id));
    done.tombstones = remove_settled_tombstones(&store, &dropped).await?;
    finish(tx).await?;
    Ok(done)
}

/// A collection's packs and the ids its own rows hide, in `tx`.
async fn read(
    tx: &rexie::Transaction,
    collection: Collection,
) -> StoreResult<(Packed, HashSet<RecordId>)> {
    let shadowed = packs::shadowing(&tx.store(collection.as_str())?).await?;
    Ok((packs::load(tx, collection).await?, shadowed))
}

/// The keys of the packs the rule says are worn.
fn worn_keys(
    collection: Collection,
    packed: &Packed,
    shadowed: &HashSet<RecordId>,
) -> HashSet<String> {
    packed
        .packs()
        .filter(|(_, rows)| pack_wear::worn(&packs::wear(collection, rows, shadowed)))
        .map(|(k, _)| k.to_owned())
        .collect()
}

/// Removes, among `ids`' rows, the tombstones the server has confirmed (a
/// deleted record with nothing left to send). Returns how many. The rows are
/// read in one request (they are the ones hiding packed copies, no more) and
/// removed a key range at a time, not one request per row.
async fn remove_settled_tombstones(store: &Store, ids: &[RecordId]) -> StoreResult<usize> {
    if ids.is_empty() {
        return Ok(0);
    }
    let ids: HashSet<RecordId> = ids.iter().copied().collect();
    let rows = codec::rows_from_js(&store.get_all(None, None).await?)?;
    let all: BTreeSet<String> = rows.iter().map(|r| r.id.to_string()).collect();
    let settled: HashSet<String> = rows
        .iter()
        .filter(|r| r.deleted && !r.pending && ids.contains(&r.id))
        .map(|r| r.id.to_string())
        .collect();
    let ranges = key_runs(&all, &settled)
        .into_iter()
        .map(|(first, last)| {
            KeyRange::bound(&first.into(), &last.into(), None, None)
                .map_err(|e| StoreError::Other(e.to_string()))
        })
        .collect::<StoreResult<Vec<_>>>()?;
    try_join_all(ranges.into_iter().map(|range| store.delete(range.into()))).await?;
    Ok(settled.len())
}
