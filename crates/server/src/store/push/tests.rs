use super::*;
use domain::sync::Mutation;
use proptest::prelude::*;
use serde_json::json;

fn interest(name: &str) -> Value {
    interest_with(name, "")
}

fn interest_with(name: &str, message: &str) -> Value {
    json!({"position_id": "01936f3e-7a3c-7cc0-8000-000000000001", "name": name,
        "phone": "13812345678", "message": message, "created_at": "2026-11-26T10:00:00.000Z"})
}

fn record_id(n: u8) -> RecordId {
    RecordId::from_uuid(uuid::Uuid::from_u128(
        0x0193_0000_0000_7000_8000_0000_0000_0000 + u128::from(n),
    ))
}

fn mutation_id(n: u8) -> MutationId {
    MutationId::from_uuid(uuid::Uuid::from_u128(
        0x0194_0000_0000_7000_8000_0000_0000_0000 + u128::from(n),
    ))
}

fn upsert(m: u8, record: u8, base_rev: u64, name: &str, at: i64) -> PreparedMutation {
    upsert_data(m, record, base_rev, interest(name), at)
}

fn upsert_data(m: u8, record: u8, base_rev: u64, data: Value, at: i64) -> PreparedMutation {
    PreparedMutation::new(Mutation {
        mutation_id: mutation_id(m),
        collection: Collection::Interests,
        id: record_id(record),
        base_rev,
        op: Op::Upsert,
        data,
        updated_at: Timestamp::from_millis(at),
    })
}

fn delete(m: u8, record: u8, base_rev: u64, at: i64) -> PreparedMutation {
    PreparedMutation::new(Mutation {
        op: Op::Delete,
        data: Value::Null,
        ..upsert(m, record, base_rev, "", at).mutation
    })
}

/// The database as the tables hold it, with the one-mutation-at-a-time
/// algorithm the batch replaced: the model the plan must agree with.
#[derive(Clone, Debug, Default, PartialEq)]
struct Db {
    mutations: HashMap<MutationId, Option<u64>>,
    records: HashMap<RecordKey, StoredRecord>,
    versions: HashMap<VersionKey, Option<Value>>,
    next_seq: u64,
}

impl Db {
    fn new() -> Db {
        Db {
            next_seq: 1,
            ..Db::default()
        }
    }

    fn put(&mut self, record: StoredRecord) {
        self.next_seq = self.next_seq.max(record.seq + 1);
        self.versions.insert(
            (record.collection, record.id, record.rev),
            record.data.clone(),
        );
        self.records.insert((record.collection, record.id), record);
    }

    /// One mutation at a time: look the id up, read the record and its
    /// base, decide, write.
    fn push_one_by_one(
        &mut self,
        role: Option<Role>,
        batch: &[PreparedMutation],
    ) -> Vec<MutationResult> {
        batch
            .iter()
            .map(|prepared| {
                let m = &prepared.mutation;
                if let Some(rev) = self.mutations.get(&m.mutation_id) {
                    return apply::duplicate(m.mutation_id, *rev);
                }
                let current = self.records.get(&(m.collection, m.id)).cloned();
                let base = apply::base_rev_needed(m, current.as_ref()).and_then(|rev| {
                    self.versions
                        .get(&(m.collection, m.id, rev))
                        .cloned()
                        .flatten()
                });
                let d = apply::decide(role, prepared, current.as_ref(), base.as_ref());
                if let Some(w) = d.write {
                    let seq = self.next_seq;
                    self.put(StoredRecord {
                        collection: m.collection,
                        id: m.id,
                        rev: w.rev,
                        seq,
                        updated_at: w.updated_at,
                        deleted: w.deleted,
                        data: w.data,
                    });
                }
                if d.remember {
                    self.mutations.insert(m.mutation_id, d.result.rev);
                }
                d.result
            })
            .collect()
    }

    /// The batch: bulk reads as `put_mutations` makes them, the plan, its writes.
    fn push_planned(
        &mut self,
        role: Option<Role>,
        batch: &[PreparedMutation],
    ) -> Vec<MutationResult> {
        let current: HashMap<RecordKey, StoredRecord> = batch
            .iter()
            .filter_map(|p| self.records.get(&(p.mutation.collection, p.mutation.id)))
            .map(|r| ((r.collection, r.id), r.clone()))
            .collect();
        let bases = stale_bases(batch, &current)
            .into_iter()
            .filter_map(|k| Some((k, self.versions.get(&k)?.clone())))
            .collect();
        let seen = batch
            .iter()
            .filter_map(|p| {
                Some((
                    p.mutation.mutation_id,
                    *self.mutations.get(&p.mutation.mutation_id)?,
                ))
            })
            .collect();
        let plan = plan(
            role,
            batch,
            Reads {
                seen,
                current,
                bases,
            },
            self.next_seq,
            Timestamp::from_millis(0),
        );
        self.write(&plan);
        plan.results
    }

    fn write(&mut self, plan: &Plan) {
        for v in &plan.versions {
            self.versions
                .insert((v.collection, v.id, v.rev), v.data.clone());
            self.next_seq = self.next_seq.max(v.seq + 1);
        }
        for v in plan.latest() {
            self.records.insert((v.collection, v.id), v.clone());
        }
        for r in &plan.remembered {
            self.mutations.insert(r.mutation_id, r.rev);
        }
    }
}

