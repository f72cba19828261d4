//! Fuzz target z1: decoding the sync protocol's messages (and the time and
//! id types inside them) from arbitrary bytes, arbitrary JSON and damaged
//! valid messages never panics; whatever decodes re-encodes to the same
//! message.

mod fuzz_support;

use domain::api::{ErrorBody, LoginRequest, LoginResponse};
use domain::collection::Collection;
use domain::ids::{MutationId, RecordId};
use domain::sync::{
    Change, Mutation, MutationResult, Op, PullQuery, PullResponse, PushRequest, PushResponse,
    PULL_MAX_LIMIT,
};
use domain::time::{Date, TimeOfDay, Timestamp};
use fuzz_support::{any_json, config, damaged};
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

/// Decodes `value` as `T`; if it decodes, encoding and decoding again gives the same `T`.
fn round_trips<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(
    value: &Value,
) -> Result<(), TestCaseError> {
    if let Ok(decoded) = serde_json::from_value::<T>(value.clone()) {
        let again: T = serde_json::from_value(serde_json::to_value(&decoded).expect("encodes"))
            .map_err(|e| TestCaseError::fail(format!("re-decoding failed: {e}")))?;
        prop_assert_eq!(again, decoded);
    }
    Ok(())
}

fn every_message(value: &Value) -> Result<(), TestCaseError> {
    round_trips::<PushRequest>(value)?;
    round_trips::<Mutation>(value)?;
    round_trips::<PullQuery>(value)?;
    round_trips::<PullResponse>(value)?;
    round_trips::<Change>(value)?;
    round_trips::<PushResponse>(value)?;
    round_trips::<MutationResult>(value)?;
    round_trips::<LoginRequest>(value)?;
    round_trips::<LoginResponse>(value)?;
    round_trips::<ErrorBody>(value)?;
    Ok(())
}

fn timestamp() -> impl Strategy<Value = Timestamp> {
    // Years 1000 to 9999, the range `Date` accepts.
    (-30_610_224_000_000i64..253_402_300_800_000).prop_map(Timestamp::from_millis)
}

fn mutation() -> impl Strategy<Value = Mutation> {
    (
        any::<u128>(),
        proptest::sample::select(Collection::ALL.to_vec()),
        any::<u128>(),
        any::<u64>(),
        any::<bool>(),
        any_json(),
        timestamp(),
    )
        .prop_map(
            |(mid, collection, id, base_rev, upsert, data, updated_at)| Mutation {
                mutation_id: MutationId::from_uuid(uuid::Uuid::from_u128(mid)),
                collection,
                id: RecordId::from_uuid(uuid::Uuid::from_u128(id)),
                base_rev,
                op: if upsert { Op::Upsert } else { Op::Delete },
                data,
                updated_at,
            },
        )
}

fn valid_push() -> Value {
    json!({"mutations": [{
        "mutation_id": "01936f3e-7a3c-7cc0-8000-000000000002", "collection": "visits",
        "id": "01936f3e-7a3c-7cc0-8000-000000000001", "base_rev": 3, "op": "upsert",
        "data": {"enterprise_id": "01936f3e-7a3c-7cc0-8000-000000000001", "date": "2026-11-20", "staff": "王芳"},
        "updated_at": "2026-11-26T10:00:00.000Z"
    }, {
        "mutation_id": "01936f3e-7a3c-7cc0-8000-000000000003", "collection": "interests",
        "id": "01936f3e-7a3c-7cc0-8000-000000000004", "base_rev": 0, "op": "delete",
        "updated_at": "2026-11-26T10:00:00+08:00"
    }]})
}

fn valid_pull() -> Value {
    json!({"changes": [{"collection": "fairs", "id": "01936f3e-7a3c-7cc0-8000-000000000001", "rev": 2, "seq": 9,
        "updated_at": "2026-11-26T10:00:00.000Z", "deleted": false, "data": {"name": "春风"}}], "next": 9, "more": true})
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn case_z1_bytes_into_sync_messages(bytes in any::<Vec<u8>>()) {
        for parse in [
            |b: &[u8]| serde_json::from_slice::<PushRequest>(b).is_ok(),
            |b: &[u8]| serde_json::from_slice::<Mutation>(b).is_ok(),
            |b: &[u8]| serde_json::from_slice::<PullQuery>(b).is_ok(),
            |b: &[u8]| serde_json::from_slice::<PullResponse>(b).is_ok(),
            |b: &[u8]| serde_json::from_slice::<Change>(b).is_ok(),
            |b: &[u8]| serde_json::from_slice::<LoginRequest>(b).is_ok(),
        ] {
            let _ = parse(&bytes);
        }
    }

    #[test]
    fn case_z1_arbitrary_json_into_sync_messages(value in any_json()) {
        every_message(&value)?;
        every_message(&json!({ "mutations": [value.clone()] }))?;
        every_message(&json!({ "changes": [value], "next": 1, "more": false }))?;
    }

    #[test]
    fn case_z1_damaged_valid_messages(push in damaged(valid_push()), pull in damaged(valid_pull())) {
        every_message(&push)?;
        every_message(&pull)?;
        // Whatever decodes as a push holds known collections and real ids.
        if let Ok(p) = serde_json::from_value::<PushRequest>(push) {
            for m in p.mutations {
                prop_assert!(Collection::ALL.contains(&m.collection));
                prop_assert_eq!(m.id.to_string().parse::<RecordId>().ok(), Some(m.id));
            }
        }
    }

    #[test]
    fn case_z1_valid_mutations_round_trip(ms in prop::collection::vec(mutation(), 0..8)) {
        let push = PushRequest { mutations: ms };
        let text = serde_json::to_string(&push).expect("encodes");
        prop_assert_eq!(serde_json::from_str::<PushRequest>(&text).expect("decodes"), push);
    }

    #[test]
    fn case_z1_time_and_ids_parse_without_panicking(
        tail in "\\PC{0,16}",
        junk in "\\PC{0,40}",
        t in timestamp(),
        since in any::<u64>(),
        limit in any::<Option<u32>>(),
    ) {
        // Near-misses of the real formats reach every slicing step.
        for text in [
            format!("2026-11-26T{tail}"),
            format!("2026-11-26T10:00:{tail}"),
            format!("2026-11-26T10:00:00{tail}"),
            format!("2026-11-26T10:00:00.{tail}"),
            junk.clone(),
        ] {
            if let Ok(parsed) = Timestamp::parse(&text) {
                // A parsed instant writes out as a valid timestamp again.
                prop_assert_eq!(Timestamp::parse(&parsed.to_string()).ok(), Some(parsed));
            }
            let _ = Date::parse(&text);
            let _ = TimeOfDay::parse(&text);
            let _ = text.parse::<RecordId>();
        }
        prop_assert_eq!(Timestamp::parse(&t.to_string()).ok(), Some(t));
        let q = PullQuery { since, limit };
        prop_assert!((1..=PULL_MAX_LIMIT).contains(&q.effective_limit()));
    }
}
