//! The routes of this section (registered by the app shell).

use super::VisitsPage;
use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::{path, MatchNestedRoutes};

/// Every route of the section.
#[component(transparent)]
pub fn VisitRoutes() -> impl MatchNestedRoutes + Clone {
    view! { <Route path=path!("/visits") view=VisitsPage /> }.into_inner()
}
