//! Typed reads of a collection's records, as views see them.
//!
//! For a collection whose first-sync records sit in packs (`packs.rs`),
//! each read lays the store's rows over the packed ones: a record with a
//! row in the store (any later state, a tombstone included) is read from
//! there, the others from their pack, in one transaction.
//!
//! The readers work on stored rows and are not generic; only turning rows
//! into typed records is, so each record type adds little to the bundle.

use super::codec::{self, parse_json, rows_from_js as rows, PackedRow, Row};
use super::db::db;
use super::error::{StoreError, StoreResult};
use super::packs;
use super::records::key;
use super::schema::index_property_named;
use domain::collection::Collection;
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

/// Typed live records of rows, in their order (tombstones left out).
fn decode<T: RecordData>(rows: Vec<Row>) -> StoreResult<Vec<Stored<T>>> {
    let mut out = Vec::with_capacity(rows.len());
    for row in rows.into_iter().filter(|r| !r.deleted) {
        let text = row
            .data
            .ok_or_else(|| StoreError::Corrupt("record without data".into()))?;
        out.push(Stored {
            id: row.id,
            rev: row.rev,
            updated_at: row.updated_at,
            pending: row.pending,
            data: parse_json(&text, T::COLLECTION.as_str())?,
            conflicts: match row.conflicts {
                Some(text) => parse_json(&text, "record conflicts")?,
                None => Vec::new(),
            },
        });
    }
    Ok(out)
}

/// A read-only transaction over a collection's store (and its packs).
async fn read(collection: Collection) -> StoreResult<(Rc<Rexie>, Transaction)> {
    let db = db().await?;
    let tx = db.transaction(&packs::with_packs(collection), TransactionMode::ReadOnly)?;
    Ok((db, tx))
}

/// One record, unless absent or deleted.
pub async fn get<T: RecordData>(id: RecordId) -> StoreResult<Option<Stored<T>>> {
    Ok(decode(get_row(T::COLLECTION, id).await?.into_iter().collect())?.pop())
}

async fn get_row(collection: Collection, id: RecordId) -> StoreResult<Option<Row>> {
    let (_db, tx) = read(collection).await?;
    match tx.store(collection.as_str())?.get(key(id)).await? {
        Some(object) => Ok(rows(&[object])?.pop()),
        None => Ok(packs::load(&tx, collection)
            .await?
            .find(id)
            .map(PackedRow::to_row)),
    }
}

/// The live records among `ids`, in no particular order: one transaction,
/// every `get` issued at once (a handful of records without reading the
/// whole collection).
pub async fn get_many<T: RecordData>(
    ids: impl IntoIterator<Item = RecordId>,
) -> StoreResult<Vec<Stored<T>>> {
    decode(rows_of(T::COLLECTION, ids.into_iter().collect()).await?)
}

async fn rows_of(collection: Collection, ids: HashSet<RecordId>) -> StoreResult<Vec<Row>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let (_db, tx) = read(collection).await?;
    let objects = super::bulk::get_each(&tx.store(collection.as_str())?, &ids).await?;
    let mut out = rows(&objects)?;
    if out.len() < ids.len() {
        let packed = packs::load(&tx, collection).await?;
        let found: HashSet<RecordId> = out.iter().map(|r| r.id).collect();
        out.extend(
            ids.iter()
                .filter(|id| !found.contains(id))
                .filter_map(|id| packed.find(*id))
                .map(PackedRow::to_row),
        );
    }
    Ok(out)
}

/// Every record of a collection, in id order.
pub async fn list<T: RecordData>() -> StoreResult<Vec<Stored<T>>> {
    let mut out = Vec::new();
    // A chunk at a time: the texts of 10,000 records never sit in wasm
    // memory at once (linear memory only grows).
    for chunk in all_rows(T::COLLECTION).await? {
        out.extend(decode(chunk)?);
    }
    Ok(out)
}

/// Every row of a collection, in id order, in chunks.
async fn all_rows(collection: Collection) -> StoreResult<Vec<Vec<Row>>> {
    let (_db, tx) = read(collection).await?;
    let store = tx.store(collection.as_str())?;
    let (objects, packed) = futures::try_join!(
        async { Ok(store.get_all(None, None).await?) },
        packs::load(&tx, collection)
    )?;
    if packed.is_empty() {
        return objects.chunks(codec::DECODE_CHUNK).map(rows).collect();
    }
    let mut all = rows(&objects)?;
    let shadowed: HashSet<RecordId> = all.iter().map(|r| r.id).collect();
    all.extend(packed.visible(&shadowed).map(PackedRow::to_row));
    domain::sort::sort_by_key(&mut all, |r| r.id);
    Ok(vec![all])
}

