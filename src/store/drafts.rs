//! Autosaved form drafts, so a closed tab or a dead battery loses nothing.

use super::codec::{get, get_string, parse_json, set, to_json};
use super::db::db;
use super::error::StoreResult;
use super::notify::{announce, Topic};
use super::records::finish;
use super::schema::DRAFTS;
use domain::time::Timestamp;
use js_sys::Object;
use rexie::TransactionMode;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

/// A saved draft.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft<T> {
    /// The form's key, e.g. `visit:new` or `visit:<id>`.
    pub key: String,
    /// The form state.
    pub data: T,
    /// When it was last saved.
    pub updated_at: Timestamp,
}

/// Saves (replaces) a draft.
pub async fn save<T: Serialize>(key: &str, data: &T, now: Timestamp) -> StoreResult<()> {
    let db = db().await?;
    let tx = db.transaction(&[DRAFTS], TransactionMode::ReadWrite)?;
    let row = Object::new();
    set(&row, "key", key);
    set(&row, "data", to_json(data));
    set(&row, "updated_at", now.millis() as f64);
    tx.store(DRAFTS)?.put(&row.into(), None).await?;
    finish(tx).await?;
    announce(&[Topic::Drafts]);
    Ok(())
}

/// Loads a draft.
pub async fn load<T: DeserializeOwned>(key: &str) -> StoreResult<Option<Draft<T>>> {
    let db = db().await?;
    let tx = db.transaction(&[DRAFTS], TransactionMode::ReadOnly)?;
    let Some(row) = tx.store(DRAFTS)?.get(JsValue::from_str(key)).await? else {
        return Ok(None);
    };
    Ok(Some(Draft {
        key: key.to_owned(),
        data: parse_json(&get_string(&row, "data").unwrap_or_default(), "draft")?,
        updated_at: Timestamp::from_millis(get(&row, "updated_at").as_f64().unwrap_or(0.0) as i64),
    }))
}

/// Keys of every saved draft with a given prefix (e.g. `visit:`), newest first.
pub async fn keys(prefix: &str) -> StoreResult<Vec<(String, Timestamp)>> {
    let db = db().await?;
    let tx = db.transaction(&[DRAFTS], TransactionMode::ReadOnly)?;
    let mut out: Vec<(String, Timestamp)> = tx
        .store(DRAFTS)?
        .get_all(None, None)
        .await?
        .iter()
        .filter_map(|row| {
            let key = get_string(row, "key")?;
            key.starts_with(prefix).then(|| {
                (
                    key,
                    Timestamp::from_millis(get(row, "updated_at").as_f64().unwrap_or(0.0) as i64),
                )
            })
        })
        .collect();
    domain::sort::sort_by_key(&mut out, |entry| std::cmp::Reverse(entry.1));
    Ok(out)
}

/// Removes a draft (after the record was saved, or the user discarded it).
pub async fn remove(key: &str) -> StoreResult<()> {
    let db = db().await?;
    let tx = db.transaction(&[DRAFTS], TransactionMode::ReadWrite)?;
    tx.store(DRAFTS)?.delete(JsValue::from_str(key)).await?;
    finish(tx).await?;
    announce(&[Topic::Drafts]);
    Ok(())
}

/// Every draft as raw JSON (backups).
pub async fn all() -> StoreResult<Vec<Draft<serde_json::Value>>> {
    let db = db().await?;
    let tx = db.transaction(&[DRAFTS], TransactionMode::ReadOnly)?;
    tx.store(DRAFTS)?
        .get_all(None, None)
        .await?
        .iter()
        .map(|row| {
            Ok(Draft {
                key: get_string(row, "key").unwrap_or_default(),
                data: parse_json(&get_string(row, "data").unwrap_or_default(), "draft")?,
                updated_at: Timestamp::from_millis(
                    get(row, "updated_at").as_f64().unwrap_or(0.0) as i64
                ),
            })
        })
        .collect()
}
