//! The app shell: contexts, router and the page frame.

use crate::features::account::{provide_session, CurrentSession, LoginPage};
use crate::features::status::{StatusPage, SyncBadge, UpdateBanner};
use crate::features::{jobs, policies, projects, visits};
use crate::i18n::{provide_locale, t};
use crate::idle::first_idle;
use crate::online::provide_online;
use crate::pwa::{end_loading_screen, provide_updates};
use crate::routing::{provide_location, to_jobs, Page, Route, Routes};
use crate::store::provide_revisions;
use crate::sync::provide_sync;
use crate::ui::{Header, Nav, PageOpening};
use domain::collection::Role;
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;

// Downloaded when first opened (see `crate::ui::lazy_page`).
crate::lazy_page!(status: status_page => view! { <StatusPage /> });
crate::lazy_page!(login: login_page => view! { <LoginPage /> });

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    provide_locale();
    provide_online();
    provide_location();
    let revisions = provide_revisions();
    let session = provide_session(revisions);
    provide_sync(revisions);
    provide_updates();
    spawn_local(prefetch_sections(session));
    end_loading_screen();

    view! {
            <PageOpening />
            <a class="skip-link" href="#main">{t("跳到主要内容", "Skip to main content")}</a>
            <div class="shell">
                <Header>
                    <SyncBadge />
                </Header>
                <Nav />
                <UpdateBanner />
                <main id="main" class="content" tabindex="-1">
                    <Routes routes=routes() fallback=|| view! { <NotFound /> }.into_any() />
                </main>
                <footer class="footer">
                    <p>{t("通济街道办事处 · 通济通", "Tongji Sub-district Office · Tongji Connect")}</p>
                </footer>
            </div>
    }
}

/// Every route of the app.
fn routes() -> Vec<Route> {
    let mut routes = vec![
        Route::page("/", Page::Now(to_jobs)),
        Route::page("/status", status_page::page()),
        Route::page("/login", login_page::page()),
    ];
    routes.extend(jobs::routes());
    routes.extend(policies::routes());
    routes.extend(visits::routes());
    routes.extend(projects::routes());
    routes
}

#[component]
fn NotFound() -> impl IntoView {
    view! {
        <section class="page">
            <crate::ui::EmptyState
                title=t("找不到这个页面", "Page not found")
                body=t("链接可能已失效。请从下方导航进入各栏目。", "The link may be out of date. Use the navigation to open a section.")
            />
        </section>
    }
}

/// How long after the start the prefetching of sections may begin, and the
/// longest wait for an idle moment before each section's file.
const PREFETCH_DELAY_MS: u32 = 3_000;
const PREFETCH_IDLE_TIMEOUT_MS: u32 = 2_000;

/// Loads the split files of the sections in the navigation in the background,
/// one at a time when the browser is idle, so that the first open of a
/// section renders at once instead of first fetching and compiling its code
/// (about 0.4 s at CPU 4×, BENCHMARKS.md). Only under a service worker: its
/// cache answers, so this costs no network on a first visit with a weak
/// signal, where the start-up sync needs it more.
async fn prefetch_sections(session: CurrentSession) {
    TimeoutFuture::new(PREFETCH_DELAY_MS).await;
    let controlled = window().navigator().service_worker().controller().is_some();
    if !controlled {
        return;
    }
    // One page per group loads the group's split file (the guides', the
    // visits', …); a failed load is not remembered, opening the page retries.
    first_idle(PREFETCH_IDLE_TIMEOUT_MS).await;
    let _ = policies::policies_home::prefetch().await;
    // Loaded earlier by the job section itself when it is open.
    first_idle(PREFETCH_IDLE_TIMEOUT_MS).await;
    let _ = jobs::prefetch_pages().await;
    first_idle(PREFETCH_IDLE_TIMEOUT_MS).await;
    let _ = visits::visits_home::prefetch().await;
    first_idle(PREFETCH_IDLE_TIMEOUT_MS).await;
    let _ = projects::projects_home::prefetch().await;
    first_idle(PREFETCH_IDLE_TIMEOUT_MS).await;
    let _ = status_page::prefetch().await;
    // Pages not in the navigation, for whoever is likely to open them: the
    // login on a device without a session, the guide editors for an admin.
    first_idle(PREFETCH_IDLE_TIMEOUT_MS).await;
    match session.active().map(|s| s.user.role) {
        None => {
            let _ = login_page::prefetch().await;
        }
        Some(Role::Admin) => {
            let _ = policies::guide_editor::prefetch().await;
        }
        Some(_) => {}
    }
}
