//! The routes of this section (registered by the app shell). Every page is
//! a real path, so a shared link or QR code opens it directly.

use super::fair_detail_page::FairDetailPage;
use super::fair_list_page::FairListPage;
use super::home_page::JobsHomePage;
use super::interests_page::InterestsPage;
use super::jobs_section::JobsSection;
use super::position_detail_page::PositionDetailPage;
use super::position_list_page::PositionListPage;
use super::saved_page::SavedPage;
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use leptos_router::any_nested_route::{AnyNestedRoute, IntoAnyNestedRoute};
use leptos_router::components::{ParentRoute, Route};
use leptos_router::{path, Lazy};

// The start page and the position list are the first screens; the rest of
// the section is one file downloaded when first opened (see
// `crate::ui::lazy_page`). A position's page is part of it: with its
// registration form, share panel and QR code it would be a tenth of the
// start bundle, and it shares them with the fairs' pages. The section
// loads this file once its positions are searchable (`prefetch_pages`).
crate::lazy_page!(job_extras: position_detail => view! { <PositionDetailPage /> });
crate::lazy_page!(job_extras: fair_list => view! { <FairListPage /> });
crate::lazy_page!(job_extras: fair_detail => view! { <FairDetailPage /> });
crate::lazy_page!(job_extras: saved => view! { <SavedPage /> });
crate::lazy_page!(job_extras: interests => view! { <InterestsPage /> });

/// Loads the code of the section's lazy pages without showing any. A
/// position's page is the one most visits open next, often within seconds of
/// the list; without this its first open waits about 0.6–0.9 s more at CPU 4×
/// (BENCHMARKS.md). The section calls it once its positions are searchable,
/// when the browser is next idle, so as not to delay the start; unlike the
/// other sections' prefetch (`crate::app`), also without a service worker: on
/// a first visit, a wait on the first tap costs more than this one file, and
/// the first sync's 7 MB dwarf it.
pub async fn prefetch_pages() -> Result<(), SplitLoaderError> {
    position_detail::prefetch().await
}

/// Every route of the section.
#[component(transparent)]
pub fn JobRoutes() -> AnyNestedRoute {
    view! {
        <ParentRoute path=path!("/jobs") view=JobsSection>
            <Route path=path!("") view=JobsHomePage />
            <Route path=path!("fairs") view={Lazy::<fair_list::Page>::new()} />
            <Route path=path!("fairs/:id") view={Lazy::<fair_detail::Page>::new()} />
            <Route path=path!("positions") view=PositionListPage />
            <Route path=path!("positions/:id") view={Lazy::<position_detail::Page>::new()} />
            <Route path=path!("saved") view={Lazy::<saved::Page>::new()} />
            <Route path=path!("interests") view={Lazy::<interests::Page>::new()} />
        </ParentRoute>
    }
    .into_inner()
    // One erased route: the shape a transparent component has under
    // `--cfg erase_components` (see .cargo/config.toml).
    .into_any_nested_route()
}
