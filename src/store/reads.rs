//! Typed reads of a collection's records, as views see them.
//!
//! For a collection whose first-sync records sit in packs (`packs.rs`),
//! each read lays the store's rows over the packed ones: a record with a
//! row in the store (any later state, a tombstone included) is read from
//! there, the others from their pack, in one transaction.

use super::codec::{self, parse_json, PackedRow, Row};
use super::db::db;
use super::error::{StoreError, StoreResult};
use super::packs;
use super::records::key;
use super::schema::index_property_named;
use domain::ids::RecordId;
use domain::merge::Conflict;
use domain::records::RecordData;
use domain::time::Timestamp;
use rexie::{Direction, KeyRange, Rexie, Transaction, TransactionMode};
use std::collections::HashSet;
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// A record as views see it.
#[derive(Clone, Debug, PartialEq)]
pub struct Stored<T> {
    /// Its id.
    pub id: RecordId,
    /// Server revision (0 = never synced).
    pub rev: u64,
    /// Last written.
    pub updated_at: Timestamp,
    /// Local changes not yet on the server.
    pub pending: bool,
    /// The record.
    pub data: T,
    /// Unresolved conflicts.
    pub conflicts: Vec<Conflict>,
}

/// A live record of a stored row (`None` for a tombstone).
fn decode_row<T: RecordData>(row: &Row) -> StoreResult<Option<Stored<T>>> {
    if row.deleted {
        return Ok(None);
    }
    let text = row
        .data
        .as_deref()
        .ok_or_else(|| StoreError::Corrupt("record without data".into()))?;
    Ok(Some(Stored {
        id: row.id,
        rev: row.rev,
        updated_at: row.updated_at,
        pending: row.pending,
        data: parse_json(text, T::COLLECTION.as_str())?,
        conflicts: match &row.conflicts {
            Some(text) => parse_json(text, "record conflicts")?,
            None => Vec::new(),
        },
    }))
}

/// The record of a packed row (the server's copy, never pending).
fn decode_packed<T: RecordData>(row: &PackedRow) -> StoreResult<Stored<T>> {
    Ok(Stored {
        id: row.id,
        rev: row.rev,
        updated_at: Timestamp::from_millis(row.updated_at),
        pending: false,
        data: parse_json(row.data.get(), T::COLLECTION.as_str())?,
        conflicts: Vec::new(),
    })
}

/// Live records of stored objects, in their order, decoded a chunk at a
/// time (so the texts of 10,000 records never sit in wasm memory at once).
fn decode_all<T: RecordData>(objects: &[JsValue]) -> StoreResult<Vec<Stored<T>>> {
    let mut out = Vec::with_capacity(objects.len());
    for chunk in objects.chunks(codec::DECODE_CHUNK) {
        for row in codec::rows_from_js(chunk)? {
            out.extend(decode_row(&row)?);
        }
    }
    Ok(out)
}

/// A read-only transaction over a collection's store (and its packs).
async fn read<T: RecordData>() -> StoreResult<(Rc<Rexie>, Transaction)> {
    let db = db().await?;
    let tx = db.transaction(&packs::with_packs(T::COLLECTION), TransactionMode::ReadOnly)?;
    Ok((db, tx))
}

/// One record, unless absent or deleted.
pub async fn get<T: RecordData>(id: RecordId) -> StoreResult<Option<Stored<T>>> {
    let (_db, tx) = read::<T>().await?;
    match tx.store(T::COLLECTION.as_str())?.get(key(id)).await? {
        Some(row) => Ok(decode_all(&[row])?.pop()),
        None => packs::load(&tx, T::COLLECTION)
            .await?
            .find(id)
            .map(decode_packed)
            .transpose(),
    }
}

/// The live records among `ids`, in no particular order: one transaction,
/// every `get` issued at once (a handful of records without reading the
/// whole collection).
pub async fn get_many<T: RecordData>(
    ids: impl IntoIterator<Item = RecordId>,
) -> StoreResult<Vec<Stored<T>>> {
    let ids: HashSet<RecordId> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let (_db, tx) = read::<T>().await?;
    let objects = super::bulk::get_each(&tx.store(T::COLLECTION.as_str())?, &ids).await?;
    let rows = codec::rows_from_js(&objects)?;
    let mut out = Vec::with_capacity(ids.len());
    for row in &rows {
        out.extend(decode_row(row)?);
    }
    if rows.len() < ids.len() {
        let packed = packs::load(&tx, T::COLLECTION).await?;
        let found: HashSet<RecordId> = rows.iter().map(|r| r.id).collect();
        for id in ids.iter().filter(|id| !found.contains(id)) {
            if let Some(row) = packed.find(*id) {
                out.push(decode_packed(row)?);
            }
        }
    }
    Ok(out)
}

