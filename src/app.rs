//! The app shell: contexts, router and the page frame.

use crate::features::account::{provide_session, LoginPage};
use crate::features::jobs::JobRoutes;
use crate::features::policies::PolicyRoutes;
use crate::features::projects::ProjectRoutes;
use crate::features::status::{StatusPage, SyncBadge, UpdateBanner};
use crate::features::visits::VisitRoutes;
use crate::i18n::{provide_locale, t};
use crate::online::provide_online;
use crate::pwa::provide_updates;
use crate::store::provide_revisions;
use crate::sync::provide_sync;
use crate::ui::{Header, Nav};
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::{path, Lazy};

// Downloaded when first opened (see `crate::ui::lazy_page`).
crate::lazy_page!(status: StatusRoute => view! { <StatusPage /> });
crate::lazy_page!(login: LoginRoute => view! { <LoginPage /> });

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    provide_locale();
    provide_online();
    let revisions = provide_revisions();
    provide_session(revisions);
    provide_sync(revisions);
    provide_updates();

    view! {
        <Router>
            <a class="skip-link" href="#main">{t("跳到主要内容", "Skip to main content")}</a>
            <div class="shell">
                <Header>
                    <SyncBadge />
                </Header>
                <Nav />
                <UpdateBanner />
                <main id="main" class="content" tabindex="-1">
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=|| view! { <Redirect path="/jobs" /> } />
                        <JobRoutes />
                        <PolicyRoutes />
                        <VisitRoutes />
                        <ProjectRoutes />
                        <Route path=path!("/status") view={Lazy::<StatusRoute>::new()} />
                        <Route path=path!("/login") view={Lazy::<LoginRoute>::new()} />
                    </Routes>
                </main>
                <footer class="footer">
                    <p>{t("通济街道办事处 · 通济通", "Tongji Sub-district Office · Tongji Connect")}</p>
                </footer>
            </div>
        </Router>
    }
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