#[test]
fn a_batch_sees_what_its_earlier_mutations_wrote() {
    let mut db = Db::new();
    db.put(StoredRecord {
        collection: Collection::Interests,
        id: record_id(1),
        rev: 3,
        seq: 10,
        updated_at: Timestamp::from_millis(5),
        deleted: false,
        data: Some(interest("甲")),
    });
    let batch = [
        // An edit of the latest revision, then a second edit of the same
        // revision: it merges against revision 3, which is now a base, so
        // the two edits of different fields combine without a conflict.
        upsert(1, 1, 3, "乙", 6),
        upsert_data(2, 1, 3, interest_with("甲", "请回电"), 7),
        // The same mutation id again: a duplicate of what it produced.
        upsert(1, 1, 3, "乙", 6),
        // Created, then edited and deleted within the batch.
        upsert(3, 2, 0, "丁", 8),
        upsert(4, 2, 1, "戊", 9),
        delete(5, 2, 2, 10),
        // Created, then two edits of its first revision: the second merges
        // against a version this batch wrote.
        upsert(6, 3, 0, "甲", 11),
        upsert(7, 3, 1, "乙", 12),
        upsert_data(8, 3, 1, interest_with("甲", "请回电"), 13),
    ];
    let results = db.push_planned(Some(Role::Staff), &batch);
    let got: Vec<_> = results.iter().map(|r| (r.status, r.rev)).collect();
    assert_eq!(
        got,
        [
            (Status::Applied, Some(4)),
            (Status::Applied, Some(5)),
            (Status::Duplicate, Some(4)),
            (Status::Applied, Some(1)),
            (Status::Applied, Some(2)),
            (Status::Applied, Some(3)),
            (Status::Applied, Some(1)),
            (Status::Applied, Some(2)),
            (Status::Applied, Some(3)),
        ]
    );
    // Versions with consecutive sequence numbers after the old head;
    // each record's latest is its last.
    let r1 = &db.records[&(Collection::Interests, record_id(1))];
    let r2 = &db.records[&(Collection::Interests, record_id(2))];
    assert_eq!(
        (r1.rev, r1.seq, r2.rev, r2.seq, r2.deleted),
        (5, 12, 3, 15, true)
    );
    assert_eq!(r1.data, Some(interest_with("乙", "请回电")));
    let r3 = &db.records[&(Collection::Interests, record_id(3))];
    assert_eq!(
        (r3.rev, r3.data.clone()),
        (3, Some(interest_with("乙", "请回电")))
    );
    assert_eq!(db.versions.len(), 1 + 8);
    assert_eq!(db.mutations.len(), 8);
}

#[test]
fn refusals_are_not_remembered_and_a_retry_is_judged_again() {
    let mut db = Db::new();
    let batch = [upsert(1, 1, 0, "甲", 1), upsert(1, 1, 0, "甲", 1)];
    // Only staff change or delete a registration of interest.
    let anonymous = db.push_planned(None, &[delete(9, 1, 0, 1)]);
    assert_eq!(anonymous[0].status, Status::Rejected);
    assert!(db.mutations.is_empty() && db.records.is_empty());
    let results = db.push_planned(Some(Role::Staff), &batch);
    assert_eq!(
        results
            .iter()
            .map(|r| (r.status, r.rev))
            .collect::<Vec<_>>(),
        [(Status::Applied, Some(1)), (Status::Duplicate, Some(1))]
    );
}

#[test]
fn a_seed_writes_only_records_that_do_not_exist_once_each() {
    let existing = StoredRecord {
        collection: Collection::Interests,
        id: record_id(1),
        rev: 4,
        seq: 3,
        updated_at: Timestamp::from_millis(1),
        deleted: false,
        data: Some(interest("甲")),
    };
    let seed: Vec<SeedRecord> = [1, 2, 3, 2]
        .into_iter()
        .map(|n| SeedRecord {
            collection: Collection::Interests,
            id: record_id(n),
            data: interest(&n.to_string()),
        })
        .collect();
    let plan = seed_plan(&seed, &[existing], 7, Timestamp::from_millis(9));
    let written: Vec<_> = plan
        .versions
        .iter()
        .map(|v| (v.id, v.rev, v.seq, v.data.clone()))
        .collect();
    assert_eq!(
        written,
        [
            (record_id(2), 1, 7, Some(interest("2"))),
            (record_id(3), 1, 8, Some(interest("3"))),
        ]
    );
    assert!(plan.results.is_empty() && plan.remembered.is_empty());
}

fn any_mutation() -> impl Strategy<Value = PreparedMutation> {
    // Two fields with two values each: edits of different fields merge,
    // edits of the same field conflict.
    let names = prop::sample::select(vec!["甲", "乙"]);
    let messages = prop::sample::select(vec!["", "请回电"]);
    (
        0u8..6,
        0u8..3,
        0u64..5,
        names,
        messages,
        any::<bool>(),
        0i64..20,
    )
        .prop_map(
            |(m, record, base_rev, name, message, is_delete, at)| match is_delete {
                true => delete(m, record, base_rev, at),
                false => upsert_data(m, record, base_rev, interest_with(name, message), at),
            },
        )
}

proptest! {
    /// Any sequence of batches, each planned from bulk reads, answers and
    /// stores exactly what applying its mutations one at a time would.
    #[test]
    fn planned_batches_equal_one_mutation_at_a_time(
        batches in prop::collection::vec(prop::collection::vec(any_mutation(), 0..12), 1..5),
        signed_in in prop::collection::vec(any::<bool>(), 5),
    ) {
        let mut model = Db::new();
        let mut planned = Db::new();
        for (batch, signed_in) in batches.iter().zip(signed_in) {
            let role = signed_in.then_some(Role::Staff);
            let expected = model.push_one_by_one(role, batch);
            let got = planned.push_planned(role, batch);
            prop_assert_eq!(got, expected);
            prop_assert_eq!(&planned, &model);
        }
    }
}
