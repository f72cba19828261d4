//! Cases b1–b8: bad input on every API endpoint. Each bad request is
//! answered with a 4xx in the JSON error shape, and the database (every data
//! table, row by row) is the same after it as before.
//!
//! Push is the one endpoint whose protocol answers some bad input per
//! mutation: a well-formed push whose record is invalid or too large gets
//! HTTP 200 with that mutation `rejected` (so one bad record does not block
//! a batch); those cases check the `rejected` answer and the unchanged
//! database instead of a 4xx.

use axum::body::Body;
use axum::http::{header, HeaderValue, Method, Request, StatusCode};
use domain::collection::Collection;
use domain::sync::{PUSH_MAX_BYTES, RECORD_MAX_BYTES};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use tongji_server::store::Store;

use crate::fixtures::{new_id, upsert, valid};
use crate::harness::{TestApp, TestResponse};
use crate::support::{assert_json_4xx, assert_unchanged, Db, Outcome, Snapshot};

crate::cases!(
    case_b1_bad_input_login,
    case_b2_bad_input_logout,
    case_b3_bad_input_pull,
    case_b4_bad_input_push,
    case_b5_bad_input_blob_put,
    case_b6_bad_input_blob_get,
    case_b7_bad_input_health_and_unknown_api_paths,
    case_b8_random_bad_input_never_5xx,
);

fn sha(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// A request with raw bytes, an optional bearer token and content type.
fn raw(
    method: Method,
    uri: &str,
    token: Option<&str>,
    content_type: Option<&str>,
    body: impl Into<Vec<u8>>,
) -> Request<Body> {
    let mut builder = Request::builder().method(method).uri(uri);
    if let Some(token) = token {
        builder = builder.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    if let Some(ct) = content_type {
        builder = builder.header(header::CONTENT_TYPE, ct);
    }
    builder.body(Body::from(body.into())).expect("request")
}

const JSON: Option<&str> = Some("application/json");

/// Some data of every kind, so "unchanged" means something.
struct Populated {
    staff: String,
    photo_uri: String,
}

async fn populate<S: Store>(app: &TestApp<S>) -> Populated {
    let admin = app.admin_token().await;
    let staff = app.staff_token().await;
    for c in Collection::ALL {
        let r = app
            .push_one(Some(&admin), upsert(c, &new_id(), 0, valid(c)))
            .await;
        assert_eq!(r["status"], "applied", "{r}");
    }
    let photo = b"\x89PNG\r\n\x1a\n a photo".to_vec();
    let photo_uri = format!("/api/blobs/{}", sha(&photo));
    let r = app
        .call(raw(
            Method::PUT,
            &photo_uri,
            Some(&staff),
            Some("image/png"),
            photo,
        ))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    Populated { staff, photo_uri }
}

/// Sends bad requests and checks each answer and the database after it.
struct Matrix<'a, S> {
    app: &'a TestApp<S>,
    db: &'a Db,
    before: Snapshot,
    checked: usize,
}

impl<'a, S: Store> Matrix<'a, S> {
    async fn new(app: &'a TestApp<S>, db: &'a Db) -> Matrix<'a, S> {
        Matrix {
            app,
            db,
            before: db.snapshot().await,
            checked: 0,
        }
    }

    /// A 4xx JSON error (with exactly `status` when given), nothing changed.
    async fn expect(
        &mut self,
        req: Request<Body>,
        status: Option<StatusCode>,
        what: &str,
    ) -> TestResponse {
        let r = self.app.call(req).await;
        assert_json_4xx(&r, what);
        if let Some(status) = status {
            assert_eq!(r.status, status, "{what}: {}", r.text());
        }
        assert_unchanged(&self.before, &self.db.snapshot().await, what);
        self.checked += 1;
        r
    }

    /// A push of one mutation answered 200 with that mutation `rejected`, nothing changed.
    async fn expect_rejected(&mut self, token: &str, mutation: Value, what: &str) {
        let body = json!({ "mutations": [mutation] });
        let r = self
            .app
            .call(raw(
                Method::POST,
                "/api/sync/push",
                Some(token),
                JSON,
                body.to_string(),
            ))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{what}: {}", r.text());
        let result = &r.json()["results"][0];
        assert_eq!(result["status"], "rejected", "{what}: {result}");
        assert!(
            result["error"]
                .as_str()
                .is_some_and(|e| e.contains('/') && e.chars().any(|c| c > '\u{2e80}')),
            "{what}: a bilingual reason: {result}"
        );
        assert!(result["rev"].is_null(), "{what}: {result}");
        assert_unchanged(&self.before, &self.db.snapshot().await, what);
        self.checked += 1;
    }
}

