//! The route table, and the page the path shows (`domain::route` matches).

use super::location::{use_location, use_navigate, NavigateOptions};
use super::params::ParamsMap;
use crate::ui::while_opening;
use domain::route::{best_match, Params};
use futures::future::LocalBoxFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;

/// Builds a page's view.
pub type BuildView = fn() -> AnyView;

/// How a route gets its view.
#[derive(Clone, Copy)]
pub enum Page {
    /// In the start bundle.
    Now(BuildView),
    /// In a split file, downloaded when first shown (`crate::lazy_page!`).
    Lazy(fn() -> LocalBoxFuture<'static, BuildView>),
}

/// A view that pages are shown in (with [`Outlet`]); moving between pages
/// of one frame keeps the frame, and the data it holds, in place.
#[derive(Clone, Copy)]
pub struct Frame {
    /// Tells frames apart.
    pub name: &'static str,
    pub view: BuildView,
}

/// One route: a pattern (`domain::route`), its page, and its frame if any.
#[derive(Clone, Copy)]
pub struct Route {
    pub path: &'static str,
    pub page: Page,
    pub frame: Option<Frame>,
}

impl Route {
    /// A page on its own.
    pub const fn page(path: &'static str, page: Page) -> Route {
        Route {
            path,
            page,
            frame: None,
        }
    }

    /// A page inside `frame`.
    pub const fn framed(path: &'static str, frame: Frame, page: Page) -> Route {
        Route {
            path,
            page,
            frame: Some(frame),
        }
    }
}

/// The matched route (`None`: the fallback) and its parameters.
type Found = Option<(usize, Params)>;

/// What is on screen: the route, its parameters, and its view, ready to build.
#[derive(Clone)]
struct Shown {
    found: Found,
    view: BuildView,
    frame: Option<Frame>,
    /// The navigation that showed it: a page navigated away from and back
    /// to is built anew, even if the page between never showed.
    visit: u64,
}

#[derive(Clone, Copy)]
struct Current(RwSignal<Option<Shown>, LocalStorage>);

/// Shows the page of the route the path matches, or `fallback`. A page in a
/// split file appears once downloaded; the previous page stays meanwhile
/// (and `crate::ui::PageOpening` shows a bar).
#[component]
pub fn Routes(routes: Vec<Route>, fallback: BuildView) -> impl IntoView {
    let location = use_location();
    let routes: Rc<[Route]> = routes.into();
    let patterns: Vec<&'static str> = routes.iter().map(|r| r.path).collect();
    let matched = Memo::new(move |_| best_match(&patterns, &location.pathname.get()));
    let shown = RwSignal::new_local(None::<Shown>);
    provide_context(Current(shown));
    // Counts navigations, so that a download overtaken by a later
    // navigation shows nothing when it ends.
    let latest = StoredValue::new(0u64);
    let go = move |found: Found| {
        latest.update_value(|n| *n += 1);
        let visit = latest.get_value();
        let (page, frame) = match &found {
            Some((i, _)) => (routes[*i].page, routes[*i].frame),
            None => (Page::Now(fallback), None),
        };
        let show = move |view| {
            let shown_now = Shown {
                found,
                view,
                frame,
                visit,
            };
            shown.set(Some(shown_now));
        };
        match page {
            Page::Now(view) => show(view),
            Page::Lazy(load) => spawn_local(async move {
                let view = while_opening(load()).await;
                if latest.try_get_value() == Some(visit) {
                    show(view);
                }
            }),
        }
    };
    // The first page is set up now, so that a page in the start bundle is
    // drawn with the shell rather than after it.
    let first = matched.get_untracked();
    go.clone()(first.clone());
    Effect::new(move |last: Option<Found>| {
        let found = matched.get();
        if found != last.unwrap_or_else(|| first.clone()) {
            go(found.clone());
        }
        found
    });
    // The frame is rebuilt only when it changes, not with each of its pages.
    let frame = Memo::new(move |_| shown.with(|s| s.as_ref().map(|s| s.frame.map(|f| f.name))));
    move || match frame.get() {
        None => ().into_any(),
        Some(None) => page(shown).into_any(),
        Some(Some(_)) => match shown.with_untracked(|s| s.as_ref().and_then(|s| s.frame)) {
            Some(frame) => (frame.view)(),
            None => ().into_any(),
        },
    }
}

/// Where a frame shows its page.
#[component]
pub fn Outlet() -> impl IntoView {
    page(expect_context::<Current>().0)
}

/// The page on screen, rebuilt by each navigation that shows a page (to
/// another route, or other parameters), not by one to another query.
fn page(shown: RwSignal<Option<Shown>, LocalStorage>) -> impl IntoView {
    let key = Memo::new(move |_| shown.with(|s| s.as_ref().map(|s| s.visit)));
    move || {
        // Read, not only tracked: `track` leaves a memo unchecked, so a
        // change would never reach here.
        key.with(|_| ());
        shown
            .with_untracked(|s| s.as_ref().map(|s| s.view))
            .map(|view| view())
    }
}

/// The parameters of the page's route (`:id` → `get("id")`).
pub fn use_params_map() -> Memo<ParamsMap> {
    let Current(shown) = expect_context::<Current>();
    Memo::new(move |_| {
        shown.with(|s| {
            let found = s.iter().filter_map(|s| s.found.as_ref());
            found
                .flat_map(|(_, params)| params.iter().map(|(n, v)| (*n, v.clone())))
                .collect()
        })
    })
}

/// A page that goes on to `/jobs`, replacing itself in the history (the
/// app's root has no page of its own).
pub fn to_jobs() -> AnyView {
    let navigate = use_navigate();
    Effect::new(move |_| {
        navigate(
            "/jobs",
            NavigateOptions {
                replace: true,
                scroll: true,
            },
        )
    });
    ().into_any()
}
