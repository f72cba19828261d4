//! 通济通 (Tongji Connect) server: the sync API and the built web app from one
//! process.
//!
//! [`app`] builds the axum router over any [`store::Store`]; `main` picks
//! the backend (SQLite in the data directory, or PostgreSQL shared by many
//! instances) and serves it. The API is a changes feed (`/api/sync/pull`), a
//! push of queued mutations (`/api/sync/push`), sign-in (`/api/auth`) and
//! content-addressed photos (`/api/blobs`); everything else is the built app
//! from `dist/` with an SPA fallback. Validation and merging come from the
//! `domain` crate, so the app and the server apply the same rules.
//!
//! ```no_run
//! # async fn demo() -> anyhow::Result<()> {
//! use tongji_server::{app, dist::Dist, state::{AppState, Config}, store::sqlite::Sqlite};
//! let store = Sqlite::open(std::path::Path::new("data/tongji.db")).await?;
//! let router = app(AppState::new(store, Dist::new("dist"), Config::production()));
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! axum::serve(listener, router).await?;
//! # Ok(()) }
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod accounts;
pub mod apply;
pub mod auth;
pub mod bench;
pub mod cli;
pub mod clock;
pub mod dist;
pub mod error;
pub mod faults;
pub mod handlers;
pub mod headers;
pub mod routes;
pub mod seed;
pub mod state;
pub mod store;

pub use routes::app;
