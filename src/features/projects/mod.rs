//! The "Key projects" section (staff): an overview a leader reads in ten
//! seconds, each project's milestone timeline, blocking issues and progress
//! updates, and the district report export.

mod export_button;
mod milestone_timeline;
mod overview_page;
mod project_form;
mod project_page;
mod queries;
mod routes;
mod status_badge;

pub use routes::{projects_home, routes};
