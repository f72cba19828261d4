//! Conversion between domain values and the JS objects IndexedDB stores.
//!
//! A record is stored as a small object: envelope fields as properties (so
//! they can be indexed), the record's data as JSON text (parsed by serde_json
//! in wasm, which is much faster than walking JS objects field by field), the
//! unresolved conflicts apart from the data (so typed reads need no
//! filtering), and one `ix_*` property per secondary index.

use super::error::{StoreError, StoreResult};
use super::schema::{index_property, indexes};
use domain::collection::Collection;
use domain::ids::RecordId;
use domain::merge::{Conflict, CONFLICTS_KEY};
use domain::replica::LocalRecord;
use domain::time::Timestamp;
use js_sys::{Array, Object, Reflect};
use serde::de::DeserializeOwned;
use serde_json::Value;
use wasm_bindgen::JsValue;

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

pub(crate) fn get_u64(obj: &JsValue, key: &str) -> u64 {
    get(obj, key).as_f64().map(|v| v as u64).unwrap_or(0)
}

pub(crate) fn get_flag(obj: &JsValue, key: &str) -> bool {
    get(obj, key).as_f64().is_some_and(|v| v != 0.0)
}

/// A key range holding exactly one key.
pub(crate) fn only(key: &JsValue) -> StoreResult<rexie::KeyRange> {
    rexie::KeyRange::only(key).map_err(|e| StoreError::Other(e.to_string()))
}

pub(crate) fn parse_json<T: DeserializeOwned>(text: &str, what: &str) -> StoreResult<T> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("{what}: {e}")))
}

pub(crate) fn to_json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).expect("domain values serialise to JSON")
}

/// Splits the reserved conflicts key off a record's data.
fn split_conflicts(data: &Value) -> (Value, Vec<Conflict>) {
    match data {
        Value::Object(map) if map.contains_key(CONFLICTS_KEY) => {
            let mut map = map.clone();
            let conflicts = map
                .remove(CONFLICTS_KEY)
                .and_then(|c| serde_json::from_value(c).ok())
                .unwrap_or_default();
            (Value::Object(map), conflicts)
        }
        other => (other.clone(), Vec::new()),
    }
}

/// Builds the stored object of a record.
pub(crate) fn record_to_js(collection: Collection, id: RecordId, record: &LocalRecord) -> JsValue {
    let obj = Object::new();
    let (data, conflicts) = split_conflicts(&record.data);
    set(&obj, "id", id.to_string());
    set(&obj, "rev", record.rev as f64);
    set(&obj, "updated_at", record.updated_at.millis() as f64);
    set(&obj, "deleted", u8::from(record.deleted));
    set(&obj, "pending", u8::from(record.pending));
    set(&obj, "data", to_json(&data));
    if !conflicts.is_empty() {
        set(&obj, "conflicts", to_json(&conflicts));
    }
    match &record.base {
        Some(base) => set(&obj, "base", to_json(base)),
        None => set(&obj, "base", JsValue::NULL),
    }
    for spec in indexes(collection) {
        if let Some(key) = index_key(data.get(spec.field)) {
            set(&obj, &index_property(spec), key);
        }
    }
    obj.into()
}

/// The IndexedDB key for an index field: strings as-is, lists as arrays of
/// strings (multi-entry), anything else unindexed.
fn index_key(value: Option<&Value>) -> Option<JsValue> {
    match value? {
        Value::String(s) => Some(JsValue::from_str(s)),
        Value::Array(items) => {
            let arr = Array::new();
            for item in items.iter().filter_map(Value::as_str) {
                arr.push(&JsValue::from_str(item));
            }
            Some(arr.into())
        }
        _ => None,
    }
}

/// The id of a stored record object.
pub(crate) fn record_id(obj: &JsValue) -> StoreResult<RecordId> {
    get_string(obj, "id")
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| StoreError::Corrupt("record without a valid id".into()))
}

/// Reads a stored record back as the sync layer sees it (conflicts folded
/// back into the data).
pub(crate) fn record_from_js(obj: &JsValue) -> StoreResult<(RecordId, LocalRecord)> {
    let id = record_id(obj)?;
    let mut data: Value = parse_json(
        &get_string(obj, "data").unwrap_or_else(|| "null".into()),
        "record data",
    )?;
    if let Some(text) = get_string(obj, "conflicts") {
        let conflicts: Value = parse_json(&text, "record conflicts")?;
        if let Value::Object(map) = &mut data {
            map.insert(CONFLICTS_KEY.to_owned(), conflicts);
        }
    }
    let base = match get_string(obj, "base") {
        Some(text) => Some(parse_json(&text, "record base")?),
        None => None,
    };
    Ok((
        id,
        LocalRecord {
            rev: get_u64(obj, "rev"),
            updated_at: Timestamp::from_millis(
                get(obj, "updated_at").as_f64().unwrap_or(0.0) as i64
            ),
            deleted: get_flag(obj, "deleted"),
            data,
            base,
            pending: get_flag(obj, "pending"),
        },
    ))
}

/// The conflicts stored beside a record's data.
pub(crate) fn conflicts_from_js(obj: &JsValue) -> StoreResult<Vec<Conflict>> {
    match get_string(obj, "conflicts") {
        Some(text) => parse_json(&text, "record conflicts"),
        None => Ok(Vec::new()),
    }
}
