//! The local store: every record, the outbox of unsynced writes, sync
//! metadata, drafts and photos, in one IndexedDB database (via rexie).
//!
//! Only this module knows IndexedDB. It exposes typed async functions that
//! take and return domain types. Every write that must reach the server puts
//! the record and its outbox mutation in one transaction, so a closed tab or
//! a crash never leaves one without the other. After each write the store
//! announces which [`Topic`]s changed, in this tab and in the app's other
//! open tabs, so views re-read.

mod bulk;
mod codec;
mod db;
mod error;
mod json_fields;
mod notify;
mod reads;
pub mod schema;

pub mod blobs;
pub mod compaction;
pub mod drafts;
pub mod meta;
pub mod outbox;
pub mod packs;
pub mod records;
pub mod replica;
#[doc(hidden)]
pub mod testing;

pub use db::{close_for_tests, delete_database, open_early};
pub use error::{StoreError, StoreResult};
pub(crate) use notify::batch as batch_announcements;
pub use notify::{provide_revisions, Revisions, Topic};
