//! What every case shares: the app on each backend together with a direct
//! view of its database (to prove that a refused request changed nothing),
//! the results file, and error-shape checks.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use axum::http::StatusCode;
use serde_json::{json, Map, Value};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use sqlx::{PgPool, SqlitePool};
use tongji_server::dist::Dist;
use tongji_server::state::AppState;
use tongji_server::store::postgres::Postgres;
use tongji_server::store::sqlite::Sqlite;

use crate::harness::{self, TestApp, TestResponse};

/// What a case reports besides passing: a sentence and named figures.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    pub detail: String,
    pub figures: Map<String, Value>,
}

impl Outcome {
    pub fn new(detail: impl Into<String>) -> Outcome {
        Outcome {
            detail: detail.into(),
            figures: Map::new(),
        }
    }

    pub fn figure(mut self, name: &str, value: impl Into<Value>) -> Outcome {
        self.figures.insert(name.to_owned(), value.into());
        self
    }
}

/// The JSON-lines file the suite appends to: `RELIABILITY_RESULTS`, else
/// `target/tmp/reliability/results.jsonl`.
pub fn results_path() -> PathBuf {
    match std::env::var_os("RELIABILITY_RESULTS") {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => Path::new(env!("CARGO_TARGET_TMPDIR")).join("reliability/results.jsonl"),
    }
}

/// Appends a passed case to the results file (called only after every
/// assertion of the case held).
pub fn record(test: &str, backend: &str, outcome: &Outcome) {
    let case = test
        .strip_prefix("case_")
        .and_then(|rest| rest.split('_').next())
        .unwrap_or("?");
    let line = json!({
        "case": case,
        "test": test,
        "backend": backend,
        "result": "pass",
        "detail": outcome.detail,
        "figures": outcome.figures,
        "at": tongji_server::clock::now().to_string(),
    });
    let path = results_path();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("results directory");
    }
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .expect("open results file");
    // One write per line: appends from parallel tests do not interleave.
    file.write_all(format!("{line}\n").as_bytes())
        .expect("write results file");
}

/// Runs each story on SQLite, and on PostgreSQL when `TEST_DATABASE_URL` is
/// set, giving it the app and a [`Db`] view of the same database, and
/// records the outcome of the stories that ran.
#[macro_export]
macro_rules! cases {
    ($($story:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $story() {
                    let (app, db) = $crate::support::sqlite().await;
                    let outcome = super::$story(app, db).await;
                    $crate::support::record(stringify!($story), "sqlite", &outcome);
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $story() {
                    let Some((app, db)) = $crate::support::postgres().await else { return };
                    let store = app.store.clone();
                    let outcome = super::$story(app, db.clone()).await;
                    store.close().await;
                    db.drop_schema().await;
                    $crate::support::record(stringify!($story), "postgres", &outcome);
                }
            )*
        }
    };
}

/// A direct, read-only view of a test's database.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres {
        pool: PgPool,
        url: String,
        schema: String,
    },
}

/// Every row of every data table, as text, in a stable order.
pub type Snapshot = BTreeMap<&'static str, Vec<String>>;

/// The tables holding data, with their columns. `login_attempts` is left
/// out on purpose: counting attempts is how the sign-in limit works.
const TABLES: &[(&str, &[&str])] = &[
    (
        "users",
        &[
            "id",
            "username",
            "name",
            "role",
            "password_hash",
            "created_at",
        ],
    ),
    (
        "sessions",
        &["token_hash", "user_id", "created_at", "expires_at"],
    ),
    (
        "records",
        &[
            "collection",
            "id",
            "rev",
            "seq",
            "updated_at",
            "deleted",
            "data",
        ],
    ),
    (
        "record_versions",
        &["collection", "id", "rev", "updated_at", "deleted", "data"],
    ),
    (
        "mutations",
        &[
            "mutation_id",
            "collection",
            "record_id",
            "status",
            "rev",
            "applied_at",
        ],
    ),
    (
        "blobs",
        &["sha256", "content_type", "size", "data", "created_at"],
    ),
    ("meta", &["key", "value"]),
];

