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
crate::lazy_page!(visits: VisitsRoute => view! { <VisitsPage /> });
crate::lazy_page!(visits: BoardRoute => view! { <RequireStaff><BoardPage /></RequireStaff> });
crate::lazy_page!(visits: VisitFormRoute => view! { <RequireStaff><VisitFormPage /></RequireStaff> });
crate::lazy_page!(visits: EnterpriseListRoute => view! { <RequireStaff><EnterpriseListPage /></RequireStaff> });
crate::lazy_page!(visits: EnterpriseFormRoute => view! { <RequireStaff><EnterpriseFormPage /></RequireStaff> });
crate::lazy_page!(visits: EnterpriseDetailRoute => view! { <RequireStaff><EnterpriseDetailPage /></RequireStaff> });
crate::lazy_page!(visits: VisitDetailRoute => view! { <RequireStaff><VisitDetailPage /></RequireStaff> });

/// Every route of the section.
#[component(transparent)]
pub fn VisitRoutes() -> AnyNestedRoute {
    view! {
        <Route path=path!("/visits") view={Lazy::<VisitsRoute>::new()} />
        <Route path=path!("/visits/board") view={Lazy::<BoardRoute>::new()} />
        <Route path=path!("/visits/new") view={Lazy::<VisitFormRoute>::new()} />
        <Route path=path!("/visits/enterprises") view={Lazy::<EnterpriseListRoute>::new()} />
        <Route path=path!("/visits/enterprises/new") view={Lazy::<EnterpriseFormRoute>::new()} />
        <Route path=path!("/visits/enterprises/:id/edit") view={Lazy::<EnterpriseFormRoute>::new()} />
        <Route path=path!("/visits/enterprises/:id") view={Lazy::<EnterpriseDetailRoute>::new()} />
        <Route path=path!("/visits/:id/edit") view={Lazy::<VisitFormRoute>::new()} />
        <Route path=path!("/visits/:id") view={Lazy::<VisitDetailRoute>::new()} />
    }
    .into_inner()
    // One erased route: the shape a transparent component has under
    // `--cfg erase_components` (see .cargo/config.toml).
    .into_any_nested_route()
}
