//! The outbox: local writes waiting for the server, in write order.
//!
//! An entry leaves the outbox only after the server answered for it. A
//! refused entry stays, marked rejected with the server's reason, in a
//! visible "needs attention" list until the user retries or discards it.

use super::codec::{get, get_string, objects_from_js, parse_json, set, to_json};
use super::db::db;
use super::error::{StoreError, StoreResult};
use super::notify::{announce, Topic};
use super::records::finish;
use super::schema::{OUTBOX, OUTBOX_BY_RECORD};
use domain::collection::{Collection, Scope};
use domain::ids::RecordId;
use domain::sync::Mutation;
use domain::time::Timestamp;
use futures::future::try_join_all;
use js_sys::Object;
use rexie::{KeyRange, Store, TransactionMode};
use std::collections::{BTreeSet, HashMap};
use wasm_bindgen::JsValue;

/// Whether an entry is still to be sent or was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutboxState {
    /// Waiting to be pushed.
    Pending,
    /// Refused by the server; needs the user's attention.
    Rejected,
}

impl OutboxState {
    fn as_str(self) -> &'static str {
        match self {
            OutboxState::Pending => "pending",
            OutboxState::Rejected => "rejected",
        }
    }
}

/// One outbox entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// Its key (write order).
    pub seq: u64,
    /// The mutation to push.
    pub mutation: Mutation,
    /// Pending or rejected.
    pub state: OutboxState,
    /// The server's reason for a rejection.
    pub error: Option<String>,
    /// When the write happened.
    pub created_at: Timestamp,
}

/// An outbox row as [`add_in`] stores it.
#[derive(serde::Deserialize)]
struct EntryJson {
    seq: f64,
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    mutation: String,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    created_at: f64,
}

fn state_of(state: Option<&str>) -> OutboxState {
    if state == Some(OutboxState::Rejected.as_str()) {
        OutboxState::Rejected
    } else {
        OutboxState::Pending
    }
}

fn entries_from_js(rows: &[JsValue]) -> StoreResult<Vec<Entry>> {
    objects_from_js::<EntryJson>(rows, "outbox")?
        .into_iter()
        .map(|row| {
            Ok(Entry {
                seq: row.seq as u64,
                mutation: parse_json(&row.mutation, "outbox mutation")?,
                state: state_of(row.state.as_deref()),
                error: row.error,
                created_at: Timestamp::from_millis(row.created_at as i64),
            })
        })
        .collect()
}

fn entry_from_js(row: &JsValue) -> StoreResult<Entry> {
    entries_from_js(std::slice::from_ref(row))?
        .pop()
        .ok_or_else(|| StoreError::Corrupt("outbox entry unreadable".into()))
}

/// What an outbox row says without its mutation: enough to count entries
/// and to find a record's, without parsing every mutation.
#[derive(serde::Deserialize)]
struct SlotJson {
    seq: f64,
    collection: Collection,
    record_id: RecordId,
    #[serde(default)]
    state: Option<String>,
}

fn slots_from_js(rows: &[JsValue]) -> StoreResult<Vec<SlotJson>> {
    objects_from_js(rows, "outbox")
}

/// The outbox as storing a push batch's answers needs it, read inside the
/// caller's transaction.
pub(crate) struct Waiting {
    /// Every entry's key: answered entries leave a key range at a time, and
    /// no range may cover an entry that was not answered.
    pub all: BTreeSet<u64>,
    /// The keys of each of the batch's records (of others, maybe).
    pub by_record: HashMap<(Collection, RecordId), Vec<u64>>,
}

/// Reads what [`Waiting`] holds for `batch` without reading entries' values
/// when it can: the keys come from `getAllKeys`, and when the `by_record`
/// index finds no entry for the batch's records (over the span of their
/// ids) beyond the batch's own, which is the usual case, the batch itself
/// says which keys each record has. Otherwise the whole outbox is read.
pub(crate) async fn waiting_in(store: &Store, batch: &[(u64, Mutation)]) -> StoreResult<Waiting> {
    let mut own: HashMap<Collection, (Vec<RecordId>, BTreeSet<u64>)> = HashMap::new();
    for (seq, mutation) in batch {
        let (ids, seqs) = own.entry(mutation.collection).or_default();
        ids.push(mutation.id);
        seqs.insert(*seq);
    }
    let index = store.index(OUTBOX_BY_RECORD)?;
    let spans = own.iter().map(|(collection, (ids, seqs))| {
        let index = &index;
        async move {
            let Some(range) = record_span(*collection, ids)? else {
                return Ok(true);
            };
            let keys = index.get_all_keys(Some(range), None).await?;
            Ok::<_, StoreError>(keys.iter().all(|k| seqs.contains(&key_seq(k))))
        }
    });
    let (keys, only_own) = futures::try_join!(
        async { Ok::<_, StoreError>(store.get_all_keys(None, None).await?) },
        try_join_all(spans)
    )?;
    // Inserted one by one: collecting into a set would compile one more
    // copy of the standard sort (see domain::sort).
    let mut all = BTreeSet::new();
    all.extend(keys.iter().map(key_seq));
    let entries: Vec<(Collection, RecordId, u64)> = if only_own.into_iter().all(|only| only) {
        batch
            .iter()
            .map(|(seq, m)| (m.collection, m.id, *seq))
            .collect()
    } else {
        slots_from_js(&store.get_all(None, None).await?)?
            .into_iter()
            .map(|slot| (slot.collection, slot.record_id, slot.seq as u64))
            .collect()
    };
    let mut by_record: HashMap<_, Vec<u64>> = HashMap::new();
    for (collection, id, seq) in entries {
        by_record.entry((collection, id)).or_default().push(seq);
    }
    Ok(Waiting { all, by_record })
}

