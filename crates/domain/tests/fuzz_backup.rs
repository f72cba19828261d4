//! Fuzz target z4 and case b9 (the import path): `backup::parse` never
//! panics on any text or damaged backup, refuses bad files whole, and
//! whatever it accepts writes back to the same backup; base64 round-trips;
//! `merge_record` never drops unsynced work.

mod fuzz_support;

use domain::backup::{self, Backup, BackupBlob, BackupError, BackupMutation, BackupRecord};
use domain::collection::Collection;
use domain::ids::{MutationId, RecordId};
use domain::replica::LocalRecord;
use domain::sync::{Mutation, Op};
use domain::time::Timestamp;
use fuzz_support::{any_json, collection_and_record, config, damaged};
use proptest::prelude::*;
use serde_json::{json, Value};

fn id(n: u128) -> RecordId {
    RecordId::from_uuid(uuid::Uuid::from_u128(n))
}

fn backup_strategy() -> impl Strategy<Value = Backup> {
    let record = (
        collection_and_record(),
        any::<u128>(),
        any::<u64>(),
        any::<bool>(),
        any::<bool>(),
        0i64..2_000_000_000_000,
    )
        .prop_map(|((c, data), n, rev, deleted, pending, t)| BackupRecord {
            collection: c,
            id: id(n),
            rev,
            updated_at: Timestamp::from_millis(t),
            deleted,
            pending,
            base: if pending { Some(data.clone()) } else { None },
            data,
        });
    let outbox = (
        collection_and_record(),
        any::<u128>(),
        any::<u128>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|((c, data), m, n, upsert, rejected)| BackupMutation {
            mutation: Mutation {
                mutation_id: MutationId::from_uuid(uuid::Uuid::from_u128(m)),
                collection: c,
                id: id(n),
                base_rev: 0,
                op: if upsert { Op::Upsert } else { Op::Delete },
                data: if upsert { data } else { Value::Null },
                updated_at: Timestamp::from_millis(1_764_150_000_000),
            },
            rejected,
            error: rejected.then(|| "记录过大 / too large".to_owned()),
            created_at: Timestamp::from_millis(1_764_150_000_000),
        });
    let blob =
        (prop::collection::vec(any::<u8>(), 0..64), any::<bool>()).prop_map(|(bytes, uploaded)| {
            BackupBlob {
                // parse checks that the bytes hash to the name.
                sha256: domain::sha256::hex(&bytes),
                mime: "image/jpeg".into(),
                uploaded,
                base64: backup::encode_base64(&bytes),
            }
        });
    (
        prop::collection::vec(record, 0..4),
        prop::collection::vec(outbox, 0..3),
        prop::collection::vec(blob, 0..2),
    )
        .prop_map(|(records, outbox, blobs)| Backup {
            format: backup::FORMAT.into(),
            version: backup::VERSION,
            created_at: Timestamp::from_millis(1_764_150_000_000),
            records,
            outbox,
            drafts: vec![],
            blobs,
        })
}

fn local() -> impl Strategy<Value = LocalRecord> {
    (
        0u64..4,
        0i64..4,
        any::<bool>(),
        any::<bool>(),
        fuzz_support::collection_and_record(),
    )
        .prop_map(|(rev, t, deleted, pending, (_, data))| LocalRecord {
            rev,
            updated_at: Timestamp::from_millis(t),
            deleted,
            base: pending.then(|| data.clone()),
            data,
            pending,
        })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn case_z4_any_text_into_backup_parse(text in "\\PC{0,200}", bytes in any::<Vec<u8>>(), value in any_json()) {
        let _ = backup::parse(&text);
        let _ = backup::parse(&String::from_utf8_lossy(&bytes));
        let _ = backup::parse(&value.to_string());
        let _ = backup::parse(&json!({"format": "tongji-backup", "version": 1, "records": value}).to_string());
    }

    #[test]
    fn case_z4_damaged_backups_are_refused_or_round_trip(doc in backup_strategy().prop_flat_map(|b| damaged(serde_json::to_value(b).expect("encodes")))) {
        if let Ok(parsed) = backup::parse(&doc.to_string()) {
            let text = serde_json::to_string(&parsed).expect("encodes");
            prop_assert_eq!(backup::parse(&text).ok(), Some(parsed));
        }
    }

    #[test]
    fn case_z4_written_backups_parse_back(b in backup_strategy()) {
        let text = serde_json::to_string(&b).expect("encodes");
        prop_assert_eq!(backup::parse(&text), Ok(b));
    }

    #[test]
    fn case_z4_base64_round_trips(bytes in any::<Vec<u8>>(), junk in "[A-Za-z0-9+/=*]{0,40}") {
        prop_assert_eq!(backup::decode_base64(&backup::encode_base64(&bytes)), Some(bytes));
        let _ = backup::decode_base64(&junk);
    }

    #[test]
    fn case_z4_merge_record_never_drops_unsynced_work(existing in prop::option::of(local()), incoming in local()) {
        let out = backup::merge_record(existing.as_ref(), &incoming);
        if incoming.pending && existing.as_ref().is_none_or(|e| !e.pending) {
            let out = out.as_ref().expect("unsynced work from the backup is kept");
            prop_assert!(out.pending);
        }
        if existing.as_ref().is_some_and(|e| e.pending) && !incoming.pending {
            prop_assert!(out.is_none(), "unsynced work on the device is kept");
        }
    }
}

