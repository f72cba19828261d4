//! Photos, stored by content hash until uploaded (and kept for offline
//! viewing afterwards).

use super::codec::{get, get_string, set};
use super::db::db;
use super::error::StoreResult;
use super::notify::{announce, Topic};
use super::records::finish;
use super::schema::{BLOBS, BLOBS_BY_UPLOADED};
use js_sys::{Object, Uint8Array};
use rexie::TransactionMode;
use wasm_bindgen::JsValue;

/// A stored photo.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredBlob {
    /// Lower-case hex SHA-256 of the bytes.
    pub sha256: String,
    /// MIME type (image/jpeg).
    pub mime: String,
    /// The bytes.
    pub bytes: Vec<u8>,
    /// Whether the server has it.
    pub uploaded: bool,
}

/// Stores a photo (not yet uploaded). Storing the same hash again keeps the
/// upload state.
pub async fn put(sha256: &str, mime: &str, bytes: &[u8]) -> StoreResult<()> {
    let db = db().await?;
    let tx = db.transaction(&[BLOBS], TransactionMode::ReadWrite)?;
    let store = tx.store(BLOBS)?;
    if store.get(JsValue::from_str(sha256)).await?.is_none() {
        let row = Object::new();
        set(&row, "sha256", sha256);
        set(&row, "mime", mime);
        set(&row, "bytes", Uint8Array::from(bytes));
        set(&row, "size", bytes.len() as f64);
        set(&row, "uploaded", 0u8);
        store.put(&row.into(), None).await?;
    }
    finish(tx).await?;
    announce(&[Topic::Blobs]);
    Ok(())
}

fn from_js(row: &JsValue) -> StoredBlob {
    let bytes = get(row, "bytes");
    StoredBlob {
        sha256: get_string(row, "sha256").unwrap_or_default(),
        mime: get_string(row, "mime").unwrap_or_else(|| "image/jpeg".into()),
        bytes: if bytes.is_undefined() || bytes.is_null() {
            Vec::new()
        } else {
            Uint8Array::new(&bytes).to_vec()
        },
        uploaded: get(row, "uploaded").as_f64() == Some(1.0),
    }
}

/// One photo.
pub async fn get_blob(sha256: &str) -> StoreResult<Option<StoredBlob>> {
    let db = db().await?;
    let tx = db.transaction(&[BLOBS], TransactionMode::ReadOnly)?;
    Ok(tx
        .store(BLOBS)?
        .get(JsValue::from_str(sha256))
        .await?
        .map(|r| from_js(&r)))
}

/// Every photo (backups).
pub async fn all() -> StoreResult<Vec<StoredBlob>> {
    let db = db().await?;
    let tx = db.transaction(&[BLOBS], TransactionMode::ReadOnly)?;
    Ok(tx
        .store(BLOBS)?
        .get_all(None, None)
        .await?
        .iter()
        .map(from_js)
        .collect())
}

/// Hashes of photos the server does not have yet.
pub async fn pending_uploads() -> StoreResult<Vec<String>> {
    let db = db().await?;
    let tx = db.transaction(&[BLOBS], TransactionMode::ReadOnly)?;
    let range = super::codec::only(&JsValue::from_f64(0.0))?;
    let keys = tx
        .store(BLOBS)?
        .index(BLOBS_BY_UPLOADED)?
        .get_all_keys(Some(range), None)
        .await?;
    Ok(keys.iter().filter_map(JsValue::as_string).collect())
}

/// Records that the server has a photo.
pub async fn mark_uploaded(sha256: &str) -> StoreResult<()> {
    let db = db().await?;
    let tx = db.transaction(&[BLOBS], TransactionMode::ReadWrite)?;
    let store = tx.store(BLOBS)?;
    if let Some(row) = store.get(JsValue::from_str(sha256)).await? {
        let obj: &Object = wasm_bindgen::JsCast::unchecked_ref(&row);
        set(obj, "uploaded", 1u8);
        store.put(&row, None).await?;
    }
    finish(tx).await?;
    announce(&[Topic::Blobs]);
    Ok(())
}
