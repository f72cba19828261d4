//! Conversion between domain values and the JS objects IndexedDB stores.
//!
//! A record is stored as a small object: envelope fields as properties (so
//! they can be indexed), the record's data as JSON text (parsed by serde_json
//! in wasm, which is much faster than walking JS objects field by field), the
//! unresolved conflicts apart from the data (so typed reads need no
//! filtering), and one `ix_*` property per secondary index.
//!
//! The server copy a record was last synced from (`base`, what three-way
//! merges start from) equals the data for every record that is neither
//! edited locally nor merged, i.e. almost all of them. It is then stored as
//! [`BASE_IS_DATA`] instead of a second copy of the data: half the bytes to
//! clone, write and read back for a first sync or a cold start.

use super::error::{StoreError, StoreResult};
use super::json_fields;
use super::schema::{index_property, indexes};
use domain::collection::Collection;
use domain::ids::RecordId;
use domain::merge::{Conflict, CONFLICTS_KEY};
use domain::replica::LocalRecord;
use domain::sync::Change;
use domain::time::Timestamp;
use js_sys::{Array, Object, Reflect};
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use serde_json::Value;
use std::borrow::Cow;
use std::collections::BTreeMap;
use wasm_bindgen::{JsCast, JsValue};

pub(crate) fn set(obj: &Object, key: &str, value: impl Into<JsValue>) {
    // Setting a property on a plain object we just created cannot fail.
    let _ = Reflect::set(obj, &JsValue::from_str(key), &value.into());
}

pub(crate) fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

pub(crate) fn get_string(obj: &JsValue, key: &str) -> Option<String> {
    get(obj, key).as_string()
}

/// A key range holding exactly one key.
pub(crate) fn only(key: &JsValue) -> StoreResult<rexie::KeyRange> {
    rexie::KeyRange::only(key).map_err(|e| StoreError::Other(e.to_string()))
}

/// `getAll` options for the last `count` entries in key order, highest
/// first (`{count, direction: "prev"}`, IndexedDB 3.0), if this browser
/// takes them; `None` means read with a cursor instead. The options go
/// where rexie puts its key range: `getAll(queryOrOptions)` takes either in
/// that argument, so the dictionary travels typed as a key range.
pub(crate) fn last_first(count: u32) -> Option<rexie::KeyRange> {
    let prototype = Reflect::get(&js_sys::global(), &"IDBIndex".into())
        .and_then(|class| Reflect::get(&class, &"prototype".into()))
        .ok()?;
    // The options arrived together with `getAllRecords`.
    if !Reflect::has(&prototype, &"getAllRecords".into()).unwrap_or(false) {
        return None;
    }
    let options = Object::new();
    set(&options, "count", count);
    set(&options, "direction", "prev");
    Some(rexie::KeyRange::from(
        options.unchecked_into::<web_sys::IdbKeyRange>(),
    ))
}

pub(crate) fn parse_json<T: DeserializeOwned>(text: &str, what: &str) -> StoreResult<T> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("{what}: {e}")))
}

pub(crate) fn to_json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).expect("domain values serialise to JSON")
}

/// Splits the reserved conflicts key off a record's data. Data without
/// conflicts (nearly all) is borrowed, not copied: a first sync stores
/// thousands of records.
fn split_conflicts(data: &Value) -> (Cow<'_, Value>, Vec<Conflict>) {
    match data {
        Value::Object(map) if map.contains_key(CONFLICTS_KEY) => {
            let mut map = map.clone();
            let conflicts = map
                .remove(CONFLICTS_KEY)
                .and_then(|c| serde_json::from_value(c).ok())
                .unwrap_or_default();
            (Cow::Owned(Value::Object(map)), conflicts)
        }
        other => (Cow::Borrowed(other), Vec::new()),
    }
}

/// The stored `base` of a record whose base equals its data. JSON text is
/// never empty, so this cannot be mistaken for a real base.
const BASE_IS_DATA: &str = "";

/// A record's stored object as JSON (see [`records_to_js`]).
#[derive(serde::Serialize)]
pub(crate) struct RowOut {
    id: String,
    rev: u64,
    updated_at: i64,
    deleted: u8,
    pending: u8,
    data: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    conflicts: Option<String>,
    base: Option<String>,
    #[serde(flatten)]
    index: BTreeMap<String, Value>,
}