/// Records whose indexed field equals `value` (index names in
/// `schema::indexes`), in id order.
pub async fn list_by<T: RecordData>(index: &str, value: &str) -> StoreResult<Vec<Stored<T>>> {
    decode(rows_by(T::COLLECTION, index, value).await?)
}

async fn rows_by(collection: Collection, index: &str, value: &str) -> StoreResult<Vec<Row>> {
    let (_db, tx) = read(collection).await?;
    let store = tx.store(collection.as_str())?;
    let query = codec::only(&JsValue::from_str(value))?;
    let mut out = rows(&store.index(index)?.get_all(Some(query), None).await?)?;
    let packed = packs::load(&tx, collection).await?;
    if !packed.is_empty() {
        let shadowed = packs::shadowing(&store).await?;
        out.extend(
            packed
                .visible(&shadowed)
                .filter(|r| {
                    r.index_key(index)
                        .is_some_and(|k| packs::key_matches(k, value))
                })
                .map(PackedRow::to_row),
        );
        domain::sort::sort_by_key(&mut out, |r| r.id);
    }
    Ok(out)
}

/// The first `limit` records in an index's order, highest keys first (e.g.
/// the newest positions), without reading the whole store: one `getAll`
/// where the browser takes its direction option, else a cursor (one
/// event-loop turn per record, slow on a busy start-up).
pub async fn newest<T: RecordData>(index: &str, limit: u32) -> StoreResult<Vec<Stored<T>>> {
    decode(newest_rows(T::COLLECTION, index, limit, codec::last_first(limit)).await?)
}

/// [`newest`] read with a cursor, as browsers without `getAll`'s direction
/// option do (public so that tests compare the two).
pub async fn newest_by_cursor<T: RecordData>(
    index: &str,
    limit: u32,
) -> StoreResult<Vec<Stored<T>>> {
    decode(newest_rows(T::COLLECTION, index, limit, None).await?)
}

async fn newest_rows(
    collection: Collection,
    index: &str,
    limit: u32,
    options: Option<KeyRange>,
) -> StoreResult<Vec<Row>> {
    let (_db, tx) = read(collection).await?;
    let store = tx.store(collection.as_str())?;
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
    let from_packs = packs::newest(&tx, collection, &store, index, limit as usize).await?;
    if from_packs.is_empty() {
        return rows(&objects);
    }
    // The store's first `limit` and the packs' first `limit`, merged.
    let property = index_property_named(index);
    let keys = objects
        .iter()
        .map(|o| codec::get_string(o, &property).unwrap_or_default());
    let mut keyed: Vec<(String, Row)> = keys.zip(rows(&objects)?).collect();
    keyed.extend(from_packs.iter().map(|r| {
        let k = r
            .index_key(index)
            .and_then(|k| k.as_str())
            .unwrap_or_default();
        (k.to_owned(), r.to_row())
    }));
    domain::sort::sort_by(&mut keyed, |a, b| {
        packs::later_first((&a.0, a.1.id), (&b.0, b.1.id))
    });
    keyed.truncate(limit as usize);
    Ok(keyed.into_iter().map(|(_, r)| r).collect())
}

/// Number of stored records of a collection (including local tombstones,
/// not the rows that only hide a packed record the server deleted).
pub async fn count(collection: Collection) -> StoreResult<u32> {
    let (_db, tx) = read(collection).await?;
    let store = tx.store(collection.as_str())?;
    let packed = packs::load(&tx, collection).await?;
    if packed.is_empty() {
        return Ok(store.count(None).await?);
    }
    let rows = rows(&store.get_all(None, None).await?)?;
    let shadowed: HashSet<RecordId> = rows.iter().map(|r| r.id).collect();
    let held = rows.iter().filter(|r| r.pending || !r.deleted).count();
    let visible = packed.visible(&shadowed).count();
    Ok(u32::try_from(held + visible).unwrap_or(u32::MAX))
}
