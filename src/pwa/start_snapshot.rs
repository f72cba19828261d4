//! The start snapshot: a start page (the jobs start page, the position list)
//! as this device last drew it, kept in localStorage so that the next start
//! shows it before the app has loaded.
//!
//! On a slow phone the app's code runs about a second after the page opens
//! and draws its first rows half a second later (BENCHMARKS.md, CPU 4×).
//! The boot script in `index.html` puts the saved markup over the page at
//! once: in a closed shadow root, so that nothing in the document (the
//! app's own elements, tests, assistive technology) sees it twice, and
//! `inert`, so that a tap passes through to the app beneath. The page that
//! saved it removes it as soon as it has drawn its own content.
//!
//! The markup is the app's own rendering (text escaped by the browser's
//! serialiser), saved only for the unfiltered page and shown only under the
//! styles it was drawn with (the `tongji-look` meta, a hash of the inlined
//! styles that `scripts/wasm-bundle` writes): an app update that changed no
//! styles keeps it, so the first start after the update has it too. A login
//! or logout forgets it, so a shared device does not show one user's screen
//! to the next.

use crate::i18n::use_lang;
use crate::idle::first_idle;
use gloo_events::EventListener;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::Serialize;
use std::time::Duration;
use wasm_bindgen::JsCast;
use web_sys::{Element, NodeList, Storage, VisibilityState};

/// localStorage key of a path's snapshot; the boot script in `index.html`
/// reads the same keys and fields.
const KEY_PREFIX: &str = "tongji.start-snapshot:";
/// The element the boot script puts the snapshot in.
const HOST_ID: &str = "start-snapshot";
/// The snapshot goes after this long even if the page never draws its
/// content (a failed read shows its message instead of an old screen).
const LONGEST_SHOWN: Duration = Duration::from_secs(3);
/// Rows further down than this many screen heights are left out: nobody
/// sees them before the app has drawn its own, and each costs the boot
/// script's parse and the first layout (BENCHMARKS.md, stop 28).
const KEPT_SCREENS: f64 = 1.5;
/// An empty comment, as serialised: the framework's marker. Text that looks
/// like one is escaped by the serialiser; an attribute holding one would
/// only lose it in this copy.
const COMMENT_MARKER: &str = "<!---->";
/// Saving waits for an idle moment, at most this long.
const SAVE_IDLE_TIMEOUT_MS: u32 = 2_000;

/// What the boot script reads.
#[derive(Serialize)]
struct Snapshot {
    /// The styles it was drawn with: other styles may not fit its markup.
    look: String,
    /// `.shell`'s outer HTML, without the header's status pills.
    html: String,
}

/// What a start page shows, for [`keep_start_snapshot`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StartPage {
    /// Its content is still being read: a snapshot over it stays.
    Loading,
    /// Content not worth showing at the next start: filtered, "show more",
    /// no positions yet, a failed read.
    Transient,
    /// Its unfiltered content with rows: what the next start shows.
    Keep,
}

/// Called by a start page with what it shows. Once it shows anything but
/// [`StartPage::Loading`], the snapshot over it is removed. While it is
/// [`StartPage::Keep`], the page is saved for the next start when the
/// browser is idle (again after every change of content or language), or at
/// once when the user leaves (the page is hidden) before such an idle moment.
pub fn keep_start_snapshot(shows: impl Fn() -> StartPage + Send + Sync + 'static) {
    let path = window().location().pathname().unwrap_or_default();
    let lang = use_lang();
    let generation = StoredValue::new(0u64);
    // Whether what the page shows now is drawn and not yet saved.
    let unsaved = StoredValue::new(false);
    set_timeout(dismiss, LONGEST_SHOWN);
    on_cleanup(dismiss);
    let hidden_path = path.clone();
    // Dropped, and so removed, with the page.
    StoredValue::new_local(EventListener::new(
        &document(),
        "visibilitychange",
        move |_| {
            let hidden = document().visibility_state() == VisibilityState::Hidden;
            if hidden && unsaved.try_get_value() == Some(true) {
                unsaved.set_value(false);
                save(&hidden_path);
            }
        },
    ));
    Effect::new(move |_| {
        lang.track();
        let shows = shows();
        let keep = shows == StartPage::Keep;
        unsaved.set_value(keep);
        // A newer state cancels a save still waiting for an idle moment.
        let current = generation.try_update_value(|g| {
            *g += 1;
            *g
        });
        if shows != StartPage::Loading {
            dismiss();
        }
        if !keep {
            return;
        }
        let path = path.clone();
        spawn_local(async move {
            first_idle(SAVE_IDLE_TIMEOUT_MS).await;
            if generation.try_get_value() == current {
                unsaved.set_value(false);
                save(&path);
            }
        });
    });
}