const BAD_REQUEST: Option<StatusCode> = Some(StatusCode::BAD_REQUEST);
const UNAUTHORIZED: Option<StatusCode> = Some(StatusCode::UNAUTHORIZED);
const NOT_FOUND: Option<StatusCode> = Some(StatusCode::NOT_FOUND);
const NOT_ALLOWED: Option<StatusCode> = Some(StatusCode::METHOD_NOT_ALLOWED);
const TOO_LARGE: Option<StatusCode> = Some(StatusCode::PAYLOAD_TOO_LARGE);
const MEDIA_TYPE: Option<StatusCode> = Some(StatusCode::UNSUPPORTED_MEDIA_TYPE);

/// `[[[...]]]` nested `depth` deep (serde_json stops at 128).
fn deep(depth: usize) -> String {
    format!("{}{}", "[".repeat(depth), "]".repeat(depth))
}

async fn case_b1_bad_input_login<S: Store>(app: TestApp<S>, db: Db) -> Outcome {
    populate(&app).await;
    let mut m = Matrix::new(&app, &db).await;
    let login = |ct: Option<&str>, body: &[u8]| {
        raw(Method::POST, "/api/auth/login", None, ct, body.to_vec())
    };
    let bodies: Vec<(&str, Vec<u8>)> = vec![
        ("malformed JSON", br#"{"username": "staff1","#.to_vec()),
        ("not JSON", b"username=staff1&password=x".to_vec()),
        ("empty body", Vec::new()),
        (
            "non-UTF-8",
            b"{\"username\": \"\xff\xfe\", \"password\": \"x\"}".to_vec(),
        ),
        ("a list", b"[]".to_vec()),
        ("null", b"null".to_vec()),
        (
            "username a number",
            br#"{"username": 1, "password": "x"}"#.to_vec(),
        ),
        (
            "password a bool",
            br#"{"username": "staff1", "password": true}"#.to_vec(),
        ),
        (
            "username null",
            br#"{"username": null, "password": "x"}"#.to_vec(),
        ),
        ("objects", br#"{"username": {}, "password": []}"#.to_vec()),
        ("missing password", br#"{"username": "staff1"}"#.to_vec()),
        ("missing username", br#"{"password": "x"}"#.to_vec()),
        ("missing both", b"{}".to_vec()),
        (
            "duplicate keys",
            br#"{"username": "a", "username": "b", "password": "x"}"#.to_vec(),
        ),
        ("nested 200 deep", deep(200).into_bytes()),
        (
            "lone surrogate",
            br#"{"username": "\ud800", "password": "x"}"#.to_vec(),
        ),
    ];
    for (what, body) in bodies {
        m.expect(login(JSON, &body), BAD_REQUEST, &format!("login: {what}"))
            .await;
    }
    let huge = json!({"username": "staff1", "password": "p".repeat(17 * 1024)}).to_string();
    m.expect(
        login(JSON, huge.as_bytes()),
        TOO_LARGE,
        "login: body over 16 KiB",
    )
    .await;
    let body = br#"{"username": "staff1", "password": "x"}"#;
    m.expect(
        login(Some("text/plain"), body),
        MEDIA_TYPE,
        "login: text/plain",
    )
    .await;
    m.expect(login(None, body), MEDIA_TYPE, "login: no content type")
        .await;
    m.expect(
        login(
            Some("application/x-www-form-urlencoded"),
            b"username=a&password=b",
        ),
        MEDIA_TYPE,
        "login: a form",
    )
    .await;
    for method in [Method::GET, Method::PUT, Method::DELETE] {
        m.expect(
            raw(method.clone(), "/api/auth/login", None, JSON, body.to_vec()),
            NOT_ALLOWED,
            &format!("login: {method}"),
        )
        .await;
    }
    // Well-formed but absurd: a clean 401 (the attempt is counted, data untouched).
    let long_name = json!({"username": "u".repeat(10_000), "password": "x"}).to_string();
    m.expect(
        login(JSON, long_name.as_bytes()),
        UNAUTHORIZED,
        "login: 10 000-character username",
    )
    .await;
    let nul = json!({"username": "staff1\u{0}", "password": "x"}).to_string();
    m.expect(
        login(JSON, nul.as_bytes()),
        UNAUTHORIZED,
        "login: NUL in username",
    )
    .await;
    let n = m.checked;
    Outcome::new(format!(
        "{n} bad sign-in requests: each a JSON 4xx, no data changed"
    ))
    .figure("requests", n)
}

async fn case_b2_bad_input_logout<S: Store>(app: TestApp<S>, db: Db) -> Outcome {
    let p = populate(&app).await;
    let mut m = Matrix::new(&app, &db).await;
    let logout = |auth: Option<HeaderValue>| {
        let mut req = raw(Method::POST, "/api/auth/logout", None, None, Vec::new());
        if let Some(v) = auth {
            req.headers_mut().insert(header::AUTHORIZATION, v);
        }
        req
    };
    m.expect(logout(None), UNAUTHORIZED, "logout: no token")
        .await;
    let bad_values: Vec<HeaderValue> = vec![
        HeaderValue::from_static("Bearer not-a-token"),
        HeaderValue::from_static("Bearer "),
        HeaderValue::from_static("Bearer"),
        HeaderValue::from_static("Basic YWRtaW46YWRtaW4="),
        HeaderValue::from_str(&format!("Bearer {}", "a".repeat(300))).unwrap(),
        HeaderValue::from_str(&format!("Bearer {}", "0".repeat(64))).unwrap(),
        HeaderValue::from_bytes(b"Bearer \xff\xfe").unwrap(),
        HeaderValue::from_str(&format!("bearer {}", p.staff)).unwrap(),
        HeaderValue::from_str(&format!("Bearer {}'; DELETE FROM sessions; --", p.staff)).unwrap(),
    ];
    for (i, v) in bad_values.into_iter().enumerate() {
        m.expect(
            logout(Some(v)),
            UNAUTHORIZED,
            &format!("logout: bad authorization #{i}"),
        )
        .await;
    }
    for method in [Method::GET, Method::PUT, Method::DELETE] {
        m.expect(
            raw(
                method.clone(),
                "/api/auth/logout",
                Some(&p.staff),
                None,
                Vec::new(),
            ),
            NOT_ALLOWED,
            &format!("logout: {method}"),
        )
        .await;
    }
    // The real session survived all of it.
    assert_eq!(
        app.get("/api/sync/pull", Some(&p.staff)).await.status,
        StatusCode::OK
    );
    let n = m.checked;
    Outcome::new(format!(
        "{n} bad sign-out requests: each a JSON 4xx, the session and data unchanged"
    ))
    .figure("requests", n)
}

async fn case_b3_bad_input_pull<S: Store>(app: TestApp<S>, db: Db) -> Outcome {
    let p = populate(&app).await;
    let mut m = Matrix::new(&app, &db).await;
    let queries = [
        "since=-1",
        "since=abc",
        "since=1.5",
        "since=1e3",
        "since=",
        "since=%20",
        "since=99999999999999999999999",
        "since=18446744073709551616",
        "since=9223372036854775808",
        "since=18446744073709551615",
        "limit=-5",
        "limit=ten",
        "limit=1.0",
        "limit=4294967296",
        "limit=99999999999999",
        "since=%FF%FE",
        "limit=%FF",
        "since=1&since=2",
        "since=0;DROP%20TABLE%20records",
        "since=0%27%20OR%201=1",
    ];
    for q in queries {
        for token in [None, Some(p.staff.as_str())] {
            let who = if token.is_some() {
                "staff"
            } else {
                "anonymous"
            };
            m.expect(
                raw(
                    Method::GET,
                    &format!("/api/sync/pull?{q}"),
                    token,
                    None,
                    Vec::new(),
                ),
                BAD_REQUEST,
                &format!("pull ?{q} ({who})"),
            )
            .await;
        }
    }
    for method in [Method::POST, Method::PUT, Method::DELETE] {
        m.expect(
            raw(
                method.clone(),
                "/api/sync/pull",
                Some(&p.staff),
                JSON,
                b"{}".to_vec(),
            ),
            NOT_ALLOWED,
            &format!("pull: {method}"),
        )
        .await;
    }
    m.expect(
        raw(
            Method::GET,
            "/api/sync/pull",
            Some("nope"),
            None,
            Vec::new(),
        ),
        UNAUTHORIZED,
        "pull: bad token",
    )
    .await;
    // The edges that are valid stay valid: limit 0 is clamped, the largest since is empty.
    for q in ["limit=0", "limit=1000000", "since=9223372036854775807"] {
        assert_eq!(
            app.get(&format!("/api/sync/pull?{q}"), None).await.status,
            StatusCode::OK,
            "{q}"
        );
    }
    let n = m.checked;
    Outcome::new(format!("{n} bad pull requests (negative, huge, non-numeric, non-UTF-8 since/limit; wrong methods; bad token): each a JSON 4xx, no data changed"))
        .figure("requests", n)
}

async fn case_b4_bad_input_push<S: Store>(app: TestApp<S>, db: Db) -> Outcome {
    let p = populate(&app).await;
    let token = p.staff.clone();
    let mut m = Matrix::new(&app, &db).await;
    let good = upsert(Collection::Visits, &new_id(), 0, valid(Collection::Visits));
    let with = |key: &str, value: Value| {
        let mut g = good.clone();
        g[key] = value;
        json!({ "mutations": [g] }).to_string().into_bytes()
    };
    let without = |key: &str| {
        let mut g = good.clone();
        g.as_object_mut().unwrap().remove(key);
        json!({ "mutations": [g] }).to_string().into_bytes()
    };
    let mut deep_data = good.clone();
    deep_data["data"] = json!({});
    let deep_text = json!({ "mutations": [deep_data] })
        .to_string()
        .replace("\"data\":{}", &format!("\"data\":{}", deep(200)));
    let bodies: Vec<(&str, Vec<u8>)> = vec![
        ("malformed JSON", b"{\"mutations\": [".to_vec()),
        ("not JSON", b"hello".to_vec()),
        ("empty body", Vec::new()),
        ("non-UTF-8", b"{\"mutations\": [\"\xff\xfe\"]}".to_vec()),
        ("a list", b"[]".to_vec()),
        ("null", b"null".to_vec()),
        (
            "mutations a number",
            json!({"mutations": 3}).to_string().into_bytes(),
        ),
        (
            "mutations an object",
            json!({"mutations": {}}).to_string().into_bytes(),
        ),
        (
            "a mutation a number",
            json!({"mutations": [1]}).to_string().into_bytes(),
        ),
        ("missing mutations", b"{}".to_vec()),
        ("unknown collection", with("collection", json!("users"))),
        ("empty collection", with("collection", json!(""))),
        ("collection a number", with("collection", json!(5))),
        (
            "collection in capitals",
            with("collection", json!("VISITS")),
        ),
        ("invalid record uuid", with("id", json!("not-a-uuid"))),
        ("empty record uuid", with("id", json!(""))),
        ("record uuid a number", with("id", json!(123))),
        (
            "record uuid with a bad digit",
            with("id", json!("00000000-0000-0000-0000-00000000000g")),
        ),
        (
            "record uuid too long",
            with("id", json!(format!("{}0", new_id()))),
        ),
        ("invalid mutation uuid", with("mutation_id", json!("1234"))),
        (
            "SQL in a uuid",
            with("id", json!("'; DROP TABLE records; --")),
        ),
        ("negative base_rev", with("base_rev", json!(-1))),
        ("fractional base_rev", with("base_rev", json!(1.5))),
        ("string base_rev", with("base_rev", json!("1"))),
        ("base_rev beyond u64", with("base_rev", json!(1e20))),
        ("unknown op", with("op", json!("drop"))),
        ("op null", with("op", Value::Null)),
        ("updated_at words", with("updated_at", json!("yesterday"))),
        (
            "updated_at a number",
            with("updated_at", json!(1_764_150_000_000u64)),
        ),
        (
            "updated_at impossible date",
            with("updated_at", json!("2026-13-45T10:00:00.000Z")),
        ),
        (
            "updated_at with a multibyte seconds digit",
            with("updated_at", json!("2026-11-26T10:00:0é00000Z")),
        ),
        (
            "updated_at with a multibyte offset",
            with("updated_at", json!("2026-11-26T10:00:00+0é00")),
        ),
        ("missing id", without("id")),
        ("missing op", without("op")),
        ("missing collection", without("collection")),
        ("missing mutation_id", without("mutation_id")),
        ("missing updated_at", without("updated_at")),
        ("missing base_rev", without("base_rev")),
        ("data nested 200 deep", deep_text.into_bytes()),
        (
            "duplicate keys",
            br#"{"mutations": [], "mutations": []}"#.to_vec(),
        ),
    ];
    for (what, body) in bodies {
        m.expect(
            raw(Method::POST, "/api/sync/push", Some(&token), JSON, body),
            BAD_REQUEST,
            &format!("push: {what}"),
        )
        .await;
    }
    let many: Vec<Value> = (0..501)
        .map(|_| upsert(Collection::Visits, &new_id(), 0, valid(Collection::Visits)))
        .collect();
    m.expect(
        raw(
            Method::POST,
            "/api/sync/push",
            Some(&token),
            JSON,
            json!({ "mutations": many }).to_string(),
        ),
        BAD_REQUEST,
        "push: 501 mutations",
    )
    .await;
    let mut huge = valid(Collection::Visits);
    huge["notes"] = json!("x".repeat(PUSH_MAX_BYTES));
    let body = json!({ "mutations": [upsert(Collection::Visits, &new_id(), 0, huge)] }).to_string();
    m.expect(
        raw(Method::POST, "/api/sync/push", Some(&token), JSON, body),
        TOO_LARGE,
        "push: body over 8 MiB",
    )
    .await;
    let small = json!({ "mutations": [good.clone()] }).to_string();
    m.expect(
        raw(
            Method::POST,
            "/api/sync/push",
            Some(&token),
            Some("text/plain"),
            small.clone(),
        ),
        MEDIA_TYPE,
        "push: text/plain",
    )
    .await;
    m.expect(
        raw(
            Method::POST,
            "/api/sync/push",
            Some(&token),
            None,
            small.clone(),
        ),
        MEDIA_TYPE,
        "push: no content type",
    )
    .await;
    m.expect(
        raw(
            Method::POST,
            "/api/sync/push",
            Some("expired-or-made-up"),
            JSON,
            small.clone(),
        ),
        UNAUTHORIZED,
        "push: bad token",
    )
    .await;
    for method in [Method::GET, Method::PUT, Method::DELETE] {
        m.expect(
            raw(
                method.clone(),
                "/api/sync/push",
                Some(&token),
                JSON,
                small.clone(),
            ),
            NOT_ALLOWED,
            &format!("push: {method}"),
        )
        .await;
    }

    // Well-formed pushes whose record is bad: `rejected`, nothing stored.
    let id = new_id();
    let visit = valid(Collection::Visits);
    let field = |key: &str, value: Value| {
        let mut v = visit.clone();
        v[key] = value;
        upsert(Collection::Visits, &id, 0, v)
    };
    let mut oversized = visit.clone();
    // Under the 8 MiB body limit, over the 256 KiB record limit.
    oversized["notes"] = json!("长".repeat(RECORD_MAX_BYTES / 3 + 10));
    let mut missing = visit.clone();
    missing.as_object_mut().unwrap().remove("date");
    let rejected: Vec<(&str, Value)> = vec![
        (
            "record over RECORD_MAX_BYTES",
            upsert(Collection::Visits, &id, 0, oversized),
        ),
        (
            "notes over its length limit",
            field("notes", json!("字".repeat(20_001))),
        ),
        (
            "data a string",
            upsert(Collection::Visits, &id, 0, json!("not an object")),
        ),
        ("data null", upsert(Collection::Visits, &id, 0, Value::Null)),
        (
            "data a list",
            upsert(Collection::Visits, &id, 0, json!([1, 2])),
        ),
        (
            "a required field missing",
            upsert(Collection::Visits, &id, 0, missing),
        ),
        ("an unknown field", field("is_admin", json!(true))),
        ("a field of the wrong type", field("date", json!(20261120))),
        ("an impossible date", field("date", json!("2026-02-30"))),
        (
            "enterprise_id not a uuid",
            field("enterprise_id", json!("<script>")),
        ),
        ("a malformed _conflicts", field("_conflicts", json!("yes"))),
        (
            "another collection's record",
            upsert(Collection::Visits, &id, 0, valid(Collection::Fairs)),
        ),
    ];
    for (what, mutation) in rejected {
        m.expect_rejected(&token, mutation, &format!("push: {what}"))
            .await;
    }
    let n = m.checked;
    Outcome::new(format!(
        "{n} bad pushes: malformed/non-UTF-8/deep JSON, wrong types, missing fields, unknown collections, invalid UUIDs, \
         over-limit bodies (JSON 4xx) and invalid or over-RECORD_MAX_BYTES records (`rejected`); no data changed"
    ))
    .figure("requests", n)
}

async fn case_b5_bad_input_blob_put<S: Store>(app: TestApp<S>, db: Db) -> Outcome {
    let p = populate(&app).await;
    let token = p.staff.clone();
    let mut m = Matrix::new(&app, &db).await;
    let photo = b"\xff\xd8\xff\xe0 new photo".to_vec();
    let right = format!("/api/blobs/{}", sha(&photo));
    let put = |uri: &str, token: Option<&str>, ct: Option<&str>, body: Vec<u8>| {
        raw(Method::PUT, uri, token, ct, body)
    };
    m.expect(
        put(
            &format!("/api/blobs/{}", sha(b"other bytes")),
            Some(&token),
            Some("image/jpeg"),
            photo.clone(),
        ),
        BAD_REQUEST,
        "blob put: hash does not match",
    )
    .await;
    m.expect(
        put(
            &right,
            Some(&token),
            Some("image/jpeg"),
            b"\xff\xd8\xff\xe0 new photO".to_vec(),
        ),
        BAD_REQUEST,
        "blob put: one byte changed",
    )
    .await;
    let bad_paths = [
        "/api/blobs/abc".to_owned(),
        format!("/api/blobs/{}", "g".repeat(64)),
        format!("/api/blobs/{}0", sha(&photo)),
        format!("/api/blobs/{}", &sha(&photo)[1..]),
        "/api/blobs/%FF%FE".to_owned(),
        "/api/blobs/..%2F..%2Fetc%2Fpasswd".to_owned(),
        format!("/api/blobs/{}%00", &sha(&photo)[..63]),
        "/api/blobs/%E4%B8%AD".to_owned(),
    ];
    for uri in &bad_paths {
        m.expect(
            put(uri, Some(&token), Some("image/jpeg"), photo.clone()),
            BAD_REQUEST,
            &format!("blob put {uri}"),
        )
        .await;
    }
    for ct in [
        "text/html",
        "image/svg+xml",
        "application/json",
        "application/javascript",
        "text/plain; charset=utf-8",
    ] {
        m.expect(
            put(&right, Some(&token), Some(ct), photo.clone()),
            MEDIA_TYPE,
            &format!("blob put as {ct}"),
        )
        .await;
    }
    let big = vec![1u8; 2 * 1024 * 1024 + 1];
    m.expect(
        put(
            &format!("/api/blobs/{}", sha(&big)),
            Some(&token),
            Some("image/jpeg"),
            big.clone(),
        ),
        TOO_LARGE,
        "blob put: over 2 MiB",
    )
    .await;
    m.expect(
        put(&right, None, Some("image/jpeg"), photo.clone()),
        UNAUTHORIZED,
        "blob put: anonymous",
    )
    .await;
    m.expect(
        put(&right, Some("made-up"), Some("image/jpeg"), photo.clone()),
        UNAUTHORIZED,
        "blob put: bad token",
    )
    .await;
    for method in [Method::POST, Method::DELETE, Method::PATCH] {
        m.expect(
            raw(
                method.clone(),
                &right,
                Some(&token),
                Some("image/jpeg"),
                photo.clone(),
            ),
            NOT_ALLOWED,
            &format!("blob: {method}"),
        )
        .await;
    }
    let n = m.checked;
    Outcome::new(format!("{n} bad uploads (hash mismatch, bad hashes, non-image types incl. SVG, over 2 MiB, no session, wrong methods): each a JSON 4xx, nothing stored"))
        .figure("requests", n)
}

async fn case_b6_bad_input_blob_get<S: Store>(app: TestApp<S>, db: Db) -> Outcome {
    let p = populate(&app).await;
    let token = p.staff.clone();
    let mut m = Matrix::new(&app, &db).await;
    let get = |uri: &str, token: Option<&str>| raw(Method::GET, uri, token, None, Vec::new());
    for uri in [
        "/api/blobs/abc".to_owned(),
        format!("/api/blobs/{}", "z".repeat(64)),
        "/api/blobs/%FF".to_owned(),
        "/api/blobs/'%20OR%20'1'='1".to_owned(),
        format!("/api/blobs/{}", "a".repeat(65)),
    ] {
        m.expect(
            get(&uri, Some(&token)),
            BAD_REQUEST,
            &format!("blob get {uri}"),
        )
        .await;
    }
    m.expect(
        get(&format!("/api/blobs/{}", "0".repeat(64)), Some(&token)),
        NOT_FOUND,
        "blob get: unknown hash",
    )
    .await;
    m.expect(get(&p.photo_uri, None), UNAUTHORIZED, "blob get: anonymous")
        .await;
    m.expect(
        get(&p.photo_uri, Some("made-up")),
        UNAUTHORIZED,
        "blob get: bad token",
    )
    .await;
    assert_eq!(
        app.get(&p.photo_uri, Some(&token)).await.status,
        StatusCode::OK
    );
    let n = m.checked;
    Outcome::new(format!(
        "{n} bad photo reads: each a JSON 4xx, nothing changed"
    ))
    .figure("requests", n)
}

async fn case_b7_bad_input_health_and_unknown_api_paths<S: Store>(
    app: TestApp<S>,
    db: Db,
) -> Outcome {
    let p = populate(&app).await;
    let mut m = Matrix::new(&app, &db).await;
    for method in [Method::POST, Method::PUT, Method::DELETE, Method::PATCH] {
        m.expect(
            raw(method.clone(), "/api/health", None, JSON, b"{}".to_vec()),
            NOT_ALLOWED,
            &format!("health: {method}"),
        )
        .await;
    }
    let long = format!("/api/{}", "a".repeat(8000));
    let unknown = [
        "/api",
        "/api/",
        "/api/nope",
        "/api/sync",
        "/api/sync/nope",
        "/api/auth",
        "/api/auth/x/y",
        "/api/blobs",
        "/api/users",
        "/api/%FF",
        "/api/../api/health/x",
        "/api/sync/pull/extra",
        long.as_str(),
    ];
    for uri in unknown {
        for method in [Method::GET, Method::POST] {
            m.expect(
                raw(method.clone(), uri, Some(&p.staff), JSON, b"{}".to_vec()),
                NOT_FOUND,
                &format!("{method} {}", &uri[..uri.len().min(40)]),
            )
            .await;
        }
    }
    let health = app.get("/api/health?x=%FF", None).await;
    assert_eq!(health.status, StatusCode::OK, "health ignores its query");
    let n = m.checked;
    Outcome::new(format!("{n} requests to /api/health with wrong methods and to unknown /api paths: JSON 405/404, nothing changed"))
        .figure("requests", n)
}

/// Random damage to a valid push body: truncation, byte flips, insertions.
fn damaged(body: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
    let len = body.len();
    prop::collection::vec((0..len, any::<u8>(), 0u8..3), 1..6).prop_map(move |edits| {
        let mut b = body.clone();
        for (pos, byte, kind) in edits {
            let pos = pos.min(b.len().saturating_sub(1));
            match kind {
                0 => b.truncate(pos),
                1 if !b.is_empty() => b[pos] = byte,
                _ => b.insert(pos, byte),
            }
        }
        b
    })
}

async fn case_b8_random_bad_input_never_5xx<S: Store>(app: TestApp<S>, db: Db) -> Outcome {
    let p = populate(&app).await;
    let token = p.staff.clone();
    let cases: u32 = std::env::var("RELIABILITY_SWEEP_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let mut runner = TestRunner::deterministic();

    // Damaged push bodies: 200 (if the damage left a valid push) or a JSON 4xx.
    let body = json!({ "mutations": [
        upsert(Collection::Visits, &new_id(), 0, valid(Collection::Visits)),
        upsert(Collection::Interests, &new_id(), 0, valid(Collection::Interests)),
    ]})
    .to_string()
    .into_bytes();
    let strategy = damaged(body);
    let (mut ok, mut refused) = (0, 0);
    for i in 0..cases {
        let bytes = strategy.new_tree(&mut runner).expect("value").current();
        let r = app
            .call(raw(
                Method::POST,
                "/api/sync/push",
                Some(&token),
                JSON,
                bytes.clone(),
            ))
            .await;
        if r.status == StatusCode::OK {
            for result in r.json()["results"].as_array().expect("results") {
                let status = result["status"].as_str().unwrap_or("");
                assert!(
                    ["applied", "duplicate", "conflict", "rejected"].contains(&status),
                    "{result}"
                );
            }
            ok += 1;
        } else {
            assert_json_4xx(
                &r,
                &format!("damaged push #{i}: {}", String::from_utf8_lossy(&bytes)),
            );
            refused += 1;
        }
    }

    // Random query strings and login bodies: never a 5xx, and nothing changes.
    let before = db.snapshot().await;
    let query = "[a-z0-9=&%;.+-]{0,40}";
    let login = prop_oneof![
        any::<Vec<u8>>(),
        "\\PC{0,60}".prop_map(String::into_bytes),
        ("\\PC{0,20}", "\\PC{0,20}").prop_map(|(u, p)| json!({"username": u, "password": p})
            .to_string()
            .into_bytes()),
    ];
    for _ in 0..cases {
        let q = query.new_tree(&mut runner).expect("value").current();
        let r = app.get(&format!("/api/sync/pull?{q}"), None).await;
        assert!(
            r.status == StatusCode::OK || r.status == StatusCode::BAD_REQUEST,
            "?{q}: {} {}",
            r.status,
            r.text()
        );
        if r.status != StatusCode::OK {
            assert_json_4xx(&r, &format!("pull ?{q}"));
        }
        let bytes = login.new_tree(&mut runner).expect("value").current();
        let r = app
            .call(raw(
                Method::POST,
                "/api/auth/login",
                None,
                JSON,
                bytes.clone(),
            ))
            .await;
        assert_json_4xx(&r, &format!("login {}", String::from_utf8_lossy(&bytes)));
    }
    assert_unchanged(
        &before,
        &db.snapshot().await,
        "random pull queries and sign-ins",
    );
    Outcome::new(format!(
        "{cases} randomly damaged push bodies ({ok} still valid, {refused} JSON 4xx), {cases} random pull queries, \
         {cases} random sign-in bodies: never a 5xx"
    ))
    .figure("requests", cases * 3)
}
