//! When to sync: on start, when the browser comes online, every 30 s while
//! online and visible, shortly after a local write, and on request. Failed
//! runs retry with exponential backoff and jitter.

use super::error::SyncError;
use super::lazy_engine::run_once;
use super::leader::when_leader;
use super::status::{Phase, Snapshot, SyncStatus};
use crate::clock::now;
use crate::idle::first_idle;
use crate::store::{meta, outbox, Revisions, Topic};
use domain::replica::backoff_ms;
use domain::time::Timestamp;
use futures::channel::mpsc::{unbounded, UnboundedReceiver, UnboundedSender};
use futures::{select, FutureExt, StreamExt};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, MessageEvent};

const CHANNEL: &str = "tongji-sync";
/// Interval between runs while online and visible.
const INTERVAL_MS: u32 = 30_000;
/// Delay after a local write, so a burst of writes is pushed together.
const AFTER_WRITE_MS: u32 = 1_500;

#[derive(Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Message {
    /// A follower asks the leader to sync now.
    Request,
    /// The leader's status.
    Status(Snapshot),
}

thread_local! {
    static TRIGGER: RefCell<Option<UnboundedSender<()>>> = const { RefCell::new(None) };
    static CHANNEL_HANDLE: RefCell<Option<BroadcastChannel>> = const { RefCell::new(None) };
}

fn post(message: &Message) {
    CHANNEL_HANDLE.with(|c| {
        if let (Some(channel), Ok(text)) = (c.borrow().as_ref(), serde_json::to_string(message)) {
            let _ = channel.post_message(&JsValue::from_str(&text));
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
        post(&Message::Request);
    }
}

fn visible() -> bool {
    document().visibility_state() == web_sys::VisibilityState::Visible
}

fn online() -> bool {
    window().navigator().on_line()
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
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let Some(text) = event.data().as_string() else {
                return;
            };
            match serde_json::from_str::<Message>(&text) {
                Ok(Message::Request) if status.leader.get_untracked() => request_sync(),
                Ok(Message::Status(snapshot)) if !status.leader.get_untracked() => {
                    status.apply(snapshot)
                }
                _ => {}
            }
        });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        CHANNEL_HANDLE.with(|c| *c.borrow_mut() = Some(channel));
    }

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
    status
}

fn publish(status: SyncStatus) {
    post(&Message::Status(status.snapshot()));
}

/// Longest wait for the browser to be idle before the start-up sync.
const START_IDLE_TIMEOUT_MS: u32 = 1_000;

async fn run(mut triggers: UnboundedReceiver<()>, status: SyncStatus) {
    first_idle(START_IDLE_TIMEOUT_MS).await;
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
