//! Server records kept a page to an object ("packs").
//!
//! A first sync pulls 10,000 positions. Stored one object per record, the
//! browser's cost per stored object (structured clone, index entries,
//! LevelDB writes) made plain IndexedDB writes alone take 1.2–2.3 s here,
//! over the 2 s goal; the same rows as eleven objects of JSON text took
//! 0.1 s (BENCHMARKS.md, stop 20). So for the collections in [`packed`], the
//! records a pull page brings that the device has never held are written as
//! one pack: their stored rows ([`PackedRow`]) as one JSON text.
//!
//! A pack never changes once written. Every later state of a record (the
//! server's next revision, a tombstone, a local edit) is a row of the
//! collection's own store, as for any other collection, and that row hides
//! the record's pack entry: reads lay the store's rows over the packs'.
//! Because packs are immutable and their keys unique, each tab keeps the
//! packs it has parsed; a read only lists the keys to see which are new or
//! gone.

use super::codec::{self, PackedRow};
use super::error::{StoreError, StoreResult};
use super::schema::PACKS;
use domain::collection::Collection;
use domain::ids::RecordId;
use js_sys::Object;
use rexie::{KeyRange, Transaction};
use serde_json::Value;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// Whether a collection's pulled records may be stored in packs: the public
/// catalog, the bulk of a first sync (positions and their employers).
pub fn packed(collection: Collection) -> bool {
    matches!(collection, Collection::Positions | Collection::Employers)
}

/// Fewest new records of one collection in a page that make a pack; fewer
/// (a delta pull) are stored one object each, so packs stay few and big.
pub const PACK_MIN: usize = 100;

/// One pack's rows, with their places by id.
struct Pack {
    rows: Vec<PackedRow>,
    at: HashMap<RecordId, usize>,
}

impl Pack {
    fn new(rows: Vec<PackedRow>) -> Self {
        let at = rows.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
        Pack { rows, at }
    }
}

thread_local! {
    /// Parsed packs by key (a pack's content never changes under its key).
    static PARSED: RefCell<HashMap<String, Rc<Pack>>> = RefCell::new(HashMap::new());
}

/// The packs of one collection, as read in one transaction.
#[derive(Default)]
pub(crate) struct Packed(Vec<Rc<Pack>>);

impl Packed {
    /// Whether there are no packed records.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|p| p.rows.is_empty())
    }

    /// A record's packed row. A record is packed at most once (only
    /// records new to the device are); should it be found twice, the newer
    /// revision counts.
    pub fn find(&self, id: RecordId) -> Option<&PackedRow> {
        self.0
            .iter()
            .filter_map(|p| p.at.get(&id).map(|&i| &p.rows[i]))
            .max_by_key(|r| r.rev)
    }

    /// Every packed row that no row in `shadowed` hides.
    pub fn visible<'a>(
        &'a self,
        shadowed: &'a HashSet<RecordId>,
    ) -> impl Iterator<Item = &'a PackedRow> + 'a {
        let mut seen = HashSet::new();
        self.0
            .iter()
            .flat_map(|p| p.rows.iter())
            .filter(move |r| !shadowed.contains(&r.id))
            .filter(move |r| match self.0.len() {
                1 => true,
                // Several packs: the same id is not expected, but one row
                // each if it happens (the newest, as `find`).
                _ => self.find(r.id).is_some_and(|f| f.rev == r.rev) && seen.insert(r.id),
            })
    }

    /// Ids of every packed record.
    pub fn ids(&self) -> impl Iterator<Item = RecordId> + '_ {
        self.0.iter().flat_map(|p| p.rows.iter().map(|r| r.id))
    }
}

/// The key range of a collection's packs (`collection/…`).
fn range(collection: Collection) -> StoreResult<KeyRange> {
    let low = format!("{collection}/");
    let high = format!("{collection}/\u{ffff}");
    KeyRange::bound(&low.into(), &high.into(), None, None)
        .map_err(|e| StoreError::Other(e.to_string()))
}

/// Reads a collection's packs inside `tx`, which must include [`PACKS`]
/// when the collection is [`packed`]. Packs this tab has parsed before are
/// not read again.
pub(crate) async fn load(tx: &Transaction, collection: Collection) -> StoreResult<Packed> {
    if !packed(collection) {
        return Ok(Packed::default());
    }
    let store = tx.store(PACKS)?;
    let keys: Vec<String> = store
        .get_all_keys(Some(range(collection)?), None)
        .await?
        .iter()
        .filter_map(JsValue::as_string)
        .collect();
    let prefix = format!("{collection}/");
    let missing: Vec<String> = PARSED.with(|parsed| {
        let mut parsed = parsed.borrow_mut();
        // Packs deleted since (a wipe, a deleted database) are forgotten.
        parsed.retain(|key, _| !key.starts_with(&prefix) || keys.contains(key));
        keys.iter()
            .filter(|k| !parsed.contains_key(*k))
            .cloned()
            .collect()
    });
    let objects =
        futures::future::try_join_all(missing.iter().map(|k| store.get(JsValue::from_str(k))))
            .await?;
    for (key, object) in missing.into_iter().zip(objects) {
        let Some(object) = object else { continue };
        let text = codec::get_string(&object, "rows")
            .ok_or_else(|| StoreError::Corrupt(format!("pack {key} without rows")))?;
        let rows: Vec<PackedRow> = codec::parse_json(&text, "pack")?;
        PARSED.with(|parsed| parsed.borrow_mut().insert(key, Rc::new(Pack::new(rows))));
    }
    Ok(PARSED.with(|parsed| {
        let parsed = parsed.borrow();
        Packed(keys.iter().filter_map(|k| parsed.get(k).cloned()).collect())
    }))
}

/// Writes one pack of `rows` inside `tx` (which must include [`PACKS`]).
pub(crate) fn put(
    tx: &Transaction,
    collection: Collection,
    rows: Vec<PackedRow>,
) -> StoreResult<impl std::future::Future<Output = StoreResult<()>> + '_> {
    let key = format!("{collection}/{}", RecordId::generate());
    let object = Object::new();
    codec::set(&object, "key", key.as_str());
    codec::set(&object, "collection", collection.as_str());
    codec::set(&object, "rows", codec::to_json(&rows));
    let store = tx.store(PACKS)?;
    // Parsed already: the next read needs no parse. Should the transaction
    // fail, the next read finds the key absent and forgets it.
    PARSED.with(|parsed| parsed.borrow_mut().insert(key, Rc::new(Pack::new(rows))));
    Ok(async move {
        store.put(&object.into(), None).await?;
        Ok(())
    })
}

/// Deletes a collection's packs inside `tx` (which must include [`PACKS`]).
pub(crate) async fn clear(tx: &Transaction, collection: Collection) -> StoreResult<()> {
    if packed(collection) {
        tx.store(PACKS)?.delete(range(collection)?.into()).await?;
    }
    Ok(())
}

/// Whether a stored or packed index key matches `value`: equal, or holding
/// it (a list, multi-entry).
pub(crate) fn key_matches(key: &Value, value: &str) -> bool {
    match key {
        Value::String(s) => s == value,
        Value::Array(items) => items.iter().any(|v| v.as_str() == Some(value)),
        _ => false,
    }
}

/// The store names a transaction over `collection` needs, packs included
/// when it is packed.
pub(crate) fn with_packs(collection: Collection) -> Vec<&'static str> {
    let mut names = vec![collection.as_str()];
    if packed(collection) {
        names.push(PACKS);
    }
    names
}