impl Db {
    pub async fn sqlite_file(file: &Path) -> Db {
        let options = SqliteConnectOptions::new().filename(file).read_only(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await
            .expect("open the SQLite file read-only");
        Db::Sqlite(pool)
    }

    pub async fn postgres_schema(url: &str, schema: &str) -> Db {
        let options = PgConnectOptions::from_str(url)
            .expect("TEST_DATABASE_URL")
            .options([("search_path", schema)]);
        let pool = PgPoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await
            .expect("connect postgres");
        Db::Postgres {
            pool,
            url: url.to_owned(),
            schema: schema.to_owned(),
        }
    }

    pub async fn snapshot(&self) -> Snapshot {
        let mut out = Snapshot::new();
        for (table, columns) in TABLES {
            let rows: Vec<String> = match self {
                Db::Sqlite(pool) => {
                    let expr = columns
                        .iter()
                        .map(|c| format!("quote({c})"))
                        .collect::<Vec<_>>()
                        .join(" || '|' || ");
                    sqlx::query_scalar(&format!("SELECT {expr} FROM {table} ORDER BY 1"))
                        .fetch_all(pool)
                        .await
                        .expect("snapshot sqlite")
                }
                Db::Postgres { pool, .. } => {
                    let expr = columns
                        .iter()
                        .map(|c| format!("COALESCE({c}::text, 'NULL')"))
                        .collect::<Vec<_>>()
                        .join(" || '|' || ");
                    sqlx::query_scalar(&format!("SELECT {expr} FROM {table} ORDER BY 1"))
                        .fetch_all(pool)
                        .await
                        .expect("snapshot postgres")
                }
            };
            out.insert(table, rows);
        }
        out
    }

    /// Rows of `login_attempts` (kept out of [`Db::snapshot`]).
    pub async fn login_attempts(&self) -> i64 {
        let sql = "SELECT COUNT(*) FROM login_attempts";
        match self {
            Db::Sqlite(pool) => sqlx::query_scalar(sql).fetch_one(pool).await,
            Db::Postgres { pool, .. } => sqlx::query_scalar(sql).fetch_one(pool).await,
        }
        .expect("count login attempts")
    }

    pub async fn drop_schema(&self) {
        if let Db::Postgres { pool, url, schema } = self {
            pool.close().await;
            let admin = PgPool::connect(url).await.expect("connect postgres");
            sqlx::query(&format!("DROP SCHEMA {schema} CASCADE"))
                .execute(&admin)
                .await
                .expect("drop schema");
            admin.close().await;
        }
    }
}

/// Panics with the first difference when two snapshots differ.
pub fn assert_unchanged(before: &Snapshot, after: &Snapshot, what: &str) {
    for (table, rows) in before {
        let now = &after[table];
        if rows != now {
            let added: Vec<&String> = now.iter().filter(|r| !rows.contains(r)).collect();
            let removed: Vec<&String> = rows.iter().filter(|r| !now.contains(r)).collect();
            panic!(
                "{what}: table {table} changed; added {:?}, removed {:?}",
                added.iter().map(|r| short(r)).collect::<Vec<_>>(),
                removed.iter().map(|r| short(r)).collect::<Vec<_>>()
            );
        }
    }
}

fn short(text: &str) -> String {
    text.chars().take(200).collect()
}

/// The app on a fresh SQLite file, with a read-only view of that file.
pub async fn sqlite() -> (TestApp<Sqlite>, Db) {
    let app = harness::sqlite_app().await;
    let file = app
        ._data
        .as_ref()
        .expect("sqlite data dir")
        .path()
        .join("tongji.db");
    let db = Db::sqlite_file(&file).await;
    (app, db)
}

/// The app on a fresh PostgreSQL schema, or `None` without `TEST_DATABASE_URL`.
pub async fn postgres() -> Option<(TestApp<Postgres>, Db)> {
    let url = harness::pg_url()?;
    let (options, schema) = harness::pg_schema(&url).await;
    let store = Postgres::connect_with(options)
        .await
        .expect("connect postgres");
    let dist = tempfile::tempdir().expect("temp dist dir");
    let router = tongji_server::app(AppState::new(
        store.clone(),
        Dist::new(dist.path()),
        harness::test_config(),
    ));
    let app = TestApp {
        router,
        store,
        dist,
        _data: None,
    };
    Some((app, Db::postgres_schema(&url, &schema).await))
}

/// A 4xx answer in the API's JSON error shape: `{"error": {"code", "message"}}`
/// with both non-empty and a JSON content type. Returns the code.
pub fn assert_json_4xx(r: &TestResponse, what: &str) -> String {
    assert!(
        r.status.is_client_error(),
        "{what}: expected a 4xx, got {} {}",
        r.status,
        r.text()
    );
    assert!(
        r.header("content-type").starts_with("application/json"),
        "{what}: content type {:?}",
        r.header("content-type")
    );
    let body: Value = serde_json::from_slice(&r.body)
        .unwrap_or_else(|e| panic!("{what}: error body is not JSON ({e}): {}", r.text()));
    let code = body["error"]["code"].as_str().unwrap_or("");
    let message = body["error"]["message"].as_str().unwrap_or("");
    assert!(
        !code.is_empty() && !message.is_empty(),
        "{what}: error shape {body}"
    );
    assert_eq!(
        body.as_object().map(Map::len),
        Some(1),
        "{what}: only the error: {body}"
    );
    code.to_owned()
}

/// [`assert_json_4xx`] plus the exact status.
pub fn assert_status(r: &TestResponse, status: StatusCode, what: &str) -> String {
    assert_eq!(r.status, status, "{what}: {}", r.text());
    assert_json_4xx(r, what)
}

/// The process tests' database: a data directory, or a PostgreSQL schema.
pub enum ProcessDb {
    Sqlite {
        dir: tempfile::TempDir,
    },
    Postgres {
        url: String,
        schema: String,
        dist: tempfile::TempDir,
    },
}

impl ProcessDb {
    pub fn sqlite() -> ProcessDb {
        ProcessDb::Sqlite {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A fresh schema, or `None` without `TEST_DATABASE_URL`.
    pub fn postgres(rt: &tokio::runtime::Runtime) -> Option<ProcessDb> {
        let url = harness::pg_url()?;
        let schema = rt.block_on(async { harness::pg_schema(&url).await.1 });
        Some(ProcessDb::Postgres {
            url,
            schema,
            dist: tempfile::tempdir().expect("temp dir"),
        })
    }

    pub fn backend(&self) -> &'static str {
        match self {
            ProcessDb::Sqlite { .. } => "sqlite",
            ProcessDb::Postgres { .. } => "postgres",
        }
    }

    /// The database flag alone (for `user add`).
    pub fn db_args(&self) -> Vec<String> {
        self.args()[..2].to_vec()
    }

    /// `serve` arguments for this database (no dist, demo staff on).
    pub fn args(&self) -> Vec<String> {
        match self {
            ProcessDb::Sqlite { dir } => vec![
                "--data".into(),
                dir.path().join("data").display().to_string(),
                "--dist".into(),
                dir.path().join("no-dist").display().to_string(),
                "--demo-staff".into(),
            ],
            ProcessDb::Postgres { url, schema, dist } => {
                let sep = if url.contains('?') { '&' } else { '?' };
                vec![
                    "--database-url".into(),
                    format!("{url}{sep}options=-c%20search_path%3D{schema}"),
                    "--dist".into(),
                    dist.path().join("no-dist").display().to_string(),
                    "--demo-staff".into(),
                ]
            }
        }
    }

    /// Drops the PostgreSQL schema (after the servers are stopped).
    pub fn drop_schema(&self) {
        if let ProcessDb::Postgres { url, schema, .. } = self {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(async {
                let pool = PgPool::connect(url).await.expect("connect postgres");
                sqlx::query(&format!("DROP SCHEMA {schema} CASCADE"))
                    .execute(&pool)
                    .await
                    .expect("drop schema");
                pool.close().await;
            });
        }
    }
}
