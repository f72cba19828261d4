//! What a pushed mutation does to the stored record: the push rules of the
//! sync contract, as one pure function shared by both store backends.
//!
//! For each mutation of a batch, in order, [`crate::store::push`] looks the
//! mutation id up (a hit is a [`duplicate`]), takes the current record and
//! the version the client edited if [`base_rev_needed`] asks for it, calls
//! [`decide`], and writes what it returns. Nothing here touches the database.

use domain::collection::{Collection, Role, WriteKind};
use domain::ids::MutationId;
use domain::merge::{merge_valid, Version};
use domain::records::validate_data;
use domain::sync::{Mutation, MutationResult, Op, Status, RECORD_MAX_BYTES};
use domain::time::Timestamp;
use serde_json::Value;

use crate::store::StoredRecord;

/// A mutation with its data already validated (done before the write lock is
/// taken, since validation does not depend on stored state).
#[derive(Clone, Debug)]
pub struct PreparedMutation {
    /// The mutation as pushed.
    pub mutation: Mutation,
    /// `Err(bilingual message)` when an upsert's data is too large or invalid.
    pub validation: Result<(), String>,
}

impl PreparedMutation {
    /// Checks size and validity of an upsert's data (deletes carry none).
    pub fn new(mutation: Mutation) -> PreparedMutation {
        let validation = match mutation.op {
            Op::Delete => Ok(()),
            Op::Upsert => check_data(mutation.collection, &mutation.data),
        };
        PreparedMutation {
            mutation,
            validation,
        }
    }
}

fn check_data(collection: Collection, data: &Value) -> Result<(), String> {
    let size = serde_json::to_vec(data)
        .map(|v| v.len())
        .unwrap_or(usize::MAX);
    if size > RECORD_MAX_BYTES {
        return Err(format!(
            "记录过大（{size} 字节，上限 {RECORD_MAX_BYTES}）/ The record is too large ({size} bytes, limit {RECORD_MAX_BYTES})"
        ));
    }
    validate_data(collection, data).map_err(|e| e.bilingual())
}

/// The new latest version a decision writes (with the next sequence number).
#[derive(Clone, Debug, PartialEq)]
pub struct Write {
    /// New revision.
    pub rev: u64,
    /// New `updated_at`.
    pub updated_at: Timestamp,
    /// Tombstone.
    pub deleted: bool,
    /// Data (`None` for a tombstone).
    pub data: Option<Value>,
}

/// The outcome of one mutation.
#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    /// The answer for the client.
    pub result: MutationResult,
    /// The version to store, if the record changes.
    pub write: Option<Write>,
    /// Whether to remember the mutation id, so a retry is a duplicate.
    /// Refusals and refused deletes change nothing and are not remembered: a
    /// retry is judged again (the caller may have signed in meanwhile).
    pub remember: bool,
}

/// The answer to a mutation id seen before: the revision it produced.
pub fn duplicate(mutation_id: MutationId, rev: Option<u64>) -> MutationResult {
    MutationResult {
        mutation_id,
        status: Status::Duplicate,
        rev,
        error: None,
        merged: None,
    }
}

/// The status as stored in the `mutations` table (the wire name).
pub fn status_name(status: Status) -> &'static str {
    match status {
        Status::Applied => "applied",
        Status::Duplicate => "duplicate",
        Status::Conflict => "conflict",
        Status::Rejected => "rejected",
    }
}

/// The revision whose stored data is the merge base, when the decision needs
/// one: an upsert of a live record based on a different revision (0 means
/// "new on the device", which has no base).
pub fn base_rev_needed(mutation: &Mutation, current: Option<&StoredRecord>) -> Option<u64> {
    match current {
        Some(cur)
            if mutation.op == Op::Upsert
                && !cur.deleted
                && mutation.base_rev != cur.rev
                && mutation.base_rev > 0 =>
        {
            Some(mutation.base_rev)
        }
        _ => None,
    }
}

