//! Load generator: concurrent simulated devices pulling and pushing against
//! the server on loopback, on SQLite and/or PostgreSQL, bounded in time.
//!
//! ```sh
//! cargo run --release -p tongji-server --example load -- --seconds 60 --clients 200 \
//!     --backend both --database-url postgres://...   # or scripts/load
//! ```
//! Prints p50/p99 latency of pulls and pushes, throughput, and the check of
//! the final feed; writes `<out>/load-<backend>.json`; exits 1 unless there
//! were 0 errors and 0 lost, duplicated or wrong mutations.
#![forbid(unsafe_code)]

mod engine;

use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use clap::{Parser, ValueEnum};
use engine::{LoadConfig, LoadReport};
use serde_json::json;
use tongji_server::store::postgres::Postgres;
use tongji_server::store::sqlite::Sqlite;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Backend {
    Sqlite,
    Postgres,
    Both,
}

/// Load test of the sync API on loopback.
#[derive(Debug, Parser)]
struct Args {
    /// How long the clients work.
    #[arg(long, default_value_t = 60)]
    seconds: u64,
    /// Concurrent simulated clients.
    #[arg(long, default_value_t = 200)]
    clients: usize,
    /// Staff accounts the clients share.
    #[arg(long, default_value_t = 20)]
    users: usize,
    /// Pause between two operations of a client, "MIN-MAX" milliseconds.
    #[arg(long, default_value = "0-200")]
    think_ms: String,
    /// Which database(s).
    #[arg(long, value_enum, default_value_t = Backend::Sqlite)]
    backend: Backend,
    /// PostgreSQL URL (default: TEST_DATABASE_URL); each run uses a fresh schema.
    #[arg(long)]
    database_url: Option<String>,
    /// Start every client at the head of the feed instead of a full first sync.
    #[arg(long)]
    no_first_sync: bool,
    /// Where to write load-<backend>.json.
    #[arg(long, default_value = "target/reliability")]
    out: PathBuf,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args = Args::parse();
    let (min, max) = args
        .think_ms
        .split_once('-')
        .and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)))
        .unwrap_or((0, 200));
    let config = LoadConfig {
        clients: args.clients,
        duration: Duration::from_secs(args.seconds),
        think_ms: (min, max.max(min)),
        first_sync: !args.no_first_sync,
        ..LoadConfig::full()
    };
    let mut all_passed = true;
    let backends: &[Backend] = match args.backend {
        Backend::Both => &[Backend::Sqlite, Backend::Postgres],
        Backend::Sqlite => &[Backend::Sqlite],
        Backend::Postgres => &[Backend::Postgres],
    };
    for backend in backends {
        let (name, report) = match backend {
            Backend::Sqlite => ("sqlite", run_sqlite(&args, &config).await),
            _ => ("postgres", run_postgres(&args, &config).await),
        };
        let report = match report {
            Ok(r) => r,
            Err(e) => {
                eprintln!("load {name}: could not run: {e:#}");
                all_passed = false;
                continue;
            }
        };
        let verdict = if report.passed() { "PASS" } else { "FAIL" };
        println!("load {name}: {verdict}: {}", report.summary());
        for e in &report.error_samples {
            println!("  error: {e}");
        }
        all_passed &= report.passed();
        let file = args.out.join(format!("load-{name}.json"));
        let doc = json!({
            "backend": name,
            "at": tongji_server::clock::now(),
            "config": {"clients": config.clients, "seconds": args.seconds, "users": args.users,
                "think_ms": [config.think_ms.0, config.think_ms.1], "batch": [config.batch.0, config.batch.1],
                "retry_percent": config.retry_percent, "page": config.page, "first_sync": config.first_sync,
                "profile": if cfg!(debug_assertions) { "debug" } else { "release" }},
            "report": report.to_json(),
        });
        if let Err(e) = std::fs::create_dir_all(&args.out).and_then(|_| {
            std::fs::write(
                &file,
                serde_json::to_string_pretty(&doc).unwrap_or_default(),
            )
        }) {
            eprintln!("could not write {}: {e}", file.display());
        }
    }
    if all_passed {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    }
}

async fn run_sqlite(args: &Args, config: &LoadConfig) -> anyhow::Result<LoadReport> {
    let dir = tempfile::tempdir()?;
    let store = Sqlite::open(&dir.path().join("tongji.db")).await?;
    let addr = engine::serve(store, args.users).await?;
    Ok(engine::run(addr, args.users, config).await)
}

async fn run_postgres(args: &Args, config: &LoadConfig) -> anyhow::Result<LoadReport> {
    let url = args
        .database_url
        .clone()
        .or_else(|| {
            std::env::var("TEST_DATABASE_URL")
                .ok()
                .filter(|u| !u.is_empty())
        })
        .ok_or_else(|| anyhow::anyhow!("PostgreSQL needs --database-url or TEST_DATABASE_URL"))?;
    let schema = format!("load_{}", uuid::Uuid::now_v7().simple());
    let admin = sqlx::PgPool::connect(&url).await?;
    sqlx::query(&format!("CREATE SCHEMA {schema}"))
        .execute(&admin)
        .await?;
    let options = sqlx::postgres::PgConnectOptions::from_str(&url)?
        .options([("search_path", schema.as_str())]);
    let store = Postgres::connect_with(options).await?;
    let addr = engine::serve(store.clone(), args.users).await?;
    let report = engine::run(addr, args.users, config).await;
    store.close().await;
    sqlx::query(&format!("DROP SCHEMA {schema} CASCADE"))
        .execute(&admin)
        .await?;
    admin.close().await;
    Ok(report)
}
