//! Installable-app plumbing: the service worker (registration and the
//! "update available" flow), persistent storage, and the backup file.
//! Views use the contexts and functions here, never the browser APIs.

pub mod backup;
mod service_worker;
pub mod storage;

pub use service_worker::{apply_update, provide_updates, UpdateAvailable};
