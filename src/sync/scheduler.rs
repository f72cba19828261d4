//! Starting the sync client, and asking it for a run.
//!
//! The client itself (`client`: the run loop, its triggers, and the status
//! shared between tabs) is in the sync engine's split file. It starts at
//! the browser's first idle moment, when the first sync would start anyway,
//! so the start bundle does not carry it.

use super::client::REQUEST;
use super::error::SyncError;
use super::lazy_engine::start_client;
use super::status::{Phase, SyncStatus};
use crate::clock::now;
use crate::idle::first_idle;
use crate::store::{meta, Revisions};
use domain::replica::backoff_ms;
use domain::time::Timestamp;
use futures::channel::mpsc::{unbounded, UnboundedSender};
use futures::future::select;
use futures::StreamExt;
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::RefCell;
use wasm_bindgen::JsValue;
use web_sys::BroadcastChannel;

/// The channel the app's tabs share: requests to the syncing tab, its status
/// to the others.
pub(super) const CHANNEL: &str = "tongji-sync";

/// Longest wait for the browser to be idle before the client starts.
const START_IDLE_TIMEOUT_MS: u32 = 1_000;

thread_local! {
    /// Runs a sync in this tab, once it is the syncing one.
    pub(super) static TRIGGER: RefCell<Option<UnboundedSender<()>>> = const { RefCell::new(None) };
    /// This tab's end of [`CHANNEL`].
    pub(super) static CHANNEL_HANDLE: RefCell<Option<BroadcastChannel>> = const { RefCell::new(None) };
}

/// Posts `text` to the app's other tabs.
pub(super) fn post(text: &str) {
    CHANNEL_HANDLE.with(|c| {
        if let Some(channel) = c.borrow().as_ref() {
            let _ = channel.post_message(&JsValue::from_str(text));
        }
    });
}

/// Asks for a sync now: runs it in this tab when it is the syncing one,
/// otherwise asks that tab.
pub fn request_sync() {
    let sent = TRIGGER.with(|t| {
        t.borrow()
            .as_ref()
            .is_some_and(|tx| tx.unbounded_send(()).is_ok())
    });
    if !sent {
        post(REQUEST);
    }
}

/// Starts the sync client and provides [`SyncStatus`].
pub fn provide_sync(revisions: Revisions) -> SyncStatus {
    let status = SyncStatus::new();
    provide_context(status);

    spawn_local(async move {
        // Show the last known sync time and error right away after a reload.
        if let Ok(Some(at)) = meta::get::<Timestamp>(meta::LAST_SYNC).await {
            status.last_sync.set(Some(at));
        }
        if let Ok(Some(err)) = meta::get::<SyncError>(meta::LAST_ERROR).await {
            status.last_error.set(Some(err));
        }
    });

    if let Ok(channel) = BroadcastChannel::new(CHANNEL) {
        CHANNEL_HANDLE.with(|c| *c.borrow_mut() = Some(channel));
    }

    // The client's effects belong to the app, not to the task that starts it.
    let owner = Owner::current().expect("provide_sync runs inside the app");
    spawn_local(async move {
        first_idle(START_IDLE_TIMEOUT_MS).await;
        let mut attempt = 0u32;
        loop {
            // The client, once started, takes the requests in this tab.
            TRIGGER.with(|t| t.borrow_mut().take());
            let Err(err) = start_client(owner.clone(), status, revisions).await else {
                return;
            };
            // Without its code (offline before the service worker cached
            // it) there is no sync: said like a failed run, and retried
            // like one, or at once on request ("sync now").
            attempt = attempt.saturating_add(1);
            let delay = backoff_ms(attempt, js_sys::Math::random());
            status.last_error.set(Some(err));
            status.phase.set(Phase::Retrying {
                at: Timestamp::from_millis(now().millis() + delay as i64),
            });
            let (tx, mut requests) = unbounded();
            TRIGGER.with(|t| *t.borrow_mut() = Some(tx));
            select(requests.next(), TimeoutFuture::new(delay as u32)).await;
        }
    });
    status
}
