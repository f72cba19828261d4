//! Many records read or written in one transaction, with as few IndexedDB
//! requests as the data allows: the sync layer's pages and push batches
//! touch hundreds of records at a time.

use super::codec::{self, RowOut};
use super::error::{StoreError, StoreResult};
use super::records::{key, key_span};
use domain::collection::Collection;
use domain::ids::RecordId;
use domain::replica::LocalRecord;
use futures::future::try_join_all;
use rexie::{KeyRange, Store, Transaction};
use std::collections::{BTreeMap, HashMap, HashSet};
use wasm_bindgen::JsValue;

/// Stores many records: one conversion to stored objects, then each store's
/// objects put with `put_all`, which waits for the last request only. The
/// others then need no success handler (two closures and a wake-up of wasm
/// per record); a put that fails aborts the transaction, and the last
/// request reports that.
pub(super) fn put_records<'a, 'r>(
    tx: &'a Transaction,
    records: impl Iterator<Item = (Collection, RecordId, &'r LocalRecord)>,
) -> StoreResult<impl std::future::Future<Output = StoreResult<()>> + 'a> {
    let records: Vec<_> = records.collect();
    let objects = codec::records_to_js(records.iter().copied());
    put_objects(
        tx,
        records.iter().map(|(c, _, _)| *c).zip(objects).collect(),
    )
}

/// Puts ready-made stored rows (see [`put_records`]).
pub(super) fn put_rows<'a>(
    tx: &'a Transaction,
    rows: Vec<(Collection, RowOut)>,
) -> StoreResult<impl std::future::Future<Output = StoreResult<()>> + 'a> {
    let (collections, rows): (Vec<Collection>, Vec<RowOut>) = rows.into_iter().unzip();
    let objects = codec::rows_to_js(&rows);
    put_objects(tx, collections.into_iter().zip(objects).collect())
}

/// Puts each store's objects with one `put_all`.
fn put_objects(
    tx: &Transaction,
    objects: Vec<(Collection, JsValue)>,
) -> StoreResult<impl std::future::Future<Output = StoreResult<()>> + '_> {
    let mut by_store: BTreeMap<Collection, Vec<JsValue>> = BTreeMap::new();
    for (collection, object) in objects {
        by_store.entry(collection).or_default().push(object);
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

/// Reads many records (or their absence), in the order asked; a record
/// asked for twice is read once. Every store's requests are issued together
/// and its answers decoded in one pass.
pub(super) async fn read_records(
    tx: &Transaction,
    reads: impl Iterator<Item = (Collection, RecordId)>,
) -> StoreResult<Vec<Option<LocalRecord>>> {
    let reads: Vec<(Collection, RecordId)> = reads.collect();
    let mut by_store: BTreeMap<Collection, Vec<RecordId>> = BTreeMap::new();
    for (collection, id) in &reads {
        by_store.entry(*collection).or_default().push(*id);
    }
    let stores = by_store
        .into_iter()
        .map(|(collection, ids)| Ok((collection, tx.store(collection.as_str())?, ids)))
        .collect::<StoreResult<Vec<_>>>()?;
    let per_store = try_join_all(stores.iter().map(|(collection, store, ids)| async move {
        let found = read_store(store, ids).await?;
        Ok::<_, StoreError>(found.into_iter().map(|(id, r)| ((*collection, id), r)))
    }))
    .await?;
    let found: HashMap<(Collection, RecordId), LocalRecord> =
        per_store.into_iter().flatten().collect();
    Ok(reads.iter().map(|read| found.get(read).cloned()).collect())
}

/// Fewest reads of one store that are tried as one span.
const SPAN_MIN: usize = 32;

/// Reads the records of one store that exist among `ids`.
///
/// Ids are time-ordered (UUID v7), so records made on one device in a row
/// (a day of visits queued offline) lie next to each other in key order.
/// When the key span of `ids` holds at most twice as many records as asked
/// for, one `getAll` over it replaces a `get` per record (each with its own
/// success handler and wake-up of wasm). The `getAll` is capped one record
/// past that, so it also tells whether the span was dense: a full answer
/// means it was not (and is dropped for a `get` each, issued at once). No
/// count is asked first: that round trip was a tenth of a push batch's
/// transaction.
async fn read_store(store: &Store, ids: &[RecordId]) -> StoreResult<Vec<(RecordId, LocalRecord)>> {
    let wanted: HashSet<RecordId> = ids.iter().copied().collect();
    let cap = 2 * wanted.len() + 1;
    let spanned = match span(ids)? {
        Some(range) if wanted.len() >= SPAN_MIN => {
            let rows = store
                .get_all(Some(range), Some(u32::try_from(cap).unwrap_or(u32::MAX)))
                .await?;
            (rows.len() < cap).then_some(rows)
        }
        _ => None,
    };
    let rows = match spanned {
        Some(rows) => rows,
        None => get_each(store, &wanted).await?,
    };
    codec::rows_from_js(&rows)?
        .into_iter()
        .filter(|row| wanted.contains(&row.id))
        .map(|row| row.into_local())
        .collect()
}

/// One `get` per id, all issued at once; absent records are left out.
pub(super) async fn get_each(store: &Store, ids: &HashSet<RecordId>) -> StoreResult<Vec<JsValue>> {
    let rows = try_join_all(ids.iter().map(|id| store.get(key(*id)))).await?;
    Ok(rows.into_iter().flatten().collect())
}

/// The key range from the lowest to the highest of `ids`.
fn span(ids: &[RecordId]) -> StoreResult<Option<KeyRange>> {
    let Some((low, high)) = key_span(ids) else {
        return Ok(None);
    };
    KeyRange::bound(&low.into(), &high.into(), None, None)
        .map(Some)
        .map_err(|e| StoreError::Other(e.to_string()))
}
