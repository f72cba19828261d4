//! Server records kept a page to an object ("packs").
//!
//! A first sync pulls 10,000 positions. Stored one object per record, the
//! browser's cost per stored object (structured clone, index entries,
//! LevelDB writes) made plain IndexedDB writes alone take 1.2–2.3 s here,
//! over the 2 s goal; the same rows as eleven objects of JSON text took
//! 0.1 s (BENCHMARKS.md, stop 20). So for the collections in [`packed`], the
//! records a pull page brings that the device has never held are written as
//! one pack: their stored rows ([`PackedRow`]) as one JSON text, kept as
//! UTF-8 bytes.
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
use super::schema::{indexes, PACKS, PACK_HEADS};
use domain::collection::Collection;
use domain::ids::RecordId;
use domain::pack_wear::{self, HeadWear, Wear};
use js_sys::{Object, Uint8Array};
use rexie::{KeyRange, Store, Transaction};
use serde_json::Value;
use std::cell::RefCell;
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};

/// Whether a collection's pulled records may be stored in packs: the public
/// catalog, the bulk of a first sync (positions and their employers).
pub fn packed(collection: Collection) -> bool {
    matches!(collection, Collection::Positions | Collection::Employers)
}

/// The stores a transaction over a packed collection needs besides its own.
pub(crate) const STORES: [&str; 2] = [PACKS, PACK_HEADS];

/// Rows a pack's head keeps per index: enough for the first screen's 20
/// newest positions with room for some hidden by later rows.
const HEAD_ROWS: usize = 50;

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

/// How many packs this tab holds parsed (for tests).
pub(crate) fn parsed_count() -> usize {
    PARSED.with(|parsed| parsed.borrow().len())
}

/// Forgets every parsed pack (for tests: a new tab).
pub(crate) fn forget_parsed() {
    PARSED.with(|parsed| parsed.borrow_mut().clear());
}

/// The packs of one collection, as read in one transaction, with their keys.
#[derive(Default)]
pub(crate) struct Packed(Vec<(String, Rc<Pack>)>);

impl Packed {
    /// Whether there are no packed records.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|(_, p)| p.rows.is_empty())
    }

    /// A record's packed row. A record is packed at most once (only
    /// records new to the device are); should it be found twice, the newer
    /// revision counts.
    pub fn find(&self, id: RecordId) -> Option<&PackedRow> {
        self.0
            .iter()
            .filter_map(|(_, p)| p.at.get(&id).map(|&i| &p.rows[i]))
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
            .flat_map(|(_, p)| p.rows.iter())
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
        self.0.iter().flat_map(|(_, p)| p.rows.iter().map(|r| r.id))
    }

    /// Each pack's key and rows.
    pub fn packs(&self) -> impl Iterator<Item = (&str, &[PackedRow])> {
        self.0
            .iter()
            .map(|(key, p)| (key.as_str(), p.rows.as_slice()))
    }
}

/// The packs of several collections, read in one transaction (the sync's
/// pages and push answers touch a few collections at a time).
#[derive(Default)]
pub(crate) struct PackedSet(HashMap<Collection, Packed>);

impl PackedSet {
    /// Reads the packs of the [`packed`] ones among `collections` inside
    /// `tx` (which must include [`STORES`] if there are any).
    pub async fn load(
        tx: &Transaction,
        collections: impl IntoIterator<Item = Collection>,
    ) -> StoreResult<PackedSet> {
        let mut set = HashMap::new();
        for collection in collections.into_iter().filter(|c| packed(*c)) {
            set.insert(collection, load(tx, collection).await?);
        }
        Ok(PackedSet(set))
    }

