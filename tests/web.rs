//! In-browser tests (headless Chromium via wasm-bindgen-test-runner): the
//! local store against real IndexedDB, and the photo pipeline against the
//! browser's image and crypto APIs. The shell is in tests/web_shell.rs.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::wasm_bindgen_test_configure;

wasm_bindgen_test_configure!(run_in_browser);

#[path = "web/store.rs"]
mod store;
#[path = "web/packs.rs"]
mod wpacks;
#[path = "web/photos.rs"]
mod wphotos;
#[path = "web/pulled.rs"]
mod wpulled;
#[path = "web/push.rs"]
mod wpush;
#[path = "web/query.rs"]
mod wquery;
#[path = "web/routing.rs"]
mod wrouting;
