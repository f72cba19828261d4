//! The local store against real IndexedDB: atomic writes, upgrades, pulled
//! pages with their checkpoint, merges into local edits, push results.

use domain::collection::Collection;
use domain::ids::{MutationId, RecordId};
use domain::records::{Enterprise, Interest};
use domain::replica::backoff_ms;
use domain::sync::{Change, MutationResult, Op, Status};
use domain::time::Timestamp;
use serde_json::json;
use tongji_app::store::{self, outbox, records, replica, schema, testing};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

pub(super) fn at(ms: i64) -> Timestamp {
    Timestamp::from_millis(ms)
}

pub(super) fn enterprise(name: &str) -> Enterprise {
    serde_json::from_value(json!({
        "name": name, "industry": "纺织服装", "community": "小李村", "enrolled": false
    }))
    .unwrap()
}

/// Starts from an empty, open database (opening runs the data migrations,
/// which must not take a fault a test injects for its own write).
pub(super) async fn fresh() {
    store::delete_database().await.expect("database deleted");
    replica::checkpoint().await.expect("database opens");
}

#[wasm_bindgen_test]
async fn a_write_puts_the_record_and_its_mutation_together_or_neither() {
    fresh().await;
    let id = RecordId::generate();
    records::save(id, &enterprise("即发集团"), at(1_000))
        .await
        .unwrap();
    let saved = records::get::<Enterprise>(id)
        .await
        .unwrap()
        .expect("record saved");
    assert!(saved.pending);
    let entries = outbox::all().await.unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(
        (
            entries[0].mutation.id,
            entries[0].mutation.op,
            entries[0].mutation.base_rev
        ),
        (id, Op::Upsert, 0)
    );
    assert_eq!(entries[0].mutation.data["name"], "即发集团");

    // A crash (here an injected abort) in the middle of a write leaves neither half.
    let other = RecordId::generate();
    testing::fail_next_commit();
    assert!(records::save(other, &enterprise("仁成海绵"), at(2_000))
        .await
        .is_err());
    assert!(records::get::<Enterprise>(other).await.unwrap().is_none());
    assert_eq!(outbox::all().await.unwrap().len(), 1);
}

#[wasm_bindgen_test]
async fn an_upgrade_from_the_previous_schema_keeps_every_record() {
    store::delete_database().await.expect("database deleted");
    // A device that last ran schema version 1 holds a record and a pending write.
    let v1 = schema::open_version(1).await.expect("v1 opens");
    let tx = v1
        .transaction(&["positions", "outbox"], rexie::TransactionMode::ReadWrite)
        .unwrap();
    let id = RecordId::generate();
    let data = json!({"employer_id": RecordId::generate(), "title": "平缝机工", "sector": "纺织服装",
        "headcount": 3, "salary_min": 4500, "salary_max": 6500, "education": "any",
        "location": "小李村", "posted_on": "2026-11-20", "sample": true});
    let row = js_sys::Object::new();
    let set = |k: &str, v: JsValue| js_sys::Reflect::set(&row, &k.into(), &v).unwrap();
    set("id", id.to_string().into());
    set("rev", 3.into());
    set("updated_at", 1000.into());
    set("deleted", 0.into());
    set("pending", 0.into());
    set("data", data.to_string().into());
    set("base", data.to_string().into());
    tx.store("positions")
        .unwrap()
        .put(&row.into(), None)
        .await
        .unwrap();
    let entry = js_sys::Object::new();
    let mutation = json!({"mutation_id": MutationId::generate(), "collection": "interests",
        "id": RecordId::generate(), "base_rev": 0, "op": "upsert",
        "data": {"position_id": id, "name": "张三", "phone": "13812345678", "message": "",
                 "created_at": "2026-11-26T10:00:00.000Z"},
        "updated_at": "2026-11-26T10:00:00.000Z"});
    for (k, v) in [
        ("collection", "interests"),
        ("record_id", "x"),
        ("scope", "staff"),
        ("state", "pending"),
    ] {
        js_sys::Reflect::set(&entry, &k.into(), &v.into()).unwrap();
    }
    js_sys::Reflect::set(&entry, &"mutation".into(), &mutation.to_string().into()).unwrap();
    tx.store("outbox")
        .unwrap()
        .add(&entry.into(), None)
        .await
        .unwrap();
    tx.done().await.unwrap();
    v1.close();

    // The app opens the current version: data kept, new index usable.
    let kept = records::get::<domain::records::Position>(id)
        .await
        .unwrap()
        .expect("record kept");
    assert_eq!((kept.rev, kept.data.title.as_str()), (3, "平缝机工"));
    let newest = records::newest::<domain::records::Position>("posted", 10)
        .await
        .unwrap();
    assert_eq!(
        newest.len(),
        1,
        "the index added in version 2 holds the old record"
    );
    let pending = outbox::all().await.unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].mutation.collection, Collection::Interests);
}

