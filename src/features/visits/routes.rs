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
use leptos_router::path;

/// Every route of the section.
#[component(transparent)]
pub fn VisitRoutes() -> AnyNestedRoute {
    view! {
        <Route path=path!("/visits") view=VisitsPage />
        <Route path=path!("/visits/board") view=|| view! { <RequireStaff><BoardPage /></RequireStaff> } />
        <Route path=path!("/visits/new") view=|| view! { <RequireStaff><VisitFormPage /></RequireStaff> } />
        <Route path=path!("/visits/enterprises") view=|| view! { <RequireStaff><EnterpriseListPage /></RequireStaff> } />
        <Route path=path!("/visits/enterprises/new") view=|| view! { <RequireStaff><EnterpriseFormPage /></RequireStaff> } />
        <Route path=path!("/visits/enterprises/:id/edit") view=|| view! { <RequireStaff><EnterpriseFormPage /></RequireStaff> } />
        <Route path=path!("/visits/enterprises/:id") view=|| view! { <RequireStaff><EnterpriseDetailPage /></RequireStaff> } />
        <Route path=path!("/visits/:id/edit") view=|| view! { <RequireStaff><VisitFormPage /></RequireStaff> } />
        <Route path=path!("/visits/:id") view=|| view! { <RequireStaff><VisitDetailPage /></RequireStaff> } />
    }
    .into_inner()
    // One erased route: the shape a transparent component has under
    // `--cfg erase_components` (see .cargo/config.toml).
    .into_any_nested_route()
}