/// Forgets every saved start page (on login and logout).
pub fn forget_start_snapshots() {
    let Some(storage) = local_storage() else {
        return;
    };
    let len = storage.length().unwrap_or(0);
    let keys: Vec<String> = (0..len)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(KEY_PREFIX))
        .collect();
    for key in keys {
        let _ = storage.remove_item(&key);
    }
}

/// Removes the snapshot shown over the app, if any.
fn dismiss() {
    if let Some(host) = document().get_element_by_id(HOST_ID) {
        host.remove();
    }
}

/// Saves the page now on screen as `path`'s snapshot, unless the user has
/// moved on (another page, a query in the URL).
fn save(path: &str) {
    let location = window().location();
    let here = location.pathname().unwrap_or_default();
    let query = location.search().unwrap_or_default();
    if here != path || !query.is_empty() {
        return;
    }
    let document = document();
    let Some(shell) = document.query_selector(".shell").ok().flatten() else {
        return;
    };
    let look = document
        .query_selector("meta[name=tongji-look]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .unwrap_or_default();
    // Connectivity and sync state as they were would mislead at the next
    // start; their place stays, empty, until the app fills it.
    let Some(copy) = shell
        .clone_node_with_deep(true)
        .ok()
        .and_then(|n| n.dyn_into::<Element>().ok())
    else {
        return;
    };
    if let Ok(Some(status)) = copy.query_selector(".header__status") {
        status.set_inner_html("");
    }
    leave_out_rows_below(&shell, &copy, KEPT_SCREENS);
    leave_out_closed_details(&copy);
    let snapshot = Snapshot {
        look,
        // The framework's empty comments mark where its views go: a static
        // copy needs none of them, and they are about half its nodes.
        html: copy.outer_html().replace(COMMENT_MARKER, ""),
    };
    // Full or missing storage only costs the next start its head start.
    if let (Some(storage), Ok(text)) = (local_storage(), serde_json::to_string(&snapshot)) {
        let _ = storage.set_item(&format!("{KEY_PREFIX}{path}"), &text);
    }
}

/// Removes from `copy` (a deep clone of `drawn`) the list items whose
/// originals start more than `screens` screen heights down the page.
fn leave_out_rows_below(drawn: &Element, copy: &Element, screens: f64) {
    let height = window().inner_height().ok().and_then(|h| h.as_f64());
    let (Some(height), Ok(rows), Ok(copies)) = (
        height,
        drawn.query_selector_all("li"),
        copy.query_selector_all("li"),
    ) else {
        return;
    };
    // A clone lists its items in the same document order.
    if rows.length() != copies.length() {
        return;
    }
    let fold = height * screens;
    let item = |list: &NodeList, i| list.item(i).and_then(|n| n.dyn_into::<Element>().ok());
    for i in 0..rows.length() {
        if let (Some(row), Some(copied)) = (item(&rows, i), item(&copies, i)) {
            if row.get_bounding_client_rect().top() > fold {
                copied.remove();
            }
        }
    }
}

/// Empties the closed `<details>` in `copy` but for their summaries: the
/// filter panel's selects and options are nearly a third of the page's elements,
/// and nobody sees them before the app has drawn its own.
fn leave_out_closed_details(copy: &Element) {
    let Ok(hidden) = copy.query_selector_all("details:not([open]) > :not(summary)") else {
        return;
    };
    for i in 0..hidden.length() {
        if let Some(element) = hidden.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            element.remove();
        }
    }
}

/// localStorage where the browser allows it (not in some private modes).
fn local_storage() -> Option<Storage> {
    window().local_storage().ok().flatten()
}
