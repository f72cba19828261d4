//! Sign-in, sessions and the sign-in rate limit, on both backends.

use axum::body::Body;
use axum::http::{header, Method, StatusCode};
use domain::collection::Role;
use domain::time::Timestamp;
use serde_json::json;
use tongji_server::auth::token_hash;
use tongji_server::store::Store;

use crate::harness::{from_ip, json_request, request, TestApp};

crate::on_both_backends!(
    login_returns_a_session_and_logout_ends_it,
    wrong_credentials_are_401_alike_for_known_and_unknown_users,
    expired_unknown_and_malformed_tokens_are_401,
    the_sixth_attempt_per_username_is_429_even_with_the_right_password,
    the_sixth_attempt_per_address_is_429,
    a_successful_sign_in_clears_the_username_count,
    a_new_password_ends_old_sessions,
);

async fn login_returns_a_session_and_logout_ends_it<S: Store>(app: TestApp<S>) {
    app.add_user("wang", Role::Staff, "correct-horse").await;
    let r = app.login("wang", "correct-horse").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let body = r.json();
    let token = body["token"].as_str().unwrap().to_owned();
    assert_eq!(token.len(), 64, "256-bit token, hex");
    assert_eq!(body["user"]["name"], "wang");
    assert_eq!(body["user"]["role"], "staff");
    assert!(body["user"]["id"].as_str().is_some_and(|id| !id.is_empty()));
    let expires = Timestamp::parse(body["expires_at"].as_str().unwrap()).unwrap();
    let days = (expires.millis() - tongji_server::clock::now().millis()) / 86_400_000;
    assert!((29..=30).contains(&days), "{days} days");

    // The token works, and only its hash is stored.
    assert_eq!(
        app.get("/api/sync/pull", Some(&token)).await.status,
        StatusCode::OK
    );
    assert!(app
        .store
        .get_session(&token, tongji_server::clock::now())
        .await
        .is_err());
    assert!(app
        .store
        .get_session(&token_hash(&token), tongji_server::clock::now())
        .await
        .is_ok());

    let out = app
        .call(request(
            Method::POST,
            "/api/auth/logout",
            Some(&token),
            Body::empty(),
        ))
        .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    app.get("/api/sync/pull", Some(&token))
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "unauthorized");
    let again = app
        .call(request(
            Method::POST,
            "/api/auth/logout",
            Some(&token),
            Body::empty(),
        ))
        .await;
    again.assert_error(StatusCode::UNAUTHORIZED, "unauthorized");
}

async fn wrong_credentials_are_401_alike_for_known_and_unknown_users<S: Store>(app: TestApp<S>) {
    app.add_user("li", Role::Admin, "correct-horse").await;
    let known = app.login("li", "wrong-horse").await;
    let unknown = app.login("nobody", "wrong-horse").await;
    known.assert_error(StatusCode::UNAUTHORIZED, "unauthorized");
    assert_eq!(
        known.body, unknown.body,
        "the answer does not tell whether the user exists"
    );
    assert_eq!(known.header("www-authenticate"), "Bearer");
    // Missing fields and wrong types are 400, not 401.
    app.post_json("/api/auth/login", None, &json!({"username": "li"}))
        .await
        .assert_error(StatusCode::BAD_REQUEST, "bad_request");
    app.post_json(
        "/api/auth/login",
        None,
        &json!({"username": 1, "password": "x"}),
    )
    .await
    .assert_error(StatusCode::BAD_REQUEST, "bad_request");
    let r = app.login("li", "correct-horse").await;
    assert_eq!(r.json()["user"]["role"], "admin");
}

async fn expired_unknown_and_malformed_tokens_are_401<S: Store>(app: TestApp<S>) {
    app.add_user("zhao", Role::Staff, "correct-horse").await;
    let user = app.store.get_user("zhao").await.unwrap();
    let expired = "e".repeat(64);
    let past = Timestamp::from_millis(tongji_server::clock::now().millis() - 1000);
    app.store
        .put_session(&token_hash(&expired), &user.id, past)
        .await
        .unwrap();
    let blob = format!("/api/blobs/{}", "a".repeat(64));
    for token in [expired.as_str(), "unknown-token", "x"] {
        for uri in ["/api/sync/pull", "/api/sync/pull?since=0", blob.as_str()] {
            app.get(uri, Some(token))
                .await
                .assert_error(StatusCode::UNAUTHORIZED, "unauthorized");
        }
        let push = json_request(
            Method::POST,
            "/api/sync/push",
            Some(token),
            &json!({"mutations": []}),
        );
        app.call(push)
            .await
            .assert_error(StatusCode::UNAUTHORIZED, "unauthorized");
    }
    for value in ["Basic YWRtaW46YWRtaW4=", "Bearer", "Bearer ", "token"] {
        let mut req = request(Method::GET, "/api/sync/pull", None, Body::empty());
        req.headers_mut()
            .insert(header::AUTHORIZATION, value.parse().unwrap());
        app.call(req)
            .await
            .assert_error(StatusCode::UNAUTHORIZED, "unauthorized");
    }
    // No header at all: anonymous, fine.
    assert_eq!(app.get("/api/sync/pull", None).await.status, StatusCode::OK);
}

