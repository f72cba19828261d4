//! The routes of this section (registered by the app shell).

use super::category_editor_page::CategoryEditorPage;
use super::category_page::CategoryPage;
use super::guide_editor_page::GuideEditorPage;
use super::guide_page::GuidePage;
use super::home_page::PoliciesPage;
use super::match_page::MatchPage;
use leptos::prelude::*;
use leptos_router::any_nested_route::{AnyNestedRoute, IntoAnyNestedRoute};
use leptos_router::components::Route;
use leptos_router::path;

/// Every route of the section. `…/new` pages come before `:id` ones only for
/// readers; the router matches static segments first anyway.
#[component(transparent)]
pub fn PolicyRoutes() -> AnyNestedRoute {
    view! {
        <Route path=path!("/policies") view=PoliciesPage />
        <Route path=path!("/policies/match") view=MatchPage />
        <Route path=path!("/policies/categories/new") view=CategoryEditorPage />
        <Route path=path!("/policies/category/:id") view=CategoryPage />
        <Route path=path!("/policies/category/:id/edit") view=CategoryEditorPage />
        <Route path=path!("/policies/guides/new") view=GuideEditorPage />
        <Route path=path!("/policies/guide/:id") view=GuidePage />
        <Route path=path!("/policies/guide/:id/edit") view=GuideEditorPage />
    }
    .into_inner()
    // One erased route: the shape a transparent component has under
    // `--cfg erase_components` (see .cargo/config.toml).
    .into_any_nested_route()
}
