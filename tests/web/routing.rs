//! `tongji_app::routing` in the browser: pages in the start bundle and in
//! split files, a download overtaken by a later navigation, parameters, the
//! query, frames kept between their pages, the fallback.

use futures::channel::oneshot;
use leptos::prelude::*;
use leptos::task::tick;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use tongji_app::routing::{
    provide_location, use_navigate, use_params_map, use_query_map, BuildView, Frame, Outlet, Page,
    Route, Routes,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

/// Navigates inside the mounted router.
type Navigate = Rc<dyn Fn(&str)>;

thread_local! {
    static NAVIGATE: RefCell<Option<Navigate>> = RefCell::new(None);
    /// Downloads of the lazy page waiting to be ended by the test.
    static DOWNLOADS: RefCell<Vec<oneshot::Sender<()>>> = const { RefCell::new(Vec::new()) };
    /// How many times the frame was built.
    static FRAMES_BUILT: Cell<u32> = const { Cell::new(0) };
    /// How many times page A was built.
    static A_BUILT: Cell<u32> = const { Cell::new(0) };
    /// How many times the item page was built.
    static ITEMS_BUILT: Cell<u32> = const { Cell::new(0) };
}

fn page_a() -> AnyView {
    A_BUILT.with(|n| n.set(n.get() + 1));
    view! { <p class="page">"A"</p> }.into_any()
}

fn page_b() -> AnyView {
    view! { <p class="page">"B"</p> }.into_any()
}

/// A "split file" that arrives when the test says so.
fn load_b() -> futures::future::LocalBoxFuture<'static, BuildView> {
    let (tx, rx) = oneshot::channel();
    DOWNLOADS.with(|d| d.borrow_mut().push(tx));
    Box::pin(async move {
        let _ = rx.await;
        page_b as BuildView
    })
}

fn item() -> AnyView {
    ITEMS_BUILT.with(|n| n.set(n.get() + 1));
    let params = use_params_map();
    view! { <p class="page">{move || params.with(|p| p.get("id"))}</p> }.into_any()
}

fn query() -> AnyView {
    let query = use_query_map();
    view! { <p class="page">{move || query.with(|q| q.get("q"))}</p> }.into_any()
}

const FRAME: Frame = Frame {
    name: "test",
    view: || {
        FRAMES_BUILT.with(|n| n.set(n.get() + 1));
        view! { <section class="frame"><Outlet /></section> }.into_any()
    },
};

fn routes() -> Vec<Route> {
    vec![
        Route::page("/r/a", Page::Now(page_a)),
        Route::page("/r/b", Page::Lazy(load_b)),
        Route::page("/r/q", Page::Now(query)),
        Route::framed("/r/items/:id", FRAME, Page::Now(item)),
        Route::framed("/r/items/new", FRAME, Page::Now(page_a)),
    ]
}

fn not_found() -> AnyView {
    view! { <p class="page">"none"</p> }.into_any()
}

/// Lets effects, navigations and spawned downloads run.
async fn settle() {
    for _ in 0..6 {
        tick().await;
    }
}

async fn go(path: &str) {
    let navigate = NAVIGATE.with(|n| n.borrow().clone()).expect("mounted");
    navigate(path);
    settle().await;
}

fn shown() -> String {
    let pages = document()
        .query_selector_all("#routing-test .page")
        .unwrap();
    assert!(pages.length() <= 1, "one page at a time");
    pages
        .get(0)
        .and_then(|p| p.text_content())
        .unwrap_or_default()
}

fn framed() -> bool {
    document()
        .query_selector("#routing-test .frame .page")
        .unwrap()
        .is_some()
}

/// The test's router, mounted; taken down when dropped, also when a test
/// fails, so that one failure does not leave its page to the next test.
struct Mounted(Option<leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>>);

impl Drop for Mounted {
    fn drop(&mut self) {
        drop(self.0.take());
        if let Some(host) = document().get_element_by_id("routing-test") {
            host.remove();
        }
    }
}

