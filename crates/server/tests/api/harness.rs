//! Test harness: the app on a fresh SQLite file or a fresh PostgreSQL schema,
//! called in-process with `oneshot`, plus request helpers and valid records.

use std::net::SocketAddr;
use std::str::FromStr;
use std::sync::OnceLock;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use domain::collection::Role;
use http_body_util::BodyExt;
use serde_json::{json, Value};
use sqlx::postgres::PgConnectOptions;
use tongji_server::accounts;
use tongji_server::auth::PasswordHasherConfig;
use tongji_server::dist::Dist;
use tongji_server::state::{AppState, Config};
use tongji_server::store::postgres::Postgres;
use tongji_server::store::sqlite::Sqlite;
use tongji_server::store::Store;
use tower::ServiceExt;

/// A running app (no socket) over a store of its own.
pub struct TestApp<S> {
    /// The router under test.
    pub router: Router,
    /// The same store the router uses, for direct checks.
    pub store: S,
    /// The app's dist directory (empty unless a test fills it).
    pub dist: tempfile::TempDir,
    /// Keeps the SQLite file alive.
    pub _data: Option<tempfile::TempDir>,
}

/// An answer, fully read.
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl TestResponse {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
    /// Asserts a JSON error body with this status and code.
    pub fn assert_error(&self, status: StatusCode, code: &str) {
        assert_eq!(self.status, status, "body: {}", self.text());
        let body = self.json();
        assert_eq!(body["error"]["code"], code, "body: {body}");
        assert!(
            body["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "body: {body}"
        );
        assert!(self.header("content-type").starts_with("application/json"));
    }
}

pub fn test_config() -> Config {
    Config {
        passwords: PasswordHasherConfig::insecure_fast(),
        client_ip_header: None,
    }
}

fn build<S: Store>(store: S, data: Option<tempfile::TempDir>) -> TestApp<S> {
    let dist = tempfile::tempdir().expect("temp dist dir");
    let router = tongji_server::app(AppState::new(
        store.clone(),
        Dist::new(dist.path()),
        test_config(),
    ));
    TestApp {
        router,
        store,
        dist,
        _data: data,
    }
}

/// The app on a fresh SQLite file.
pub async fn sqlite_app() -> TestApp<Sqlite> {
    let dir = tempfile::tempdir().expect("temp data dir");
    let store = Sqlite::open(&dir.path().join("tongji.db"))
        .await
        .expect("open sqlite");
    build(store, Some(dir))
}

/// `TEST_DATABASE_URL`, or `None` after saying once (on the real stderr,
/// not captured by the test harness) that PostgreSQL tests are skipped.
pub fn pg_url() -> Option<String> {
    static WARNED: OnceLock<()> = OnceLock::new();
    match std::env::var("TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            WARNED.get_or_init(|| {
                use std::io::Write;
                let _ = writeln!(
                    std::io::stderr(),
                    "\n*** TEST_DATABASE_URL is not set: PostgreSQL tests are SKIPPED (they pass without running). \
                     Start one with scripts/pg-cluster and set TEST_DATABASE_URL. ***\n"
                );
            });
            None
        }
    }
}

/// A fresh, uniquely named schema in the test database; returns its connect options.
pub async fn pg_schema(url: &str) -> (PgConnectOptions, String) {
    let schema = format!("t_{}", uuid::Uuid::now_v7().simple());
    let admin = sqlx::PgPool::connect(url)
        .await
        .expect("connect to TEST_DATABASE_URL");
    sqlx::query(&format!("CREATE SCHEMA {schema}"))
        .execute(&admin)
        .await
        .expect("create schema");
    admin.close().await;
    let options = PgConnectOptions::from_str(url)
        .expect("parse TEST_DATABASE_URL")
        .options([("search_path", schema.as_str())]);
    (options, schema)
}

/// The app on a fresh PostgreSQL schema, or `None` when PostgreSQL tests are skipped.
pub async fn pg_app() -> Option<(TestApp<Postgres>, PgSchema)> {
    let url = pg_url()?;
    let (options, schema) = pg_schema(&url).await;
    let store = Postgres::connect_with(options)
        .await
        .expect("connect postgres");
    Some((build(store, None), PgSchema { url, schema }))
}

/// A test's schema, dropped by [`PgSchema::drop_schema`] once the test passed
/// (a failed test leaves it for inspection).
pub struct PgSchema {
    url: String,
    schema: String,
}

impl PgSchema {
    /// Connect options for this schema.
    pub fn options(&self) -> PgConnectOptions {
        PgConnectOptions::from_str(&self.url)
            .expect("parse TEST_DATABASE_URL")
            .options([("search_path", self.schema.as_str())])
    }

    /// Another server instance's store on the same schema.
    pub async fn connect_another(&self) -> Postgres {
        Postgres::connect_with(self.options())
            .await
            .expect("connect postgres")
    }

