//! Leader election between the app's open tabs with the Web Locks API:
//! the tab that holds the lock syncs; when it closes, the browser hands the
//! lock to the next waiting tab.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

const LOCK_NAME: &str = "tongji-sync-leader";

/// Calls `on_leader` once this tab holds the sync lock (immediately when the
/// browser has no Web Locks, as then there is no way to coordinate).
pub fn when_leader(on_leader: impl FnOnce() + 'static) {
    let navigator = web_sys::window().expect("a window").navigator();
    let locks =
        js_sys::Reflect::get(&navigator, &JsValue::from_str("locks")).unwrap_or(JsValue::UNDEFINED);
    let request = js_sys::Reflect::get(&locks, &JsValue::from_str("request"))
        .ok()
        .and_then(|r| r.dyn_into::<js_sys::Function>().ok());
    let Some(request) = request.filter(|_| !locks.is_undefined()) else {
        on_leader();
        return;
    };
    let granted = Closure::once(move |_lock: JsValue| -> js_sys::Promise {
        on_leader();
        // Never settles: the lock is held for the life of the tab.
        js_sys::Promise::new(&mut |_, _| {})
    });
    // If the request fails, this tab simply never syncs by itself; another
    // tab (or a reload) will.
    let _ = request.call2(
        &locks,
        &JsValue::from_str(LOCK_NAME),
        granted.as_ref().unchecked_ref(),
    );
    granted.forget();
}