/// The guard of an anonymous pull's page that follows checkpoint `n`.
fn after(n: u64) -> replica::PageGuard<'static> {
    replica::PageGuard {
        after: n,
        token: None,
    }
}

fn change(id: RecordId, rev: u64, seq: u64, data: serde_json::Value) -> replica::PulledChange {
    pulled(Change {
        collection: Collection::Enterprises,
        id,
        rev,
        seq,
        updated_at: at(10_000 + seq as i64),
        deleted: data.is_null(),
        data,
    })
}

/// A change as a pull delivers it: its data as JSON text.
fn pulled(change: Change) -> replica::PulledChange {
    change
        .try_with_data(|data| serde_json::value::RawValue::from_string(data.to_string()))
        .unwrap()
}

#[wasm_bindgen_test]
async fn a_pulled_page_and_its_checkpoint_are_applied_together() {
    fresh().await;
    let (a, b) = (RecordId::generate(), RecordId::generate());
    let page = vec![
        change(a, 1, 5, serde_json::to_value(enterprise("甲")).unwrap()),
        change(b, 1, 6, serde_json::to_value(enterprise("乙")).unwrap()),
    ];
    testing::fail_next_commit();
    assert!(replica::apply_pull_page(&page, 6).await.is_err());
    assert_eq!(
        replica::checkpoint().await.unwrap(),
        0,
        "checkpoint not moved"
    );
    assert!(
        records::get::<Enterprise>(a).await.unwrap().is_none(),
        "no record half-applied"
    );

    assert_eq!(replica::apply_pull_page(&page, 6).await.unwrap(), 2);
    assert_eq!(replica::checkpoint().await.unwrap(), 6);
    let got = records::get::<Enterprise>(b).await.unwrap().unwrap();
    assert_eq!(
        (got.rev, got.pending, got.data.name.as_str()),
        (1, false, "乙")
    );

    // A tombstone removes a clean record.
    replica::apply_pull_page(&[change(a, 2, 7, serde_json::Value::Null)], 7)
        .await
        .unwrap();
    assert!(records::get::<Enterprise>(a).await.unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_pulled_change_merges_into_a_locally_edited_record() {
    fresh().await;
    let id = RecordId::generate();
    let original = enterprise("通济服饰");
    replica::apply_pull_page(
        &[change(id, 1, 1, serde_json::to_value(&original).unwrap())],
        1,
    )
    .await
    .unwrap();

    // A synced record's base is its data (stored once, read back whole).
    let synced = records::all_local_one(Collection::Enterprises, id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(synced.base.as_ref(), Some(&synced.data));

    // Edited offline here: the industry.
    let mut mine = original.clone();
    mine.industry = "针织服装".into();
    records::save(id, &mine, at(20_000)).await.unwrap();
    let edited = records::all_local_one(Collection::Enterprises, id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        edited.base,
        Some(serde_json::to_value(&original).unwrap()),
        "the base stays the server's copy"
    );
    assert_ne!(edited.base.as_ref(), Some(&edited.data));

    // Meanwhile someone changed the contact on the server.
    let mut theirs = original.clone();
    theirs.contact_name = "刘经理".into();
    replica::apply_pull_page(
        &[change(id, 2, 2, serde_json::to_value(&theirs).unwrap())],
        2,
    )
    .await
    .unwrap();

    let now = records::get::<Enterprise>(id).await.unwrap().unwrap();
    assert_eq!(now.data.industry, "针织服装", "local edit kept");
    assert_eq!(now.data.contact_name, "刘经理", "remote edit merged in");
    assert!(now.pending && now.conflicts.is_empty());
    assert_eq!(now.rev, 2);
    assert_eq!(
        outbox::all().await.unwrap().len(),
        1,
        "the local edit still waits to be pushed"
    );
}

/// A long pull reads back only the records present when it began (and those
/// its pages stored), and still merges every pulled change into local edits.
#[wasm_bindgen_test]
async fn a_pull_that_knows_the_present_records_still_merges_local_edits() {
    fresh().await;
    let (old, new, never) = (
        RecordId::generate(),
        RecordId::generate(),
        RecordId::generate(),
    );
    let original = enterprise("通济服饰");
    let value = |e: &Enterprise| serde_json::to_value(e).unwrap();
    replica::apply_pull_page(&[change(old, 1, 1, value(&original))], 1)
        .await
        .unwrap();
    let mut mine = original.clone();
    mine.industry = "针织服装".into();
    records::save(old, &mine, at(20_000)).await.unwrap();

    let present = replica::present().await.unwrap();
    let mut theirs = original.clone();
    theirs.contact_name = "刘经理".into();
    let page = [
        change(old, 2, 2, value(&theirs)),
        change(new, 1, 3, value(&enterprise("乙"))),
        change(never, 1, 4, serde_json::Value::Null),
    ];
    assert_eq!(
        replica::apply_pull_page_after(&page, after(1), 4, Some(&present))
            .await
            .unwrap(),
        Some(3)
    );
    let merged = records::get::<Enterprise>(old).await.unwrap().unwrap();
    assert_eq!(
        (
            merged.data.industry.as_str(),
            merged.data.contact_name.as_str(),
            merged.pending
        ),
        ("针织服装", "刘经理", true)
    );
    assert!(records::get::<Enterprise>(never).await.unwrap().is_none());

    // A record the first page stored is edited here, then changed again on
    // the server: the next page of the same pull merges, it does not overwrite.
    let mut second = records::get::<Enterprise>(new).await.unwrap().unwrap().data;
    second.industry = "电商".into();
    records::save(new, &second, at(30_000)).await.unwrap();
    let mut second_theirs = enterprise("乙");
    second_theirs.contact_name = "王主任".into();
    replica::apply_pull_page_after(
        &[change(new, 2, 5, value(&second_theirs))],
        after(4),
        5,
        Some(&present),
    )
    .await
    .unwrap();
    let got = records::get::<Enterprise>(new).await.unwrap().unwrap();
    assert_eq!(
        (
            got.data.industry.as_str(),
            got.data.contact_name.as_str(),
            got.rev
        ),
        ("电商", "王主任", 2)
    );
    assert_eq!(replica::checkpoint().await.unwrap(), 5);
    assert_eq!(
        outbox::all().await.unwrap().len(),
        2,
        "both edits still queued"
    );
}

/// Pages of one pull may start before the page before them has committed;
/// they still land in order, and a page whose predecessor failed is refused
/// instead of moving the checkpoint past changes never stored.
#[wasm_bindgen_test]
async fn pages_started_together_land_in_order_and_never_skip_a_failed_or_overtaken_one() {
    fresh().await;
    let present = replica::present().await.unwrap();
    let ids: Vec<RecordId> = (0..5).map(|_| RecordId::generate()).collect();
    let page = |i: usize| {
        [change(
            ids[i],
            1,
            i as u64 + 1,
            serde_json::to_value(enterprise(&format!("企业{i}"))).unwrap(),
        )]
    };
    let (p0, p1, p2, p3) = (page(0), page(1), page(2), page(3));
    let (a, b) = futures::join!(
        replica::apply_pull_page_after(&p0, after(0), 1, Some(&present)),
        replica::apply_pull_page_after(&p1, after(1), 2, Some(&present)),
    );
    assert_eq!((a.unwrap(), b.unwrap()), (Some(1), Some(1)));
    assert_eq!(replica::checkpoint().await.unwrap(), 2);

    testing::fail_next_commit();
    let (c, d) = futures::join!(
        replica::apply_pull_page_after(&p2, after(2), 3, Some(&present)),
        replica::apply_pull_page_after(&p3, after(3), 4, Some(&present)),
    );
    assert!(c.is_err(), "the injected fault");
    assert_eq!(
        d.unwrap(),
        None,
        "refused: the page before it was not stored"
    );
    assert_eq!(replica::checkpoint().await.unwrap(), 2, "nothing skipped");
    for id in &ids[2..4] {
        assert!(records::get::<Enterprise>(*id).await.unwrap().is_none());
    }

    // The next run starts again from the checkpoint.
    replica::apply_pull_page_after(&p2, after(2), 3, Some(&present))
        .await
        .unwrap();
    replica::apply_pull_page_after(&p3, after(3), 4, Some(&present))
        .await
        .unwrap();
    assert_eq!(replica::checkpoint().await.unwrap(), 4);
    let names: Vec<String> = records::list::<Enterprise>()
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.data.name)
        .collect();
    assert_eq!(names.len(), 4);
    assert!(!names.contains(&"企业4".to_string()));

    // A login overtakes an anonymous pull: it stores a session and resets the
    // checkpoint so the staff records are pulled from the start. No page of
    // the anonymous pull may land now, not even one that follows checkpoint 0.
    store::meta::start_session(&json!({ "token": "staff-token" }))
        .await
        .unwrap();
    let p4 = page(4);
    assert_eq!(
        replica::apply_pull_page_after(&p4, after(0), 5, Some(&present))
            .await
            .unwrap(),
        None
    );
    assert_eq!(replica::checkpoint().await.unwrap(), 0);
    assert!(records::get::<Enterprise>(ids[4]).await.unwrap().is_none());
    // The staff pull the login asked for lands.
    let staff = replica::PageGuard {
        after: 0,
        token: Some("staff-token"),
    };
    assert_eq!(
        replica::apply_pull_page_after(&p4, staff, 5, Some(&present))
            .await
            .unwrap(),
        Some(1)
    );
    assert_eq!(replica::checkpoint().await.unwrap(), 5);

    // Logout wipes staff data and forgets the session at once: a staff page
    // still in flight is refused, even one that follows checkpoint 0.
    records::wipe_staff_data(true).await.unwrap();
    assert_eq!(replica::checkpoint().await.unwrap(), 0);
    assert!(store::meta::get::<serde_json::Value>(store::meta::SESSION)
        .await
        .unwrap()
        .is_none());
    assert_eq!(
        replica::apply_pull_page_after(&p4, staff, 5, Some(&present))
            .await
            .unwrap(),
        None
    );
    assert!(records::get::<Enterprise>(ids[4]).await.unwrap().is_none());
}

#[wasm_bindgen_test]
async fn push_results_settle_the_outbox_and_rejections_need_attention() {
    fresh().await;
    let (good, bad) = (RecordId::generate(), RecordId::generate());
    let interest = |name: &str| -> Interest {
        serde_json::from_value(json!({"position_id": RecordId::generate(), "name": name,
            "phone": "13912345678", "created_at": "2026-11-26T10:00:00.000Z"}))
        .unwrap()
    };
    let later = RecordId::generate();
    records::save(good, &interest("王芳"), at(1)).await.unwrap();
    records::save(bad, &interest("李强"), at(2)).await.unwrap();
    records::save(later, &interest("张伟"), at(3))
        .await
        .unwrap();
    let batch = outbox::pending_batch(500, None, |_| true).await.unwrap();
    assert_eq!(batch.len(), 3);
    let results = vec![
        MutationResult {
            mutation_id: batch[0].1.mutation_id,
            status: Status::Applied,
            rev: Some(1),
            error: None,
            merged: None,
        },
        MutationResult {
            mutation_id: batch[1].1.mutation_id,
            status: Status::Rejected,
            rev: None,
            error: Some("手机号：请填写 11 位手机号码 / phone".into()),
            merged: None,
        },
        MutationResult {
            mutation_id: batch[2].1.mutation_id,
            status: Status::Applied,
            rev: Some(1),
            error: None,
            merged: None,
        },
    ];
    let report = replica::apply_push_results(&batch, &results).await.unwrap();
    assert_eq!((report.settled, report.rejected), (2, 1));
    let settled = records::get::<Interest>(good).await.unwrap().unwrap();
    assert_eq!((settled.rev, settled.pending), (1, false));
    // The refused entry between the two settled ones stays.
    let left = outbox::all().await.unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].mutation.id, bad);
    assert_eq!(left[0].state, outbox::OutboxState::Rejected);
    assert!(left[0].error.as_deref().unwrap().contains("手机号"));
    assert!(
        outbox::pending_batch(500, None, |_| true)
            .await
            .unwrap()
            .is_empty(),
        "a rejected write is not re-sent"
    );
    assert_eq!(outbox::counts().await.unwrap().rejected, 1);
}

