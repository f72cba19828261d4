//! The routes of this section (registered by the app shell). Every page is
//! staff only, behind `<RequireStaff>` (the start page shows its title to
//! everyone). Fixed paths come before `:id` paths: the router takes the
//! first route that matches.

use super::board_page::BoardPage;
use super::enterprise_detail_page::EnterpriseDetailPage;
use super::enterprise_form_page::EnterpriseFormPage;
use super::enterprise_list_page::EnterpriseListPage;
use super::visit_detail_page::VisitDetailPage;
use super::visit_form_page::VisitFormPage;
use super::visits_page::VisitsPage;
use crate::features::account::RequireStaff;
use leptos::prelude::*;
use leptos_router::any_nested_route::{AnyNestedRoute, IntoAnyNestedRoute};
use leptos_router::components::Route;
use leptos_router::{path, Lazy};

// Every page is downloaded when first opened (see `crate::ui::lazy_page`).
crate::lazy_page!(visits: visits_home => view! { <VisitsPage /> });
crate::lazy_page!(visits: board => view! { <RequireStaff><BoardPage /></RequireStaff> });
crate::lazy_page!(visits: visit_form => view! { <RequireStaff><VisitFormPage /></RequireStaff> });
crate::lazy_page!(visits: enterprise_list => view! { <RequireStaff><EnterpriseListPage /></RequireStaff> });
crate::lazy_page!(visits: enterprise_form => view! { <RequireStaff><EnterpriseFormPage /></RequireStaff> });
crate::lazy_page!(visits: enterprise_detail => view! { <RequireStaff><EnterpriseDetailPage /></RequireStaff> });
crate::lazy_page!(visits: visit_detail => view! { <RequireStaff><VisitDetailPage /></RequireStaff> });

/// Every route of the section.
#[component(transparent)]
pub fn VisitRoutes() -> AnyNestedRoute {
    view! {
        <Route path=path!("/visits") view={Lazy::<visits_home::Page>::new()} />
        <Route path=path!("/visits/board") view={Lazy::<board::Page>::new()} />
        <Route path=path!("/visits/new") view={Lazy::<visit_form::Page>::new()} />
        <Route path=path!("/visits/enterprises") view={Lazy::<enterprise_list::Page>::new()} />
        <Route path=path!("/visits/enterprises/new") view={Lazy::<enterprise_form::Page>::new()} />
        <Route path=path!("/visits/enterprises/:id/edit") view={Lazy::<enterprise_form::Page>::new()} />
        <Route path=path!("/visits/enterprises/:id") view={Lazy::<enterprise_detail::Page>::new()} />
        <Route path=path!("/visits/:id/edit") view={Lazy::<visit_form::Page>::new()} />
        <Route path=path!("/visits/:id") view={Lazy::<visit_detail::Page>::new()} />
    }
    .into_inner()
    // One erased route: the shape a transparent component has under
    // `--cfg erase_components` (see .cargo/config.toml).
    .into_any_nested_route()
}
