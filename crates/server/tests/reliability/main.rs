//! The reliability and security suite (issue #11, server side): one test per
//! case of the issue, named `case_<id>_...`, on SQLite always and on
//! PostgreSQL when `TEST_DATABASE_URL` is set.
//!
//! Every test that really ran to the end appends one JSON line to the
//! results file (see [`support::results_path`]); `scripts/reliability` reads
//! those lines together with libtest's `ok`/`FAILED` lines to write
//! RELIABILITY.md, so a PostgreSQL test that was skipped (no database) is
//! reported as skipped, not as passed.
//!
//! The in-process cases reuse the API suite's harness and fixtures
//! (`tests/api/harness.rs`, `tests/api/fixtures.rs`); the process cases
//! (`kill -9`, log scraping) reuse `tests/process/server.rs`.

#[allow(dead_code)]
#[path = "../../examples/load/engine.rs"]
mod engine;
#[allow(dead_code)]
#[path = "../api/fixtures.rs"]
mod fixtures;
#[allow(dead_code)]
#[path = "../api/harness.rs"]
mod harness;
#[allow(dead_code)]
#[path = "../process/server.rs"]
mod server;

mod support;

mod access;
mod bad_input;
mod brute_force;
mod clock_skew;
mod headers;
mod injection;
mod kill9;
mod load;
mod replay;
mod token_logs;
