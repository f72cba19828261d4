//! [`Query`]: a value read asynchronously (from IndexedDB, the browser),
//! read again whenever something its fetcher tracks changes.
//!
//! It is what Leptos's `LocalResource` did for this app, which uses no
//! Suspense, streaming or server rendering: `None` until the first read
//! ends, then the latest value, which stays while a newer read runs; a read
//! overtaken by a newer one is dropped. Its state is one signal and one
//! trigger, so each value type compiles to a few small functions instead of
//! `AsyncDerived`'s machinery (BENCHMARKS.md, stop 28: the start bundle).

use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;

/// A value read asynchronously; see the module documentation.
pub struct Query<T: 'static> {
    value: RwSignal<Option<T>, LocalStorage>,
    again: Trigger,
}

impl<T: 'static> Clone for Query<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for Query<T> {}

impl<T: 'static> Query<T> {
    /// Runs `fetcher` as an effect does (after the current task), again
    /// whenever a signal it reads outside its future changes, and keeps the
    /// value of the newest read.
    pub fn new<Fut>(fetcher: impl Fn() -> Fut + 'static) -> Self
    where
        Fut: Future<Output = T> + 'static,
    {
        let value = RwSignal::new_local(None);
        let again = Trigger::new();
        let newest = Rc::new(Cell::new(0u64));
        Effect::new(move |_| {
            again.track();
            let read = fetcher();
            let this = newest.get() + 1;
            newest.set(this);
            let newest = Rc::clone(&newest);
            spawn_local(async move {
                let result = read.await;
                // Gone with its page, or overtaken: nobody wants this value.
                if newest.get() == this {
                    value.try_set(Some(result));
                }
            });
        });
        Self { value, again }
    }

    /// Reads again, keeping the current value until the read ends.
    pub fn refetch(&self) {
        self.again.notify();
    }

    /// Subscribes the running effect or memo to the value.
    pub fn track(&self) {
        self.value.track();
    }

    /// The value (`None` before the first read ends), borrowed,
    /// subscribing the running effect or memo.
    pub fn read(&self) -> impl std::ops::Deref<Target = Option<T>> + '_ {
        self.value.read()
    }

    /// Applies `f` to the value (`None` before the first read ends),
    /// subscribing the running effect or memo.
    pub fn with<R>(&self, f: impl FnOnce(&Option<T>) -> R) -> R {
        self.value.with(f)
    }
}

impl<T: Clone + 'static> Query<T> {
    /// The value (`None` before the first read ends), subscribing the
    /// running effect or memo.
    pub fn get(&self) -> Option<T> {
        self.value.try_get().flatten()
    }

    /// The value, without subscribing.
    pub fn get_untracked(&self) -> Option<T> {
        self.value.try_get_untracked().flatten()
    }
}
