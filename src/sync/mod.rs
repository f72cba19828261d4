//! The sync client: the only code that talks to the server.
//!
//! It pushes the outbox in batches and pulls changes since the checkpoint,
//! applying results through the store (which uses `domain::replica`'s
//! rules). One tab at a time syncs: the tab holding the Web Lock
//! `tongji-sync-leader` runs the loop; other tabs ask it to sync through a
//! BroadcastChannel and see the results through the store's reactive reads.
//! Only `scheduler` and `status` are in the start bundle; the client and the
//! engine are downloaded once the first screen is up (`lazy_engine`).

mod client;
mod engine;
mod error;
mod lazy_engine;
mod leader;
mod photos;
mod pull;
mod push;
mod scheduler;
pub mod session;
mod status;
mod transport;

pub use engine::{sync_once, Progress, Stage, SyncReport};
pub use error::SyncError;
pub use photos::photo;
pub use scheduler::{provide_sync, request_sync};
pub use status::{Phase, SyncStatus};
