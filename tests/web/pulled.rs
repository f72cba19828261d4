//! Records a pull stores straight from their JSON text (a first sync) are
//! stored exactly as those it parses and merges.

use super::store::fresh;
use domain::collection::Collection;
use domain::ids::RecordId;
use serde_json::{json, Value};
use tongji_app::store::{replica, schema};
use wasm_bindgen_test::*;

fn change(collection: Collection, id: RecordId, seq: u64, text: &str) -> replica::PulledChange {
    domain::sync::Change {
        collection,
        id,
        rev: seq + 2,
        seq,
        updated_at: domain::time::Timestamp::from_millis(1_700_000_000_000 + seq as i64),
        deleted: text == "null",
        data: serde_json::value::RawValue::from_string(text.to_owned()).unwrap(),
    }
}

/// Every object of the stores a page writes, as JSON with the data and base
/// texts parsed (a record stored from its pulled text keeps the server's
/// field order, one parsed and written again has serde_json's).
async fn stored_objects() -> Vec<Value> {
    let names = ["employers", "positions", schema::CONFLICTS, schema::META];
    let db = rexie::Rexie::builder(schema::DB_NAME)
        .build()
        .await
        .unwrap();
    let tx = db
        .transaction(&names, rexie::TransactionMode::ReadOnly)
        .unwrap();
    let mut out = Vec::new();
    for name in names {
        for row in tx.store(name).unwrap().get_all(None, None).await.unwrap() {
            let text = js_sys::JSON::stringify(&row).unwrap().as_string().unwrap();
            let mut object: Value = serde_json::from_str(&text).unwrap();
            for field in ["data", "base", "conflicts"] {
                if let Some(Value::String(inner)) = object.get(field) {
                    if !inner.is_empty() {
                        object[field] = serde_json::from_str(inner).unwrap();
                    }
                }
            }
            out.push(json!([name, object]));
        }
    }
    drop(tx);
    db.close();
    out
}

#[wasm_bindgen_test]
async fn records_stored_from_their_pulled_text_equal_records_parsed_first() {
    let (fair_a, fair_b, employer) = (
        RecordId::generate(),
        RecordId::generate(),
        RecordId::generate(),
    );
    let position = |title: &str, more: &str| {
        format!(
            r#"{{"title":{},"employer_id":"{employer}","sector":"纺织服装","headcount":2,"salary_min":4000,"salary_max":6000,"education":"any","location":"小李村","sample":false{more}}}"#,
            serde_json::to_string(title).unwrap()
        )
    };
    let conflicts = json!([{"path": "title", "kept": "甲", "other": "乙",
        "kept_updated_at": "2026-11-01T08:00:00.000Z", "other_updated_at": "2026-11-01T09:00:00.000Z"}]);
    let texts = [
        // A list index (multi-entry), fields out of serde_json's order.
        (
            Collection::Employers,
            format!(
                r#"{{"sector":"纺织服装","name":"即发集团","fair_ids":["{fair_a}","{fair_b}"]}}"#
            ),
        ),
        // All three indexes, escapes and non-ASCII in the data.
        (
            Collection::Positions,
            position(
                "缝纫工 \"夜班\" \\ \u{1F600}",
                &format!(r#","fair_id":"{fair_a}","posted_on":"2026-11-02""#),
            ),
        ),
        // An index field missing.
        (
            Collection::Positions,
            position("质检员", r#","posted_on":"2026-11-03""#),
        ),
        // Conflicts in the data.
        (
            Collection::Positions,
            position(
                "甲",
                &format!(r#","posted_on":"2026-11-04","_conflicts":{conflicts}"#),
            ),
        ),
        // A repeated field: the last one counts.
        (
            Collection::Positions,
            position(
                "重复",
                r#","posted_on":"2026-11-05","posted_on":"2026-11-06""#,
            ),
        ),
        // A field name written with an escape.
        (
            Collection::Positions,
            position("转义", r#","posted\u005fon":"2026-11-07""#),
        ),
        // A tombstone of a record this device never had.
        (Collection::Positions, "null".to_owned()),
    ];
    let page: Vec<replica::PulledChange> = texts
        .iter()
        .enumerate()
        .map(|(i, (c, text))| change(*c, RecordId::generate(), 1 + i as u64, text))
        .collect();
    let next = page.len() as u64;

    // Parsed first: no snapshot of the records present, so each is read back
    // and merged.
    fresh().await;
    replica::apply_pull_page(&page, next).await.unwrap();
    let parsed = stored_objects().await;
    // As a first sync stores them: the snapshot says none is present.
    fresh().await;
    let present = replica::present().await.unwrap();
    let guard = replica::PageGuard {
        after: 0,
        token: None,
    };
    replica::apply_pull_page_after(&page, guard, next, Some(&present))
        .await
        .unwrap()
        .expect("the page follows checkpoint 0");
    let from_text = stored_objects().await;

    assert_eq!(from_text, parsed);
    let count = |store: &str| parsed.iter().filter(|o| o[0] == store).count();
    assert_eq!(
        (count("employers"), count("positions"), count("conflicts")),
        (1, 5, 1)
    );
    // The index keys are there: the multi-entry list, and the last of the
    // repeated fields.
    let objects = |store: &str| {
        parsed
            .iter()
            .filter(|o| o[0] == store)
            .map(|o| o[1].clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        objects("employers")[0]["ix_fair"],
        json!([fair_a.to_string(), fair_b.to_string()])
    );
    let posted: Vec<Value> = objects("positions")
        .iter()
        .filter_map(|o| o.get("ix_posted").cloned())
        .collect();
    assert!(posted.contains(&json!("2026-11-06")));
}