/// Decides what `prepared` does, given the caller's role, the current record
/// and the stored data at the mutation's base revision (if
/// [`base_rev_needed`] asked for it and it exists).
pub fn decide(
    role: Option<Role>,
    prepared: &PreparedMutation,
    current: Option<&StoredRecord>,
    base: Option<&Value>,
) -> Decision {
    let m = &prepared.mutation;
    if let Err(message) = permission(role, m, current) {
        return rejected(m.mutation_id, message);
    }
    if let Err(message) = &prepared.validation {
        return rejected(m.mutation_id, message.clone());
    }
    match (m.op, current) {
        (Op::Upsert, None) => store(m, 1, m.updated_at, Some(m.data.clone()), Status::Applied, None),
        // Edits win over deletes: a tombstone comes back to life.
        (Op::Upsert, Some(cur)) if cur.deleted => {
            store(m, cur.rev + 1, m.updated_at, Some(m.data.clone()), Status::Applied, None)
        }
        (Op::Upsert, Some(cur)) if m.base_rev == cur.rev => {
            store(m, cur.rev + 1, m.updated_at, Some(m.data.clone()), Status::Applied, None)
        }
        (Op::Upsert, Some(cur)) => {
            let empty = Value::Null;
            let remote = cur.data.as_ref().unwrap_or(&empty);
            let merged = merge_valid(
                m.collection,
                base,
                Version { data: &m.data, updated_at: m.updated_at },
                Version { data: remote, updated_at: cur.updated_at },
            );
            let status = if merged.conflicts.is_empty() { Status::Applied } else { Status::Conflict };
            let data = merged.data;
            store(m, cur.rev + 1, merged.updated_at, Some(data.clone()), status, Some(data))
        }
        (Op::Delete, None) => store(m, 1, m.updated_at, None, Status::Applied, None),
        (Op::Delete, Some(cur)) if cur.deleted => Decision {
            result: result(m.mutation_id, Status::Applied, Some(cur.rev), None, None),
            write: None,
            remember: true,
        },
        (Op::Delete, Some(cur)) if m.base_rev == cur.rev => store(m, cur.rev + 1, m.updated_at, None, Status::Applied, None),
        (Op::Delete, Some(cur)) => Decision {
            result: result(
                m.mutation_id,
                Status::Conflict,
                Some(cur.rev),
                Some(format!(
                    "记录在您删除前已被修改（当前版本 {}，您的版本 {}），未删除；请查看最新内容后再决定 / \
                     The record was changed (now revision {}, yours {}) so it was not deleted; review the latest version first",
                    cur.rev, m.base_rev, cur.rev, m.base_rev
                )),
                cur.data.clone(),
            ),
            write: None,
            remember: false,
        },
    }
}

fn permission(
    role: Option<Role>,
    m: &Mutation,
    current: Option<&StoredRecord>,
) -> Result<(), String> {
    let kind = match (m.op, current) {
        (Op::Upsert, None) => WriteKind::Create,
        _ => WriteKind::Change,
    };
    if m.collection.writable_by(role, kind) {
        return Ok(());
    }
    let name = m.collection.as_str();
    Err(match role {
        None if m.collection == Collection::Interests => {
            "意向登记提交后只能由工作人员修改或删除 / A registration of interest cannot be changed or deleted once submitted; only staff can"
                .to_owned()
        }
        None => format!("请先以工作人员身份登录才能修改 {name} / Sign in as staff to change {name}"),
        Some(_) => format!("只有管理员可以修改 {name} / Only administrators may change {name}"),
    })
}

fn rejected(mutation_id: MutationId, message: String) -> Decision {
    Decision {
        result: result(mutation_id, Status::Rejected, None, Some(message), None),
        write: None,
        remember: false,
    }
}

fn store(
    m: &Mutation,
    rev: u64,
    updated_at: Timestamp,
    data: Option<Value>,
    status: Status,
    merged: Option<Value>,
) -> Decision {
    Decision {
        result: result(m.mutation_id, status, Some(rev), None, merged),
        write: Some(Write {
            rev,
            updated_at,
            deleted: data.is_none(),
            data,
        }),
        remember: true,
    }
}

