//! Small typed values kept in the `meta` store: the sync checkpoint, the
//! staff session, the last sync time and error.

use super::codec::{get_string, parse_json, set, to_json};
use super::db::db;
use super::error::StoreResult;
use super::notify::{announce, Topic};
use super::records::finish;
use super::schema::META;
use js_sys::Object;
use rexie::{Store, TransactionMode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

/// Server sequence number of the last applied change (`u64`).
pub const CHECKPOINT: &str = "checkpoint";
/// The staff session (`Session`).
pub const SESSION: &str = "session";
/// The last successful sync (`Timestamp`).
pub const LAST_SYNC: &str = "last_sync";
/// The last sync error, if the last attempt failed (`String`).
pub const LAST_ERROR: &str = "last_error";

/// Reads a value.
pub async fn get<T: DeserializeOwned>(key: &str) -> StoreResult<Option<T>> {
    let db = db().await?;
    let tx = db.transaction(&[META], TransactionMode::ReadOnly)?;
    get_in(&tx.store(META)?, key).await
}

/// Reads a value inside the caller's transaction.
pub(crate) async fn get_in<T: DeserializeOwned>(
    store: &Store,
    key: &str,
) -> StoreResult<Option<T>> {
    match store.get(JsValue::from_str(key)).await? {
        Some(row) => match get_string(&row, "value") {
            Some(text) => Ok(Some(parse_json(&text, key)?)),
            None => Ok(None),
        },
        None => Ok(None),
    }
}

/// Writes a value inside the caller's transaction.
pub(crate) async fn put_in<T: Serialize>(store: &Store, key: &str, value: &T) -> StoreResult<()> {
    let row = Object::new();
    set(&row, "key", key);
    set(&row, "value", to_json(value));
    store.put(&row.into(), None).await?;
    Ok(())
}

/// Writes a value.
pub async fn put<T: Serialize>(key: &str, value: &T) -> StoreResult<()> {
    let db = db().await?;
    let tx = db.transaction(&[META], TransactionMode::ReadWrite)?;
    put_in(&tx.store(META)?, key, value).await?;
    finish(tx).await?;
    announce(&[Topic::Meta]);
    Ok(())
}

/// Stores a new session and resets the checkpoint in one transaction:
/// staff changes skipped before the login are pulled from the start, and a
/// pull page of the session before cannot land in between (its guard
/// compares the stored session).
pub async fn start_session<T: Serialize>(session: &T) -> StoreResult<()> {
    let db = db().await?;
    let tx = db.transaction(&[META], TransactionMode::ReadWrite)?;
    let store = tx.store(META)?;
    put_in(&store, SESSION, session).await?;
    put_in(&store, CHECKPOINT, &0u64).await?;
    finish(tx).await?;
    announce(&[Topic::Meta]);
    Ok(())
}

/// Removes a value.
pub async fn remove(key: &str) -> StoreResult<()> {
    let db = db().await?;
    let tx = db.transaction(&[META], TransactionMode::ReadWrite)?;
    tx.store(META)?.delete(JsValue::from_str(key)).await?;
    finish(tx).await?;
    announce(&[Topic::Meta]);
    Ok(())
}
