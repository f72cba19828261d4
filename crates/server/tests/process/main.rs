//! Process-level tests: the built `tongji-server` binary on loopback ports.
//!
//! - first start, `user add` and `--demo-staff` through the real CLI;
//! - `kill -9` in the middle of a 500-mutation push on SQLite, restart, retry:
//!   every mutation is applied exactly once;
//! - two instances on one PostgreSQL (when `TEST_DATABASE_URL` is set) with
//!   concurrent pushers and a concurrent puller paging with `since`: the
//!   puller ends up with every change.

mod server;

use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use server::{http, login, pull_all, pull_from, Server};

fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

fn visit_upsert(id: &str, base_rev: u64, notes: &str) -> Value {
    json!({
        "mutation_id": new_id(),
        "collection": "visits",
        "id": id,
        "base_rev": base_rev,
        "op": "upsert",
        "data": {"enterprise_id": "01936f3e-7a3c-7cc0-8000-000000000001", "date": "2026-11-20",
                 "staff": "王芳", "notes": notes},
        "updated_at": "2026-11-26T10:00:00.000Z",
    })
}

fn user_add(data: &str, username: &str, role: &str, password: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tongji-server"))
        .args([
            "user",
            "add",
            "--username",
            username,
            "--role",
            role,
            "--data",
            data,
        ])
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn user add");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(format!("{password}\n").as_bytes())
        .expect("write password");
    child.wait_with_output().expect("user add output")
}

#[test]
fn first_start_user_add_and_demo_staff_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let data = data.to_str().unwrap();
    let dist = dir.path().join("no-dist");
    let dist = dist.to_str().unwrap();

    let server = Server::start(&["--data", data, "--dist", dist]);
    let password = server
        .admin_password()
        .expect("first start prints the admin password");
    assert!(password.len() >= 16);
    let token = login(server.addr, "admin", &password);
    let health = http(server.addr, "GET", "/api/health", None, None).unwrap();
    assert_eq!(health.json()["status"], "ok");
    let root = http(server.addr, "GET", "/", None, None).unwrap();
    assert_eq!(root.status, 503, "no dist yet: the app is not built");
    // The seed was loaded on first start.
    assert!(!pull_all(server.addr, &token).is_empty());
    drop(server);

    let short = user_add(data, "wang", "staff", "short");
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("at least 8"));
    let created = user_add(data, "wang", "staff", "long-enough-pw");
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    assert!(String::from_utf8_lossy(&created.stdout).contains("Created"));
    let updated = user_add(data, "wang", "staff", "another-long-pw");
    assert!(String::from_utf8_lossy(&updated.stdout).contains("Updated"));

    let server = Server::start(&["--data", data, "--dist", dist, "--demo-staff"]);
    assert_eq!(
        server.admin_password(),
        None,
        "the admin password is printed only on the first start"
    );
    assert!(server
        .banner
        .iter()
        .any(|l| l.contains("WARNING") && l.contains("demo")));
    login(server.addr, "wang", "another-long-pw");
    let bad = http(
        server.addr,
        "POST",
        "/api/auth/login",
        None,
        Some(&json!({"username": "wang", "password": "long-enough-pw"})),
    )
    .unwrap();
    assert_eq!(bad.status, 401);
    let demo = login(server.addr, "demo", "tongji-demo");
    assert_eq!(
        http(server.addr, "GET", "/api/sync/pull", Some(&demo), None)
            .unwrap()
            .status,
        200
    );
    login(server.addr, "admin", &password);
}

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

    let mut server = Server::start(&args);
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
    // Kill as soon as some, but not all, of the push is committed.
    let started = Instant::now();
    loop {
        let (changes, _, _) = pull_from(addr, &token, since, 1000);
        if changes.len() >= 20 {
            assert!(
                changes.len() < 500,
                "the push finished before it could be interrupted"
            );
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the push never started"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    server.kill9();
    let outcome = pusher.join().unwrap();
    assert!(
        outcome.is_err() || outcome.as_ref().is_ok_and(|a| a.status != 200),
        "the client saw the push fail"
    );

    let server = Server::start(&args);
    let token = login(server.addr, "demo", "tongji-demo");
    let survived = pull_from(server.addr, &token, since, 1000).0;
    let committed = survived.len();
    assert!(
        committed > 0 && committed < 500,
        "{committed} committed before the kill"
    );
    // Committed mutations are the first ones, in order, each once.
    let survived_ids: Vec<&str> = survived.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(
        survived_ids,
        ids[..committed]
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
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
        let expected = if i < committed {
            "duplicate"
        } else {
            "applied"
        };
        assert_eq!(r["status"], expected, "mutation {i}: {r}");
        assert_eq!(r["rev"], 1, "mutation {i}: {r}");
    }
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

/// `url` with `search_path` set to `schema` for every connection.
fn with_schema(url: &str, schema: &str) -> String {
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}options=-c%20search_path%3D{schema}")
}

fn pg_url() -> Option<String> {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            let _ = writeln!(
                std::io::stderr(),
                "\n*** TEST_DATABASE_URL is not set: the two-instance PostgreSQL test is SKIPPED. ***\n"
            );
            None
        }
    }
}

