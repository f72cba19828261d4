//! Persistent storage (so the browser does not evict staff data under
//! pressure) and how much the app uses.

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// Storage usage as the browser reports it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    /// Bytes used by this site.
    pub usage: f64,
    /// Bytes this site may use.
    pub quota: f64,
}

fn manager() -> Option<JsValue> {
    let navigator = web_sys::window()?.navigator();
    let storage = js_sys::Reflect::get(&navigator, &JsValue::from_str("storage")).ok()?;
    (!storage.is_undefined()).then_some(storage)
}

async fn call(method: &str) -> Option<JsValue> {
    let storage = manager()?;
    let f: js_sys::Function = js_sys::Reflect::get(&storage, &JsValue::from_str(method))
        .ok()?
        .into();
    let promise: js_sys::Promise = f.call0(&storage).ok()?.into();
    JsFuture::from(promise).await.ok()
}

/// Asks for persistent storage (call it from a user action, e.g. login).
/// Returns whether storage is now persistent.
pub async fn request_persistence() -> bool {
    call("persist")
        .await
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// Whether storage is already persistent.
pub async fn is_persisted() -> bool {
    call("persisted")
        .await
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// Current usage and quota.
pub async fn estimate() -> Option<Estimate> {
    let value = call("estimate").await?;
    let get = |k: &str| {
        js_sys::Reflect::get(&value, &JsValue::from_str(k))
            .ok()
            .and_then(|v| v.as_f64())
    };
    Some(Estimate {
        usage: get("usage").unwrap_or(0.0),
        quota: get("quota").unwrap_or(0.0),
    })
}
