//! Request handlers, one module per area, named by action (`sync::pull`).
//! They parse with the `Api*` extractors, authenticate with the `auth`
//! extractors, call the store and return `Result<_, ApiError>`.

pub mod auth;
pub mod blobs;
pub mod health;
pub mod static_files;
pub mod sync;
