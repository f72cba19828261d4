//! The feed's in-memory tail against the database it caches; on both
//! backends, and across two server instances on PostgreSQL.

use std::time::{Duration, Instant};

use domain::collection::Collection;
use serde_json::Value;
use tongji_server::store::tail::FeedSource;
use tongji_server::store::{FeedChange, Store};

use crate::fixtures::{new_id, upsert, valid};
use crate::harness::{pg_app, TestApp};

crate::on_both_backends!(the_tail_answers_every_pull_exactly_like_the_database,);

/// What a page says, comparably.
fn summary(changes: &[FeedChange]) -> Vec<(u64, String, u64, Option<String>)> {
    changes
        .iter()
        .map(|c| {
            (
                c.seq,
                c.id.to_string(),
                c.rev,
                c.data.as_ref().map(|d| d.get().to_owned()),
            )
        })
        .collect()
}

/// Waits until the store's tail covers pulls after `since` (a PostgreSQL
/// instance trusts its tail once it listens for other instances' writes).
async fn until_covered<S: Store>(store: &S, since: u64) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        store
            .list_changes(since, 1, &Collection::ALL)
            .await
            .expect("pull");
        if store.feed_tail().covers(since) {
            return;
        }
        assert!(Instant::now() < deadline, "the tail never covered {since}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn the_tail_answers_every_pull_exactly_like_the_database<S: Store + FeedSource>(
    app: TestApp<S>,
) {
    let admin = app.admin_token().await;
    let employers: Vec<String> = (0..12).map(|_| new_id()).collect();
    let enterprises: Vec<String> = (0..4).map(|_| new_id()).collect();
    let created: Vec<Value> = employers
        .iter()
        .map(|id| upsert(Collection::Employers, id, 0, valid(Collection::Employers)))
        .chain(enterprises.iter().map(|id| {
            upsert(
                Collection::Enterprises,
                id,
                0,
                valid(Collection::Enterprises),
            )
        }))
        .collect();
    app.push(Some(&admin), &created).await;
    until_covered(&app.store, 0).await;

    // Written after the tail was filled: updates move records to the end.
    let mut renamed = valid(Collection::Employers);
    renamed["name"] = "青岛即发集团（改名）".into();
    let updates: Vec<Value> = [&employers[2], &employers[7]]
        .into_iter()
        .map(|id| upsert(Collection::Employers, id, 1, renamed.clone()))
        .chain([upsert(
            Collection::Enterprises,
            &enterprises[0],
            1,
            valid(Collection::Enterprises),
        )])
        .collect();
    let results = app.push(Some(&admin), &updates).await;
    assert!(
        results.iter().all(|r| r["status"] == "applied"),
        "{results:?}"
    );

    let head = app.store.query_head().await.unwrap();
    assert_eq!(head, 19, "16 creations and 3 updates");
    until_covered(&app.store, 0).await;
    let public = [Collection::Employers];
    for since in 0..=head + 1 {
        for collections in [&public[..], &Collection::ALL[..]] {
            for limit in [1, 4, 1_000] {
                let cached = app
                    .store
                    .list_changes(since, limit, collections)
                    .await
                    .unwrap();
                let stored = app
                    .store
                    .query_changes(since, limit, collections)
                    .await
                    .unwrap();
                assert_eq!(
                    summary(&cached),
                    summary(&stored),
                    "since {since} limit {limit}"
                );
            }
        }
    }
    let last = app.store.list_changes(head - 3, 10, &public).await.unwrap();
    let names: Vec<&str> = last
        .iter()
        .map(|c| c.data.as_ref().unwrap().get())
        .collect();
    assert_eq!(names.len(), 2);
    assert!(names.iter().all(|d| d.contains("改名")), "{names:?}");
}

#[tokio::test]
async fn an_instance_sees_what_another_instance_wrote() {
    let Some((app, schema)) = pg_app().await else {
        return;
    };
    let other = schema.connect_another().await;
    let admin = app.admin_token().await;
    add_employer(&app, &admin).await;
    until_covered(&other, 0).await;
    let head = other.query_head().await.unwrap();

    // Written through the first instance; the other learns of it from
    // PostgreSQL's announcement (at the latest from its once-a-second
    // re-read) and reads it on its next pull.
    let second = add_employer(&app, &admin).await;
    let seen = first_changes_after(&other, head).await;
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].id.to_string(), second);

    other.close().await;
    app.store.close().await;
    schema.drop_schema().await;
}

#[tokio::test]
async fn a_write_whose_announcement_was_lost_is_still_seen() {
    let Some((app, schema)) = pg_app().await else {
        return;
    };
    let admin = app.admin_token().await;
    add_employer(&app, &admin).await;
    // The push's own announcement arrives shortly after its answer; let it
    // be read first, so that only the lost one is left.
    until_covered(&app.store, 0).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    until_covered(&app.store, 0).await;
    let head = app.store.query_head().await.unwrap();

    // A row written without the announcement, as if the listening
    // connection had been dropped silently while another instance wrote it.
    let id = new_id();
    let raw = sqlx::PgPool::connect_with(schema.options()).await.unwrap();
    sqlx::query(
        "INSERT INTO records (collection, id, rev, seq, updated_at, deleted, data) \
         VALUES ('employers', $1, 1, $2, 0, false, $3)",
    )
    .bind(&id)
    .bind(i64::try_from(head + 1).unwrap())
    .bind(valid(Collection::Employers).to_string())
    .execute(&raw)
    .await
    .unwrap();
    raw.close().await;

    let seen = first_changes_after(&app.store, head).await;
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].id.to_string(), id);

    app.store.close().await;
    schema.drop_schema().await;
}

/// Creates an employer through the API; returns its id.
async fn add_employer<S: Store>(app: &TestApp<S>, token: &str) -> String {
    let id = new_id();
    let result = app
        .push_one(
            Some(token),
            upsert(Collection::Employers, &id, 0, valid(Collection::Employers)),
        )
        .await;
    assert_eq!(result["status"], "applied", "{result}");
    id
}

/// Pulls after `since` until something comes (at most 10 s).
async fn first_changes_after<S: Store>(store: &S, since: u64) -> Vec<FeedChange> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let page = store
            .list_changes(since, 10, &Collection::ALL)
            .await
            .unwrap();
        if !page.is_empty() {
            return page;
        }
        assert!(Instant::now() < deadline, "the write was never seen");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
