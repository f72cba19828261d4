//! Process-level tests: the built `tongji-server` binary on loopback ports.
//!
//! - `cli`: first start, `user add` and `--demo-staff` through the real CLI;
//! - `crash`: `kill -9` in the middle of a 500-mutation push on SQLite,
//!   restart, retry: every mutation is applied exactly once;
//! - `instances`: two instances on one PostgreSQL (when `TEST_DATABASE_URL`
//!   is set) with concurrent pushers and a concurrent puller paging with
//!   `since`: the puller ends up with every change.

mod cli;
mod crash;
mod instances;
mod server;

use serde_json::{json, Value};

pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

pub fn visit_upsert(id: &str, base_rev: u64, notes: &str) -> Value {
    json!({
        "mutation_id": new_id(),
        "collection": "visits",
        "id": id,
        "base_rev": base_rev,
        "op": "upsert",
        "data": {"enterprise_id": "01936f3e-7a3c-7cc0-8000-000000000001", "date": "2026-11-20",
                 "staff": "王芳", "notes": notes},
        "updated_at": "2026-11-26T10:00:00.000Z",
    })
}