    /// A record's packed row.
    pub fn find(&self, collection: Collection, id: RecordId) -> Option<&PackedRow> {
        self.0.get(&collection)?.find(id)
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
        // Another read may have parsed it meanwhile (views start together).
        let Some(object) = object.filter(|_| !PARSED.with(|p| p.borrow().contains_key(&key)))
        else {
            continue;
        };
        let bytes = codec::get(&object, "rows")
            .dyn_into::<Uint8Array>()
            .map_err(|_| StoreError::Corrupt(format!("pack {key} without rows")))?
            .to_vec();
        let text = std::str::from_utf8(&bytes)
            .map_err(|e| StoreError::Corrupt(format!("pack {key}: {e}")))?;
        let rows: Vec<PackedRow> = codec::parse_json(text, "pack")?;
        PARSED.with(|parsed| parsed.borrow_mut().insert(key, Rc::new(Pack::new(rows))));
    }
    Ok(PARSED.with(|parsed| {
        let parsed = parsed.borrow();
        Packed(
            keys.iter()
                .filter_map(|k| Some((k.clone(), parsed.get(k)?.clone())))
                .collect(),
        )
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
    // UTF-8 bytes rather than a string: reading them back into wasm is a
    // copy, where a JS string is converted from UTF-16 on the way in.
    codec::set(
        &object,
        "rows",
        Uint8Array::from(codec::to_json(&rows).as_bytes()),
    );
    let head = Object::new();
    codec::set(&head, "key", key.as_str());
    codec::set(&head, "head", codec::to_json(&Head::of(collection, &rows)));
    let (store, heads) = (tx.store(PACKS)?, tx.store(PACK_HEADS)?);
    // Parsed already: the next read needs no parse. Should the transaction
    // fail, the next read finds the key absent and forgets it.
    PARSED.with(|parsed| parsed.borrow_mut().insert(key, Rc::new(Pack::new(rows))));
    let (object, head): (JsValue, JsValue) = (object.into(), head.into());
    Ok(async move {
        futures::try_join!(store.put(&object, None), heads.put(&head, None))?;
        Ok(())
    })
}

/// A pack's first rows in each single-valued index's order.
#[derive(serde::Serialize, serde::Deserialize)]
struct Head {
    /// Per index name: how many of the pack's rows have a key in it, and
    /// the first [`HEAD_ROWS`] of them, highest first.
    by_index: BTreeMap<String, (usize, Vec<PackedRow>)>,
    /// The pack's rows (absent from heads written before it was kept).
    #[serde(default)]
    rows: Option<usize>,
    /// The pack's lowest and highest record id (absent likewise). Ids are
    /// time-ordered, so the records that come after a pack (new positions)
    /// fall outside it: a row outside every pack's span hides nothing.
    #[serde(default)]
    span: Option<(RecordId, RecordId)>,
}

impl Head {
    fn of(collection: Collection, rows: &[PackedRow]) -> Head {
        let by_index = indexes(collection)
            .iter()
            .filter(|spec| !spec.multi)
            .map(|spec| {
                let keyed = rows.iter().filter(|r| ordered_key(r, spec.name).is_some());
                let total = keyed.clone().count();
                let first = first_by(keyed, spec.name, HEAD_ROWS);
                (spec.name.to_owned(), (total, first))
            })
            .collect();
        let ids = rows.iter().map(|r| r.id);
        Head {
            by_index,
            rows: Some(rows.len()),
            span: ids.clone().min().zip(ids.max()),
        }
    }
}

/// How much of a pack's `rows` the collection's own rows (`shadowed`) hide,
/// overall and at the head of each single-valued index, as its head keeps it.
pub(crate) fn wear(
    collection: Collection,
    rows: &[PackedRow],
    shadowed: &HashSet<RecordId>,
) -> Wear {
    let heads = indexes(collection)
        .iter()
        .filter(|spec| !spec.multi)
        .map(|spec| {
            let keyed = rows.iter().filter(|r| ordered_key(r, spec.name).is_some());
            let head = first_by(keyed.clone(), spec.name, HEAD_ROWS);
            head_wear(&head, keyed.count(), shadowed)
        })
        .collect();
    Wear {
        rows: rows.len(),
        hidden: rows.iter().filter(|r| shadowed.contains(&r.id)).count(),
        heads,
    }
}

/// How much of a head (`head`, the first of `keyed` rows in an index) the
/// ids in `shadowed` hide.
fn head_wear(head: &[PackedRow], keyed: usize, shadowed: &HashSet<RecordId>) -> HeadWear {
    HeadWear {
        len: head.len(),
        hidden: head.iter().filter(|r| shadowed.contains(&r.id)).count(),
        complete: head.len() == keyed,
    }
}

/// Deletes the pack under `key` and its head inside `tx` (which must
/// include [`STORES`]).
pub(crate) async fn remove(tx: &Transaction, key: &str) -> StoreResult<()> {
    let (store, heads) = (tx.store(PACKS)?, tx.store(PACK_HEADS)?);
    let k = JsValue::from_str(key);
    futures::try_join!(store.delete(k.clone()), heads.delete(k))?;
    PARSED.with(|parsed| parsed.borrow_mut().remove(key));
    Ok(())
}

/// A row's key in a single-valued index.
fn ordered_key<'r>(row: &'r PackedRow, index: &str) -> Option<&'r str> {
    row.index_key(index)?.as_str()
}

/// An index's order read backwards, as IndexedDB's `prev` direction: the
/// highest key first, and among equal keys the highest id.
pub(crate) fn later_first(a: (&str, RecordId), b: (&str, RecordId)) -> Ordering {
    b.cmp(&a)
}

/// The first `limit` of `rows` in `index`'s order, highest first.
fn first_by<'a>(
    rows: impl Iterator<Item = &'a PackedRow>,
    index: &str,
    limit: usize,
) -> Vec<PackedRow> {
    let mut keyed: Vec<(&str, &PackedRow)> = rows
        .filter_map(|r| Some((ordered_key(r, index)?, r)))
        .collect();
    domain::sort::sort_by(&mut keyed, |a, b| later_first((a.0, a.1.id), (b.0, b.1.id)));
    keyed
        .into_iter()
        .take(limit)
        .map(|(_, r)| r.clone())
        .collect()
}

