//! The outbox: local writes waiting for the server, in write order.
//!
//! An entry leaves the outbox only after the server answered for it. A
//! refused entry stays, marked rejected with the server's reason, in a
//! visible "needs attention" list until the user retries or discards it.

use super::codec::{get, get_string, get_u64, parse_json, set, to_json};
use super::db::db;
use super::error::StoreResult;
use super::notify::{announce, Topic};
use super::records::finish;
use super::schema::OUTBOX;
use domain::collection::{Collection, Scope};
use domain::sync::Mutation;
use domain::time::Timestamp;
use js_sys::Object;
use rexie::{Store, TransactionMode};
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

fn entry_from_js(row: &JsValue) -> StoreResult<Entry> {
    let text = get_string(row, "mutation").unwrap_or_default();
    Ok(Entry {
        seq: get_u64(row, "seq"),
        mutation: parse_json(&text, "outbox mutation")?,
        state: if get_string(row, "state").as_deref() == Some("rejected") {
            OutboxState::Rejected
        } else {
            OutboxState::Pending
        },
        error: get_string(row, "error"),
        created_at: Timestamp::from_millis(get(row, "created_at").as_f64().unwrap_or(0.0) as i64),
    })
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
    Ok(key.as_f64().unwrap_or(0.0) as u64)
}

/// Adds entries restored from a backup, skipping mutation ids already
/// queued (so importing twice queues nothing twice).
pub async fn import(entries: &[Entry]) -> StoreResult<usize> {
    let db = db().await?;
    let tx = db.transaction(&[OUTBOX], TransactionMode::ReadWrite)?;
    let store = tx.store(OUTBOX)?;
    let mut known = std::collections::HashSet::new();
    for row in store.get_all(None, None).await? {
        known.insert(entry_from_js(&row)?.mutation.mutation_id);
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
    tx.store(OUTBOX)?
        .get_all(None, None)
        .await?
        .iter()
        .map(entry_from_js)
        .collect()
}

/// The oldest `limit` pending entries, as (key, mutation) pairs to push.
pub async fn pending_batch(limit: usize) -> StoreResult<Vec<(u64, Mutation)>> {
    Ok(all()
        .await?
        .into_iter()
        .filter(|e| e.state == OutboxState::Pending)
        .take(limit)
        .map(|e| (e.seq, e.mutation))
        .collect())
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
}

/// Counts the outbox.
pub async fn counts() -> StoreResult<Counts> {
    let mut c = Counts::default();
    for e in all().await? {
        match e.state {
            OutboxState::Pending => {
                c.pending += 1;
                if e.mutation.collection.scope() == Scope::Staff {
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
