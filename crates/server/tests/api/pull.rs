//! Paging the changes feed; on both backends.

use domain::collection::Collection;
use serde_json::{json, Value};
use tongji_server::store::Store;

use crate::fixtures::{new_id, upsert, valid};
use crate::harness::TestApp;

crate::on_both_backends!(paging_follows_more_and_updates_move_to_the_end,);

async fn paging_follows_more_and_updates_move_to_the_end<S: Store>(app: TestApp<S>) {
    let admin = app.admin_token().await;
    let ids: Vec<String> = (0..25).map(|_| new_id()).collect();
    let batch: Vec<Value> = ids
        .iter()
        .map(|id| upsert(Collection::Employers, id, 0, valid(Collection::Employers)))
        .collect();
    assert!(app
        .push(Some(&admin), &batch)
        .await
        .iter()
        .all(|r| r["status"] == "applied"));

    let mut since = 0;
    let mut seen = Vec::new();
    let mut pages = 0;
    loop {
        let page = app.pull(None, since, Some(10)).await;
        let changes = page["changes"].as_array().unwrap();
        assert!(changes.len() <= 10);
        pages += 1;
        for c in changes {
            let seq = c["seq"].as_u64().unwrap();
            assert!(seq > since, "ascending and after since");
            since = seq;
            seen.push(c["id"].as_str().unwrap().to_owned());
        }
        assert_eq!(page["next"].as_u64().unwrap(), since);
        if page["more"] == false {
            break;
        }
        assert_eq!(changes.len(), 10, "a page before the last is full");
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, ids, "every record once, in write order");

    // A first page with more to come says where the feed ends (for the
    // client's progress bar); a last page does not need to.
    let first = app.get("/api/sync/pull?since=0&limit=10", None).await;
    let head: u64 = first.headers["x-sync-head"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(head, since, "the head is the newest sequence number");
    let last = app
        .get(
            &format!("/api/sync/pull?since={}&limit=10", since - 1),
            None,
        )
        .await;
    assert!(!last.headers.contains_key("x-sync-head"));

    // Nothing new: empty page, checkpoint unchanged.
    let page = app.pull(None, since, None).await;
    assert_eq!(page, json!({"changes": [], "next": since, "more": false}));

    // An update moves the record to the end of the feed; one row per record.
    let r = app
        .push_one(
            Some(&admin),
            upsert(
                Collection::Employers,
                &ids[3],
                1,
                valid(Collection::Employers),
            ),
        )
        .await;
    assert_eq!(r["rev"], 2);
    let page = app.pull(None, since, None).await;
    let changes = page["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0]["id"], ids[3]);
    assert_eq!(app.pull_all(None).await.len(), 25);

    // limit is clamped: 0 gives one change, 100000 at most 1000.
    assert_eq!(
        app.pull(None, 0, Some(0)).await["changes"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        app.pull(None, 0, Some(100_000)).await["changes"]
            .as_array()
            .unwrap()
            .len(),
        25
    );
}