fn valid_backup() -> Value {
    json!({
        "format": "tongji-backup", "version": 1, "created_at": "2026-11-26T10:00:00.000Z",
        "records": [{"collection": "interests", "id": "01936f3e-7a3c-7cc0-8000-000000000001", "rev": 0,
            "updated_at": "2026-11-26T10:00:00.000Z", "deleted": false, "pending": true,
            "data": {"position_id": "01936f3e-7a3c-7cc0-8000-000000000001", "name": "张三", "phone": "13812345678",
                     "message": "", "created_at": "2026-11-26T10:00:00.000Z"}, "base": null}],
        "outbox": [], "drafts": [],
        "blobs": [{"sha256": "41e5787e9f28562d07b891b1816b492309d646c0f2829743fa4963a9f9cc1d61", "mime": "image/jpeg",
                   "uploaded": false, "base64": "anBlZw=="}],
    })
}

#[test]
fn case_b9_bad_backup_files_are_refused_whole() {
    assert!(backup::parse(&valid_backup().to_string()).is_ok());
    let edit = |f: &dyn Fn(&mut Value)| {
        let mut v = valid_backup();
        f(&mut v);
        v.to_string()
    };
    let bad: Vec<(&str, String)> = vec![
        ("not JSON", "{\"format\": ".into()),
        (
            "non-UTF-8 replaced",
            String::from_utf8_lossy(b"{\"format\": \"\xff\"}").into_owned(),
        ),
        ("another format", edit(&|v| v["format"] = json!("other"))),
        ("a newer version", edit(&|v| v["version"] = json!(2))),
        (
            "version out of range",
            edit(&|v| v["version"] = json!(4_294_967_297u64)),
        ),
        ("records not a list", edit(&|v| v["records"] = json!({}))),
        (
            "a record of an unknown collection",
            edit(&|v| v["records"][0]["collection"] = json!("users")),
        ),
        (
            "a record with a bad id",
            edit(&|v| v["records"][0]["id"] = json!("1; DROP")),
        ),
        (
            "an invalid record",
            edit(&|v| v["records"][0]["data"]["phone"] = json!("123")),
        ),
        (
            "a record field of the wrong type",
            edit(&|v| v["records"][0]["rev"] = json!("0")),
        ),
        (
            "a missing field",
            edit(&|v| {
                v.as_object_mut().unwrap().remove("outbox");
            }),
        ),
        ("an unknown field", edit(&|v| v["extra"] = json!(1))),
        (
            "a blob with bad base64",
            edit(&|v| v["blobs"][0]["base64"] = json!("***")),
        ),
        (
            "a blob hash that is not hex",
            edit(&|v| v["blobs"][0]["sha256"] = json!("zz".repeat(32))),
        ),
        (
            "an invalid queued change",
            edit(&|v| {
                v["outbox"] = json!([{"mutation": {"mutation_id": "01936f3e-7a3c-7cc0-8000-000000000009",
            "collection": "visits", "id": "01936f3e-7a3c-7cc0-8000-000000000001", "base_rev": 0, "op": "upsert",
            "data": {"date": "yesterday"}, "updated_at": "2026-11-26T10:00:00.000Z"}, "rejected": false, "error": null,
            "created_at": "2026-11-26T10:00:00.000Z"}])
            }),
        ),
    ];
    for (what, text) in bad {
        let err = backup::parse(&text).expect_err(what);
        assert!(
            !err.text().zh.is_empty() && !err.text().en.is_empty(),
            "{what}: {err:?}"
        );
    }
}

/// The bytes of a photo in a backup must hash to its name, or a tampered
/// file stores a photo under another photo's name (and its upload is then
/// refused by the server forever).
#[test]
fn case_b9_backup_blob_with_mismatched_hash_is_refused() {
    let mut v = valid_backup();
    // The bytes are "jpeg"; the name is the hash of "other".
    v["blobs"][0]["sha256"] =
        json!("d9298a10d1b0735837dc4bd85dac641b0f3cef27a47e5d53a54f2f3f5b2fcffa");
    assert!(matches!(
        backup::parse(&v.to_string()),
        Err(BackupError::InvalidBlob(_))
    ));
}

#[test]
fn case_b9_collections_cover_everything() {
    // Every collection's records can be backed up and read back.
    for c in Collection::ALL {
        for data in fuzz_support::valid_records(c).into_iter().take(2) {
            let mut v = valid_backup();
            v["records"][0]["collection"] = json!(c.as_str());
            v["records"][0]["data"] = data;
            assert!(backup::parse(&v.to_string()).is_ok(), "{c}");
        }
    }
}
