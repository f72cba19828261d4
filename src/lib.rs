//! 通济通 (Tongji Connect): the offline-first web app.
//!
//! The app is thin around `crates/domain`: views live in one folder per
//! feature under `features/`, shared presentational components in `ui/`,
//! language and connectivity in small context modules. Views never touch
//! IndexedDB, web storage or HTTP directly.
#![forbid(unsafe_code)]

mod app;
pub mod clock;
pub mod error;
pub mod features;
pub mod i18n;
pub mod idle;
pub mod online;
pub mod perf;
pub mod pinyin;
pub mod pwa;
pub mod queries;
pub mod query;
pub mod routing;
pub mod store;
pub mod sync;
pub mod ui;

pub use app::App;