#[test]
fn two_instances_on_postgres_never_lose_a_change() {
    let Some(url) = pg_url() else { return };
    let schema = format!("t_{}", uuid::Uuid::now_v7().simple());
    let psql = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    psql.block_on(async {
        let pool = sqlx::PgPool::connect(&url)
            .await
            .expect("connect TEST_DATABASE_URL");
        sqlx::query(&format!("CREATE SCHEMA {schema}"))
            .execute(&pool)
            .await
            .unwrap();
        pool.close().await;
    });
    let db = with_schema(&url, &schema);
    let dist = tempfile::tempdir().unwrap();
    let args = [
        "--database-url",
        db.as_str(),
        "--dist",
        dist.path().to_str().unwrap(),
        "--demo-staff",
    ];
    // Both start at once on the empty database: migrations, seeding and the
    // first admin must each happen once.
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| Server::start(&args));
        let b = s.spawn(|| Server::start(&args));
        (a.join().unwrap(), b.join().unwrap())
    });
    let admins = [&a, &b]
        .iter()
        .filter(|s| s.admin_password().is_some())
        .count();
    assert_eq!(admins, 1, "exactly one instance created the admin");
    let addrs = [a.addr, b.addr];
    let token = login(a.addr, "demo", "tongji-demo");
    // The session works on the other instance too.
    let seeded = pull_all(b.addr, &token);
    let seed_ids: HashSet<String> = seeded
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(seed_ids.len(), seeded.len(), "seeded once");

    let done = Arc::new(AtomicBool::new(false));
    let puller = {
        let (token, done) = (token.clone(), done.clone());
        std::thread::spawn(move || {
            let mut since = 0;
            let mut seen: BTreeMap<String, (u64, u64)> = BTreeMap::new();
            let mut pages = 0usize;
            loop {
                let finished = done.load(Ordering::SeqCst);
                let (changes, next, more) = pull_from(addrs[pages % 2], &token, since, 37);
                pages += 1;
                for c in &changes {
                    let seq = c["seq"].as_u64().unwrap();
                    assert!(seq > since, "feed goes forward");
                    since = seq;
                    seen.insert(
                        c["id"].as_str().unwrap().to_owned(),
                        (c["rev"].as_u64().unwrap(), seq),
                    );
                }
                assert_eq!(next, since);
                if finished && !more {
                    return (seen, pages);
                }
            }
        })
    };

    const PUSHERS: usize = 4;
    const BATCHES: usize = 20;
    let shared: Vec<String> = (0..5).map(|_| new_id()).collect();
    std::thread::scope(|s| {
        for p in 0..PUSHERS {
            let (token, shared) = (&token, &shared);
            s.spawn(move || {
                for batch in 0..BATCHES {
                    let mut mutations: Vec<Value> = (0..8)
                        .map(|i| visit_upsert(&new_id(), 0, &format!("p{p} b{batch} n{i}")))
                        .collect();
                    // Contended edits of shared records (stale bases merge on the server).
                    mutations.push(visit_upsert(
                        &shared[(p + batch) % shared.len()],
                        1,
                        &format!("p{p} b{batch}"),
                    ));
                    let answer = http(
                        addrs[(p + batch) % 2],
                        "POST",
                        "/api/sync/push",
                        Some(token),
                        Some(&json!({ "mutations": mutations })),
                    )
                    .expect("push");
                    assert_eq!(
                        answer.status,
                        200,
                        "{}",
                        String::from_utf8_lossy(&answer.body)
                    );
                    for r in answer.json()["results"].as_array().unwrap() {
                        assert!(r["status"] == "applied" || r["status"] == "conflict", "{r}");
                    }
                }
            });
        }
    });
    done.store(true, Ordering::SeqCst);
    let (seen, pages) = puller.join().unwrap();

    let final_feed = pull_all(a.addr, &token);
    let expected: BTreeMap<String, (u64, u64)> = final_feed
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_owned(),
                (c["rev"].as_u64().unwrap(), c["seq"].as_u64().unwrap()),
            )
        })
        .collect();
    assert_eq!(
        expected.len(),
        seeded.len() + PUSHERS * BATCHES * 8 + shared.len()
    );
    assert_eq!(seen.len(), expected.len(), "the puller saw every record");
    assert_eq!(seen, expected, "the puller ended with every latest version");
    assert!(
        pages > 10,
        "the puller really paged concurrently ({pages} pages)"
    );
    let shared_revs: u64 = shared.iter().map(|id| expected[id].0).sum();
    assert_eq!(
        shared_revs,
        (PUSHERS * BATCHES) as u64,
        "every shared edit got its own revision"
    );
}
