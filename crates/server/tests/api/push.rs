//! Push stories: applied, duplicate, merges with and without conflict, deletes and tombstones, rejections; on both backends.

use axum::http::StatusCode;
use domain::collection::Collection;
use serde_json::{json, Value};
use tongji_server::store::Store;

use crate::fixtures::{delete, mutation, new_id, upsert, valid};
use crate::harness::TestApp;

crate::on_both_backends!(
    create_is_applied_and_pulled,
    a_retried_mutation_is_a_duplicate_and_changes_nothing,
    a_stale_edit_of_other_fields_merges_cleanly,
    a_stale_edit_of_the_same_field_is_a_conflict,
    deletes_tombstones_and_resurrection,
    invalid_and_oversized_records_are_rejected,
    sql_metacharacters_are_stored_verbatim,
);

fn visit(notes: &str, purpose: &str) -> Value {
    let mut v = valid(Collection::Visits);
    v["notes"] = json!(notes);
    v["purpose"] = json!(purpose);
    v
}

async fn create_is_applied_and_pulled<S: Store>(app: TestApp<S>) {
    let token = app.staff_token().await;
    let id = new_id();
    let m = upsert(Collection::Visits, &id, 0, visit("初访", "政策宣讲"));
    let r = app.push_one(Some(&token), m.clone()).await;
    assert_eq!(r["status"], "applied", "{r}");
    assert_eq!(r["rev"], 1);
    assert_eq!(r["mutation_id"], m["mutation_id"]);
    assert!(r["error"].is_null() && r["merged"].is_null(), "{r}");

    let changes = app.pull_all(Some(&token)).await;
    assert_eq!(changes.len(), 1);
    let c = &changes[0];
    assert_eq!(c["collection"], "visits");
    assert_eq!(c["id"], id);
    assert_eq!(c["rev"], 1);
    assert_eq!(c["deleted"], false);
    assert_eq!(c["updated_at"], "2026-11-26T10:00:00.000Z");
    assert_eq!(c["data"], visit("初访", "政策宣讲"));
    assert!(c["seq"].as_u64().is_some_and(|s| s > 0));
}

async fn a_retried_mutation_is_a_duplicate_and_changes_nothing<S: Store>(app: TestApp<S>) {
    let token = app.staff_token().await;
    let id = new_id();
    let m = upsert(Collection::Visits, &id, 0, visit("a", ""));
    assert_eq!(
        app.push_one(Some(&token), m.clone()).await["status"],
        "applied"
    );
    let before = app.pull_all(Some(&token)).await;

    // Retried alone, and twice inside one push.
    let again = app.push_one(Some(&token), m.clone()).await;
    assert_eq!(
        (again["status"].as_str(), again["rev"].as_u64()),
        (Some("duplicate"), Some(1)),
        "{again}"
    );
    let twice = app.push(Some(&token), &[m.clone(), m.clone()]).await;
    assert!(twice
        .iter()
        .all(|r| r["status"] == "duplicate" && r["rev"] == 1));

    // A later edit, then the old create retried: still a duplicate of rev 1.
    let edit = upsert(Collection::Visits, &id, 1, visit("b", ""));
    assert_eq!(app.push_one(Some(&token), edit.clone()).await["rev"], 2);
    assert_eq!(app.push_one(Some(&token), m).await["rev"], 1);
    assert_eq!(
        app.push_one(Some(&token), edit).await["status"],
        "duplicate"
    );

    let after = app.pull_all(Some(&token)).await;
    assert_eq!(after.len(), 1);
    assert_eq!(after[0]["rev"], 2);
    assert_eq!(after[0]["data"]["notes"], "b");
    assert!(after[0]["seq"].as_u64() > before[0]["seq"].as_u64());
}

async fn a_stale_edit_of_other_fields_merges_cleanly<S: Store>(app: TestApp<S>) {
    let token = app.staff_token().await;
    let id = new_id();
    app.push_one(
        Some(&token),
        upsert(Collection::Visits, &id, 0, visit("原始", "原始")),
    )
    .await;
    // Device A edits notes (rev 1 -> 2); device B, still on rev 1, edits purpose.
    let a = mutation(
        Collection::Visits,
        &id,
        1,
        "upsert",
        visit("A 的记录", "原始"),
        "2026-11-26T11:00:00.000Z",
    );
    assert_eq!(app.push_one(Some(&token), a).await["rev"], 2);
    let b = mutation(
        Collection::Visits,
        &id,
        1,
        "upsert",
        visit("原始", "B 的目的"),
        "2026-11-26T12:00:00.000Z",
    );
    let r = app.push_one(Some(&token), b).await;
    assert_eq!(r["status"], "applied", "{r}");
    assert_eq!(r["rev"], 3);
    let merged = &r["merged"];
    assert_eq!(merged["notes"], "A 的记录");
    assert_eq!(merged["purpose"], "B 的目的");
    assert!(merged.get("_conflicts").is_none(), "{merged}");

    let stored = app.pull_all(Some(&token)).await;
    assert_eq!(stored[0]["data"], *merged);
    assert_eq!(stored[0]["rev"], 3);
    assert_eq!(stored[0]["updated_at"], "2026-11-26T12:00:00.000Z");
}