#[wasm_bindgen_test]
async fn one_record_edited_twice_in_a_batch_settles_once_and_a_later_edit_keeps_it_pending() {
    fresh().await;
    let id = RecordId::generate();
    records::save(id, &enterprise("即发集团"), at(1_000))
        .await
        .unwrap();
    records::save(id, &enterprise("即发集团有限公司"), at(2_000))
        .await
        .unwrap();
    let batch = outbox::pending_batch(500, None, |_| true).await.unwrap();
    assert_eq!(batch.len(), 2);
    // A third edit is made while the batch is on its way.
    records::save(id, &enterprise("即发集团股份有限公司"), at(3_000))
        .await
        .unwrap();
    let applied = |i: usize, rev: u64| MutationResult {
        mutation_id: batch[i].1.mutation_id,
        status: Status::Applied,
        rev: Some(rev),
        error: None,
        merged: None,
    };
    let report = replica::apply_push_results(&batch, &[applied(0, 1), applied(1, 2)])
        .await
        .unwrap();
    assert_eq!((report.settled, report.rejected), (2, 0));
    let record = records::get::<Enterprise>(id).await.unwrap().unwrap();
    assert_eq!(record.rev, 2);
    assert!(record.pending, "the third edit still waits");
    assert_eq!(record.data.name, "即发集团股份有限公司");
    let left = outbox::all().await.unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].mutation.data["name"], "即发集团股份有限公司");
}

