//! Typed access to the records of every collection, and local writes.
//!
//! Local writes ([`save`], [`delete`], [`resolve_conflict`]) put the record
//! and its outbox mutation in one transaction. Sync results are applied in
//! [`super::replica`].

use super::codec::{self, get_string, record_from_js, record_to_js, set};
use super::db::db;
use super::error::{StoreError, StoreResult};
use super::notify::{announce, Topic};
use super::outbox;
use super::packs;
use super::schema::{self, CONFLICTS, META, OUTBOX};
use domain::collection::Collection;
use domain::ids::{MutationId, RecordId};
use domain::merge::{resolve, Conflict};
use domain::records::RecordData;
use domain::replica::LocalRecord;
use domain::sync::{Mutation, Op};
use domain::time::Timestamp;
use js_sys::Object;
use rexie::{Store, Transaction, TransactionMode};
use serde_json::Value;
use std::collections::HashSet;
use wasm_bindgen::JsValue;

pub use super::reads::{count, get, get_many, list, list_by, newest, newest_by_cursor, Stored};

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
    let mut names = packs::with_packs(collection);
    names.extend([OUTBOX, CONFLICTS]);
    let tx = db.transaction(&names, TransactionMode::ReadWrite)?;
    let current = match local(&tx.store(collection.as_str())?, id).await? {
        Some(current) => Some(current),
        None => packs::load(&tx, collection)
            .await?
            .find(id)
            .map(|row| row.to_row().into_local().map(|(_, r)| r))
            .transpose()?,
    };
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
        packs::clear(&tx, c).await?;
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

/// Every stored record of a collection as the sync layer sees it (backups),
/// packed ones included.
pub async fn all_local(collection: Collection) -> StoreResult<Vec<(RecordId, LocalRecord)>> {
    let db = db().await?;
    let tx = db.transaction(&packs::with_packs(collection), TransactionMode::ReadOnly)?;
    let mut out = tx
        .store(collection.as_str())?
        .get_all(None, None)
        .await?
        .iter()
        .map(record_from_js)
        .collect::<StoreResult<Vec<_>>>()?;
    let shadowed: HashSet<RecordId> = out.iter().map(|(id, _)| *id).collect();
    for row in packs::load(&tx, collection).await?.visible(&shadowed) {
        out.push(row.to_row().into_local()?);
    }
    Ok(out)
}
