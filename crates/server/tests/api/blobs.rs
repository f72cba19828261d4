//! Photos by content hash, on both backends.

use axum::body::Body;
use axum::http::{header, Method, StatusCode};
use sha2::{Digest, Sha256};
use tongji_server::store::Store;

use crate::harness::{request, TestApp};

crate::on_both_backends!(
    photos_round_trip_idempotently,
    anonymous_and_expired_callers_get_401,
    bad_uploads_are_refused,
);

fn sha(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn put(
    uri: &str,
    token: Option<&str>,
    body: Vec<u8>,
    content_type: Option<&str>,
) -> axum::http::Request<Body> {
    let mut req = request(Method::PUT, uri, token, Body::from(body));
    if let Some(ct) = content_type {
        req.headers_mut()
            .insert(header::CONTENT_TYPE, ct.parse().unwrap());
    }
    req
}

async fn photos_round_trip_idempotently<S: Store>(app: TestApp<S>) {
    let token = app.staff_token().await;
    let photo: Vec<u8> = (0..50_000u32).map(|i| (i * 7 % 251) as u8).collect();
    let uri = format!("/api/blobs/{}", sha(&photo));
    let first = app
        .call(put(&uri, Some(&token), photo.clone(), Some("image/png")))
        .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    let second = app
        .call(put(&uri, Some(&token), photo.clone(), Some("image/png")))
        .await;
    assert_eq!(second.status, StatusCode::OK, "storing again is harmless");

    let got = app.get(&uri, Some(&token)).await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.body, photo);
    assert_eq!(got.header("content-type"), "image/png");
    assert!(got.header("cache-control").contains("immutable"));
    let etag = got.header("etag").to_owned();
    let mut again = request(Method::GET, &uri, Some(&token), Body::empty());
    again
        .headers_mut()
        .insert(header::IF_NONE_MATCH, etag.parse().unwrap());
    assert_eq!(app.call(again).await.status, StatusCode::NOT_MODIFIED);

    // No content type: stored as JPEG. Upper-case hashes name the same blob.
    let jpeg = b"\xff\xd8\xff\xe0 not really a jpeg".to_vec();
    let uri = format!("/api/blobs/{}", sha(&jpeg).to_uppercase());
    assert_eq!(
        app.call(put(&uri, Some(&token), jpeg.clone(), None))
            .await
            .status,
        StatusCode::CREATED
    );
    let got = app
        .get(&format!("/api/blobs/{}", sha(&jpeg)), Some(&token))
        .await;
    assert_eq!(
        (got.header("content-type"), got.body.clone()),
        ("image/jpeg", jpeg)
    );

    // Exactly 2 MiB is accepted.
    let max = vec![7u8; 2 * 1024 * 1024];
    let r = app
        .call(put(
            &format!("/api/blobs/{}", sha(&max)),
            Some(&token),
            max,
            Some("image/jpeg"),
        ))
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
}

async fn anonymous_and_expired_callers_get_401<S: Store>(app: TestApp<S>) {
    let token = app.staff_token().await;
    let photo = b"photo".to_vec();
    let uri = format!("/api/blobs/{}", sha(&photo));
    app.call(put(&uri, None, photo.clone(), None))
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "unauthorized");
    assert_eq!(
        app.call(put(&uri, Some(&token), photo.clone(), None))
            .await
            .status,
        StatusCode::CREATED
    );
    app.get(&uri, None)
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "unauthorized");
    app.call(request(
        Method::POST,
        "/api/auth/logout",
        Some(&token),
        Body::empty(),
    ))
    .await;
    app.get(&uri, Some(&token))
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "unauthorized");
    app.call(put(&uri, Some(&token), photo, None))
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "unauthorized");
}

async fn bad_uploads_are_refused<S: Store>(app: TestApp<S>) {
    let token = app.staff_token().await;
    let photo = b"photo bytes".to_vec();
    let wrong = format!("/api/blobs/{}", sha(b"other bytes"));
    app.call(put(&wrong, Some(&token), photo.clone(), None))
        .await
        .assert_error(StatusCode::BAD_REQUEST, "bad_request");
    app.get(&wrong, Some(&token))
        .await
        .assert_error(StatusCode::NOT_FOUND, "not_found");
    for bad in [
        "/api/blobs/abc",
        "/api/blobs/zz",
        &format!("/api/blobs/{}", "g".repeat(64)),
    ] {
        app.call(put(bad, Some(&token), photo.clone(), None))
            .await
            .assert_error(StatusCode::BAD_REQUEST, "bad_request");
        app.get(bad, Some(&token))
            .await
            .assert_error(StatusCode::BAD_REQUEST, "bad_request");
    }
    let uri = format!("/api/blobs/{}", sha(&photo));
    app.call(put(&uri, Some(&token), photo.clone(), Some("text/html")))
        .await
        .assert_error(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type");
    let big = vec![1u8; 2 * 1024 * 1024 + 1];
    let uri = format!("/api/blobs/{}", sha(&big));
    app.call(put(&uri, Some(&token), big, None))
        .await
        .assert_error(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large");
    app.get(&uri, Some(&token))
        .await
        .assert_error(StatusCode::NOT_FOUND, "not_found");
}