    pub async fn drop_schema(self) {
        let admin = sqlx::PgPool::connect(&self.url)
            .await
            .expect("connect to TEST_DATABASE_URL");
        sqlx::query(&format!("DROP SCHEMA {} CASCADE", self.schema))
            .execute(&admin)
            .await
            .expect("drop schema");
        admin.close().await;
    }
}

/// Request builder shortcuts.
pub fn request(method: Method, uri: &str, token: Option<&str>, body: Body) -> Request<Body> {
    let mut builder = Request::builder().method(method).uri(uri);
    if let Some(token) = token {
        builder = builder.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    builder.body(body).expect("request")
}

pub fn json_request(method: Method, uri: &str, token: Option<&str>, json: &Value) -> Request<Body> {
    let mut req = request(method, uri, token, Body::from(json.to_string()));
    req.headers_mut().insert(
        header::CONTENT_TYPE,
        "application/json".parse().expect("header"),
    );
    req
}

/// Sets the peer address as `into_make_service_with_connect_info` would.
pub fn from_ip(mut req: Request<Body>, ip: &str) -> Request<Body> {
    let addr: SocketAddr = format!("{ip}:40000").parse().expect("ip");
    req.extensions_mut().insert(ConnectInfo(addr));
    req
}

impl<S: Store> TestApp<S> {
    pub async fn call(&self, req: Request<Body>) -> TestResponse {
        let response = self
            .router
            .clone()
            .oneshot(req)
            .await
            .expect("infallible router");
        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes()
            .to_vec();
        TestResponse {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, uri: &str, token: Option<&str>) -> TestResponse {
        self.call(request(Method::GET, uri, token, Body::empty()))
            .await
    }

    pub async fn post_json(&self, uri: &str, token: Option<&str>, json: &Value) -> TestResponse {
        self.call(json_request(Method::POST, uri, token, json))
            .await
    }

    /// Creates (or resets) an account with the cheap test hasher.
    pub async fn add_user(&self, username: &str, role: Role, password: &str) {
        accounts::add_user(
            &self.store,
            &test_config().passwords,
            username,
            role,
            None,
            password,
        )
        .await
        .expect("add user");
    }

    pub async fn login(&self, username: &str, password: &str) -> TestResponse {
        self.post_json(
            "/api/auth/login",
            None,
            &json!({"username": username, "password": password}),
        )
        .await
    }

    async fn token_for(&self, username: &str, role: Role) -> String {
        let password = format!("{username}-password");
        self.add_user(username, role, &password).await;
        let response = self.login(username, &password).await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.text());
        response.json()["token"].as_str().expect("token").to_owned()
    }

    pub async fn staff_token(&self) -> String {
        self.token_for("staff1", Role::Staff).await
    }

    pub async fn admin_token(&self) -> String {
        self.token_for("admin1", Role::Admin).await
    }

    /// Pushes and returns the results (asserting 200).
    pub async fn push(&self, token: Option<&str>, mutations: &[Value]) -> Vec<Value> {
        let response = self
            .post_json("/api/sync/push", token, &json!({ "mutations": mutations }))
            .await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.text());
        let results = response.json()["results"]
            .as_array()
            .expect("results")
            .clone();
        assert_eq!(results.len(), mutations.len());
        results
    }

    /// Pushes one mutation and returns its result.
    pub async fn push_one(&self, token: Option<&str>, mutation: Value) -> Value {
        self.push(token, &[mutation]).await.remove(0)
    }

    /// One pull page (asserting 200).
    pub async fn pull(&self, token: Option<&str>, since: u64, limit: Option<u32>) -> Value {
        let uri = match limit {
            Some(l) => format!("/api/sync/pull?since={since}&limit={l}"),
            None => format!("/api/sync/pull?since={since}"),
        };
        let response = self.get(&uri, token).await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.text());
        response.json()
    }

    /// Every change from `since` on, following `more`.
    pub async fn pull_all(&self, token: Option<&str>) -> Vec<Value> {
        let mut since = 0;
        let mut out = Vec::new();
        loop {
            let page = self.pull(token, since, Some(1000)).await;
            out.extend(page["changes"].as_array().expect("changes").iter().cloned());
            since = page["next"].as_u64().expect("next");
            if !page["more"].as_bool().expect("more") {
                return out;
            }
        }
    }
}

/// Runs each story on SQLite, and on PostgreSQL when `TEST_DATABASE_URL` is set.
#[macro_export]
macro_rules! on_both_backends {
    ($($story:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $story() {
                    super::$story($crate::harness::sqlite_app().await).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $story() {
                    if let Some((app, schema)) = $crate::harness::pg_app().await {
                        let pool = app.store.clone();
                        super::$story(app).await;
                        pool.close().await;
                        schema.drop_schema().await;
                    }
                }
            )*
        }
    };
}