fn key_seq(key: &JsValue) -> u64 {
    key.as_f64().unwrap_or(0.0) as u64
}

/// The `by_record` index range over the records `ids` of `collection`.
fn record_span(collection: Collection, ids: &[RecordId]) -> StoreResult<Option<KeyRange>> {
    let Some((low, high)) = super::records::key_span(ids) else {
        return Ok(None);
    };
    let bound = |id: String| -> JsValue {
        js_sys::Array::of2(&collection.as_str().into(), &id.into()).into()
    };
    KeyRange::bound(&bound(low), &bound(high), None, None)
        .map(Some)
        .map_err(|e| StoreError::Other(e.to_string()))
}

/// Adds a mutation inside the caller's transaction; returns its key.
pub(crate) async fn add_in(store: &Store, mutation: &Mutation, now: Timestamp) -> StoreResult<u64> {
    let row = Object::new();
    set(&row, "collection", mutation.collection.as_str());
    set(&row, "record_id", mutation.id.to_string());
    set(
        &row,
        "scope",
        if mutation.collection.scope() == Scope::Staff {
            "staff"
        } else {
            "public"
        },
    );
    set(&row, "state", OutboxState::Pending.as_str());
    set(&row, "mutation", to_json(mutation));
    set(&row, "created_at", now.millis() as f64);
    let key = store.add(&row.into(), None).await?;
    Ok(key_seq(&key))
}

/// Adds entries restored from a backup, skipping mutation ids already
/// queued (so importing twice queues nothing twice).
pub async fn import(entries: &[Entry]) -> StoreResult<usize> {
    let db = db().await?;
    let tx = db.transaction(&[OUTBOX], TransactionMode::ReadWrite)?;
    let store = tx.store(OUTBOX)?;
    let mut known = std::collections::HashSet::new();
    for entry in entries_from_js(&store.get_all(None, None).await?)? {
        known.insert(entry.mutation.mutation_id);
    }
    let mut added = 0;
    for e in entries
        .iter()
        .filter(|e| !known.contains(&e.mutation.mutation_id))
    {
        let seq = add_in(&store, &e.mutation, e.created_at).await?;
        if e.state == OutboxState::Rejected {
            set_state_in(&store, seq, OutboxState::Rejected, e.error.as_deref()).await?;
        }
        added += 1;
    }
    finish(tx).await?;
    announce(&[Topic::Outbox]);
    Ok(added)
}

/// Changes an entry's state inside the caller's transaction.
pub(crate) async fn set_state_in(
    store: &Store,
    seq: u64,
    state: OutboxState,
    error: Option<&str>,
) -> StoreResult<()> {
    let key = JsValue::from_f64(seq as f64);
    if let Some(row) = store.get(key).await? {
        set(row.unchecked_ref(), "state", state.as_str());
        match error {
            Some(e) => set(row.unchecked_ref(), "error", e),
            None => set(row.unchecked_ref(), "error", JsValue::NULL),
        }
        store.put(&row, None).await?;
    }
    Ok(())
}

/// Removes staff entries inside the caller's transaction: all of them when
/// `discard_unsynced`, otherwise only rejected ones (pending staff work is
/// never dropped without the user's say-so).
pub(crate) async fn remove_staff_in(store: &Store, discard_unsynced: bool) -> StoreResult<()> {
    for row in store.get_all(None, None).await? {
        let staff = get_string(&row, "scope").as_deref() == Some("staff");
        let pending = get_string(&row, "state").as_deref() == Some("pending");
        if staff && (discard_unsynced || !pending) {
            store.delete(get(&row, "seq")).await?;
        }
    }
    Ok(())
}

use wasm_bindgen::JsCast;