/// A long outbox is read a chunk at a time: batches hold the oldest pending
/// entries the caller wants, in order, across chunk boundaries, never a
/// rejected one; the counts read every entry.
#[wasm_bindgen_test]
async fn push_batches_take_the_oldest_wanted_pending_entries_of_a_long_outbox() {
    use domain::sync::Mutation;
    fresh().await;
    // 1,200 entries: every third an anyone-may-send interest, every tenth
    // rejected, the rest staff enterprise edits.
    let entries: Vec<outbox::Entry> = (0..1_200)
        .map(|i| {
            let collection = if i % 3 == 0 {
                Collection::Interests
            } else {
                Collection::Enterprises
            };
            outbox::Entry {
                seq: 0,
                mutation: Mutation {
                    mutation_id: MutationId::generate(),
                    collection,
                    id: RecordId::generate(),
                    base_rev: 0,
                    op: Op::Upsert,
                    data: json!({ "n": i }),
                    updated_at: at(i),
                },
                state: if i % 10 == 9 {
                    outbox::OutboxState::Rejected
                } else {
                    outbox::OutboxState::Pending
                },
                error: (i % 10 == 9).then(|| "refused".to_owned()),
                created_at: at(i),
            }
        })
        .collect();
    assert_eq!(outbox::import(&entries).await.unwrap(), 1_200);
    let number = |m: &Mutation| m.data["n"].as_i64().unwrap();
    let pending: Vec<i64> = (0..1_200).filter(|i| i % 10 != 9).collect();

    let first = outbox::pending_batch(500, None, |_| true).await.unwrap();
    let got: Vec<i64> = first.iter().map(|(_, m)| number(m)).collect();
    assert_eq!(got, pending[..500]);
    assert!(first.windows(2).all(|w| w[0].0 < w[1].0), "in write order");
    // The next batch, while the first is still in the outbox (on its way).
    let second = outbox::pending_batch(500, first.last().map(|(k, _)| *k), |_| true)
        .await
        .unwrap();
    let got: Vec<i64> = second.iter().map(|(_, m)| number(m)).collect();
    assert_eq!(got, pending[500..1_000]);

    let interests = outbox::pending_batch(500, None, |m| m.collection == Collection::Interests)
        .await
        .unwrap();
    let got: Vec<i64> = interests.iter().map(|(_, m)| number(m)).collect();
    let expected: Vec<i64> = pending.iter().copied().filter(|i| i % 3 == 0).collect();
    assert_eq!(got, expected, "all 360 wanted entries, from every chunk");

    let counts = outbox::counts().await.unwrap();
    let staff = entries
        .iter()
        .filter(|e| e.state == outbox::OutboxState::Pending)
        .filter(|e| e.mutation.collection.scope() == domain::collection::Scope::Staff)
        .count();
    assert_eq!(
        (counts.pending, counts.rejected, counts.pending_staff),
        (1_080, 120, staff)
    );
}

