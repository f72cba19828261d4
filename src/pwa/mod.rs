//! Installable-app plumbing: the service worker (registration and the
//! "update available" flow), persistent storage, the backup file, and the
//! loading screen and start snapshot shown while the app loads.
//! Views use the contexts and functions here, never the browser APIs.

pub mod backup;
mod loading_screen;
mod service_worker;
mod start_snapshot;
pub mod storage;

pub use loading_screen::end_loading_screen;
pub use service_worker::{apply_update, provide_updates, UpdateAvailable};
pub use start_snapshot::{forget_start_snapshots, keep_start_snapshot, StartPage};
