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
use crate::routing::{Frame, Page, Route};
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;

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

/// The section's tabs and shared data, around each of its pages.
const SECTION: Frame = Frame {
    name: "jobs",
    view: || view! { <JobsSection /> }.into_any(),
};

/// Every route of the section.
pub fn routes() -> [Route; 7] {
    let home = || view! { <JobsHomePage /> }.into_any();
    let positions = || view! { <PositionListPage /> }.into_any();
    [
        Route::framed("/jobs", SECTION, Page::Now(home)),
        Route::framed("/jobs/fairs", SECTION, fair_list::page()),
        Route::framed("/jobs/fairs/:id", SECTION, fair_detail::page()),
        Route::framed("/jobs/positions", SECTION, Page::Now(positions)),
        Route::framed("/jobs/positions/:id", SECTION, position_detail::page()),
        Route::framed("/jobs/saved", SECTION, saved::page()),
        Route::framed("/jobs/interests", SECTION, interests::page()),
    ]
}
