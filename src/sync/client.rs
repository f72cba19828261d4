//! The sync client: when to sync. On start, when the browser comes online,
//! every 30 s while online and visible, shortly after a local write, and on
//! request. Failed runs retry with exponential backoff and jitter.
//!
//! In the sync engine's split file (`lazy_engine`); `scheduler` starts it.

use super::error::SyncError;
use super::lazy_engine::run_once;
use super::leader::when_leader;
use super::scheduler::{post, request_sync, CHANNEL_HANDLE, TRIGGER};
use super::status::{Phase, Snapshot, SyncStatus};
use crate::clock::now;
use crate::store::{meta, outbox, Revisions, Topic};
use domain::replica::backoff_ms;
use domain::time::Timestamp;
use futures::channel::mpsc::{unbounded, UnboundedReceiver};
use futures::{select, FutureExt, StreamExt};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::MessageEvent;

/// A follower's message asking the syncing tab to sync now. Every other
/// message on the channel is the syncing tab's [`Snapshot`], as JSON.
pub(super) const REQUEST: &str = "request";
/// Interval between runs while online and visible.
const INTERVAL_MS: u32 = 30_000;
/// Delay after a local write, so a burst of writes is pushed together.
const AFTER_WRITE_MS: u32 = 1_500;

fn visible() -> bool {
    document().visibility_state() == web_sys::VisibilityState::Visible
}

fn online() -> bool {
    window().navigator().on_line()
}

/// Starts the client in this tab: it follows the syncing tab's status, and
/// syncs itself once it is the syncing one.
pub(super) fn start(status: SyncStatus, revisions: Revisions) {
    CHANNEL_HANDLE.with(|c| {
        let Some(channel) = c.borrow().as_ref().cloned() else {
            return;
        };
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let Some(text) = event.data().as_string() else {
                return;
            };
            let leader = status.leader.get_untracked();
            if text == REQUEST {
                if leader {
                    request_sync();
                }
            } else if !leader {
                if let Ok(snapshot) = serde_json::from_str::<Snapshot>(&text) {
                    status.apply(snapshot);
                }
            }
        });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
    });

    // A local write (in any tab) schedules a push shortly after.
    let pending_timer: StoredValue<Option<gloo_timers::callback::Timeout>, LocalStorage> =
        StoredValue::new_local(None);
    let newest_seen: StoredValue<Option<u64>, LocalStorage> = StoredValue::new_local(None);
    Effect::new(move |_| {
        revisions.track(Topic::Outbox);
        if !status.leader.get() {
            return;
        }
        spawn_local(async move {
            let Ok(counts) = outbox::counts().await else {
                return;
            };
            let new_write = counts.newest_pending > newest_seen.get_value();
            newest_seen.set_value(counts.newest_pending);
            // During a run the outbox changes as the push settles entries;
            // only a new entry asks for another run then, since the push may
            // already have read its batches (its request waits for the run
            // to end, and the next starts right after).
            let syncing = matches!(status.phase.get_untracked(), Phase::Syncing(_));
            if counts.pending > 0 && (new_write || !syncing) {
                let timer = gloo_timers::callback::Timeout::new(AFTER_WRITE_MS, request_sync);
                // Replacing the timer cancels the previous one: a debounce.
                pending_timer.set_value(Some(timer));
            }
        });
    });

    when_leader(move || {
        status.leader.set(true);
        let (tx, rx) = unbounded();
        TRIGGER.with(|t| *t.borrow_mut() = Some(tx));
        gloo_events::EventListener::new(&window(), "online", |_| request_sync()).forget();
        gloo_events::EventListener::new(&document(), "visibilitychange", |_| {
            if visible() {
                request_sync();
            }
        })
        .forget();
        spawn_local(run(rx, status));
    });
}

fn publish(status: SyncStatus) {
    if let Ok(text) = serde_json::to_string(&status.snapshot()) {
        post(&text);
    }
}

async fn run(mut triggers: UnboundedReceiver<()>, status: SyncStatus) {
    let mut attempt = 0u32;
    // True at start and when a request came in during the last good run.
    let mut run_now = true;
    loop {
        if !run_now {
            let wait = if attempt > 0 {
                let delay = backoff_ms(attempt, js_sys::Math::random());
                status.phase.set(Phase::Retrying {
                    at: Timestamp::from_millis(now().millis() + delay as i64),
                });
                publish(status);
                delay as u32
            } else {
                INTERVAL_MS
            };
            let triggered = select! {
                t = triggers.next() => t.is_some(),
                _ = TimeoutFuture::new(wait).fuse() => false,
            };
            // Collapse a burst of requests into one run.
            while triggers.try_recv().is_ok() {}
            if !triggered && attempt == 0 && !visible() {
                continue;
            }
        }
        run_now = false;
        if !online() {
            status.phase.set(Phase::Offline);
            publish(status);
            continue;
        }
        status.phase.set(Phase::Syncing(None));
        publish(status);
        let result = run_once(status).await;
        match result {
            Ok(report) => {
                attempt = 0;
                let at = now();
                let _ = meta::put(meta::LAST_SYNC, &at).await;
                let _ = meta::remove(meta::LAST_ERROR).await;
                status.last_sync.set(Some(at));
                status.last_error.set(None);
                status.last_report.set(Some(report));
                // A request made during the run (a login asking for staff
                // data, a write) runs next, and the page never shows
                // "synced" in between: that run's data is not here yet.
                while triggers.try_recv().is_ok() {
                    run_now = true;
                }
                if !run_now {
                    status.phase.set(Phase::Idle);
                }
            }
            Err(err) => {
                let _ = meta::put(meta::LAST_ERROR, &err).await;
                status.phase.set(match err {
                    SyncError::Unauthorized => Phase::NeedsLogin,
                    _ => Phase::Idle,
                });
                attempt = if err.is_retryable() {
                    attempt.saturating_add(1)
                } else {
                    0
                };
                status.last_error.set(Some(err));
            }
        }
        publish(status);
    }
}
