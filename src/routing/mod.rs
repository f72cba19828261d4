//! The address and the page it shows.
//!
//! The app's own router, in place of `leptos_router`: that crate's nested
//! matching was instantiated per route shape and page type; replacing it,
//! its location, links and hooks took 137 KB raw (33 KB brotli) off the
//! start bundle (BENCHMARKS.md, stop 29). This app's routes are flat, with
//! one section frame, so a table of patterns (`domain::route`) and page
//! functions does.

mod link;
mod location;
mod params;
mod routes;

pub use link::A;
pub use location::{
    provide_location, use_location, use_navigate, use_query_map, Location, NavigateOptions,
};
pub use params::ParamsMap;
pub use routes::{to_jobs, use_params_map, BuildView, Frame, Outlet, Page, Route, Routes};
