//! Pure domain logic of 通济通 (Tongji Connect), shared by the web app (wasm32)
//! and the sync server (native).
//!
//! The crate owns every rule that both sides must agree on: the record types
//! of each collection and their validation, the sync wire messages, the
//! field-level three-way merge, the Chinese + pinyin search index and the
//! policy-matching rules engine. It performs no I/O: no clocks, no storage, no
//! network. Callers pass "now" in as a [`time::Timestamp`].
//!
//! ```
//! use domain::validate::CreditCode;
//! // A unified social credit code is only constructed when its GB 32100-2015
//! // check digit is right, so holding one means it is valid.
//! assert!(CreditCode::parse("91370282MA3CCYLQ6H").is_err());
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod api;
pub mod backup;
pub mod collection;
pub mod demo;
pub mod enrolment;
pub mod followup;
pub mod forms;
pub mod ics;
pub mod ids;
pub mod jobs;
pub mod lang;
pub mod merge;
pub mod pack_wear;
pub mod policy;
pub mod qr;
pub mod records;
pub mod replica;
pub mod report;
pub mod route;
pub mod search;
pub mod sha256;
pub mod sort;
pub mod sync;
pub mod time;
pub mod tracker;
pub mod validate;
pub mod xlsx;