fn row_out(collection: Collection, id: RecordId, record: &LocalRecord) -> RowOut {
    let (data, conflicts) = split_conflicts(&record.data);
    RowOut {
        id: id.to_string(),
        rev: record.rev,
        updated_at: record.updated_at.millis(),
        deleted: u8::from(record.deleted),
        pending: u8::from(record.pending),
        data: to_json(&data),
        conflicts: (!conflicts.is_empty()).then(|| to_json(&conflicts)),
        base: record.base.as_ref().map(|base| {
            if *base == record.data {
                BASE_IS_DATA.to_owned()
            } else {
                to_json(base)
            }
        }),
        index: index_entries(collection, |field| data.get(field)),
    }
}

/// The `ix_*` properties of a record whose data has `field`'s values.
fn index_entries<'v>(
    collection: Collection,
    field: impl Fn(&str) -> Option<&'v Value>,
) -> BTreeMap<String, Value> {
    indexes(collection)
        .iter()
        .filter_map(|spec| Some((index_property(spec), index_key(field(spec.field))?)))
        .collect()
}

/// A record as the server sent it, ready to be stored by a device that has
/// no copy of it: envelope, data as its JSON text, and the `ix_*` keys of
/// its collection's indexes. It is what a pack holds (see `packs.rs`), and
/// what [`RowOut`] makes of it is what [`row_out`] makes of
/// `domain::replica::apply_pulled`'s record for it (server revision, not
/// pending, base equal to the data).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub(crate) struct PackedRow {
    pub id: RecordId,
    pub rev: u64,
    pub updated_at: i64,
    /// The data as it came (raw JSON in a pack's text, so reading a pack
    /// neither unescapes nor copies it into a string of its own).
    pub data: Box<RawValue>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub index: BTreeMap<String, Value>,
}

impl PackedRow {
    /// The key of the index named `name`, if the record has one.
    pub fn index_key(&self, name: &str) -> Option<&Value> {
        self.index.get(&super::schema::index_property_named(name))
    }

    /// As a stored row read back (for decoding).
    pub fn to_row(&self) -> Row {
        Row {
            id: self.id,
            rev: self.rev,
            updated_at: Timestamp::from_millis(self.updated_at),
            deleted: false,
            pending: false,
            data: Some(self.data.get().to_owned()),
            conflicts: None,
            base: Some(BASE_IS_DATA.to_owned()),
        }
    }
}

impl From<PackedRow> for RowOut {
    fn from(row: PackedRow) -> Self {
        RowOut {
            id: row.id.to_string(),
            rev: row.rev,
            updated_at: row.updated_at,
            deleted: 0,
            pending: 0,
            data: Box::<str>::from(row.data).into_string(),
            conflicts: None,
            base: Some(BASE_IS_DATA.to_owned()),
            index: row.index,
        }
    }
}

/// A pulled record for a device that has no copy of it, made from its
/// data's JSON text as pulled, without parsing the whole data and writing
/// it out again, which was most of a first sync's work in wasm. `None` for
/// data that is not a JSON object (a tombstone's is `null`) or that
/// carries conflicts: those take the path that parses them.
pub(crate) fn pulled_row(change: &Change<Box<RawValue>>) -> Option<PackedRow> {
    let specs = indexes(change.collection);
    let wanted: Vec<&str> = specs
        .iter()
        .map(|spec| spec.field)
        .chain([CONFLICTS_KEY])
        .collect();
    let found = json_fields::top_level(change.data.get(), &wanted)?;
    if found.iter().any(|(i, _)| wanted[*i] == CONFLICTS_KEY) {
        return None;
    }
    let value_of = |field: &str| {
        found
            .iter()
            .find(|(i, _)| wanted[*i] == field)
            .map(|(_, v)| v)
    };
    Some(PackedRow {
        id: change.id,
        rev: change.rev,
        updated_at: change.updated_at.millis(),
        data: change.data.clone(),
        index: index_entries(change.collection, value_of),
    })
}

/// Builds the stored objects of many records: one JSON text made in wasm
/// and one native `JSON.parse`, instead of ten property writes (each with a
/// key string made in wasm) per record, which dominated writing a first
/// sync's thousands of records.
pub(crate) fn records_to_js<'a>(
    items: impl IntoIterator<Item = (Collection, RecordId, &'a LocalRecord)>,
) -> Vec<JsValue> {
    let rows: Vec<RowOut> = items
        .into_iter()
        .map(|(collection, id, record)| row_out(collection, id, record))
        .collect();
    rows_to_js(&rows)
}

/// The stored objects of rows (see [`records_to_js`]).
pub(crate) fn rows_to_js(rows: &[RowOut]) -> Vec<JsValue> {
    let parsed = js_sys::JSON::parse(&to_json(&rows)).expect("serde_json writes valid JSON");
    Array::from(&parsed).iter().collect()
}

/// Builds the stored object of a record.
pub(crate) fn record_to_js(collection: Collection, id: RecordId, record: &LocalRecord) -> JsValue {
    records_to_js([(collection, id, record)])
        .pop()
        .expect("one row in, one object out")
}

