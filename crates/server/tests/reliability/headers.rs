//! Case a5: every kind of response carries a Content-Security-Policy as
//! strict as the app allows (own origin, `'wasm-unsafe-eval'`, the SHA-256 of
//! the loader script and never `'unsafe-inline'`), `X-Content-Type-Options:
//! nosniff` and a Referrer-Policy: the app shell, hashed assets, API JSON,
//! JSON 4xx errors, 429, a 500 from a failing database and a 500 from a
//! panicking handler.

use std::collections::BTreeMap;

use async_trait::async_trait;
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use base64::Engine;
use domain::collection::{Collection, Role};
use domain::ids::RecordId;
use domain::sync::MutationResult;
use domain::time::Timestamp;
use serde_json::json;
use sha2::{Digest, Sha256};
use tongji_server::apply::PreparedMutation;
use tongji_server::dist::Dist;
use tongji_server::state::AppState;
use tongji_server::store::tail::FeedTail;
use tongji_server::store::{
    AttemptCounts, Blob, FeedChange, NewUser, SeedRecord, SessionUser, Store, StoreResult,
    StoredRecord, UserRecord,
};

use crate::harness::{from_ip, json_request, request, test_config, TestApp, TestResponse};
use crate::support::{Db, Outcome};

crate::cases!(case_a5_security_headers_on_every_response);

const LOADER: &str = "\nimport init, * as bindings from '/tongji-app-1a2b3c4d5e6f7a8b.js';\nconst wasm = await init({ module_or_path: '/tongji-app-1a2b3c4d5e6f7a8b_bg.wasm' });\nwindow.wasmBindings = bindings;\n";

/// Writes a small build like Trunk's into `dir`.
fn build_dist(dir: &std::path::Path) {
    let index = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>通济通</title>\
         <link rel=\"stylesheet\" href=\"/style-0123456789abcdef.css\">\
         <script type=\"module\">{LOADER}</script></head><body></body></html>"
    );
    std::fs::write(dir.join("index.html"), index).unwrap();
    std::fs::write(
        dir.join("tongji-app-1a2b3c4d5e6f7a8b_bg.wasm"),
        b"\0asm\x01\0\0\0",
    )
    .unwrap();
    std::fs::write(
        dir.join("tongji-app-1a2b3c4d5e6f7a8b.js"),
        "export default function init() {}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("style-0123456789abcdef.css"),
        "body { font-size: 18px; }\n",
    )
    .unwrap();
    std::fs::write(dir.join("manifest.webmanifest"), "{\"name\": \"通济通\"}").unwrap();
    std::fs::write(
        dir.join("sw.js"),
        "self.addEventListener('fetch', () => {});",
    )
    .unwrap();
}

/// SHA-256 (base64) of every inline `<script>` in `html`, found independently of the server's parser.
fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let open_end = after.find('>').expect("tag end");
        let tag = &after[..open_end];
        let body_start = open_end + 1;
        let body_end = after.find("</script>").expect("script end");
        if !tag.contains(" src=") {
            let digest = Sha256::digest(&after.as_bytes()[body_start..body_end]);
            out.push(base64::engine::general_purpose::STANDARD.encode(digest));
        }
        rest = &after[body_end + "</script>".len()..];
    }
    out
}

/// The policy's directives.
fn directives(csp: &str) -> BTreeMap<String, Vec<String>> {
    csp.split(';')
        .filter_map(|d| {
            let mut words = d.split_whitespace();
            let name = words.next()?.to_ascii_lowercase();
            Some((name, words.map(str::to_owned).collect()))
        })
        .collect()
}

