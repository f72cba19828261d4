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
use leptos_router::any_nested_route::{AnyNestedRoute, IntoAnyNestedRoute};
use leptos_router::components::{ParentRoute, Route};
use leptos_router::{path, Lazy};

// The start page and the positions are the first screens; the rest of the
// section is downloaded when first opened (see `crate::ui::lazy_page`).
crate::lazy_page!(job_extras: fair_list => view! { <FairListPage /> });
crate::lazy_page!(job_extras: fair_detail => view! { <FairDetailPage /> });
crate::lazy_page!(job_extras: saved => view! { <SavedPage /> });
crate::lazy_page!(job_extras: interests => view! { <InterestsPage /> });

/// Every route of the section.
#[component(transparent)]
pub fn JobRoutes() -> AnyNestedRoute {
    view! {
        <ParentRoute path=path!("/jobs") view=JobsSection>
            <Route path=path!("") view=JobsHomePage />
            <Route path=path!("fairs") view={Lazy::<fair_list::Page>::new()} />
            <Route path=path!("fairs/:id") view={Lazy::<fair_detail::Page>::new()} />
            <Route path=path!("positions") view=PositionListPage />
            <Route path=path!("positions/:id") view=PositionDetailPage />
            <Route path=path!("saved") view={Lazy::<saved::Page>::new()} />
            <Route path=path!("interests") view={Lazy::<interests::Page>::new()} />
        </ParentRoute>
    }
    .into_inner()
    // One erased route: the shape a transparent component has under
    // `--cfg erase_components` (see .cargo/config.toml).
    .into_any_nested_route()
}
