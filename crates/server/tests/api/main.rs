//! API and store tests: the app built with `app(state)` and called with
//! `oneshot` (no socket), on SQLite always and on PostgreSQL when
//! `TEST_DATABASE_URL` is set (each test in its own schema).

mod fixtures;
mod harness;

mod access;
mod auth;
mod blobs;
mod errors;
mod feed_tail;
mod pull;
mod push;
mod static_files;
mod store;
