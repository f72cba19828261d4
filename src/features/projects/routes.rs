//! The routes of this section (registered by the app shell).

use super::overview_page::ProjectsPage;
use super::project_form::NewProjectPage;
use super::project_page::ProjectPage;
use leptos::prelude::*;
use leptos_router::any_nested_route::{AnyNestedRoute, IntoAnyNestedRoute};
use leptos_router::components::Route;
use leptos_router::{path, Lazy};

crate::lazy_page!(projects: projects_home => view! { <ProjectsPage /> });
crate::lazy_page!(projects: new_project => view! { <NewProjectPage /> });
crate::lazy_page!(projects: project => view! { <ProjectPage /> });

/// Every route of the section.
#[component(transparent)]
pub fn ProjectRoutes() -> AnyNestedRoute {
    view! {
        <Route path=path!("/projects") view={Lazy::<projects_home::Page>::new()} />
        <Route path=path!("/projects/new") view={Lazy::<new_project::Page>::new()} />
        <Route path=path!("/projects/:id") view={Lazy::<project::Page>::new()} />
    }
    .into_inner()
    // One erased route: the shape a transparent component has under
    // `--cfg erase_components` (see .cargo/config.toml).
    .into_any_nested_route()
}