async fn the_sixth_attempt_per_username_is_429_even_with_the_right_password<S: Store>(
    app: TestApp<S>,
) {
    app.add_user("sun", Role::Staff, "correct-horse").await;
    for i in 0..5 {
        // From different addresses: only the username limit applies.
        let req = from_ip(login_request("sun", "wrong-horse"), &format!("10.0.0.{i}"));
        app.call(req)
            .await
            .assert_error(StatusCode::UNAUTHORIZED, "unauthorized");
    }
    let sixth = app
        .call(from_ip(login_request("sun", "correct-horse"), "10.0.1.1"))
        .await;
    sixth.assert_error(StatusCode::TOO_MANY_REQUESTS, "too_many_requests");
    assert!(!sixth.header("retry-after").is_empty());
    // Other users are not affected.
    app.add_user("qian", Role::Staff, "correct-horse").await;
    assert_eq!(
        app.call(from_ip(login_request("qian", "correct-horse"), "10.0.1.1"))
            .await
            .status,
        StatusCode::OK
    );
    // Once the window has passed (simulated by forgetting the attempts), sun may sign in.
    app.store.delete_login_attempts_for("sun").await.unwrap();
    assert_eq!(
        app.call(from_ip(login_request("sun", "correct-horse"), "10.0.1.1"))
            .await
            .status,
        StatusCode::OK
    );
}

async fn the_sixth_attempt_per_address_is_429<S: Store>(app: TestApp<S>) {
    app.add_user("zhou", Role::Staff, "correct-horse").await;
    for i in 0..5 {
        let req = from_ip(
            login_request(&format!("guess{i}"), "wrong-horse"),
            "192.0.2.7",
        );
        app.call(req)
            .await
            .assert_error(StatusCode::UNAUTHORIZED, "unauthorized");
    }
    let sixth = app
        .call(from_ip(login_request("zhou", "correct-horse"), "192.0.2.7"))
        .await;
    sixth.assert_error(StatusCode::TOO_MANY_REQUESTS, "too_many_requests");
    // The same account from another address is fine.
    assert_eq!(
        app.call(from_ip(login_request("zhou", "correct-horse"), "192.0.2.8"))
            .await
            .status,
        StatusCode::OK
    );
}

async fn a_successful_sign_in_clears_the_username_count<S: Store>(app: TestApp<S>) {
    app.add_user("wu", Role::Staff, "correct-horse").await;
    for round in 0..2 {
        for i in 0..4 {
            let req = from_ip(
                login_request("wu", "wrong-horse"),
                &format!("10.1.{round}.{i}"),
            );
            assert_eq!(app.call(req).await.status, StatusCode::UNAUTHORIZED);
        }
        let ok = app
            .call(from_ip(
                login_request("wu", "correct-horse"),
                &format!("10.1.{round}.9"),
            ))
            .await;
        assert_eq!(ok.status, StatusCode::OK, "round {round}: {}", ok.text());
    }
}

async fn a_new_password_ends_old_sessions<S: Store>(app: TestApp<S>) {
    app.add_user("zheng", Role::Staff, "first-password").await;
    let token = app.login("zheng", "first-password").await.json()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    app.add_user("zheng", Role::Staff, "second-password").await;
    app.get("/api/sync/pull", Some(&token))
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "unauthorized");
    app.login("zheng", "first-password")
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "unauthorized");
    assert_eq!(
        app.login("zheng", "second-password").await.status,
        StatusCode::OK
    );
}

fn login_request(username: &str, password: &str) -> axum::http::Request<Body> {
    json_request(
        Method::POST,
        "/api/auth/login",
        None,
        &json!({"username": username, "password": password}),
    )
}