/// Every record of a collection, in id order.
pub async fn list<T: RecordData>() -> StoreResult<Vec<Stored<T>>> {
    let (_db, tx) = read::<T>().await?;
    let store = tx.store(T::COLLECTION.as_str())?;
    let (objects, packed) = futures::try_join!(
        async { Ok(store.get_all(None, None).await?) },
        packs::load(&tx, T::COLLECTION)
    )?;
    if packed.is_empty() {
        return decode_all(&objects);
    }
    let mut shadowed = HashSet::new();
    let mut out = Vec::with_capacity(objects.len());
    for chunk in objects.chunks(codec::DECODE_CHUNK) {
        for row in codec::rows_from_js(chunk)? {
            shadowed.insert(row.id);
            out.extend(decode_row(&row)?);
        }
    }
    for row in packed.visible(&shadowed) {
        out.push(decode_packed(row)?);
    }
    out.sort_by_key(|s| s.id);
    Ok(out)
}

/// Records whose indexed field equals `value` (index names in
/// `schema::indexes`), in id order.
pub async fn list_by<T: RecordData>(index: &str, value: &str) -> StoreResult<Vec<Stored<T>>> {
    let (_db, tx) = read::<T>().await?;
    let store = tx.store(T::COLLECTION.as_str())?;
    let query = codec::only(&JsValue::from_str(value))?;
    let objects = store.index(index)?.get_all(Some(query), None).await?;
    let mut out = decode_all(&objects)?;
    let packed = packs::load(&tx, T::COLLECTION).await?;
    if !packed.is_empty() {
        let shadowed = packs::shadowing(&store).await?;
        for row in packed.visible(&shadowed) {
            if row
                .index_key(index)
                .is_some_and(|k| packs::key_matches(k, value))
            {
                out.push(decode_packed(row)?);
            }
        }
        out.sort_by_key(|s| s.id);
    }
    Ok(out)
}

/// The first `limit` records in an index's order, highest keys first (e.g.
/// the newest positions), without reading the whole store: one `getAll`
/// where the browser takes its direction option, else a cursor (one
/// event-loop turn per record, slow on a busy start-up).
pub async fn newest<T: RecordData>(index: &str, limit: u32) -> StoreResult<Vec<Stored<T>>> {
    newest_with::<T>(index, limit, codec::last_first(limit)).await
}

/// [`newest`] read with a cursor, as browsers without `getAll`'s direction
/// option do (public so that tests compare the two).
pub async fn newest_by_cursor<T: RecordData>(
    index: &str,
    limit: u32,
) -> StoreResult<Vec<Stored<T>>> {
    newest_with::<T>(index, limit, None).await
}

async fn newest_with<T: RecordData>(
    index: &str,
    limit: u32,
    options: Option<KeyRange>,
) -> StoreResult<Vec<Stored<T>>> {
    let (_db, tx) = read::<T>().await?;
    let store = tx.store(T::COLLECTION.as_str())?;
    let objects = match options {
        Some(options) => store.index(index)?.get_all(Some(options), None).await?,
        None => store
            .index(index)?
            .scan(None, Some(limit), None, Some(Direction::Prev))
            .await?
            .into_iter()
            .map(|(_, v)| v)
            .collect(),
    };
    let from_packs = packs::newest(&tx, T::COLLECTION, &store, index, limit as usize).await?;
    if from_packs.is_empty() {
        return decode_all(&objects);
    }
    // The store's first `limit` and the packs' first `limit`, merged.
    let property = index_property_named(index);
    let mut keyed: Vec<(String, Stored<T>)> = Vec::new();
    for object in &objects {
        let k = codec::get_string(object, &property).unwrap_or_default();
        keyed.extend(
            decode_all::<T>(std::slice::from_ref(object))?
                .into_iter()
                .map(|s| (k.clone(), s)),
        );
    }
    for row in &from_packs {
        let k = row
            .index_key(index)
            .and_then(|k| k.as_str())
            .unwrap_or_default();
        keyed.push((k.to_owned(), decode_packed(row)?));
    }
    keyed.sort_by(|a, b| packs::later_first((&a.0, a.1.id), (&b.0, b.1.id)));
    keyed.truncate(limit as usize);
    Ok(keyed.into_iter().map(|(_, s)| s).collect())
}

/// Number of stored records of a collection (including local tombstones,
/// not the rows that only hide a packed record the server deleted).
pub async fn count(collection: domain::collection::Collection) -> StoreResult<u32> {
    let db = db().await?;
    let tx = db.transaction(&packs::with_packs(collection), TransactionMode::ReadOnly)?;
    let store = tx.store(collection.as_str())?;
    let packed = packs::load(&tx, collection).await?;
    if packed.is_empty() {
        return Ok(store.count(None).await?);
    }
    let rows = codec::rows_from_js(&store.get_all(None, None).await?)?;
    let shadowed: HashSet<RecordId> = rows.iter().map(|r| r.id).collect();
    let held = rows.iter().filter(|r| r.pending || !r.deleted).count();
    let visible = packed.visible(&shadowed).count();
    Ok(u32::try_from(held + visible).unwrap_or(u32::MAX))
}
