//! Cases l1 (SQLite) and l2 (PostgreSQL), bounded: 50 simulated clients for
//! 10 s on loopback, starting at the head of the feed (`RELIABILITY_LOAD_CLIENTS` / `RELIABILITY_LOAD_SECONDS`
//! change it). The long run, 200 clients for 60 s in a release build, is
//! `scripts/load` (examples/load); both use the same engine.

use std::time::Duration;

use tongji_server::store::postgres::Postgres;
use tongji_server::store::sqlite::Sqlite;

use crate::engine::{self, LoadConfig, LoadReport};
use crate::harness;
use crate::support::{record, Outcome};

fn config() -> LoadConfig {
    let env = |name: &str, default: u64| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    LoadConfig {
        clients: env("RELIABILITY_LOAD_CLIENTS", 50) as usize,
        duration: Duration::from_secs(env("RELIABILITY_LOAD_SECONDS", 10)),
        // A debug build serves a first sync of the whole seed slowly; the
        // bounded run starts every device at the head of the feed.
        first_sync: false,
        ..LoadConfig::full()
    }
}

const USERS: usize = 10;

fn check(report: &LoadReport, backend: &str, test: &str) {
    println!("load {backend}: {}", report.summary());
    assert!(
        report.passed(),
        "load on {backend} failed: {}\nerrors: {:?}",
        report.summary(),
        report.error_samples
    );
    assert!(report.pulls > 0 && report.pushes > 0 && report.retries > 0);
    let mut outcome = Outcome::new(report.summary());
    for (k, v) in report.to_json().as_object().expect("object") {
        if k != "error_samples" {
            outcome = outcome.figure(k, v.clone());
        }
    }
    record(test, backend, &outcome);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn case_l1_bounded_load_sqlite_loses_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Sqlite::open(&dir.path().join("tongji.db"))
        .await
        .expect("sqlite");
    let addr = engine::serve(store, USERS).await.expect("serve");
    let report = engine::run(addr, USERS, &config()).await;
    check(
        &report,
        "sqlite",
        "case_l1_bounded_load_sqlite_loses_nothing",
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn case_l2_bounded_load_postgres_loses_nothing() {
    let Some(url) = harness::pg_url() else { return };
    let (options, schema) = harness::pg_schema(&url).await;
    let store = Postgres::connect_with(options).await.expect("postgres");
    let addr = engine::serve(store.clone(), USERS).await.expect("serve");
    let report = engine::run(addr, USERS, &config()).await;
    store.close().await;
    check(
        &report,
        "postgres",
        "case_l2_bounded_load_postgres_loses_nothing",
    );
    let admin = sqlx::PgPool::connect(&url).await.expect("connect");
    sqlx::query(&format!("DROP SCHEMA {schema} CASCADE"))
        .execute(&admin)
        .await
        .expect("drop schema");
    admin.close().await;
}
