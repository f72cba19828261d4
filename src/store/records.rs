//! Typed access to the records of every collection, and local writes.
//!
//! Local writes ([`save`], [`delete`], [`resolve_conflict`]) put the record
//! and its outbox mutation in one transaction. Sync results are applied in
//! [`super::replica`].

use super::codec::{self, get_string, parse_json, record_from_js, record_to_js, set};
use super::db::db;
use super::error::{StoreError, StoreResult};
use super::notify::{announce, Topic};
use super::outbox;
use super::schema::{self, CONFLICTS, META, OUTBOX};
use domain::collection::Collection;
use domain::ids::{MutationId, RecordId};
use domain::merge::{resolve, Conflict};
use domain::records::RecordData;
use domain::replica::LocalRecord;
use domain::sync::{Mutation, Op};
use domain::time::Timestamp;
use js_sys::Object;
use rexie::{Direction, KeyRange, Store, Transaction, TransactionMode};
use serde_json::Value;
use std::collections::HashSet;
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

fn decode<T: RecordData>(row: JsValue) -> StoreResult<Option<Stored<T>>> {
    Ok(decode_all(vec![row])?.pop())
}

/// Live (not deleted) records of stored rows, in their order.
fn decode_all<T: RecordData>(rows: Vec<JsValue>) -> StoreResult<Vec<Stored<T>>> {
    let mut out = Vec::with_capacity(rows.len());
    for chunk in rows.chunks(codec::DECODE_CHUNK) {
        for row in codec::rows_from_js(chunk)?
            .into_iter()
            .filter(|r| !r.deleted)
        {
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
    }
    Ok(out)
}

pub(crate) fn key(id: RecordId) -> JsValue {
    JsValue::from_str(&id.to_string())
}

/// The lowest and highest key among `ids`, as text: IndexedDB orders the
/// ids' ASCII text as Rust does, so a key range between them holds them all.
pub(crate) fn key_span(ids: &[RecordId]) -> Option<(String, String)> {
    let keys = ids.iter().map(|id| id.to_string());
    Some((keys.clone().min()?, keys.max()?))
}

/// Waits for a transaction to commit; an abort is an error.
pub(crate) async fn finish(tx: Transaction) -> StoreResult<()> {
    if super::testing::take_fault() {
        tx.abort().await?;
        return Err(StoreError::Other(
            "transaction aborted (injected fault)".into(),
        ));
    }
    match tx.done().await? {
        rexie::TransactionResult::Committed => Ok(()),
        // Every request succeeded (a failed one returns its error before we
        // get here), so the browser refused the commit itself. That is how
        // Chromium reports a site over its storage quota: an `abort` with a
        // QuotaExceededError on the transaction, no `error` event, and rexie
        // does not expose the transaction's error. The other causes (a disk
        // failure, site data cleared while open) are rare, and the same
        // advice (free space, try again) holds for them.
        rexie::TransactionResult::Aborted => Err(StoreError::QuotaExceeded),
    }
}

/// One record, unless absent or deleted.
pub async fn get<T: RecordData>(id: RecordId) -> StoreResult<Option<Stored<T>>> {
    let db = db().await?;
    let tx = db.transaction(&[T::COLLECTION.as_str()], TransactionMode::ReadOnly)?;
    match tx.store(T::COLLECTION.as_str())?.get(key(id)).await? {
        Some(row) => decode(row),
        None => Ok(None),
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
    let db = db().await?;
    let tx = db.transaction(&[T::COLLECTION.as_str()], TransactionMode::ReadOnly)?;
    let rows = super::bulk::get_each(&tx.store(T::COLLECTION.as_str())?, &ids).await?;
    decode_all(rows)
}

/// Every record of a collection.
pub async fn list<T: RecordData>() -> StoreResult<Vec<Stored<T>>> {
    let db = db().await?;
    let tx = db.transaction(&[T::COLLECTION.as_str()], TransactionMode::ReadOnly)?;
    let rows = tx
        .store(T::COLLECTION.as_str())?
        .get_all(None, None)
        .await?;
    decode_all(rows)
}

/// Records whose indexed field equals `value` (index names in `schema::indexes`).
pub async fn list_by<T: RecordData>(index: &str, value: &str) -> StoreResult<Vec<Stored<T>>> {
    index_get_all(index, codec::only(&JsValue::from_str(value))?).await
}

/// One `getAll` on an index (its query: a key range, or `getAll`'s options).
async fn index_get_all<T: RecordData>(index: &str, query: KeyRange) -> StoreResult<Vec<Stored<T>>> {
    let db = db().await?;
    let tx = db.transaction(&[T::COLLECTION.as_str()], TransactionMode::ReadOnly)?;
    let rows = tx
        .store(T::COLLECTION.as_str())?
        .index(index)?
        .get_all(Some(query), None)
        .await?;
    decode_all(rows)
}

/// The first `limit` records in an index's order, highest keys first (e.g.
/// the newest positions), without reading the whole store: one `getAll`
/// where the browser takes its direction option, else a cursor (one
/// event-loop turn per record, slow on a busy start-up).
pub async fn newest<T: RecordData>(index: &str, limit: u32) -> StoreResult<Vec<Stored<T>>> {
    match codec::last_first(limit) {
        Some(options) => index_get_all(index, options).await,
        None => newest_by_cursor(index, limit).await,
    }
}

/// [`newest`] read with a cursor, as browsers without `getAll`'s direction
/// option do (public so that tests compare the two).
pub async fn newest_by_cursor<T: RecordData>(
    index: &str,
    limit: u32,
) -> StoreResult<Vec<Stored<T>>> {
    let db = db().await?;
    let tx = db.transaction(&[T::COLLECTION.as_str()], TransactionMode::ReadOnly)?;
    let rows = tx
        .store(T::COLLECTION.as_str())?
        .index(index)?
        .scan(None, Some(limit), None, Some(Direction::Prev))
        .await?;
    decode_all(rows.into_iter().map(|(_, v)| v).collect())
}

/// Number of stored records of a collection (including local tombstones).
pub async fn count(collection: Collection) -> StoreResult<u32> {
    let db = db().await?;
    let tx = db.transaction(&[collection.as_str()], TransactionMode::ReadOnly)?;
    Ok(tx.store(collection.as_str())?.count(None).await?)
}

pub(crate) async fn local(store: &Store, id: RecordId) -> StoreResult<Option<LocalRecord>> {
    match store.get(key(id)).await? {
        Some(row) => Ok(Some(record_from_js(&row)?.1)),
        None => Ok(None),
    }
}

/// Saves a record locally and queues it for the server, in one transaction.
/// Callers validate first (`RecordData::validate`).
pub async fn save<T: RecordData>(id: RecordId, record: &T, now: Timestamp) -> StoreResult<()> {
    let data = domain::records::encode(record);
    write_local(T::COLLECTION, id, Op::Upsert, Some(data), now).await
}

/// Deletes a record locally (a tombstone until the server confirms) and
/// queues the delete.
pub async fn delete(collection: Collection, id: RecordId, now: Timestamp) -> StoreResult<()> {
    write_local(collection, id, Op::Delete, None, now).await
}

/// Resolves a conflict by choosing `value` for `path`; syncs like any edit.
pub async fn resolve_conflict(
    collection: Collection,
    id: RecordId,
    path: &str,
    value: Value,
    now: Timestamp,
) -> StoreResult<()> {
    let db = db().await?;
    let tx = db.transaction(
        &[collection.as_str(), OUTBOX, CONFLICTS],
        TransactionMode::ReadWrite,
    )?;
    let store = tx.store(collection.as_str())?;
    let Some(current) = local(&store, id).await? else {
        return Err(StoreError::Other("record not found".into()));
    };
    let data = resolve(&current.data, path, value);
    write_in(
        &tx,
        collection,
        id,
        Op::Upsert,
        Some(data),
        now,
        Some(current),
    )
    .await?;
    finish(tx).await?;
    announce(&[
        Topic::Collection(collection),
        Topic::Outbox,
        Topic::Conflicts,
    ]);
    Ok(())
}

async fn write_local(
    collection: Collection,
    id: RecordId,
    op: Op,
    data: Option<Value>,
    now: Timestamp,
) -> StoreResult<()> {
    let db = db().await?;
    let tx = db.transaction(
        &[collection.as_str(), OUTBOX, CONFLICTS],
        TransactionMode::ReadWrite,
    )?;
    let current = local(&tx.store(collection.as_str())?, id).await?;
    write_in(&tx, collection, id, op, data, now, current).await?;
    finish(tx).await?;
    announce(&[
        Topic::Collection(collection),
        Topic::Outbox,
        Topic::Conflicts,
    ]);
    Ok(())
}

/// The record and its outbox mutation, inside the caller's transaction.
async fn write_in(
    tx: &Transaction,
    collection: Collection,
    id: RecordId,
    op: Op,
    data: Option<Value>,
    now: Timestamp,
    current: Option<LocalRecord>,
) -> StoreResult<()> {
    let base_rev = current.as_ref().map_or(0, |c| c.rev);
    let record = LocalRecord {
        rev: base_rev,
        updated_at: now,
        deleted: op == Op::Delete,
        data: data.clone().unwrap_or(Value::Null),
        base: current.and_then(|c| c.base),
        pending: true,
    };
    tx.store(collection.as_str())?
        .put(&record_to_js(collection, id, &record), None)
        .await?;
    index_conflicts(&tx.store(CONFLICTS)?, collection, id, &record.data).await?;
    let mutation = Mutation {
        mutation_id: MutationId::generate(),
        collection,
        id,
        base_rev,
        op,
        data: data.unwrap_or(Value::Null),
        updated_at: now,
    };
    outbox::add_in(&tx.store(OUTBOX)?, &mutation, now)
        .await
        .map(|_| ())
}

/// Keeps the conflicts store (records with unresolved conflicts) in step.
pub(crate) async fn index_conflicts(
    store: &Store,
    collection: Collection,
    id: RecordId,
    data: &Value,
) -> StoreResult<()> {
    let key = JsValue::from_str(&format!("{collection}/{id}"));
    let conflicts = domain::merge::stored_conflicts(data);
    if conflicts.is_empty() {
        store.delete(key).await?;
    } else {
        let row = Object::new();
        set(&row, "key", key);
        set(&row, "collection", collection.as_str());
        set(&row, "id", id.to_string());
        set(&row, "count", conflicts.len() as f64);
        store.put(&row.into(), None).await?;
    }
    Ok(())
}

/// A record that carries unresolved conflicts.
#[derive(Clone, Debug, PartialEq)]
pub struct ConflictedRecord {
    /// Collection.
    pub collection: Collection,
    /// Record id.
    pub id: RecordId,
    /// The record's data (without conflicts).
    pub data: Value,
    /// Its conflicts.
    pub conflicts: Vec<Conflict>,
}

/// Every record with unresolved conflicts.
pub async fn conflicted() -> StoreResult<Vec<ConflictedRecord>> {
    let db = db().await?;
    let mut names: Vec<&str> = Collection::ALL.iter().map(|c| c.as_str()).collect();
    names.push(CONFLICTS);
    let tx = db.transaction(&names, TransactionMode::ReadOnly)?;
    let mut out = Vec::new();
    for row in tx.store(CONFLICTS)?.get_all(None, None).await? {
        let collection: Option<Collection> =
            get_string(&row, "collection").and_then(|c| c.parse().ok());
        let id: Option<RecordId> = get_string(&row, "id").and_then(|c| c.parse().ok());
        let (Some(collection), Some(id)) = (collection, id) else {
            continue;
        };
        if let Some(record) = local(&tx.store(collection.as_str())?, id).await? {
            let conflicts = domain::merge::stored_conflicts(&record.data);
            let mut data = record.data;
            if let Value::Object(map) = &mut data {
                map.remove(domain::merge::CONFLICTS_KEY);
            }
            out.push(ConflictedRecord {
                collection,
                id,
                data,
                conflicts,
            });
        }
    }
    Ok(out)
}

/// Removes every record of the staff collections, the staff outbox entries
/// (only those already answered unless `discard_unsynced`), drafts, photos
/// and the session: what logout leaves behind must hold no staff data.
/// The session goes in the same transaction, so a staff pull page still in
/// flight is refused by its guard rather than landing after the wipe.
pub async fn wipe_staff_data(discard_unsynced: bool) -> StoreResult<()> {
    let db = db().await?;
    let names = schema::all_store_names();
    let tx = db.transaction(&names, TransactionMode::ReadWrite)?;
    for c in Collection::ALL
        .into_iter()
        .filter(|c| c.scope() == domain::collection::Scope::Staff)
    {
        tx.store(c.as_str())?.clear().await?;
    }
    outbox::remove_staff_in(&tx.store(OUTBOX)?, discard_unsynced).await?;
    let conflicts = tx.store(CONFLICTS)?;
    for row in conflicts.get_all(None, None).await? {
        let staff = get_string(&row, "collection")
            .and_then(|c| c.parse::<Collection>().ok())
            .is_some_and(|c| c.scope() == domain::collection::Scope::Staff);
        if staff {
            conflicts.delete(codec::get(&row, "key")).await?;
        }
    }
    tx.store(schema::DRAFTS)?.clear().await?;
    tx.store(schema::BLOBS)?.clear().await?;
    // Staff changes before the checkpoint were skipped while anonymous and
    // are gone now: the next session pulls from the start.
    let meta = tx.store(META)?;
    super::meta::put_in(&meta, super::meta::CHECKPOINT, &0u64).await?;
    meta.delete(JsValue::from_str(super::meta::SESSION)).await?;
    finish(tx).await?;
    announce(&Topic::everything());
    Ok(())
}

/// Stores a record exactly as given (pending flag and base included),
/// without an outbox entry: restoring a backup, whose outbox is restored
/// separately.
pub async fn put_local(
    collection: Collection,
    id: RecordId,
    record: &LocalRecord,
) -> StoreResult<()> {
    let db = db().await?;
    let tx = db.transaction(
        &[collection.as_str(), CONFLICTS],
        TransactionMode::ReadWrite,
    )?;
    tx.store(collection.as_str())?
        .put(&record_to_js(collection, id, record), None)
        .await?;
    index_conflicts(&tx.store(CONFLICTS)?, collection, id, &record.data).await?;
    finish(tx).await?;
    announce(&[Topic::Collection(collection), Topic::Conflicts]);
    Ok(())
}

/// One stored record as the sync layer sees it (backups).
pub async fn all_local_one(
    collection: Collection,
    id: RecordId,
) -> StoreResult<Option<LocalRecord>> {
    let db = db().await?;
    let tx = db.transaction(&[collection.as_str()], TransactionMode::ReadOnly)?;
    local(&tx.store(collection.as_str())?, id).await
}

/// Every stored record of a collection as the sync layer sees it (backups).
pub async fn all_local(collection: Collection) -> StoreResult<Vec<(RecordId, LocalRecord)>> {
    let db = db().await?;
    let tx = db.transaction(&[collection.as_str()], TransactionMode::ReadOnly)?;
    tx.store(collection.as_str())?
        .get_all(None, None)
        .await?
        .iter()
        .map(record_from_js)
        .collect()
}