async fn a_stale_edit_of_the_same_field_is_a_conflict<S: Store>(app: TestApp<S>) {
    let token = app.staff_token().await;
    let id = new_id();
    app.push_one(
        Some(&token),
        upsert(Collection::Visits, &id, 0, visit("原始", "")),
    )
    .await;
    let a = mutation(
        Collection::Visits,
        &id,
        1,
        "upsert",
        visit("A 写的", ""),
        "2026-11-26T12:00:00.000Z",
    );
    app.push_one(Some(&token), a).await;
    // B is older and based on rev 1: A's newer value is kept, B's is the conflict.
    let b = mutation(
        Collection::Visits,
        &id,
        1,
        "upsert",
        visit("B 写的", ""),
        "2026-11-26T11:00:00.000Z",
    );
    let r = app.push_one(Some(&token), b).await;
    assert_eq!(r["status"], "conflict", "{r}");
    assert_eq!(r["rev"], 3);
    let merged = &r["merged"];
    assert_eq!(merged["notes"], "A 写的");
    let conflicts = merged["_conflicts"]
        .as_array()
        .expect("conflicts kept in the record");
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0]["path"], "notes");
    assert_eq!(conflicts[0]["kept"], "A 写的");
    assert_eq!(conflicts[0]["other"], "B 写的");
    let stored = app.pull_all(Some(&token)).await;
    assert_eq!(
        stored[0]["data"], *merged,
        "the merged record with its conflicts is what others pull"
    );
    // A base revision the server never had (no history): merged without base, still not lost.
    let c = mutation(
        Collection::Visits,
        &id,
        99,
        "upsert",
        visit("C 写的", ""),
        "2026-11-26T13:00:00.000Z",
    );
    let r = app.push_one(Some(&token), c).await;
    assert_eq!(r["rev"], 4);
    assert_eq!(r["merged"]["notes"], "C 写的");
}

async fn deletes_tombstones_and_resurrection<S: Store>(app: TestApp<S>) {
    let token = app.staff_token().await;
    let id = new_id();
    app.push_one(
        Some(&token),
        upsert(Collection::Visits, &id, 0, visit("v1", "")),
    )
    .await;
    app.push_one(
        Some(&token),
        upsert(Collection::Visits, &id, 1, visit("v2", "")),
    )
    .await;

    // A delete based on rev 1: someone changed it since, so it is not deleted.
    let r = app
        .push_one(Some(&token), delete(Collection::Visits, &id, 1))
        .await;
    assert_eq!(r["status"], "conflict", "{r}");
    assert_eq!(r["rev"], 2);
    assert_eq!(r["merged"], visit("v2", ""));
    assert!(
        r["error"].as_str().is_some_and(|e| e.contains(" / ")),
        "{r}"
    );
    let c = app.pull_all(Some(&token)).await;
    assert_eq!(
        (c[0]["deleted"].as_bool(), c[0]["rev"].as_u64()),
        (Some(false), Some(2))
    );

    // Based on the current rev: deleted, a tombstone in the feed.
    let r = app
        .push_one(Some(&token), delete(Collection::Visits, &id, 2))
        .await;
    assert_eq!(
        (r["status"].as_str(), r["rev"].as_u64()),
        (Some("applied"), Some(3)),
        "{r}"
    );
    let c = app.pull_all(Some(&token)).await;
    assert_eq!(c.len(), 1);
    assert_eq!(c[0]["deleted"], true);
    assert!(c[0]["data"].is_null());
    assert_eq!(c[0]["rev"], 3);

    // Deleting again changes nothing.
    let r = app
        .push_one(Some(&token), delete(Collection::Visits, &id, 1))
        .await;
    assert_eq!(
        (r["status"].as_str(), r["rev"].as_u64()),
        (Some("applied"), Some(3))
    );

    // An offline edit of the deleted record wins over the delete.
    let r = app
        .push_one(
            Some(&token),
            upsert(Collection::Visits, &id, 2, visit("v3", "")),
        )
        .await;
    assert_eq!(
        (r["status"].as_str(), r["rev"].as_u64()),
        (Some("applied"), Some(4)),
        "{r}"
    );
    let c = app.pull_all(Some(&token)).await;
    assert_eq!(c[0]["deleted"], false);
    assert_eq!(c[0]["data"], visit("v3", ""));

    // Deleting a record the server never had leaves a tombstone.
    let ghost = new_id();
    let r = app
        .push_one(Some(&token), delete(Collection::Visits, &ghost, 0))
        .await;
    assert_eq!(
        (r["status"].as_str(), r["rev"].as_u64()),
        (Some("applied"), Some(1))
    );
    let c = app.pull_all(Some(&token)).await;
    let tomb = c
        .iter()
        .find(|c| c["id"] == ghost)
        .expect("tombstone in the feed");
    assert_eq!(
        (tomb["deleted"].as_bool(), tomb["data"].is_null()),
        (Some(true), true)
    );
}