/// Checks the three headers; `scripts` are the hashes the policy must list.
fn check(r: &TestResponse, what: &str, scripts: &[String]) {
    assert_eq!(
        r.header("x-content-type-options"),
        "nosniff",
        "{what}: nosniff"
    );
    let referrer = r.header("referrer-policy");
    assert!(
        [
            "no-referrer",
            "same-origin",
            "strict-origin",
            "strict-origin-when-cross-origin"
        ]
        .contains(&referrer),
        "{what}: Referrer-Policy {referrer:?}"
    );
    let csp = r.header("content-security-policy");
    assert!(!csp.is_empty(), "{what}: no Content-Security-Policy");
    let d = directives(csp);
    let get = |name: &str| d.get(name).cloned().unwrap_or_default();
    assert_eq!(
        get("default-src"),
        ["'self'"],
        "{what}: default-src in {csp}"
    );
    let script = get("script-src");
    assert!(script.contains(&"'self'".to_owned()), "{what}: {csp}");
    assert!(
        script.contains(&"'wasm-unsafe-eval'".to_owned()),
        "{what}: {csp}"
    );
    // A page must allow its loader by hash; other responses may carry the
    // stricter policy computed before index.html was (re)loaded.
    if r.header("content-type").starts_with("text/html") {
        for hash in scripts {
            assert!(
                script.contains(&format!("'sha256-{hash}'")),
                "{what}: loader hash {hash} missing from {csp}"
            );
        }
    }
    for word in &script {
        assert!(
            word == "'self'" || word == "'wasm-unsafe-eval'" || word.starts_with("'sha256-"),
            "{what}: script-src allows {word}: {csp}"
        );
    }
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"),
        "{what}: {csp}"
    );
    assert_eq!(get("object-src"), ["'none'"], "{what}: {csp}");
    assert_eq!(get("frame-ancestors"), ["'none'"], "{what}: {csp}");
    assert_eq!(get("base-uri"), ["'self'"], "{what}: {csp}");
    for (name, sources) in &d {
        for s in sources {
            assert!(
                s != "*" && s != "http:" && s != "https:",
                "{what}: {name} allows {s}"
            );
        }
    }
}

/// A store whose every call panics (a bug deep in a handler).
#[derive(Clone)]
struct PanickingStore;

#[async_trait]
impl Store for PanickingStore {
    async fn get_user_count(&self) -> StoreResult<u64> {
        panic!("store bug")
    }
    async fn get_user(&self, _: &str) -> StoreResult<UserRecord> {
        panic!("store bug")
    }
    async fn put_new_user(&self, _: NewUser) -> StoreResult<UserRecord> {
        panic!("store bug")
    }
    async fn put_user(&self, _: NewUser) -> StoreResult<UserRecord> {
        panic!("store bug")
    }
    async fn put_session(&self, _: &str, _: &str, _: Timestamp) -> StoreResult<()> {
        panic!("store bug")
    }
    async fn get_session(&self, _: &str, _: Timestamp) -> StoreResult<SessionUser> {
        panic!("store bug")
    }
    async fn delete_session(&self, _: &str) -> StoreResult<()> {
        panic!("store bug")
    }
    async fn put_login_attempt(
        &self,
        _: &str,
        _: &str,
        _: Timestamp,
        _: Timestamp,
    ) -> StoreResult<i64> {
        panic!("store bug")
    }
    async fn get_login_attempt_counts(
        &self,
        _: &str,
        _: &str,
        _: Timestamp,
    ) -> StoreResult<AttemptCounts> {
        panic!("store bug")
    }
    async fn delete_login_attempt(&self, _: i64) -> StoreResult<()> {
        panic!("store bug")
    }
    async fn delete_login_attempts_for(&self, _: &str) -> StoreResult<()> {
        panic!("store bug")
    }
    async fn list_changes(&self, _: u64, _: u32, _: &[Collection]) -> StoreResult<Vec<FeedChange>> {
        panic!("store bug")
    }
    async fn get_head_seq(&self) -> StoreResult<u64> {
        panic!("store bug")
    }
    fn feed_tail(&self) -> &FeedTail {
        panic!("store bug")
    }
    async fn get_record(&self, _: Collection, _: RecordId) -> StoreResult<StoredRecord> {
        panic!("store bug")
    }
    async fn put_mutations(
        &self,
        _: Option<Role>,
        _: &[PreparedMutation],
    ) -> StoreResult<Vec<MutationResult>> {
        panic!("store bug")
    }
    async fn put_seed(&self, _: &[SeedRecord], _: Timestamp) -> StoreResult<bool> {
        panic!("store bug")
    }
    async fn put_blob(&self, _: &str, _: &str, _: &[u8]) -> StoreResult<bool> {
        panic!("store bug")
    }
    async fn get_blob(&self, _: &str) -> StoreResult<Blob> {
        panic!("store bug")
    }
}

