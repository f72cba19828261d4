//! Registers `/sw.js` and tells the page when a new version is waiting.
//! The user chooses when to switch: the waiting worker is activated on
//! request and the page reloads once it controls it. Local data lives in
//! IndexedDB and drafts autosave, so reloading into the update loses nothing.

use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorker, ServiceWorkerRegistration, ServiceWorkerState};

/// Whether a new version is installed and waiting (context).
#[derive(Clone, Copy)]
pub struct UpdateAvailable(pub ReadSignal<bool>);

thread_local! {
    static REGISTRATION: RefCell<Option<ServiceWorkerRegistration>> = const { RefCell::new(None) };
}

/// How often an open app asks the server for a new version.
const CHECK_EVERY_MS: u32 = 30 * 60 * 1000;

/// Registers the service worker and provides [`UpdateAvailable`].
pub fn provide_updates() -> UpdateAvailable {
    let (available, set_available) = signal(false);
    let context = UpdateAvailable(available);
    provide_context(context);
    let container = window().navigator().service_worker();
    let had_controller = container.controller().is_some();
    // The new worker took over after the user accepted the update: load the
    // new version (once). A takeover the user did not ask for (another tab
    // accepted) also reloads, since this page's code is now outdated. The
    // first install taking control of a fresh page is not an update.
    let on_change = Closure::<dyn FnMut()>::new(move || {
        let accepted = ACCEPTED.with(|a| a.get());
        if (had_controller || accepted) && !RELOADING.with(|r| r.replace(true)) {
            let _ = window().location().reload();
        }
    });
    container.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
    on_change.forget();

    spawn_local(async move {
        let Ok(reg) = JsFuture::from(container.register("/sw.js")).await else {
            return;
        };
        let reg: ServiceWorkerRegistration = reg.unchecked_into();
        if reg.waiting().is_some() && had_controller {
            set_available.set(true);
        }
        let watched = reg.clone();
        let on_update = Closure::<dyn FnMut()>::new(move || {
            if let Some(worker) = watched.installing() {
                watch_installing(worker, set_available);
            }
        });
        reg.set_onupdatefound(Some(on_update.as_ref().unchecked_ref()));
        on_update.forget();
        REGISTRATION.with(|r| *r.borrow_mut() = Some(reg.clone()));
        gloo_timers::callback::Interval::new(CHECK_EVERY_MS, check_for_update).forget();
        gloo_events::EventListener::new(&document(), "visibilitychange", |_| {
            if document().visibility_state() == web_sys::VisibilityState::Visible {
                check_for_update();
            }
        })
        .forget();
    });
    context
}

thread_local! {
    static RELOADING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static ACCEPTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn watch_installing(worker: ServiceWorker, set_available: WriteSignal<bool>) {
    let w = worker.clone();
    let on_state = Closure::<dyn FnMut()>::new(move || {
        // "installed" with a controller present means an update (not the first install).
        if w.state() == ServiceWorkerState::Installed
            && window().navigator().service_worker().controller().is_some()
        {
            set_available.set(true);
        }
    });
    worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
    on_state.forget();
}

/// Asks the server whether a new version exists.
pub fn check_for_update() {
    REGISTRATION.with(|r| {
        if let Some(reg) = r.borrow().as_ref() {
            if let Ok(promise) = reg.update() {
                // A failed check (offline) is retried next time.
                spawn_local(async move {
                    let _ = JsFuture::from(promise).await;
                });
            }
        }
    });
}

/// Switches to the waiting version; the page reloads when it takes over.
pub fn apply_update() {
    ACCEPTED.with(|a| a.set(true));
    REGISTRATION.with(|r| {
        if let Some(waiting) = r.borrow().as_ref().and_then(|reg| reg.waiting()) {
            let _ = waiting.post_message(&JsValue::from_str("skip-waiting"));
        } else {
            let _ = window().location().reload();
        }
    });
}
