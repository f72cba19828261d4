//! The routes of this section (registered by the app shell).

use super::overview_page::ProjectsPage;
use super::project_form::NewProjectPage;
use super::project_page::ProjectPage;
use crate::routing::Route;
use leptos::prelude::*;

crate::lazy_page!(projects: projects_home => view! { <ProjectsPage /> });
crate::lazy_page!(projects: new_project => view! { <NewProjectPage /> });
crate::lazy_page!(projects: project => view! { <ProjectPage /> });

/// Every route of the section.
pub fn routes() -> [Route; 3] {
    [
        Route::page("/projects", projects_home::page()),
        Route::page("/projects/new", new_project::page()),
        Route::page("/projects/:id", project::page()),
    ]
}
