//! The pinyin table, fetched after the first screen.
//!
//! The table (`domain::search::pinyin`) would be 11 KB of the start
//! bundle's brotli; no first screen needs it, only search by pinyin. So
//! `scripts/wasm-bundle` puts `pinyin.bin` beside the wasm files, the
//! service worker precaches it with them, and the app fetches it when a
//! search index is first built. Indexes built before it arrives match hanzi
//! and letters literally; their builders read [`loaded`] and build again
//! once it flips.

use futures::future::{FutureExt, LocalBoxFuture, Shared};
use gloo_net::http::Request;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::RefCell;

thread_local! {
    /// Whether the table is installed. Not owned by any component: every
    /// index builder of the app reads it.
    static LOADED: ArcRwSignal<bool> = ArcRwSignal::new(domain::search::pinyin::installed());
    /// The download under way, if any (a failed one is forgotten, so the
    /// next caller tries again).
    static DOWNLOAD: RefCell<Option<Shared<LocalBoxFuture<'static, bool>>>> =
        const { RefCell::new(None) };
}

/// Resolves once the table is installed (`true`), or could not be fetched
/// (`false`: search then matches without pinyin). Starts the download if
/// none is under way.
pub async fn ready() -> bool {
    if domain::search::pinyin::installed() {
        return true;
    }
    let download = DOWNLOAD.with(|d| {
        d.borrow_mut()
            .get_or_insert_with(|| download().boxed_local().shared())
            .clone()
    });
    let installed = download.await;
    if !installed {
        DOWNLOAD.with(|d| d.borrow_mut().take());
    }
    installed
}

/// Subscribes the running memo to the table's arrival, and starts its
/// download: a memo that builds an index calls this so that it builds again
/// once the table is installed.
pub fn track() {
    if !LOADED.with(|l| l.get()) {
        spawn_local(async {
            ready().await;
        });
    }
}

async fn download() -> bool {
    let installed = match fetch().await {
        Ok(bytes) => domain::search::pinyin::install(bytes).map_err(|e| e.to_string()),
        Err(e) => Err(e),
    };
    match installed {
        Ok(()) => {
            LOADED.with(|l| l.set(true));
            true
        }
        Err(e) => {
            web_sys::console::warn_1(&format!("pinyin table: {e}").into());
            false
        }
    }
}

async fn fetch() -> Result<Vec<u8>, String> {
    let url = table_url().ok_or("no bundle directory in the page")?;
    let response = Request::get(&url).send().await.map_err(|e| e.to_string())?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    response.binary().await.map_err(|e| e.to_string())
}

/// `pinyin.bin` in the bundle's directory, named by a hash of its content
/// (the page preloads the app's script from there).
fn table_url() -> Option<String> {
    let script = document()
        .query_selector("link[rel=modulepreload]")
        .ok()??
        .get_attribute("href")?;
    let dir = &script[..script.rfind('/')? + 1];
    Some(format!("{dir}pinyin.bin"))
}