fn result(
    mutation_id: MutationId,
    status: Status,
    rev: Option<u64>,
    error: Option<String>,
    merged: Option<Value>,
) -> MutationResult {
    MutationResult {
        mutation_id,
        status,
        rev,
        error,
        merged,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::ids::RecordId;
    use serde_json::json;

    fn interest(name: &str) -> Value {
        json!({"position_id": "01936f3e-7a3c-7cc0-8000-000000000001", "name": name,
            "phone": "13812345678", "message": "", "created_at": "2026-11-26T10:00:00.000Z"})
    }

    fn mutation(op: Op, base_rev: u64, data: Value, at: i64) -> PreparedMutation {
        PreparedMutation::new(Mutation {
            mutation_id: MutationId::generate(),
            collection: Collection::Interests,
            id: RecordId::from_uuid(uuid::Uuid::nil()),
            base_rev,
            op,
            data,
            updated_at: Timestamp::from_millis(at),
        })
    }

    fn stored(rev: u64, data: Option<Value>, at: i64) -> StoredRecord {
        StoredRecord {
            collection: Collection::Interests,
            id: RecordId::from_uuid(uuid::Uuid::nil()),
            rev,
            seq: 7,
            updated_at: Timestamp::from_millis(at),
            deleted: data.is_none(),
            data,
        }
    }

    #[test]
    fn create_update_and_stale_merge() {
        let staff = Some(Role::Staff);
        let d = decide(
            staff,
            &mutation(Op::Upsert, 0, interest("甲"), 1),
            None,
            None,
        );
        assert_eq!((d.result.status, d.result.rev), (Status::Applied, Some(1)));
        assert_eq!(d.write.as_ref().map(|w| w.rev), Some(1));

        let cur = stored(3, Some(interest("乙")), 5);
        let d = decide(
            staff,
            &mutation(Op::Upsert, 3, interest("丙"), 6),
            Some(&cur),
            None,
        );
        assert_eq!(
            (d.result.status, d.result.rev, d.result.merged.clone()),
            (Status::Applied, Some(4), None)
        );

        // Based on rev 2, both sides changed the name: a conflict, newer wins.
        let m = mutation(Op::Upsert, 2, interest("丁"), 9);
        assert_eq!(base_rev_needed(&m.mutation, Some(&cur)), Some(2));
        let base = interest("甲");
        let d = decide(staff, &m, Some(&cur), Some(&base));
        assert_eq!((d.result.status, d.result.rev), (Status::Conflict, Some(4)));
        let merged = d.result.merged.expect("merged data returned");
        assert_eq!(merged["name"], "丁");
        assert_eq!(merged["_conflicts"][0]["other"], "乙");
        assert_eq!(d.write.and_then(|w| w.data), Some(merged));
    }

    #[test]
    fn deletes_and_tombstones() {
        let staff = Some(Role::Staff);
        let cur = stored(2, Some(interest("乙")), 5);
        let stale = decide(
            staff,
            &mutation(Op::Delete, 1, Value::Null, 6),
            Some(&cur),
            None,
        );
        assert_eq!(stale.result.status, Status::Conflict);
        assert_eq!(stale.result.merged, cur.data);
        assert!(stale.write.is_none() && !stale.remember && stale.result.error.is_some());

        let ok = decide(
            staff,
            &mutation(Op::Delete, 2, Value::Null, 6),
            Some(&cur),
            None,
        );
        assert_eq!(
            ok.write.as_ref().map(|w| (w.rev, w.deleted)),
            Some((3, true))
        );

        let tomb = stored(3, None, 6);
        let revive = decide(
            staff,
            &mutation(Op::Upsert, 1, interest("戊"), 7),
            Some(&tomb),
            None,
        );
        assert_eq!(
            (revive.result.status, revive.result.rev),
            (Status::Applied, Some(4))
        );
        assert_eq!(revive.write.and_then(|w| w.data), Some(interest("戊")));
    }

    #[test]
    fn anonymous_may_only_create_interests_and_invalid_data_is_rejected() {
        let create = decide(
            None,
            &mutation(Op::Upsert, 0, interest("甲"), 1),
            None,
            None,
        );
        assert_eq!(create.result.status, Status::Applied);
        let cur = stored(1, Some(interest("甲")), 1);
        for m in [
            mutation(Op::Upsert, 1, interest("乙"), 2),
            mutation(Op::Delete, 1, Value::Null, 2),
        ] {
            let d = decide(None, &m, Some(&cur), None);
            assert_eq!(d.result.status, Status::Rejected);
            assert!(d.write.is_none());
        }
        let absent_delete = decide(None, &mutation(Op::Delete, 0, Value::Null, 2), None, None);
        assert_eq!(absent_delete.result.status, Status::Rejected);
        let bad = decide(
            Some(Role::Admin),
            &mutation(Op::Upsert, 0, json!({"name": 1}), 1),
            None,
            None,
        );
        assert_eq!(bad.result.status, Status::Rejected);
        assert!(bad.result.error.is_some_and(|e| e.contains(" / ")));
    }
}
