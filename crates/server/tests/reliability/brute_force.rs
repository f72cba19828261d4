//! Case a3: password guessing is rate-limited per username and per client
//! address, across server instances sharing the database, and under
//! concurrent attempts; a locked account cannot be entered even with the
//! right password, and a 429 never carries a token.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use domain::collection::Role;
use futures_like::join_all;
use serde_json::json;
use tongji_server::dist::Dist;
use tongji_server::state::AppState;
use tongji_server::store::Store;

use crate::harness::{from_ip, json_request, test_config, TestApp, TestResponse};
use crate::support::{assert_status, Db, Outcome};

crate::cases!(case_a3_login_brute_force_is_rate_limited);

/// `join_all` without the futures crate: spawn and await in order.
mod futures_like {
    pub async fn join_all<F>(futures: Vec<F>) -> Vec<F::Output>
    where
        F: std::future::Future + Send + 'static,
        F::Output: Send + 'static,
    {
        let handles: Vec<_> = futures.into_iter().map(tokio::spawn).collect();
        let mut out = Vec::new();
        for h in handles {
            out.push(h.await.expect("task"));
        }
        out
    }
}

fn attempt(username: &str, password: &str, ip: &str) -> Request<Body> {
    from_ip(
        json_request(
            Method::POST,
            "/api/auth/login",
            None,
            &json!({"username": username, "password": password}),
        ),
        ip,
    )
}

fn locked(r: &TestResponse, what: &str) {
    assert_status(r, StatusCode::TOO_MANY_REQUESTS, what);
    assert_eq!(r.header("retry-after"), "900", "{what}");
    assert!(!r.text().contains("token"), "{what}: {}", r.text());
}

async fn case_a3_login_brute_force_is_rate_limited<S: Store>(app: TestApp<S>, db: Db) -> Outcome {
    // A second instance on the same database shares the counts.
    let second = tongji_server::app(AppState::new(
        app.store.clone(),
        Dist::new(app.dist.path()),
        test_config(),
    ));
    let call_second = |req: Request<Body>| {
        let router = second.clone();
        async move {
            use http_body_util::BodyExt;
            use tower::ServiceExt;
            let response = router.oneshot(req).await.expect("router");
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
    };
    for name in ["sun", "zhou", "wu"] {
        app.add_user(name, Role::Staff, "correct-horse").await;
    }

    // Per username: five wrong guesses from five addresses, alternating instances.
    for i in 0..5 {
        let req = attempt("sun", &format!("guess-{i}"), &format!("10.0.0.{i}"));
        let r = if i % 2 == 0 {
            app.call(req).await
        } else {
            call_second(req).await
        };
        assert_status(&r, StatusCode::UNAUTHORIZED, &format!("guess {i}"));
    }
    locked(
        &app.call(attempt("sun", "correct-horse", "10.9.9.9")).await,
        "6th attempt, right password",
    );
    locked(
        &call_second(attempt("sun", "correct-horse", "10.9.9.8")).await,
        "on the other instance",
    );
    // Others are not locked out by it.
    assert_eq!(
        app.call(attempt("zhou", "correct-horse", "10.9.9.9"))
            .await
            .status,
        StatusCode::OK
    );

    // Per address: five usernames guessed from one address, then a real user from it.
    for i in 0..5 {
        let r = app
            .call(attempt(&format!("guess{i}"), "x", "192.0.2.7"))
            .await;
        assert_status(&r, StatusCode::UNAUTHORIZED, &format!("address guess {i}"));
    }
    locked(
        &app.call(attempt("wu", "correct-horse", "192.0.2.7")).await,
        "6th from one address",
    );
    locked(
        &call_second(attempt("wu", "correct-horse", "192.0.2.7")).await,
        "6th from one address, other instance",
    );
    assert_eq!(
        app.call(attempt("wu", "correct-horse", "192.0.2.8"))
            .await
            .status,
        StatusCode::OK
    );

    // Thirty guesses at once from thirty addresses: at most five are judged.
    app.add_user("zheng", Role::Staff, "correct-horse").await;
    let burst: Vec<_> = (0..30)
        .map(|i| {
            let (router, req) = (
                if i % 2 == 0 {
                    app.router.clone()
                } else {
                    second.clone()
                },
                attempt("zheng", &format!("burst-{i}"), &format!("172.16.0.{i}")),
            );
            async move {
                use tower::ServiceExt;
                router.oneshot(req).await.expect("router").status()
            }
        })
        .collect();
    let statuses = join_all(burst).await;
    let judged = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!(judged + refused, 30, "{statuses:?}");
    assert!(judged <= 5, "{judged} concurrent guesses were checked");
    // Guessing on one at a time: the burst's checked guesses count, five in all.
    let mut more = 0;
    loop {
        let r = app
            .call(attempt(
                "zheng",
                "one-more-guess",
                &format!("172.16.2.{more}"),
            ))
            .await;
        if r.status == StatusCode::TOO_MANY_REQUESTS {
            break;
        }
        assert_status(&r, StatusCode::UNAUTHORIZED, "guess after the burst");
        more += 1;
        assert!(judged + more <= 5, "{judged} + {more} guesses checked");
    }
    assert_eq!(
        judged + more,
        5,
        "exactly five guesses are checked per window"
    );
    locked(
        &app.call(attempt("zheng", "correct-horse", "172.16.1.1"))
            .await,
        "after the burst",
    );
    assert!(
        db.login_attempts().await > 0,
        "attempts are counted in the database"
    );
    Outcome::new(format!(
        "5 failures per username (any address) or per address (any username) → 429 + Retry-After, even with the right \
         password and on a second instance; a burst of 30 concurrent guesses: {judged} checked, {refused} refused"
    ))
    .figure("burst_checked", judged)
    .figure("burst_refused", refused)
}
