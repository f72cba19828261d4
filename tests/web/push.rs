//! Storing the answers to push batches of many records against real
//! IndexedDB: records read as one key span or one by one, the outbox's keys
//! read without its values or whole, and never an unanswered entry removed.

use super::store::{at, enterprise, fresh};
use domain::ids::RecordId;
use domain::records::Enterprise;
use domain::sync::{Mutation, MutationResult, Status};
use std::collections::HashSet;
use tongji_app::store::{outbox, records, replica};
use wasm_bindgen_test::*;

fn answer(mutation: &Mutation, status: Status, rev: Option<u64>) -> MutationResult {
    MutationResult {
        mutation_id: mutation.mutation_id,
        status,
        rev,
        error: (status == Status::Rejected).then(|| "名称：请填写企业名称 / name".into()),
        merged: None,
    }
}

#[wasm_bindgen_test]
async fn answers_for_many_records_settle_exactly_the_answered_entries() {
    fresh().await;
    // 120 enterprises saved in a row (time-ordered ids: neighbours in key
    // order), one of them edited twice.
    let ids: Vec<RecordId> = (0..120).map(|_| RecordId::generate()).collect();
    for (i, id) in ids.iter().enumerate() {
        records::save(*id, &enterprise(&format!("企业{i}")), at(1_000 + i as i64))
            .await
            .unwrap();
    }
    records::save(ids[3], &enterprise("企业3（更名）"), at(5_000))
        .await
        .unwrap();

    // A sparse batch: every third record. Its key span holds three times
    // as many records, and outbox entries of the others lie between its own.
    let third: HashSet<RecordId> = ids.iter().step_by(3).copied().collect();
    let batch = outbox::pending_batch(500, None, |m| third.contains(&m.id))
        .await
        .unwrap();
    assert_eq!(batch.len(), 41);
    let mut revs = std::collections::HashMap::new();
    let results: Vec<MutationResult> = batch
        .iter()
        .map(|(_, m)| {
            let rev = revs.entry(m.id).or_insert(0);
            *rev += 1;
            answer(m, Status::Applied, Some(*rev))
        })
        .collect();
    let report = replica::apply_push_results(&batch, &results).await.unwrap();
    assert_eq!((report.settled, report.rejected), (41, 0));
    for (i, id) in ids.iter().enumerate() {
        let record = records::get::<Enterprise>(*id).await.unwrap().unwrap();
        if third.contains(id) {
            let rev = if i == 3 { 2 } else { 1 };
            assert_eq!((record.pending, record.rev), (false, rev), "record {i}");
        } else {
            assert_eq!((record.pending, record.rev), (true, 0), "record {i}");
        }
    }
    assert_eq!(
        records::get::<Enterprise>(ids[3])
            .await
            .unwrap()
            .unwrap()
            .data
            .name,
        "企业3（更名）"
    );
    let left = outbox::all().await.unwrap();
    assert_eq!(left.len(), 80, "every unanswered entry stays");
    assert!(left.iter().all(|e| !third.contains(&e.mutation.id)));

    // The rest is one dense batch; one of its entries is refused.
    let batch = outbox::pending_batch(500, None, |_| true).await.unwrap();
    assert_eq!(batch.len(), 80);
    let refused = batch[40].1.id;
    let results: Vec<MutationResult> = batch
        .iter()
        .map(|(_, m)| match m.id == refused {
            true => answer(m, Status::Rejected, None),
            false => answer(m, Status::Applied, Some(1)),
        })
        .collect();
    let report = replica::apply_push_results(&batch, &results).await.unwrap();
    assert_eq!((report.settled, report.rejected), (79, 1));
    let left = outbox::all().await.unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].mutation.id, refused);
    for id in &ids {
        let record = records::get::<Enterprise>(*id).await.unwrap().unwrap();
        assert_eq!(record.pending, *id == refused);
    }
}