/// The ids with a row in `store`, whatever its state: they hide packed rows.
pub(crate) async fn shadowing(store: &Store) -> StoreResult<HashSet<RecordId>> {
    store
        .get_all_keys(None, None)
        .await?
        .iter()
        .map(|k| {
            k.as_string()
                .and_then(|s| s.parse().ok())
                .ok_or_else(|| StoreError::Corrupt("record key is not an id".into()))
        })
        .collect()
}

/// The first `limit` packed records of a collection in `index`'s order,
/// highest first, that no row of its `store` hides. Read from the packs'
/// heads when they hold enough of them (nearly always: the first screen's
/// newest positions without parsing every pack), else from the packs.
pub(crate) async fn newest(
    tx: &Transaction,
    collection: Collection,
    store: &Store,
    index: &str,
    limit: usize,
) -> StoreResult<Vec<PackedRow>> {
    if !packed(collection) {
        return Ok(Vec::new());
    }
    let heads = heads(tx, collection).await?;
    if heads.is_empty() {
        return Ok(Vec::new());
    }
    let shadowed = shadowing(store).await?;
    let mut found: Vec<PackedRow> = Vec::new();
    for object in &heads {
        // One at a time: only one parsed head is held at once.
        let head = parse_head(object)?;
        let complete = head.by_index.get(index).and_then(|(total, rows)| {
            let shown: Vec<&PackedRow> =
                rows.iter().filter(|r| !shadowed.contains(&r.id)).collect();
            // Too many of its rows hidden by later ones: the head may not
            // reach this pack's first `limit`.
            (rows.len() == *total || shown.len() >= limit).then_some(shown)
        });
        match complete {
            Some(shown) => found.extend(shown.into_iter().take(limit).cloned()),
            None => {
                let packed = load(tx, collection).await?;
                return Ok(first_by(packed.visible(&shadowed), index, limit));
            }
        }
    }
    Ok(first_by(found.iter(), index, limit))
}

/// A collection's pack heads, read inside `tx` (which must include
/// [`PACK_HEADS`]).
async fn heads(tx: &Transaction, collection: Collection) -> StoreResult<Vec<JsValue>> {
    Ok(tx
        .store(PACK_HEADS)?
        .get_all(Some(range(collection)?), None)
        .await?)
}

/// A pack head as stored.
fn parse_head(object: &JsValue) -> StoreResult<Head> {
    let text = codec::get_string(object, "head")
        .ok_or_else(|| StoreError::Corrupt("pack head without rows".into()))?;
    codec::parse_json(&text, "pack head")
}

/// Whether any of a collection's packs may be worn (`domain::pack_wear`),
/// judged from their heads inside `tx` without reading a pack: a pack has
/// the rows its head counts (at least as many as an index of it keys, for
/// a head without the count), and at most the ids of `shadowed` within its
/// span hidden (every one, for a head without the span).
pub(crate) async fn may_be_worn(
    tx: &Transaction,
    collection: Collection,
    shadowed: &HashSet<RecordId>,
) -> StoreResult<bool> {
    for object in heads(tx, collection).await? {
        let head = parse_head(&object)?;
        let rows_at_least = head
            .rows
            .or_else(|| head.by_index.values().map(|(total, _)| *total).max());
        let wear_by_index: Vec<HeadWear> = head
            .by_index
            .values()
            .map(|(total, rows)| head_wear(rows, *total, shadowed))
            .collect();
        let hidden_at_most = match head.span {
            Some((low, high)) => shadowed
                .iter()
                .filter(|id| (low..=high).contains(*id))
                .count(),
            None => shadowed.len(),
        };
        if pack_wear::may_be_worn(rows_at_least.unwrap_or(0), hidden_at_most, &wear_by_index) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Deletes a collection's packs inside `tx` (which must include [`STORES`]).
pub(crate) async fn clear(tx: &Transaction, collection: Collection) -> StoreResult<()> {
    if packed(collection) {
        tx.store(PACKS)?.delete(range(collection)?.into()).await?;
        tx.store(PACK_HEADS)?
            .delete(range(collection)?.into())
            .await?;
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
        names.extend(STORES);
    }
    names
}
