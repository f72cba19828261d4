//! Two server instances on one PostgreSQL, concurrent pushers and a paging
//! puller: the puller never misses a change.

use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use serde_json::{json, Value};

use crate::server::{http, login, pull_all, pull_from, Server};
use crate::{new_id, visit_upsert};

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
    // Passed: stop both instances and drop the schema (a failure leaves it for inspection).
    drop((a, b));
    psql.block_on(async {
        let pool = sqlx::PgPool::connect(&url)
            .await
            .expect("connect TEST_DATABASE_URL");
        sqlx::query(&format!("DROP SCHEMA {schema} CASCADE"))
            .execute(&pool)
            .await
            .expect("drop schema");
        pool.close().await;
    });
}
