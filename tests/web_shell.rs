//! The app shell mounted in headless Chromium. A binary of its own: the
//! mounted app keeps syncing and reading IndexedDB in the background, which
//! must not race the store tests' deletes of the database (tests/web.rs).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::wasm_bindgen_test_configure;

wasm_bindgen_test_configure!(run_in_browser);

#[path = "web/shell.rs"]
mod shell;
