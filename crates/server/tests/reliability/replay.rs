//! Case f5: an hour-old push body replayed after newer edits is answered
//! `duplicate` for every mutation and changes nothing.

use axum::http::StatusCode;
use domain::collection::Collection;
use serde_json::{json, Value};
use tongji_server::store::Store;

use crate::fixtures::{mutation, new_id, valid};
use crate::harness::TestApp;
use crate::support::{assert_unchanged, Db, Outcome};

crate::cases!(case_f5_replayed_old_push_is_duplicate_and_changes_nothing);

const HOUR_AGO: &str = "2026-11-26T09:00:00.000Z";
const NOW: &str = "2026-11-26T10:00:00.000Z";

fn visit(notes: &str) -> Value {
    let mut v = valid(Collection::Visits);
    v["notes"] = json!(notes);
    v
}

async fn case_f5_replayed_old_push_is_duplicate_and_changes_nothing<S: Store>(
    app: TestApp<S>,
    db: Db,
) -> Outcome {
    let token = app.staff_token().await;
    let (edited, deleted, untouched) = (new_id(), new_id(), new_id());
    // The old body: three creates and an anonymous-style interest, an hour ago.
    let old_body = json!({ "mutations": [
        mutation(Collection::Visits, &edited, 0, "upsert", visit("第一次走访"), HOUR_AGO),
        mutation(Collection::Visits, &deleted, 0, "upsert", visit("将被删除"), HOUR_AGO),
        mutation(Collection::Visits, &untouched, 0, "upsert", visit("未再修改"), HOUR_AGO),
        mutation(Collection::Interests, &new_id(), 0, "upsert", valid(Collection::Interests), HOUR_AGO),
    ]});
    let first = app
        .post_json("/api/sync/push", Some(&token), &old_body)
        .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text());
    let first_results = first.json()["results"].clone();
    for r in first_results.as_array().unwrap() {
        assert_eq!(
            (&r["status"], &r["rev"]),
            (&json!("applied"), &json!(1)),
            "{r}"
        );
    }

    // Newer work: two edits of one record, a delete of another.
    for (base, notes) in [(1, "第二次修改"), (2, "第三次修改")] {
        let r = app
            .push_one(
                Some(&token),
                mutation(
                    Collection::Visits,
                    &edited,
                    base,
                    "upsert",
                    visit(notes),
                    NOW,
                ),
            )
            .await;
        assert_eq!(r["status"], "applied", "{r}");
    }
    let r = app
        .push_one(
            Some(&token),
            mutation(Collection::Visits, &deleted, 1, "delete", Value::Null, NOW),
        )
        .await;
    assert_eq!(r["status"], "applied", "{r}");

    // The replay: by the same staff, by another session, and anonymously.
    let feed_before = app.pull_all(Some(&token)).await;
    let other = app.admin_token().await;
    let before = db.snapshot().await;
    let mut replays = 0;
    for who in [Some(token.as_str()), Some(other.as_str()), None] {
        let again = app.post_json("/api/sync/push", who, &old_body).await;
        assert_eq!(again.status, StatusCode::OK, "{}", again.text());
        let results = again.json()["results"].clone();
        for (old, new) in first_results
            .as_array()
            .unwrap()
            .iter()
            .zip(results.as_array().unwrap())
        {
            assert_eq!(new["status"], "duplicate", "replay by {who:?}: {new}");
            assert_eq!(new["mutation_id"], old["mutation_id"]);
            assert_eq!(new["rev"], old["rev"], "the revision it produced then");
            assert!(new["merged"].is_null() && new["error"].is_null(), "{new}");
        }
        replays += 1;
        assert_unchanged(&before, &db.snapshot().await, "replayed old push");
    }
    // Replayed inside a new push, next to a fresh mutation: the old ones stay
    // duplicates, the new one applies.
    let mut mixed = old_body["mutations"].as_array().unwrap().clone();
    let fresh = new_id();
    mixed.push(mutation(
        Collection::Visits,
        &fresh,
        0,
        "upsert",
        visit("新的"),
        NOW,
    ));
    let results = app.push(Some(&token), &mixed).await;
    assert!(results[..4].iter().all(|r| r["status"] == "duplicate"));
    assert_eq!(results[4]["status"], "applied");

    let feed_after = app.pull_all(Some(&token)).await;
    assert_eq!(feed_after.len(), feed_before.len() + 1);
    assert_eq!(&feed_after[..feed_before.len()], &feed_before[..]);
    let find = |id: &str| {
        feed_after
            .iter()
            .find(|c| c["id"] == id)
            .cloned()
            .expect("record in feed")
    };
    assert_eq!(find(&edited)["rev"], 3);
    assert_eq!(find(&edited)["data"]["notes"], "第三次修改");
    assert_eq!(find(&deleted)["deleted"], true);
    assert_eq!(find(&untouched)["rev"], 1);
    Outcome::new(format!(
        "a 4-mutation body replayed {replays} times (same staff, another session, anonymous) after 3 newer edits: \
         every mutation `duplicate` with its original rev, database snapshot identical"
    ))
    .figure("replays", replays)
}
