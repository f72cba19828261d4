//! Waiting for the browser to have nothing better to do.

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::window;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Resolves when the browser is first idle, or after `timeout_ms` (also
/// where `requestIdleCallback` is missing). Background work waits for it so
/// that it does not compete with the first screen's reads and rendering on a
/// slow phone.
pub async fn first_idle(timeout_ms: u32) {
    let (tx, rx) = futures::channel::oneshot::channel::<()>();
    let done = Closure::once_into_js(move || {
        let _ = tx.send(());
    });
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"timeout".into(), &timeout_ms.into());
    let scheduled = js_sys::Reflect::get(&window(), &"requestIdleCallback".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .is_some_and(|f| f.call2(&window(), &done, &options).is_ok());
    if !scheduled {
        TimeoutFuture::new(timeout_ms).await;
        return;
    }
    let _ = rx.await;
}
