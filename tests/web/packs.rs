//! The catalog a first sync stores in packs reads exactly as the same
//! records stored one object each: before and after later pulls change and
//! delete some of them, after local edits and pushed deletes, and after a
//! pull from the start again; and after a worn pack is compacted.

use super::store::{at, fresh};
use domain::collection::Collection;
use domain::ids::RecordId;
use domain::records::{Employer, Position};
use domain::replica::LocalRecord;
use domain::sync::{MutationResult, Status};
use tongji_app::store::compaction::{self, Compacted};
use tongji_app::store::records::{self, Stored};
use tongji_app::store::{meta, outbox, replica, schema, testing};
use wasm_bindgen_test::*;

fn change(collection: Collection, id: RecordId, seq: u64, text: String) -> replica::PulledChange {
    domain::sync::Change {
        collection,
        id,
        rev: seq + 1,
        seq,
        updated_at: at(1_700_000_000_000 + seq as i64),
        deleted: text == "null",
        data: serde_json::value::RawValue::from_string(text).unwrap(),
    }
}

fn position_text(title: &str, employer: RecordId, more: &str) -> String {
    format!(
        r#"{{"title":{},"employer_id":"{employer}","sector":"纺织服装","headcount":2,"salary_min":4000,"salary_max":6000,"education":"any","location":"小李村"{more}}}"#,
        serde_json::to_string(title).unwrap()
    )
}

/// Everything the views and backups read of the catalog.
#[derive(Debug, PartialEq)]
struct Reads {
    positions: Vec<Stored<Position>>,
    employers: Vec<Stored<Employer>>,
    at_fair: Vec<Stored<Position>>,
    employers_at_fair: Vec<Stored<Employer>>,
    of_employer: Vec<Stored<Position>>,
    newest: Vec<Stored<Position>>,
    newest_by_cursor: Vec<Stored<Position>>,
    /// More than a pack's head holds: read from the packs themselves.
    newest_past_heads: Vec<Stored<Position>>,
    one: Vec<Option<Stored<Position>>>,
    some: Vec<Stored<Position>>,
    counts: (u32, u32),
    backup: Vec<(RecordId, LocalRecord)>,
}

struct Catalog {
    fair: RecordId,
    employers: Vec<RecordId>,
    positions: Vec<RecordId>,
}

async fn reads(c: &Catalog) -> Reads {
    let fair = c.fair.to_string();
    let mut some = records::get_many::<Position>(c.positions.iter().step_by(7).copied())
        .await
        .unwrap();
    some.sort_by_key(|s| s.id);
    let mut one = Vec::new();
    for id in c.positions.iter().take(6) {
        one.push(records::get::<Position>(*id).await.unwrap());
    }
    // The rows that hide a packed record the server deleted are the one
    // difference a backup shows.
    let mut backup = records::all_local(Collection::Positions).await.unwrap();
    backup.retain(|(_, r)| r.pending || !r.deleted);
    backup.sort_by_key(|(id, _)| *id);
    Reads {
        positions: records::list::<Position>().await.unwrap(),
        employers: records::list::<Employer>().await.unwrap(),
        at_fair: records::list_by::<Position>("fair", &fair).await.unwrap(),
        employers_at_fair: records::list_by::<Employer>("fair", &fair).await.unwrap(),
        of_employer: records::list_by::<Position>("employer", &c.employers[0].to_string())
            .await
            .unwrap(),
        newest: records::newest::<Position>("posted", 9).await.unwrap(),
        newest_by_cursor: records::newest_by_cursor::<Position>("posted", 9)
            .await
            .unwrap(),
        newest_past_heads: records::newest::<Position>("posted", 60).await.unwrap(),
        one,
        some,
        counts: (
            records::count(Collection::Positions).await.unwrap(),
            records::count(Collection::Employers).await.unwrap(),
        ),
        backup,
    }
}