/// The IndexedDB key for an index field: strings as-is, lists as lists of
/// their strings (multi-entry), anything else unindexed.
fn index_key(value: Option<&Value>) -> Option<Value> {
    match value? {
        Value::String(s) => Some(Value::String(s.clone())),
        Value::Array(items) => Some(Value::Array(
            items.iter().filter(|v| v.is_string()).cloned().collect(),
        )),
        _ => None,
    }
}

/// A stored record object as read in bulk: envelope fields, and the data
/// and conflicts still as their JSON text.
pub(crate) struct Row {
    pub id: RecordId,
    pub rev: u64,
    pub updated_at: Timestamp,
    pub deleted: bool,
    pub pending: bool,
    pub data: Option<String>,
    pub conflicts: Option<String>,
    pub base: Option<String>,
}

impl Row {
    /// The record as the sync layer sees it (conflicts folded back into the
    /// data, a [`BASE_IS_DATA`] base made whole).
    pub fn into_local(self) -> StoreResult<(RecordId, LocalRecord)> {
        let mut data: Value = parse_json(self.data.as_deref().unwrap_or("null"), "record data")?;
        if let Some(text) = &self.conflicts {
            let conflicts: Value = parse_json(text, "record conflicts")?;
            if let Value::Object(map) = &mut data {
                map.insert(CONFLICTS_KEY.to_owned(), conflicts);
            }
        }
        let base = match self.base.as_deref() {
            Some(BASE_IS_DATA) => Some(data.clone()),
            Some(text) => Some(parse_json(text, "record base")?),
            None => None,
        };
        Ok((
            self.id,
            LocalRecord {
                rev: self.rev,
                updated_at: self.updated_at,
                deleted: self.deleted,
                data,
                base,
                pending: self.pending,
            },
        ))
    }
}

/// The wire form of [`Row`]: what `JSON.stringify` makes of a stored object
/// (flags are stored as 0/1 so that they can be indexed).
#[derive(serde::Deserialize)]
struct RowJson {
    id: RecordId,
    #[serde(default)]
    rev: f64,
    #[serde(default)]
    updated_at: f64,
    #[serde(default)]
    deleted: Value,
    #[serde(default)]
    pending: Value,
    data: Option<String>,
    conflicts: Option<String>,
    base: Option<String>,
}

fn flag(value: &Value) -> bool {
    value.as_f64().is_some_and(|v| v != 0.0) || value.as_bool() == Some(true)
}

/// Reads many stored record objects at once ([`objects_from_js`]): seven
/// property reads per record dominated a cold start with 10,000 positions.
pub(crate) fn rows_from_js(rows: &[JsValue]) -> StoreResult<Vec<Row>> {
    let rows: Vec<RowJson> = objects_from_js(rows, "stored records")?;
    Ok(rows
        .into_iter()
        .map(|r| Row {
            id: r.id,
            rev: r.rev as u64,
            updated_at: Timestamp::from_millis(r.updated_at as i64),
            deleted: flag(&r.deleted),
            pending: flag(&r.pending),
            data: r.data,
            conflicts: r.conflicts,
            base: r.base,
        })
        .collect())
}

/// Reads many stored objects (of any store) in one pass: the browser's
/// native `JSON.stringify` makes one text of them and serde reads it,
/// instead of a property read across the JS boundary per field.
pub(crate) fn objects_from_js<T: DeserializeOwned>(
    objects: &[JsValue],
    what: &str,
) -> StoreResult<Vec<T>> {
    let mut out = Vec::with_capacity(objects.len());
    for chunk in objects.chunks(DECODE_CHUNK) {
        let array: Array = chunk.iter().collect();
        let text = js_sys::JSON::stringify(&array)
            .ok()
            .and_then(|t| t.as_string())
            .ok_or_else(|| StoreError::Corrupt(format!("{what}: not serialisable")))?;
        out.extend(parse_json::<Vec<T>>(&text, what)?);
    }
    Ok(out)
}

/// Objects decoded per JSON text: big enough that crossing the JS boundary
/// costs nothing, small enough that the texts of 10,000 records never sit in
/// wasm memory at once (linear memory only grows).
pub(crate) const DECODE_CHUNK: usize = 500;

/// Reads a stored record back as the sync layer sees it (conflicts folded
/// back into the data).
pub(crate) fn record_from_js(obj: &JsValue) -> StoreResult<(RecordId, LocalRecord)> {
    rows_from_js(std::slice::from_ref(obj))?
        .pop()
        .ok_or_else(|| StoreError::Corrupt("record unreadable".into()))?
        .into_local()
}
