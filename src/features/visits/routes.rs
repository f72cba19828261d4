//! The routes of this section (registered by the app shell). Every page is
//! staff only, behind `<RequireStaff>` (the start page shows its title to
//! everyone).

use super::board_page::BoardPage;
use super::enterprise_detail_page::EnterpriseDetailPage;
use super::enterprise_form_page::EnterpriseFormPage;
use super::enterprise_list_page::EnterpriseListPage;
use super::visit_detail_page::VisitDetailPage;
use super::visit_form_page::VisitFormPage;
use super::visits_page::VisitsPage;
use crate::features::account::RequireStaff;
use crate::routing::Route;
use leptos::prelude::*;

// Every page is downloaded when first opened (see `crate::ui::lazy_page`).
crate::lazy_page!(visits: visits_home => view! { <VisitsPage /> });
crate::lazy_page!(visits: board => view! { <RequireStaff><BoardPage /></RequireStaff> });
crate::lazy_page!(visits: visit_form => view! { <RequireStaff><VisitFormPage /></RequireStaff> });
crate::lazy_page!(visits: enterprise_list => view! { <RequireStaff><EnterpriseListPage /></RequireStaff> });
crate::lazy_page!(visits: enterprise_form => view! { <RequireStaff><EnterpriseFormPage /></RequireStaff> });
crate::lazy_page!(visits: enterprise_detail => view! { <RequireStaff><EnterpriseDetailPage /></RequireStaff> });
crate::lazy_page!(visits: visit_detail => view! { <RequireStaff><VisitDetailPage /></RequireStaff> });

/// Every route of the section.
pub fn routes() -> [Route; 9] {
    [
        Route::page("/visits", visits_home::page()),
        Route::page("/visits/board", board::page()),
        Route::page("/visits/new", visit_form::page()),
        Route::page("/visits/enterprises", enterprise_list::page()),
        Route::page("/visits/enterprises/new", enterprise_form::page()),
        Route::page("/visits/enterprises/:id/edit", enterprise_form::page()),
        Route::page("/visits/enterprises/:id", enterprise_detail::page()),
        Route::page("/visits/:id/edit", visit_form::page()),
        Route::page("/visits/:id", visit_detail::page()),
    ]
}
