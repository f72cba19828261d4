//! The routes of this section (registered by the app shell).

use super::PoliciesPage;
use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::{path, MatchNestedRoutes};

/// Every route of the section.
#[component(transparent)]
pub fn PolicyRoutes() -> impl MatchNestedRoutes + Clone {
    view! { <Route path=path!("/policies") view=PoliciesPage /> }.into_inner()
}