#[wasm_bindgen_test]
fn backoff_schedule_grows_with_jitter_and_a_cap() {
    let delays: Vec<u64> = (1..=10).map(|n| backoff_ms(n, 0.5)).collect();
    assert_eq!(&delays[..4], &[750, 1_500, 3_000, 6_000]);
    assert!(delays.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(backoff_ms(50, 0.99), 298_500);
    // Jitter spreads retries of many devices over half the window.
    let low = backoff_ms(5, 0.0);
    let high = backoff_ms(5, 0.999);
    assert!(low == 8_000 && high > 15_900 && high < 16_000);
}

/// Records written and read in bulk (one JSON text each way) keep every
/// envelope field, their index keys (single and multi-entry) and their
/// conflicts; tombstones are never listed.
#[wasm_bindgen_test]
async fn bulk_written_records_read_back_whole_by_every_path() {
    use domain::records::{Employer, Position};
    fresh().await;
    let (fair_a, fair_b) = (RecordId::generate(), RecordId::generate());
    let employer = RecordId::generate();
    let mut page = vec![Change {
        collection: Collection::Employers,
        id: employer,
        rev: 4,
        seq: 1,
        updated_at: at(5_000),
        deleted: false,
        data: json!({"name": "即发集团", "sector": "纺织服装", "fair_ids": [fair_a, fair_b]}),
    }];
    let positions: Vec<RecordId> = (0..30).map(|_| RecordId::generate()).collect();
    for (i, id) in positions.iter().enumerate() {
        page.push(Change {
            collection: Collection::Positions,
            id: *id,
            rev: 1,
            seq: 2 + i as u64,
            updated_at: at(6_000 + i as i64),
            deleted: false,
            data: json!({"employer_id": employer, "fair_id": fair_a, "title": format!("缝纫工 \"{i}\" \\ 夜班"),
                "sector": "纺织服装", "headcount": 2, "salary_min": 4000, "salary_max": 6000,
                "education": "any", "location": "小李村",
                "posted_on": format!("2026-11-{:02}", 1 + i % 28), "sample": false}),
        });
    }
    let pulled_page: Vec<_> = page.iter().cloned().map(pulled).collect();
    assert_eq!(
        replica::apply_pull_page(&pulled_page, 31).await.unwrap(),
        31
    );

    let all = records::list::<Position>().await.unwrap();
    assert_eq!(all.len(), 30);
    let first = all.iter().find(|p| p.id == positions[3]).unwrap();
    assert_eq!(
        (
            first.rev,
            first.updated_at,
            first.pending,
            first.data.title.as_str()
        ),
        (1, at(6_003), false, "缝纫工 \"3\" \\ 夜班")
    );
    // The multi-entry index finds the employer under either fair.
    for fair in [fair_a, fair_b] {
        let by_fair = records::list_by::<Employer>("fair", &fair.to_string())
            .await
            .unwrap();
        assert_eq!(by_fair.len(), 1);
        assert_eq!(by_fair[0].data.name, "即发集团");
    }
    let of_employer = records::list_by::<Position>("employer", &employer.to_string())
        .await
        .unwrap();
    assert_eq!(of_employer.len(), 30);
    let newest = records::newest::<Position>("posted", 3).await.unwrap();
    let dates: Vec<String> = newest
        .iter()
        .map(|p| p.data.posted_on.to_string())
        .collect();
    assert_eq!(dates, ["2026-11-28", "2026-11-27", "2026-11-26"]);
    // One `getAll` with the direction option (this Chromium has it) reads
    // what the cursor reads: by date, newest first, and among positions of
    // one date (11-01 and 11-02 hold two each) the higher id first; 29 cuts
    // through the last pair.
    let mut expected = all.clone();
    expected.sort_by_key(|p| std::cmp::Reverse((p.data.posted_on, p.id)));
    let ids = |list: &[records::Stored<Position>]| list.iter().map(|p| p.id).collect::<Vec<_>>();
    for limit in [3, 29, 30, 40] {
        let fast = records::newest::<Position>("posted", limit).await.unwrap();
        let cursor = records::newest_by_cursor::<Position>("posted", limit)
            .await
            .unwrap();
        let want = &expected[..expected.len().min(limit as usize)];
        assert_eq!(ids(&fast), ids(want), "getAll, limit {limit}");
        assert_eq!(ids(&cursor), ids(want), "cursor, limit {limit}");
    }

    // A tombstone is never listed; a local edit is pending.
    let gone = Change {
        deleted: true,
        data: serde_json::Value::Null,
        rev: 2,
        seq: 40,
        ..page[1].clone()
    };
    replica::apply_pull_page(&[pulled(gone)], 40).await.unwrap();
    assert_eq!(records::list::<Position>().await.unwrap().len(), 29);
    assert!(records::get::<Position>(positions[0])
        .await
        .unwrap()
        .is_none());
    let mut edited = records::get::<Position>(positions[1])
        .await
        .unwrap()
        .unwrap();
    edited.data.headcount = 9;
    records::save(positions[1], &edited.data, at(9_000))
        .await
        .unwrap();
    let got = records::get::<Position>(positions[1])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (got.pending, got.data.headcount, got.updated_at),
        (true, 9, at(9_000))
    );
}
