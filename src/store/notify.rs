//! Change notification: which parts of the store changed, for reactive
//! reads in this tab and, through a BroadcastChannel, in the app's other
//! open tabs.

use domain::collection::Collection;
use leptos::prelude::*;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, MessageEvent};

const CHANNEL: &str = "tongji-store";

/// A part of the store that views can depend on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Topic {
    /// Records of one collection.
    Collection(Collection),
    /// The outbox (pending and rejected writes).
    Outbox,
    /// Records with conflicts.
    Conflicts,
    /// Sync metadata and the session.
    Meta,
    /// Drafts.
    Drafts,
    /// Photos.
    Blobs,
}

const OTHER_TOPICS: usize = 5;
const TOPICS: usize = Collection::ALL.len() + OTHER_TOPICS;

impl Topic {
    fn index(self) -> usize {
        match self {
            Topic::Collection(c) => Collection::ALL
                .iter()
                .position(|x| *x == c)
                .expect("every collection is listed"),
            Topic::Outbox => Collection::ALL.len(),
            Topic::Conflicts => Collection::ALL.len() + 1,
            Topic::Meta => Collection::ALL.len() + 2,
            Topic::Drafts => Collection::ALL.len() + 3,
            Topic::Blobs => Collection::ALL.len() + 4,
        }
    }

    /// Every topic (after a wipe or an import).
    pub fn everything() -> Vec<Topic> {
        let mut all: Vec<Topic> = Collection::ALL.into_iter().map(Topic::Collection).collect();
        all.extend([
            Topic::Outbox,
            Topic::Conflicts,
            Topic::Meta,
            Topic::Drafts,
            Topic::Blobs,
        ]);
        all
    }
}

/// One revision counter per topic (context). Resources that read a topic
/// call [`Revisions::track`] and re-run when it is bumped.
#[derive(Clone, Copy)]
pub struct Revisions([RwSignal<u64>; TOPICS]);

impl Revisions {
    /// Subscribes the current reactive scope to a topic.
    pub fn track(&self, topic: Topic) {
        self.0[topic.index()].track();
    }

    fn bump(&self, topics: &[usize]) {
        for &i in topics {
            if let Some(signal) = self.0.get(i) {
                signal.update(|n| *n += 1);
            }
        }
    }
}

thread_local! {
    static LOCAL: RefCell<Option<Revisions>> = const { RefCell::new(None) };
    static CHANNEL_HANDLE: RefCell<Option<BroadcastChannel>> = const { RefCell::new(None) };
    static HELD: RefCell<Option<Held>> = const { RefCell::new(None) };
}

/// Announcements collected while a [`Batch`] is open.
struct Held {
    /// Open batches (they nest).
    depth: usize,
    /// Topic indexes changed since the last announcement.
    topics: [bool; TOPICS],
    /// When the last announcement went out (ms, `Date.now()`).
    last: f64,
}

/// How often a long batch still lets views catch up (ms).
const BATCH_FLUSH_MS: f64 = 2_000.0;

/// While alive, bulk changes ([`announce_in_batch`]) are announced at most
/// every [`BATCH_FLUSH_MS`] and once more when it drops. A first sync writes dozens of pages; announcing
/// each would make every open list re-read and re-index the whole store
/// per page (see BENCHMARKS.md, first sync).
pub(crate) struct Batch;

/// Opens a batch of announcements.
pub(crate) fn batch() -> Batch {
    HELD.with(|h| {
        let mut held = h.borrow_mut();
        match held.as_mut() {
            Some(held) => held.depth += 1,
            None => {
                *held = Some(Held {
                    depth: 1,
                    topics: [false; TOPICS],
                    last: js_sys::Date::now(),
                })
            }
        }
    });
    Batch
}

impl Drop for Batch {
    fn drop(&mut self) {
        let done = HELD.with(|h| {
            let mut held = h.borrow_mut();
            let state = held.as_mut()?;
            state.depth -= 1;
            if state.depth > 0 {
                return None;
            }
            held.take().map(|s| changed(&s.topics))
        });
        if let Some(indexes) = done {
            send(&indexes);
        }
    }
}

fn changed(flags: &[bool; TOPICS]) -> Vec<usize> {
    (0..TOPICS).filter(|&i| flags[i]).collect()
}

/// Tells this tab's views and the other tabs that topics changed.
pub(crate) fn announce(topics: &[Topic]) {
    let indexes: Vec<usize> = topics.iter().map(|t| t.index()).collect();
    send(&indexes);
}

/// Like [`announce`] for bulk writes (pulled pages): inside a [`Batch`], the
/// changes go out later, together with the batch's other changes. A user's
/// own writes always use [`announce`], so they show at once.
pub(crate) fn announce_in_batch(topics: &[Topic]) {
    let indexes: Vec<usize> = topics.iter().map(|t| t.index()).collect();
    let deferred = HELD.with(|h| {
        let mut held = h.borrow_mut();
        let state = held.as_mut()?;
        for &i in &indexes {
            state.topics[i] = true;
        }
        let now = js_sys::Date::now();
        if now - state.last < BATCH_FLUSH_MS {
            return Some(None);
        }
        state.last = now;
        let due = changed(&state.topics);
        state.topics = [false; TOPICS];
        Some(Some(due))
    });
    match deferred {
        None => send(&indexes),
        Some(Some(due)) => send(&due),
        Some(None) => {}
    }
}

fn send(indexes: &[usize]) {
    if indexes.is_empty() {
        return;
    }
    LOCAL.with(|l| {
        if let Some(revisions) = *l.borrow() {
            revisions.bump(indexes);
        }
    });
    CHANNEL_HANDLE.with(|c| {
        if let Some(channel) = c.borrow().as_ref() {
            let message = js_sys::Array::new();
            for i in indexes {
                message.push(&JsValue::from_f64(*i as f64));
            }
            // Another tab missing one notification only delays its refresh
            // until its next read; not worth an error.
            let _ = channel.post_message(&message);
        }
    });
}

/// Creates the revision counters, listens to other tabs, and provides the
/// [`Revisions`] context.
pub fn provide_revisions() -> Revisions {
    let revisions = Revisions(std::array::from_fn(|_| RwSignal::new(0)));
    LOCAL.with(|l| *l.borrow_mut() = Some(revisions));
    if let Ok(channel) = BroadcastChannel::new(CHANNEL) {
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let topics: Vec<usize> = js_sys::Array::from(&event.data())
                .iter()
                .filter_map(|v| v.as_f64().map(|f| f as usize))
                .collect();
            revisions.bump(&topics);
        });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The listener lives as long as the tab.
        on_message.forget();
        CHANNEL_HANDLE.with(|c| *c.borrow_mut() = Some(channel));
    }
    provide_context(revisions);
    revisions
}
