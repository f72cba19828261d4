//! Malformed requests: JSON errors with the right 4xx status, never a 500
//! and never a change, on both backends.

use axum::body::Body;
use axum::http::{header, Method, StatusCode};
use domain::collection::Collection;
use domain::sync::PUSH_MAX_BYTES;
use serde_json::{json, Value};
use tongji_server::store::Store;

use crate::fixtures::{new_id, upsert, valid};
use crate::harness::{json_request, request, TestApp};

crate::on_both_backends!(
    malformed_pushes_are_400,
    oversized_pushes_are_413_or_400,
    bad_pull_parameters_are_400,
    unknown_api_paths_and_methods_are_json,
);

fn raw_push(body: Vec<u8>, token: &str) -> axum::http::Request<Body> {
    let mut req = request(
        Method::POST,
        "/api/sync/push",
        Some(token),
        Body::from(body),
    );
    req.headers_mut()
        .insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
    req
}

async fn malformed_pushes_are_400<S: Store>(app: TestApp<S>) {
    let token = app.staff_token().await;
    let good = upsert(Collection::Visits, &new_id(), 0, valid(Collection::Visits));
    let with = |key: &str, value: Value| {
        let mut m = good.clone();
        m[key] = value;
        json!({ "mutations": [m] })
    };
    let without = |key: &str| {
        let mut m = good.clone();
        m.as_object_mut().unwrap().remove(key);
        json!({ "mutations": [m] })
    };
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("malformed JSON", b"{\"mutations\": [".to_vec()),
        ("not JSON at all", b"hello".to_vec()),
        ("empty body", Vec::new()),
        ("non-UTF-8", b"{\"mutations\": [\"\xff\xfe\"]}".to_vec()),
        (
            "mutations not a list",
            json!({"mutations": 3}).to_string().into_bytes(),
        ),
        ("missing mutations", json!({}).to_string().into_bytes()),
        (
            "unknown collection",
            with("collection", json!("users")).to_string().into_bytes(),
        ),
        (
            "invalid record uuid",
            with("id", json!("not-a-uuid")).to_string().into_bytes(),
        ),
        (
            "invalid mutation uuid",
            with("mutation_id", json!("1234")).to_string().into_bytes(),
        ),
        (
            "negative base_rev",
            with("base_rev", json!(-1)).to_string().into_bytes(),
        ),
        (
            "string base_rev",
            with("base_rev", json!("1")).to_string().into_bytes(),
        ),
        (
            "unknown op",
            with("op", json!("drop")).to_string().into_bytes(),
        ),
        (
            "bad updated_at",
            with("updated_at", json!("yesterday"))
                .to_string()
                .into_bytes(),
        ),
        ("missing id", without("id").to_string().into_bytes()),
        ("missing op", without("op").to_string().into_bytes()),
        (
            "missing updated_at",
            without("updated_at").to_string().into_bytes(),
        ),
    ];
    for (what, body) in cases {
        let r = app.call(raw_push(body, &token)).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{what}: {}", r.text());
        r.assert_error(StatusCode::BAD_REQUEST, "bad_request");
    }
    // Wrong content type.
    let mut req = request(
        Method::POST,
        "/api/sync/push",
        Some(&token),
        Body::from(json!({"mutations": []}).to_string()),
    );
    req.headers_mut()
        .insert(header::CONTENT_TYPE, "text/plain".parse().unwrap());
    app.call(req)
        .await
        .assert_error(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type");
    // Nothing was stored by any of them.
    assert!(app.pull_all(Some(&token)).await.is_empty());
    // An empty push is fine.
    let r = app
        .post_json("/api/sync/push", Some(&token), &json!({"mutations": []}))
        .await;
    assert_eq!(
        (r.status, r.json()),
        (StatusCode::OK, json!({"results": []}))
    );
}

async fn oversized_pushes_are_413_or_400<S: Store>(app: TestApp<S>) {
    let token = app.staff_token().await;
    let many: Vec<Value> = (0..501)
        .map(|_| upsert(Collection::Visits, &new_id(), 0, valid(Collection::Visits)))
        .collect();
    let r = app
        .post_json(
            "/api/sync/push",
            Some(&token),
            &json!({ "mutations": many }),
        )
        .await;
    r.assert_error(StatusCode::BAD_REQUEST, "bad_request");
    assert!(r.text().contains("500"));

    let mut big = valid(Collection::Visits);
    big["notes"] = json!("x".repeat(PUSH_MAX_BYTES));
    let body = json!({ "mutations": [upsert(Collection::Visits, &new_id(), 0, big)] });
    let r = app
        .call(json_request(
            Method::POST,
            "/api/sync/push",
            Some(&token),
            &body,
        ))
        .await;
    r.assert_error(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large");
    // A login body far beyond its small limit too.
    let r = app
        .post_json(
            "/api/auth/login",
            None,
            &json!({"username": "a", "password": "p".repeat(100_000)}),
        )
        .await;
    r.assert_error(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large");
    assert!(app.pull_all(Some(&token)).await.is_empty());
}

async fn bad_pull_parameters_are_400<S: Store>(app: TestApp<S>) {
    for query in [
        "since=-1",
        "since=abc",
        "since=1.5",
        "since=99999999999999999999999",
        "since=18446744073709551615",
        "since=9223372036854775808",
        "limit=-5",
        "limit=ten",
        "limit=99999999999999",
        "since=%FF%FE",
        "limit=%FF",
        "since=1&since=2",
    ] {
        let r = app.get(&format!("/api/sync/pull?{query}"), None).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{query}: {}", r.text());
        r.assert_error(StatusCode::BAD_REQUEST, "bad_request");
    }
    // The largest storable since is fine (and empty).
    let r = app
        .get("/api/sync/pull?since=9223372036854775807", None)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["next"], 9_223_372_036_854_775_807u64);
}

async fn unknown_api_paths_and_methods_are_json<S: Store>(app: TestApp<S>) {
    for uri in [
        "/api/nope",
        "/api",
        "/api/",
        "/api/sync",
        "/api/sync/nope",
        "/api/auth/x/y",
    ] {
        app.get(uri, None)
            .await
            .assert_error(StatusCode::NOT_FOUND, "not_found");
    }
    let r = app
        .call(request(
            Method::DELETE,
            "/api/sync/pull",
            None,
            Body::empty(),
        ))
        .await;
    r.assert_error(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
    let r = app
        .call(request(Method::GET, "/api/sync/push", None, Body::empty()))
        .await;
    r.assert_error(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
    let r = app
        .call(request(Method::GET, "/api/auth/login", None, Body::empty()))
        .await;
    r.assert_error(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
    let health = app.get("/api/health", None).await;
    assert_eq!(health.status, StatusCode::OK);
    assert_eq!(
        health.json(),
        json!({"status": "ok", "version": env!("CARGO_PKG_VERSION")})
    );
}
