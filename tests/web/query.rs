//! `tongji_app::query::Query` with the browser's own task queue: reads that
//! end in any order, a value kept while a newer read runs, refetch.

use any_spawner::Executor;
use futures::channel::oneshot;
use leptos::prelude::*;
use leptos::task::tick;
use std::cell::RefCell;
use std::rc::Rc;
use tongji_app::query::Query;
use wasm_bindgen_test::*;

/// Reads that the test ends by hand: each call of the fetcher parks a
/// sender, tagged with what the fetcher saw.
#[derive(Clone, Default)]
struct Reads(Rc<RefCell<Vec<Parked>>>);

/// A read waiting for its value, with the input its fetcher saw.
type Parked = (u32, oneshot::Sender<String>);

impl Reads {
    fn fetcher(
        &self,
        input: RwSignal<u32>,
    ) -> impl Fn() -> futures::future::BoxFuture<'static, String> {
        let reads = self.clone();
        move || {
            let seen = input.get();
            let (tx, rx) = oneshot::channel();
            reads.0.borrow_mut().push((seen, tx));
            Box::pin(async move { rx.await.unwrap_or_default() })
        }
    }

    fn count(&self) -> usize {
        self.0.borrow().len()
    }

    /// Ends the read that saw `seen` with `value`.
    fn end(&self, seen: u32, value: &str) {
        let mut reads = self.0.borrow_mut();
        let at = reads
            .iter()
            .position(|(s, _)| *s == seen)
            .expect("a read with this input");
        let (_, tx) = reads.remove(at);
        tx.send(value.to_string()).expect("the read still waits");
    }
}

/// Lets effects and spawned reads run.
async fn settle() {
    for _ in 0..4 {
        tick().await;
    }
}

fn setup() -> Owner {
    let _ = Executor::init_wasm_bindgen();
    let owner = Owner::new();
    owner.set();
    owner
}

/// A query over `input`, created under a fresh owner, its first read running.
struct Started {
    _owner: Owner,
    input: RwSignal<u32>,
    reads: Reads,
    query: Query<String>,
}

async fn start(first: u32) -> Started {
    let _owner = setup();
    let input = RwSignal::new(first);
    let reads = Reads::default();
    let query = Query::new(reads.fetcher(input));
    settle().await;
    Started {
        _owner,
        input,
        reads,
        query,
    }
}

#[wasm_bindgen_test]
async fn none_until_the_first_read_ends_then_its_value() {
    let t = start(0).await;
    assert_eq!(t.reads.count(), 1);
    assert_eq!(t.query.get(), None);
    t.reads.end(0, "first");
    settle().await;
    assert_eq!(t.query.get().as_deref(), Some("first"));
    assert_eq!(t.query.with(|v| v.as_ref().map(String::len)), Some(5));
    assert_eq!(t.query.read().as_deref(), Some("first"));
}

#[wasm_bindgen_test]
async fn a_change_reads_again_keeping_the_value_until_the_new_read_ends() {
    let t = start(0).await;
    t.reads.end(0, "zero");
    settle().await;

    t.input.set(1);
    settle().await;
    assert_eq!(t.reads.count(), 1, "the change started a read");
    assert_eq!(t.query.get().as_deref(), Some("zero"), "kept meanwhile");
    t.reads.end(1, "one");
    settle().await;
    assert_eq!(t.query.get().as_deref(), Some("one"));
}

#[wasm_bindgen_test]
async fn a_read_overtaken_by_a_newer_one_is_dropped_whenever_it_ends() {
    let t = start(0).await;
    t.input.set(1);
    settle().await;
    assert_eq!(t.reads.count(), 2);
    // The newer read ends first; the older one, ending after it, is stale.
    t.reads.end(1, "new");
    settle().await;
    t.reads.end(0, "old");
    settle().await;
    assert_eq!(t.query.get().as_deref(), Some("new"));
}

#[wasm_bindgen_test]
async fn refetch_reads_again_and_effects_see_the_new_value() {
    let t = start(7).await;
    let seen = RwSignal::new(Vec::<String>::new());
    Effect::new(move |_| {
        if let Some(v) = t.query.get() {
            seen.update(|s| s.push(v));
        }
    });
    settle().await;
    t.reads.end(7, "a");
    settle().await;
    t.query.refetch();
    settle().await;
    assert_eq!(t.reads.count(), 1, "refetch started a read");
    t.reads.end(7, "b");
    settle().await;
    assert_eq!(seen.get_untracked(), vec!["a".to_string(), "b".to_string()]);
}

#[wasm_bindgen_test]
async fn a_read_ending_after_its_owner_is_gone_changes_nothing() {
    let owner = setup();
    let input = RwSignal::new(0);
    let reads = Reads::default();
    let child = owner.child();
    let query = child.with(|| Query::new(reads.fetcher(input)));
    settle().await;
    child.cleanup();
    reads.end(0, "late");
    settle().await;
    // The value signal was disposed with its owner: no panic, no value.
    assert_eq!(query.get(), None);
}