/// Mounts a router at `path` with the test's routes.
async fn mount(path: &str) -> Mounted {
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let _ = window().history().unwrap().replace_state_with_url(
        &wasm_bindgen::JsValue::NULL,
        "",
        Some(path),
    );
    let host = document().create_element("div").unwrap();
    host.set_id("routing-test");
    document().body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.unchecked_into(), || {
        provide_location();
        let navigate = use_navigate();
        NAVIGATE.with(|n| {
            *n.borrow_mut() = Some(Rc::new(move |path: &str| {
                navigate(path, Default::default())
            }))
        });
        view! { <Routes routes=routes() fallback=not_found /> }.into_any()
    });
    settle().await;
    Mounted(Some(handle))
}

/// Waits (up to 2 s) for the browser to be at `path`: `history.back()`
/// takes effect asynchronously, later on a busy machine.
async fn at(path: &str) {
    for _ in 0..200 {
        if window().location().pathname().unwrap() == path {
            break;
        }
        gloo_timers::future::TimeoutFuture::new(10).await;
    }
    settle().await;
}

#[wasm_bindgen_test]
async fn a_split_page_shows_once_downloaded_and_an_overtaken_download_never() {
    let app = mount("/r/a").await;
    assert_eq!(shown(), "A", "a page in the start bundle is drawn at once");

    let builds = A_BUILT.with(Cell::get);
    go("/r/b").await;
    assert_eq!(shown(), "A", "the previous page stays while B downloads");
    assert_eq!(A_BUILT.with(Cell::get), builds);
    go("/r/a").await;
    // Away and straight back before the page between arrived: built anew,
    // as after any navigation to it.
    assert_eq!(A_BUILT.with(Cell::get), builds + 1);
    let overtaken = DOWNLOADS.with(|d| d.borrow_mut().remove(0));
    overtaken.send(()).unwrap();
    settle().await;
    assert_eq!(
        shown(),
        "A",
        "a download overtaken by a navigation shows nothing"
    );

    go("/r/b").await;
    let download = DOWNLOADS.with(|d| d.borrow_mut().remove(0));
    download.send(()).unwrap();
    settle().await;
    assert_eq!(shown(), "B");

    go("/nowhere").await;
    assert_eq!(shown(), "none", "no route: the fallback");
    drop(app);
}

#[wasm_bindgen_test]
async fn parameters_reach_the_page_and_a_frame_stays_between_its_pages() {
    FRAMES_BUILT.with(|n| n.set(0));
    let app = mount("/r/items/7").await;
    assert_eq!(shown(), "7");
    assert!(framed(), "the page is inside its frame");

    go("/r/items/8").await;
    assert_eq!(shown(), "8");
    go("/r/items/new").await;
    assert_eq!(shown(), "A", "a literal segment beats a parameter");
    assert_eq!(FRAMES_BUILT.with(Cell::get), 1, "the frame was kept");

    go("/r/items/8").await;
    let builds = ITEMS_BUILT.with(Cell::get);
    go("/r/items/8?tab=2").await;
    assert_eq!(shown(), "8");
    assert_eq!(
        ITEMS_BUILT.with(Cell::get),
        builds,
        "the query does not rebuild the page"
    );

    go("/r/a").await;
    assert_eq!(shown(), "A");
    assert!(!framed(), "a page without the frame");
    go("/r/items/9").await;
    assert_eq!(
        FRAMES_BUILT.with(Cell::get),
        2,
        "built again after leaving it"
    );
    drop(app);
}

#[wasm_bindgen_test]
async fn link_clicks_navigate_in_the_app_and_the_query_is_decoded() {
    let app = mount("/r/a").await;
    let host = document().get_element_by_id("routing-test").unwrap();
    let link = document().create_element("a").unwrap();
    link.set_attribute("href", "/r/q?q=%E6%9C%8D%E8%A3%85+a%26b&x=1")
        .unwrap();
    host.append_child(&link).unwrap();
    link.unchecked_ref::<web_sys::HtmlElement>().click();
    settle().await;
    // A page load would have ended the test.
    assert_eq!(window().location().pathname().unwrap(), "/r/q");
    assert_eq!(shown(), "服装 a&b");

    window().history().unwrap().back().unwrap();
    at("/r/a").await;
    assert_eq!(shown(), "A", "back: the previous page");
    drop(app);
}
