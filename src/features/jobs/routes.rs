//! The routes of this section (registered by the app shell).

use super::JobsPage;
use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::{path, MatchNestedRoutes};

/// Every route of the section.
#[component(transparent)]
pub fn JobRoutes() -> impl MatchNestedRoutes + Clone {
    view! { <Route path=path!("/jobs") view=JobsPage /> }.into_inner()
}