/// Every entry, oldest first.
pub async fn all() -> StoreResult<Vec<Entry>> {
    let db = db().await?;
    let tx = db.transaction(&[OUTBOX], TransactionMode::ReadOnly)?;
    entries_from_js(&tx.store(OUTBOX)?.get_all(None, None).await?)
}

/// The oldest `limit` pending entries after key `after` that `wanted`
/// accepts, as (key, mutation) pairs to push. Reads the outbox in key order
/// a chunk at a time, so pushing a long outbox does not decode all of it
/// per batch.
pub async fn pending_batch(
    limit: usize,
    mut after: Option<u64>,
    wanted: impl Fn(&Mutation) -> bool,
) -> StoreResult<Vec<(u64, Mutation)>> {
    let db = db().await?;
    let tx = db.transaction(&[OUTBOX], TransactionMode::ReadOnly)?;
    let store = tx.store(OUTBOX)?;
    let chunk = limit.clamp(1, super::codec::DECODE_CHUNK);
    let mut out = Vec::new();
    while out.len() < limit {
        let range = match after {
            Some(seq) => Some(
                KeyRange::lower_bound(&JsValue::from_f64(seq as f64), Some(true))
                    .map_err(|e| StoreError::Other(e.to_string()))?,
            ),
            None => None,
        };
        let rows = store.get_all(range, Some(chunk as u32)).await?;
        for entry in entries_from_js(&rows)? {
            after = Some(entry.seq);
            if entry.state == OutboxState::Pending && wanted(&entry.mutation) && out.len() < limit {
                out.push((entry.seq, entry.mutation));
            }
        }
        if rows.len() < chunk {
            break;
        }
    }
    Ok(out)
}

/// Counts of pending and rejected entries, and pending staff entries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Waiting to be pushed.
    pub pending: usize,
    /// Refused, needing attention.
    pub rejected: usize,
    /// Pending entries of staff collections (lost by a logout that discards).
    pub pending_staff: usize,
    /// The highest key of a pending entry (keys only grow: a higher one
    /// means a new write, not a push removing or a retry requeueing).
    pub newest_pending: Option<u64>,
}

/// Counts the outbox.
pub async fn counts() -> StoreResult<Counts> {
    let db = db().await?;
    let tx = db.transaction(&[OUTBOX], TransactionMode::ReadOnly)?;
    let rows = tx.store(OUTBOX)?.get_all(None, None).await?;
    let mut c = Counts::default();
    for slot in slots_from_js(&rows)? {
        match state_of(slot.state.as_deref()) {
            OutboxState::Pending => {
                c.pending += 1;
                c.newest_pending = c.newest_pending.max(Some(slot.seq as u64));
                if slot.collection.scope() == Scope::Staff {
                    c.pending_staff += 1;
                }
            }
            OutboxState::Rejected => c.rejected += 1,
        }
    }
    Ok(c)
}

/// Puts a rejected entry back in the queue (after the user fixed the cause).
pub async fn retry(seq: u64) -> StoreResult<()> {
    let db = db().await?;
    let tx = db.transaction(&[OUTBOX], TransactionMode::ReadWrite)?;
    set_state_in(&tx.store(OUTBOX)?, seq, OutboxState::Pending, None).await?;
    finish(tx).await?;
    announce(&[Topic::Outbox]);
    Ok(())
}

/// Drops a rejected entry and reverts its record to the server's version.
pub async fn discard(seq: u64) -> StoreResult<()> {
    let db = db().await?;
    let names: Vec<&str> = Collection::ALL
        .iter()
        .map(|c| c.as_str())
        .chain([OUTBOX])
        .collect();
    let tx = db.transaction(&names, TransactionMode::ReadWrite)?;
    let outbox = tx.store(OUTBOX)?;
    let key = JsValue::from_f64(seq as f64);
    let Some(row) = outbox.get(key.clone()).await? else {
        return Ok(());
    };
    let entry = entry_from_js(&row)?;
    outbox.delete(key).await?;
    let store = tx.store(entry.mutation.collection.as_str())?;
    let id = JsValue::from_str(&entry.mutation.id.to_string());
    if let Some(row) = store.get(id.clone()).await? {
        let (rid, record) = super::codec::record_from_js(&row)?;
        match record.base.clone() {
            Some(base) => {
                let reverted = domain::replica::LocalRecord {
                    data: base,
                    deleted: false,
                    pending: false,
                    ..record
                };
                store
                    .put(
                        &super::codec::record_to_js(entry.mutation.collection, rid, &reverted),
                        None,
                    )
                    .await?;
            }
            // Never on the server: discarding the only write removes it.
            None => store.delete(id).await?,
        }
    }
    finish(tx).await?;
    announce(&[Topic::Outbox, Topic::Collection(entry.mutation.collection)]);
    Ok(())
}