async fn invalid_and_oversized_records_are_rejected<S: Store>(app: TestApp<S>) {
    let staff = app.staff_token().await;
    let mut bad = valid(Collection::Interests);
    bad["phone"] = json!("12345");
    bad["name"] = json!("");
    let r = app
        .push_one(
            Some(&staff),
            upsert(Collection::Interests, &new_id(), 0, bad),
        )
        .await;
    assert_eq!(r["status"], "rejected");
    let error = r["error"].as_str().expect("error message");
    assert!(
        error.contains("手机号") && error.contains("Mobile number"),
        "bilingual: {error}"
    );

    let mut unknown_field = valid(Collection::Visits);
    unknown_field["is_admin"] = json!(true);
    let r = app
        .push_one(
            Some(&staff),
            upsert(Collection::Visits, &new_id(), 0, unknown_field),
        )
        .await;
    assert_eq!(r["status"], "rejected");

    let r = app
        .push_one(
            Some(&staff),
            upsert(Collection::Visits, &new_id(), 0, Value::Null),
        )
        .await;
    assert_eq!(r["status"], "rejected");

    let mut huge = valid(Collection::Visits);
    huge["notes"] = json!("字".repeat(100_000)); // 300 KB of UTF-8 > RECORD_MAX_BYTES
    let r = app
        .push_one(Some(&staff), upsert(Collection::Visits, &new_id(), 0, huge))
        .await;
    assert_eq!(r["status"], "rejected");
    assert!(
        r["error"].as_str().is_some_and(|e| e.contains("too large")),
        "{r}"
    );

    // A rejected mutation is not remembered: fixed and retried under the same id, it applies.
    let id = new_id();
    let mut m = upsert(Collection::Visits, &id, 0, json!({"date": "2026-11-20"}));
    assert_eq!(
        app.push_one(Some(&staff), m.clone()).await["status"],
        "rejected"
    );
    m["data"] = valid(Collection::Visits);
    assert_eq!(app.push_one(Some(&staff), m).await["status"], "applied");
    assert_eq!(app.pull_all(Some(&staff)).await.len(), 1);
}

async fn sql_metacharacters_are_stored_verbatim<S: Store>(app: TestApp<S>) {
    let staff = app.staff_token().await;
    let nasty = [
        "'; DROP TABLE records; --",
        "\"quoted\" and 'single' quotes",
        "back\\slash \\\\ and \\' escape",
        "100%_ match %_ like",
        "null\u{0}byte and emoji 🧵 and 通济",
        "$1 ? :name @p",
    ];
    let mut ids = Vec::new();
    for text in nasty {
        let mut data = valid(Collection::Visits);
        data["notes"] = json!(text);
        data["staff"] = json!(text.replace('\0', ""));
        let id = new_id();
        let r = app
            .push_one(Some(&staff), upsert(Collection::Visits, &id, 0, data))
            .await;
        assert_eq!(r["status"], "applied", "{text}: {r}");
        ids.push(id);
    }
    let feed = app.pull_all(Some(&staff)).await;
    assert_eq!(feed.len(), nasty.len(), "the records table is still there");
    for (id, text) in ids.iter().zip(nasty) {
        let c = feed.iter().find(|c| c["id"] == *id).expect("stored");
        assert_eq!(c["data"]["notes"], text);
    }
    // As a username too: an ordinary wrong-credentials answer.
    let r = app.login("'; DROP TABLE users; --", "x' OR '1'='1").await;
    r.assert_error(StatusCode::UNAUTHORIZED, "unauthorized");
    let r = app.login("admin\u{0}", "whatever1").await;
    r.assert_error(StatusCode::UNAUTHORIZED, "unauthorized");
    assert_eq!(app.store.get_user_count().await.unwrap(), 1);
}