/// Objects in one store, read with plain IndexedDB.
async fn raw_count(store: &str) -> u32 {
    let db = rexie::Rexie::builder(schema::DB_NAME)
        .build()
        .await
        .unwrap();
    let tx = db
        .transaction(&[store], rexie::TransactionMode::ReadOnly)
        .unwrap();
    let n = tx.store(store).unwrap().count(None).await.unwrap();
    drop(tx);
    db.close();
    n
}

/// A first page: employers (fair lists, some with two fairs) and positions
/// (some at the fair, posting dates with many ties), enough of each for a
/// pack; a second page changing, moving, deleting and adding some.
fn pages() -> (
    Catalog,
    Vec<replica::PulledChange>,
    Vec<replica::PulledChange>,
) {
    let fair = RecordId::generate();
    let other_fair = RecordId::generate();
    let employers: Vec<RecordId> = (0..110).map(|_| RecordId::generate()).collect();
    let positions: Vec<RecordId> = (0..150).map(|_| RecordId::generate()).collect();
    let mut first = Vec::new();
    for (i, id) in employers.iter().enumerate() {
        let fairs = match i % 3 {
            0 => format!(r#"["{fair}","{other_fair}"]"#),
            1 => format!(r#"["{other_fair}"]"#),
            _ => "[]".to_owned(),
        };
        let text = format!(r#"{{"name":"企业{i}","sector":"纺织服装","fair_ids":{fairs}}}"#);
        first.push(change(Collection::Employers, *id, 1 + i as u64, text));
    }
    for (i, id) in positions.iter().enumerate() {
        let fair_field = match i % 3 {
            0 => format!(r#","fair_id":"{fair}""#),
            1 => format!(r#","fair_id":"{other_fair}""#),
            _ => String::new(),
        };
        let text = position_text(
            &format!("岗位{i}"),
            employers[i % 4],
            &format!(r#"{fair_field},"posted_on":"2026-11-{:02}""#, 1 + i % 12),
        );
        first.push(change(Collection::Positions, *id, 200 + i as u64, text));
    }
    let second = vec![
        // Renamed and moved to the fair, newest of all.
        change(
            Collection::Positions,
            positions[1],
            400,
            position_text(
                "岗位1（更新）",
                employers[0],
                &format!(r#","fair_id":"{fair}","posted_on":"2026-11-30""#),
            ),
        ),
        change(Collection::Positions, positions[2], 401, "null".to_owned()),
        change(Collection::Employers, employers[0], 402, "null".to_owned()),
        change(
            Collection::Positions,
            RecordId::generate(),
            403,
            position_text("新岗位", employers[0], r#","posted_on":"2026-11-29""#),
        ),
    ];
    (
        Catalog {
            fair,
            employers,
            positions,
        },
        first,
        second,
    )
}

/// A new device's first sync, of many pages, starting with `first`: the
/// snapshot of what is present says nothing is, so its records go into
/// packs. Returns the snapshot, for the pages after it.
async fn first_sync(first: &[replica::PulledChange]) -> replica::Present {
    fresh().await;
    let present = replica::present().await.unwrap();
    next_page(first, 0, first.len() as u64, &present).await;
    present
}

/// Applies a page of a sync that follows checkpoint `after`.
async fn next_page(
    page: &[replica::PulledChange],
    after: u64,
    next: u64,
    present: &replica::Present,
) {
    replica::apply_pull_page_after(page, page_after(after), next, Some(present))
        .await
        .unwrap()
        .expect("the page follows the one before");
}

/// The guard of an anonymous pull's page that follows checkpoint `after`.
fn page_after(after: u64) -> replica::PageGuard<'static> {
    replica::PageGuard { after, token: None }
}

/// Answers every queued mutation as the server applying it; returns how many.
async fn settle_outbox() -> usize {
    let batch = outbox::pending_batch(500, None, |_| true).await.unwrap();
    let results: Vec<MutationResult> = batch
        .iter()
        .map(|(_, m)| MutationResult {
            mutation_id: m.mutation_id,
            status: Status::Applied,
            rev: Some(m.base_rev + 1),
            error: None,
            merged: None,
        })
        .collect();
    replica::apply_push_results(&batch, &results).await.unwrap();
    batch.len()
}

#[wasm_bindgen_test]
async fn packed_records_read_as_records_stored_one_by_one() {
    let (catalog, first, second) = pages();
    let (after_first, after_second) = (first.len() as u64, first.len() as u64 + 4);

    // One object per record: no snapshot, every change read and merged.
    fresh().await;
    replica::apply_pull_page(&first, after_first).await.unwrap();
    let one_by_one = reads(&catalog).await;
    replica::apply_pull_page(&second, after_second)
        .await
        .unwrap();
    let one_by_one_later = reads(&catalog).await;
    assert_eq!(raw_count("positions").await, 150);

    // As a first sync of many pages: the snapshot says nothing is present.
    let present = first_sync(&first).await;
    assert_eq!(
        (
            raw_count(schema::PACKS).await,
            raw_count(schema::PACK_HEADS).await,
            raw_count("positions").await,
            raw_count("employers").await
        ),
        (2, 2, 0, 0),
        "one pack per collection, no object per record"
    );
    let packed = reads(&catalog).await;
    assert_eq!(packed, one_by_one);
    assert_eq!(packed.counts, (150, 110));
    assert_eq!(packed.positions.len(), 150);
    assert_eq!(packed.at_fair.len(), 50);
    assert_eq!(packed.employers_at_fair.len(), 37);
    assert_eq!(packed.newest[0].data.posted_on.to_string(), "2026-11-12");

    next_page(&second, after_first, after_second, &present).await;
    // The changed, the deleted (a tombstone hides its packed copy) and the
    // new record each have their own object.
    assert_eq!(
        (raw_count("positions").await, raw_count("employers").await),
        (3, 1)
    );
    let packed_later = reads(&catalog).await;
    assert_eq!(packed_later, one_by_one_later);
    assert_eq!(packed_later.counts, (150, 109));
    assert!(packed_later.one[2].is_none(), "deleted position");
    assert_eq!(
        packed_later.one[1].as_ref().unwrap().data.title,
        "岗位1（更新）"
    );
    assert_eq!(packed_later.newest[0].data.title, "岗位1（更新）");
    assert_eq!(packed_later.newest[1].data.title, "新岗位");
    assert!(!packed_later
        .employers
        .iter()
        .any(|e| e.id == catalog.employers[0]));

    // A local edit of a packed record starts from the packed copy; a local
    // delete, once the server confirms it, stays deleted.
    let (edited, deleted) = (catalog.positions[3], catalog.positions[4]);
    let mut data = packed_later.one[3].as_ref().unwrap().data.clone();
    data.title = "岗位3（本机修改）".into();
    records::save(edited, &data, at(1_800_000_000_000))
        .await
        .unwrap();
    records::delete(Collection::Positions, deleted, at(1_800_000_000_001))
        .await
        .unwrap();
    let mine = records::get::<Position>(edited).await.unwrap().unwrap();
    assert_eq!(
        (mine.pending, mine.rev, mine.data.title.as_str()),
        (true, 204, "岗位3（本机修改）")
    );
    assert!(records::get::<Position>(deleted).await.unwrap().is_none());
    assert_eq!(settle_outbox().await, 2);
    assert!(records::get::<Position>(deleted).await.unwrap().is_none());
    let mine = records::get::<Position>(edited).await.unwrap().unwrap();
    assert_eq!((mine.pending, mine.rev), (false, 205));
    assert_eq!(records::count(Collection::Positions).await.unwrap(), 149);
    let backup = records::all_local(Collection::Positions).await.unwrap();
    let tombstone = backup.iter().find(|(id, _)| *id == deleted).unwrap();
    assert!(tombstone.1.deleted && !tombstone.1.pending);
    assert_eq!(backup.len(), 151, "149 records and the tombstones of 2");

    // A pull from the start (after a login) of records the packs hold
    // unchanged writes nothing for them.
    let settled = reads(&catalog).await;
    let objects = raw_count("positions").await;
    meta::put(meta::CHECKPOINT, &0u64).await.unwrap();
    let touched = [1, 2, 3, 4].map(|i| catalog.positions[i]);
    let again: Vec<_> = first
        .iter()
        .filter(|c| !touched.contains(&c.id) && c.id != catalog.employers[0])
        .cloned()
        .collect();
    let present = replica::present().await.unwrap();
    replica::apply_pull_page_after(&again, page_after(0), after_first, Some(&present))
        .await
        .unwrap()
        .expect("the page follows checkpoint 0");
    assert_eq!(raw_count("positions").await, objects);
    assert_eq!(raw_count(schema::PACKS).await, 2);
    assert_eq!(reads(&catalog).await, settled);
}

#[wasm_bindgen_test]
async fn a_worn_pack_is_rewritten_without_its_hidden_copies_and_reads_the_same() {
    let (catalog, first, second) = pages();
    let (after_first, after_second) = (first.len() as u64, first.len() as u64 + 4);
    let present = first_sync(&first).await;
    let compact = || async {
        let positions = compaction::compact(Collection::Positions).await.unwrap();
        let employers = compaction::compact(Collection::Employers).await.unwrap();
        (positions, employers)
    };
    let nothing = (Compacted::default(), Compacted::default());
    assert_eq!(compact().await, nothing, "nothing hidden");

    // Three of 150 positions and one of 110 employers hidden: not worn.
    next_page(&second, after_first, after_second, &present).await;
    assert_eq!(compact().await, nothing, "a few hidden");
    assert_eq!(raw_count("positions").await, 3);

    // The server deletes 40 positions and changes 5; this device edits one
    // and deletes another, both still to be sent: 49 of 150 hidden.
    let deleted: Vec<RecordId> = catalog.positions[10..50].to_vec();
    let changed: Vec<RecordId> = catalog.positions[50..55].to_vec();
    let mut third: Vec<replica::PulledChange> = deleted
        .iter()
        .enumerate()
        .map(|(i, id)| {
            change(
                Collection::Positions,
                *id,
                500 + i as u64,
                "null".to_owned(),
            )
        })
        .collect();
    for (i, id) in changed.iter().enumerate() {
        let text = position_text(
            &format!("岗位{}（第三次）", 50 + i),
            catalog.employers[1],
            r#","posted_on":"2026-10-01""#,
        );
        third.push(change(Collection::Positions, *id, 600 + i as u64, text));
    }
    let after_third = after_second + third.len() as u64;
    replica::apply_pull_page(&third, after_third).await.unwrap();
    let (edited, removed) = (catalog.positions[60], catalog.positions[61]);
    let mut data = records::get::<Position>(edited)
        .await
        .unwrap()
        .unwrap()
        .data;
    data.title = "岗位60（本机修改）".into();
    records::save(edited, &data, at(1_800_000_000_000))
        .await
        .unwrap();
    records::delete(Collection::Positions, removed, at(1_800_000_000_001))
        .await
        .unwrap();
    let before = reads(&catalog).await;
    let rows_before = raw_count("positions").await;
    let local_before = records::all_local(Collection::Positions).await.unwrap();
    assert_eq!(rows_before, 3 + 45 + 2);

    let (positions, employers) = compact().await;
    assert_eq!(
        positions,
        Compacted {
            packs: 1,
            dropped: 49,
            tombstones: 41,
        },
        "the settled tombstones of the 41 deleted positions go with their copies"
    );
    assert_eq!(employers, Compacted::default());
    assert_eq!(raw_count(schema::PACKS).await, 2);
    assert_eq!(raw_count(schema::PACK_HEADS).await, 2);
    assert_eq!(raw_count("positions").await, rows_before - 41);
    assert_eq!(reads(&catalog).await, before, "every read the same");
    let mut local_after = records::all_local(Collection::Positions).await.unwrap();
    let mut local_before: Vec<_> = local_before
        .into_iter()
        .filter(|(_, r)| r.pending || !r.deleted)
        .collect();
    local_after.sort_by_key(|(id, _)| *id);
    local_before.sort_by_key(|(id, _)| *id);
    assert_eq!(local_after, local_before, "only settled tombstones left");
    assert!(local_after
        .iter()
        .any(|(id, r)| *id == removed && r.deleted && r.pending));
    assert_eq!(compact().await, nothing, "once compacted, not worn");

    // The pending changes still settle, and later pulls still apply over
    // the new pack.
    assert_eq!(settle_outbox().await, 2);
    let mine = records::get::<Position>(edited).await.unwrap().unwrap();
    assert_eq!(
        (mine.pending, mine.data.title.as_str()),
        (false, "岗位60（本机修改）")
    );
    assert!(records::get::<Position>(removed).await.unwrap().is_none());
    let kept = catalog.positions[100];
    let fourth = vec![
        change(
            Collection::Positions,
            kept,
            700,
            position_text(
                "岗位100（第四次）",
                catalog.employers[2],
                r#","posted_on":"2026-11-20""#,
            ),
        ),
        change(
            Collection::Positions,
            catalog.positions[101],
            701,
            "null".to_owned(),
        ),
    ];
    replica::apply_pull_page(&fourth, after_third + 2)
        .await
        .unwrap();
    assert_eq!(
        records::get::<Position>(kept)
            .await
            .unwrap()
            .unwrap()
            .data
            .title,
        "岗位100（第四次）"
    );
    assert!(records::get::<Position>(catalog.positions[101])
        .await
        .unwrap()
        .is_none());
    assert_eq!(
        records::count(Collection::Positions).await.unwrap(),
        150 - 1 - 40 - 1 - 1 + 1,
        "150, less the deletes of the second page, the third, this device and the fourth, plus the second page's new one"
    );
}

#[wasm_bindgen_test]
async fn new_records_after_a_pack_never_make_a_sync_parse_it_to_judge_its_wear() {
    let (catalog, first, _) = pages();
    first_sync(&first).await;
    // Later pulls bring 80 new positions, one row each: more rows than a
    // quarter of the positions' pack of 150, none of them hiding a copy.
    let later: Vec<replica::PulledChange> = (0..80)
        .map(|i| {
            let text = position_text(
                &format!("新岗位{i}"),
                catalog.employers[3],
                r#","posted_on":"2026-11-28""#,
            );
            change(Collection::Positions, RecordId::generate(), 900 + i, text)
        })
        .collect();
    replica::apply_pull_page(&later, first.len() as u64 + 80)
        .await
        .unwrap();
    assert_eq!(raw_count("positions").await, 80);

    // A new tab's sync: the heads say no pack can be worn, so none is parsed.
    testing::forget_parsed_packs();
    for collection in [Collection::Positions, Collection::Employers] {
        assert_eq!(
            compaction::compact(collection).await.unwrap(),
            Compacted::default()
        );
    }
    assert_eq!(
        testing::parsed_packs(),
        0,
        "no pack parsed to judge its wear"
    );

    // Forty of the packed positions changed on the server: now the pack may
    // be worn (and is: 40 of 150).
    let changed: Vec<replica::PulledChange> = catalog.positions[..40]
        .iter()
        .enumerate()
        .map(|(i, id)| {
            change(
                Collection::Positions,
                *id,
                1000 + i as u64,
                "null".to_owned(),
            )
        })
        .collect();
    replica::apply_pull_page(&changed, first.len() as u64 + 120)
        .await
        .unwrap();
    testing::forget_parsed_packs();
    let done = compaction::compact(Collection::Positions).await.unwrap();
    assert_eq!((done.packs, done.dropped, done.tombstones), (1, 40, 40));
    assert_eq!(
        records::count(Collection::Positions).await.unwrap(),
        150 - 40 + 80
    );
}
