//! `kill -9` during a push on SQLite, restart, retry: exactly once, and an
//! interrupted push leaves nothing half-applied.

use std::time::Duration;

use serde_json::{json, Value};

use crate::server::{http, login, pull_all, pull_from, Server};
use crate::{new_id, visit_upsert};

#[test]
fn kill_9_during_a_push_then_retry_applies_every_mutation_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let data = data.to_str().unwrap();
    let dist = dir.path().join("no-dist");
    let args = [
        "--data",
        data,
        "--dist",
        dist.to_str().unwrap(),
        "--demo-staff",
    ];

    // Each mutation waits 5 ms inside the push's transaction, so the push
    // takes about 2.5 s and the kill lands in the middle of it.
    let mut server = Server::start_with_env(&args, &[("TONGJI_FAULT_PUSH_PAUSE_MS", "5")]);
    let token = login(server.addr, "demo", "tongji-demo");
    let baseline = pull_all(server.addr, &token);
    let since = baseline.last().and_then(|c| c["seq"].as_u64()).unwrap_or(0);
    let ids: Vec<String> = (0..500).map(|_| new_id()).collect();
    let padding = "走访记录".repeat(200);
    let mutations: Vec<Value> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| visit_upsert(id, 0, &format!("{i} {padding}")))
        .collect();
    let body = json!({ "mutations": mutations });

    let addr = server.addr;
    let pusher = {
        let (token, body) = (token.clone(), body.clone());
        std::thread::spawn(move || http(addr, "POST", "/api/sync/push", Some(&token), Some(&body)))
    };
    std::thread::sleep(Duration::from_millis(800));
    server.kill9();
    let outcome = pusher.join().unwrap();
    assert!(
        outcome.is_err() || outcome.as_ref().is_ok_and(|a| a.status != 200),
        "the client saw the push fail"
    );

    let server = Server::start(&args);
    let token = login(server.addr, "demo", "tongji-demo");
    let survived = pull_from(server.addr, &token, since, 1000).0;
    // A push commits as one transaction: nothing of the interrupted push
    // is visible, not even the mutations it had already applied.
    assert_eq!(
        survived.len(),
        0,
        "an interrupted push leaves nothing half-applied"
    );

    let retry = http(
        server.addr,
        "POST",
        "/api/sync/push",
        Some(&token),
        Some(&body),
    )
    .unwrap();
    assert_eq!(retry.status, 200);
    let results = retry.json()["results"].as_array().unwrap().clone();
    assert_eq!(results.len(), 500);
    for (i, r) in results.iter().enumerate() {
        assert_eq!(r["status"], "applied", "mutation {i}: {r}");
        assert_eq!(r["rev"], 1, "mutation {i}: {r}");
    }
    // A retry of the retry (its answer lost) changes nothing.
    let again = http(
        server.addr,
        "POST",
        "/api/sync/push",
        Some(&token),
        Some(&body),
    )
    .unwrap();
    let again = again.json()["results"].as_array().unwrap().clone();
    assert!(again
        .iter()
        .all(|r| r["status"] == "duplicate" && r["rev"] == 1));
    let feed = pull_from(server.addr, &token, since, 1000).0;
    assert_eq!(feed.len(), 500);
    let feed_ids: Vec<&str> = feed.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(feed_ids, ids.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(feed.iter().all(|c| c["rev"] == 1 && c["deleted"] == false));
    for (i, c) in feed.iter().enumerate() {
        assert!(c["data"]["notes"]
            .as_str()
            .unwrap()
            .starts_with(&format!("{i} ")));
    }
    let seqs: Vec<u64> = feed.iter().map(|c| c["seq"].as_u64().unwrap()).collect();
    assert!(seqs.windows(2).all(|w| w[0] < w[1]));
}
