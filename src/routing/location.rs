//! The address: the current path and query as signals, navigation with the
//! History API, and same-origin link clicks turned into navigations.

use super::params::ParamsMap;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlAnchorElement, MouseEvent};

/// The current address (context, from [`provide_location`]).
#[derive(Clone, Copy)]
pub struct Location {
    /// The path, e.g. `/jobs/positions`.
    pub pathname: RwSignal<String>,
    /// The query without its `?`, still encoded.
    search: RwSignal<String>,
}

/// How [`navigate`] changes the history.
#[derive(Clone, Copy, Debug)]
pub struct NavigateOptions {
    /// Replace the current history entry instead of adding one (typing in a
    /// search box should not add one per keystroke).
    pub replace: bool,
    /// Scroll to the top (or to the `#fragment`) afterwards.
    pub scroll: bool,
}

impl Default for NavigateOptions {
    fn default() -> Self {
        NavigateOptions {
            replace: false,
            scroll: true,
        }
    }
}

fn current() -> (String, String) {
    let location = window().location();
    let search = location.search().unwrap_or_default();
    (
        location.pathname().unwrap_or_default(),
        search.trim_start_matches('?').to_owned(),
    )
}

impl Location {
    fn sync(&self) {
        let (path, search) = current();
        if self.pathname.get_untracked() != path {
            self.pathname.set(path);
        }
        if self.search.get_untracked() != search {
            self.search.set(search);
        }
    }

    /// Goes to `href` (same origin: in the app; another origin: a page load).
    pub fn navigate(&self, href: &str, options: NavigateOptions) {
        let window = window();
        let here = window.location().href().unwrap_or_default();
        let Ok(url) = web_sys::Url::new_with_base(href, &here) else {
            return;
        };
        if url.origin() != window.location().origin().unwrap_or_default() {
            let _ = window.location().set_href(&url.href());
            return;
        }
        let to = format!("{}{}{}", url.pathname(), url.search(), url.hash());
        if let Ok(history) = window.history() {
            let _ = if options.replace {
                history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&to))
            } else {
                history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&to))
            };
        }
        self.sync();
        if options.scroll {
            scroll_to_fragment_or_top(&url.hash());
        }
    }
}

fn scroll_to_fragment_or_top(hash: &str) {
    let id = hash.trim_start_matches('#');
    match (!id.is_empty())
        .then(|| document().get_element_by_id(id))
        .flatten()
    {
        Some(target) => target.scroll_into_view(),
        None => window().scroll_to_with_x_and_y(0.0, 0.0),
    }
}

/// Provides [`Location`] and keeps it current: the back and forward
/// buttons, and clicks on links to the app's own pages, which become
/// navigations instead of page loads.
pub fn provide_location() -> Location {
    let (path, search) = current();
    let location = Location {
        pathname: RwSignal::new(path),
        search: RwSignal::new(search),
    };
    provide_context(location);
    let popstate = window_event_listener(leptos::ev::popstate, move |_| location.sync());
    let click = window_event_listener(leptos::ev::click, move |ev| on_click(location, ev));
    on_cleanup(move || {
        popstate.remove();
        click.remove();
    });
    location
}

/// A click on a link to one of the app's pages navigates in the app. The
/// browser keeps the rest: modified clicks (new tab), links with a target,
/// a download or `rel="external"`, other origins, and links within the
/// page (`#main`), whose focus move only the browser does.
fn on_click(location: Location, ev: MouseEvent) {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.alt_key()
        || ev.ctrl_key()
        || ev.shift_key()
    {
        return;
    }
    let Some(a) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("a[href]").ok().flatten())
        .and_then(|el| el.dyn_into::<HtmlAnchorElement>().ok())
    else {
        return;
    };
    let rel = a.rel();
    if !a.target().is_empty()
        || a.has_attribute("download")
        || rel.split_ascii_whitespace().any(|r| r == "external")
    {
        return;
    }
    let Ok(url) = web_sys::Url::new(&a.href()) else {
        return;
    };
    let here = window().location();
    if url.origin() != here.origin().unwrap_or_default() {
        return;
    }
    let same_page = url.pathname() == here.pathname().unwrap_or_default()
        && url.search() == here.search().unwrap_or_default();
    if same_page && !url.hash().is_empty() {
        return;
    }
    ev.prevent_default();
    location.navigate(&url.href(), NavigateOptions::default());
}

/// The current address.
pub fn use_location() -> Location {
    expect_context::<Location>()
}

/// A function that navigates (see [`Location::navigate`]).
pub fn use_navigate() -> impl Fn(&str, NavigateOptions) + Clone {
    let location = use_location();
    move |href: &str, options: NavigateOptions| location.navigate(href, options)
}

/// The query's parameters, decoded.
pub fn use_query_map() -> Memo<ParamsMap> {
    let location = use_location();
    Memo::new(move |_| location.search.with(|s| ParamsMap::from_query(s)))
}