async fn case_a5_security_headers_on_every_response<S: Store>(app: TestApp<S>, db: Db) -> Outcome {
    build_dist(app.dist.path());
    let index = std::fs::read_to_string(app.dist.path().join("index.html")).unwrap();
    let scripts = inline_script_hashes(&index);
    assert_eq!(scripts.len(), 1, "the loader script");
    let token = app.staff_token().await;
    let photo = b"\xff\xd8\xff\xe0 photo".to_vec();
    let photo_uri = format!("/api/blobs/{}", hex::encode(Sha256::digest(&photo)));
    let mut put = request(Method::PUT, &photo_uri, Some(&token), Body::from(photo));
    put.headers_mut()
        .insert(header::CONTENT_TYPE, "image/jpeg".parse().unwrap());
    let mut responses: Vec<(String, TestResponse)> =
        vec![("blob PUT 201".into(), app.call(put).await)];
    let get = |uri: &str| request(Method::GET, uri, None, Body::empty());
    let etag = app
        .get(&photo_uri, Some(&token))
        .await
        .header("etag")
        .to_owned();
    let mut not_modified = request(Method::GET, &photo_uri, Some(&token), Body::empty());
    not_modified
        .headers_mut()
        .insert(header::IF_NONE_MATCH, etag.parse().unwrap());
    let cases: Vec<(&str, Request<Body>, StatusCode)> = vec![
        ("index.html", get("/"), StatusCode::OK),
        ("SPA route", get("/jobs/123"), StatusCode::OK),
        (
            "HEAD /",
            request(Method::HEAD, "/", None, Body::empty()),
            StatusCode::OK,
        ),
        (
            "hashed js",
            get("/tongji-app-1a2b3c4d5e6f7a8b.js"),
            StatusCode::OK,
        ),
        (
            "hashed wasm",
            get("/tongji-app-1a2b3c4d5e6f7a8b_bg.wasm"),
            StatusCode::OK,
        ),
        (
            "hashed css",
            get("/style-0123456789abcdef.css"),
            StatusCode::OK,
        ),
        ("manifest", get("/manifest.webmanifest"), StatusCode::OK),
        ("service worker", get("/sw.js"), StatusCode::OK),
        (
            "missing asset 404",
            get("/tongji-app-ffffffffffffffff.js"),
            StatusCode::NOT_FOUND,
        ),
        (
            "page POST 405",
            request(Method::POST, "/jobs/1", None, Body::empty()),
            StatusCode::METHOD_NOT_ALLOWED,
        ),
        ("health", get("/api/health"), StatusCode::OK),
        (
            "pull",
            request(Method::GET, "/api/sync/pull", Some(&token), Body::empty()),
            StatusCode::OK,
        ),
        (
            "push",
            json_request(
                Method::POST,
                "/api/sync/push",
                Some(&token),
                &json!({"mutations": []}),
            ),
            StatusCode::OK,
        ),
        (
            "photo",
            request(Method::GET, &photo_uri, Some(&token), Body::empty()),
            StatusCode::OK,
        ),
        ("photo 304", not_modified, StatusCode::NOT_MODIFIED),
        ("API 404", get("/api/nope"), StatusCode::NOT_FOUND),
        (
            "API 400",
            get("/api/sync/pull?since=-1"),
            StatusCode::BAD_REQUEST,
        ),
        (
            "API 401",
            request(Method::GET, "/api/sync/pull", Some("bad"), Body::empty()),
            StatusCode::UNAUTHORIZED,
        ),
        (
            "API 405",
            request(Method::DELETE, "/api/sync/pull", None, Body::empty()),
            StatusCode::METHOD_NOT_ALLOWED,
        ),
        (
            "API 413",
            json_request(
                Method::POST,
                "/api/auth/login",
                None,
                &json!({"username": "a", "password": "p".repeat(20_000)}),
            ),
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
        (
            "API 415",
            request(
                Method::POST,
                "/api/sync/push",
                Some(&token),
                Body::from("{}"),
            ),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        (
            "logout 204",
            request(
                Method::POST,
                "/api/auth/logout",
                Some(&token),
                Body::empty(),
            ),
            StatusCode::NO_CONTENT,
        ),
    ];
    for (what, req, status) in cases {
        let r = app.call(req).await;
        assert_eq!(r.status, status, "{what}: {}", r.text());
        responses.push((what.to_owned(), r));
    }
    let mut last = None;
    for i in 0..6 {
        let req = from_ip(
            json_request(
                Method::POST,
                "/api/auth/login",
                None,
                &json!({"username": format!("x{i}"), "password": "y"}),
            ),
            "198.51.100.1",
        );
        last = Some(app.call(req).await);
    }
    let last = last.expect("responses");
    assert_eq!(last.status, StatusCode::TOO_MANY_REQUESTS);
    responses.push(("API 429".into(), last));

    // 500s: a database that fails, and a handler that panics.
    let broken = match &db {
        Db::Sqlite(_) => {
            // A database that lost its main table under the running app.
            let dir = tempfile::tempdir().unwrap();
            let file = dir.path().join("tongji.db");
            let store = tongji_server::store::sqlite::Sqlite::open(&file)
                .await
                .unwrap();
            let router = tongji_server::app(AppState::new(
                store,
                Dist::new(app.dist.path()),
                test_config(),
            ));
            let url = format!("sqlite://{}", file.display());
            let conn = sqlx::SqlitePool::connect(&url).await.unwrap();
            sqlx::query("DROP TABLE records")
                .execute(&conn)
                .await
                .unwrap();
            conn.close().await;
            let r = TestApp {
                router,
                store: app.store.clone(),
                dist: tempfile::tempdir().unwrap(),
                _data: Some(dir),
            };
            r.get("/api/sync/pull", None).await
        }
        Db::Postgres { .. } => {
            // Close the pool under the running app.
            let other = crate::support::postgres().await.expect("postgres");
            let (other_app, other_db) = other;
            other_app.store.close().await;
            let r = other_app.get("/api/sync/pull", None).await;
            other_db.drop_schema().await;
            r
        }
    };
    assert_eq!(
        broken.status,
        StatusCode::INTERNAL_SERVER_ERROR,
        "{}",
        broken.text()
    );
    assert_eq!(broken.json()["error"]["code"], "internal");
    responses.push(("API 500 (database failure)".into(), broken));
    let panicking = TestApp {
        router: tongji_server::app(AppState::new(
            PanickingStore,
            Dist::new(app.dist.path()),
            test_config(),
        )),
        store: PanickingStore,
        dist: tempfile::tempdir().unwrap(),
        _data: None,
    };
    let r = panicking.get("/api/sync/pull", None).await;
    assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(r.json()["error"]["code"], "internal");
    responses.push(("API 500 (handler panicked)".into(), r));

    // Without a build: 503 for pages, still with the headers.
    let unbuilt = crate::harness::sqlite_app().await;
    let r = unbuilt.get("/", None).await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{}", r.text());
    responses.push(("page 503 (not built)".into(), r));
    check(&responses.last().unwrap().1, "page 503 (not built)", &[]);

    for (what, r) in &responses {
        if what == "page 503 (not built)" {
            continue;
        }
        check(r, what, &scripts);
    }

    // The real build, when this checkout has one: its loader's hash is listed.
    let real = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../dist");
    let mut real_checked = false;
    if let Ok(html) = std::fs::read_to_string(real.join("index.html")) {
        let hashes = inline_script_hashes(&html);
        let live = TestApp {
            router: tongji_server::app(AppState::new(
                app.store.clone(),
                Dist::new(&real),
                test_config(),
            )),
            store: app.store.clone(),
            dist: tempfile::tempdir().unwrap(),
            _data: None,
        };
        let r = live.get("/", None).await;
        assert_eq!(r.status, StatusCode::OK);
        check(&r, "the real dist/index.html", &hashes);
        real_checked = !hashes.is_empty();
    }
    let kinds = responses.len();
    Outcome::new(format!(
        "{kinds} kinds of response (shell, SPA route, hashed js/wasm/css, manifest, sw, photo, 304, API JSON, \
         400/401/404/405/413/415/429, 500 from a failing database and from a panic, 503 unbuilt): strict CSP with the \
         loader's sha256 and no unsafe-inline, nosniff, Referrer-Policy{}",
        if real_checked { "; real dist/index.html checked too" } else { "" }
    ))
    .figure("responses", kinds)
    .figure("real_dist_checked", real_checked)
}
