//! The routes of this section (registered by the app shell).

use super::ProjectsPage;
use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::{path, MatchNestedRoutes};

/// Every route of the section.
#[component(transparent)]
pub fn ProjectRoutes() -> impl MatchNestedRoutes + Clone {
    view! { <Route path=path!("/projects") view=ProjectsPage /> }.into_inner()
}
