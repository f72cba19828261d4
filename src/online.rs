//! Whether the browser believes it is online, kept current by the
//! `online`/`offline` window events.

use leptos::prelude::*;

/// Online state (context).
#[derive(Clone, Copy)]
pub struct Online(pub ReadSignal<bool>);

/// Provides [`Online`], starting from `navigator.onLine`.
pub fn provide_online() -> Online {
    let (online, set_online) = signal(window().navigator().on_line());
    let on = window_event_listener(leptos::ev::online, move |_| set_online.set(true));
    let off = window_event_listener(leptos::ev::offline, move |_| set_online.set(false));
    on_cleanup(move || {
        on.remove();
        off.remove();
    });
    let state = Online(online);
    provide_context(state);
    state
}
