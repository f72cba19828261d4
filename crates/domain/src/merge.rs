//! Field-level three-way merge of two concurrent versions of one record.
//!
//! Given the version both sides started from (`base`) and the two edited
//! versions, a field changed on one side only takes that side's value. Where
//! both sides changed the same field differently, the version with the later
//! `updated_at` wins and the other value is kept as a [`Conflict`] inside the
//! record (under the reserved key [`CONFLICTS_KEY`]), so nothing is silently
//! lost and every device shows the conflict until a user resolves it.
//!
//! Nested objects merge field by field; lists of objects carrying an `"id"`
//! (difficulties, follow-ups, milestones...) merge item by item. Other values,
//! including lists of plain values, are atomic. The result does not depend on
//! which side is called local and which remote (ties on `updated_at` are
//! broken by comparing the values' JSON text), so two devices merging the same
//! pair reach the same record.

use crate::collection::Collection;
use crate::records::validate_data;
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashSet};

/// Key inside a record's data that holds its unresolved conflicts.
pub const CONFLICTS_KEY: &str = "_conflicts";

/// A field changed on both sides: the value kept and the one that lost.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    /// Path of the field: `title`, `indicators.revenue`, `follow_ups[<id>].status`.
    pub path: String,
    /// The value now in the record.
    pub kept: Value,
    /// The other value, which the user may choose instead.
    pub other: Value,
    /// When the kept value was written.
    pub kept_updated_at: Timestamp,
    /// When the other value was written.
    pub other_updated_at: Timestamp,
}

/// One side of a merge: the record's data and when it was last written.
#[derive(Clone, Copy, Debug)]
pub struct Version<'a> {
    /// The record's data (a JSON object).
    pub data: &'a Value,
    /// Its `updated_at`.
    pub updated_at: Timestamp,
}

/// The merged record.
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    /// Merged data, including the `_conflicts` list when there are any.
    pub data: Value,
    /// Conflicts created by this merge (already included in `data`).
    pub conflicts: Vec<Conflict>,
    /// The later of the two `updated_at`s.
    pub updated_at: Timestamp,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Winner {
    Local,
    Remote,
}

struct Ctx {
    local_at: Timestamp,
    remote_at: Timestamp,
    conflicts: Vec<Conflict>,
}

impl Ctx {
    /// Picks the newer side; on equal timestamps the larger JSON text wins.
    fn winner(&self, local: &Value, remote: &Value) -> Winner {
        match self.local_at.cmp(&self.remote_at) {
            Ordering::Greater => Winner::Local,
            Ordering::Less => Winner::Remote,
            Ordering::Equal if text_greater(local, remote) => Winner::Local,
            Ordering::Equal => Winner::Remote,
        }
    }

    fn value(&mut self, path: &str, base: &Value, local: &Value, remote: &Value) -> Value {
        if local == remote || remote == base {
            return local.clone();
        }
        if local == base {
            return remote.clone();
        }
        match (base, local, remote) {
            (Value::Object(b), Value::Object(l), Value::Object(r)) => {
                Value::Object(self.object(path, b, l, r))
            }
            (_, Value::Object(l), Value::Object(r)) if base.is_null() => {
                Value::Object(self.object(path, &Map::new(), l, r))
            }
            _ if is_item_list(local)
                && is_item_list(remote)
                && (is_item_list(base) || base.is_null()) =>
            {
                self.items(path, base, local, remote)
            }
            _ => {
                let (kept, other, kept_at, other_at) = match self.winner(local, remote) {
                    Winner::Local => (local, remote, self.local_at, self.remote_at),
                    Winner::Remote => (remote, local, self.remote_at, self.local_at),
                };
                self.conflicts.push(Conflict {
                    path: path.to_owned(),
                    kept: kept.clone(),
                    other: other.clone(),
                    kept_updated_at: kept_at,
                    other_updated_at: other_at,
                });
                kept.clone()
            }
        }
    }

    fn object(
        &mut self,
        prefix: &str,
        base: &Map<String, Value>,
        local: &Map<String, Value>,
        remote: &Map<String, Value>,
    ) -> Map<String, Value> {
        let keys = crate::sort::distinct(
            local
                .keys()
                .chain(remote.keys())
                .filter(|k| *k != CONFLICTS_KEY),
        );
        let mut out = Map::new();
        for key in keys {
            let path = if prefix.is_empty() {
                key.clone()
            } else {
                format!("{prefix}.{key}")
            };
            let (b, l, r) = (field(base, key), field(local, key), field(remote, key));
            // A null field is the same as an absent one (every optional
            // field defaults), so nulls are dropped rather than merged.
            let merged = self.value(&path, b, l, r);
            if !merged.is_null() {
                out.insert(key.clone(), merged);
            }
        }
        out
    }

    /// Merges lists of objects with unique `"id"`s item by item.
    fn items(&mut self, path: &str, base: &Value, local: &Value, remote: &Value) -> Value {
        let empty = Vec::new();
        let base_items = base.as_array().unwrap_or(&empty);
        let (local_items, remote_items) = (
            local.as_array().unwrap_or(&empty),
            remote.as_array().unwrap_or(&empty),
        );
        let by_id = |items: &[Value]| -> BTreeMap<String, Value> {
            items
                .iter()
                .filter_map(|v| Some((item_id(v)?.to_owned(), v.clone())))
                .collect()
        };
        let (b, l, r) = (by_id(base_items), by_id(local_items), by_id(remote_items));
        // The newer side's order first, then items only the other side has.
        let (first, second) = match self.winner(local, remote) {
            Winner::Local => (local_items, remote_items),
            Winner::Remote => (remote_items, local_items),
        };
        let mut order: Vec<String> = Vec::new();
        let mut seen = HashSet::new();
        for v in first.iter().chain(second) {
            if let Some(id) = item_id(v) {
                if seen.insert(id.to_owned()) {
                    order.push(id.to_owned());
                }
            }
        }
        let mut out = Vec::new();
        for id in order {
            let item_path = format!("{path}[{id}]");
            let base_item = b.get(&id);
            match (l.get(&id), r.get(&id)) {
                (Some(li), Some(ri)) => {
                    let bi = base_item.cloned().unwrap_or(Value::Null);
                    out.push(self.value(&item_path, &bi, li, ri));
                }
                // Present on one side only: either added there, or deleted on
                // the other side. An edit beats a delete so no work is lost.
                (Some(only), None) | (None, Some(only)) => match base_item {
                    None => out.push(only.clone()),
                    Some(bi) if bi != only => out.push(only.clone()),
                    Some(_) => {}
                },
                (None, None) => {}
            }
        }
        Value::Array(out)
    }
}

/// The stable tie-break: compares the values' JSON text.
fn text_greater(a: &Value, b: &Value) -> bool {
    let (a, b) = (a.to_string(), b.to_string());
    a > b
}

fn field<'a>(map: &'a Map<String, Value>, key: &str) -> &'a Value {
    map.get(key).unwrap_or(&Value::Null)
}

fn item_id(v: &Value) -> Option<&str> {
    v.as_object()?.get("id")?.as_str()
}

fn is_item_list(v: &Value) -> bool {
    match v.as_array() {
        Some(items) => {
            let mut ids = HashSet::new();
            items
                .iter()
                .all(|i| item_id(i).is_some_and(|id| ids.insert(id)))
        }
        None => false,
    }
}

fn conflicts_of(data: &Value) -> Vec<Conflict> {
    data.get(CONFLICTS_KEY)
        .and_then(|c| serde_json::from_value(c.clone()).ok())
        .unwrap_or_default()
}

/// Unresolved conflicts stored in a record's data.
pub fn stored_conflicts(data: &Value) -> Vec<Conflict> {
    conflicts_of(data)
}

/// Three-way merge of `local` and `remote`, which both started from `base`
/// (`None` when the common version is unknown: every differing field is then a
/// conflict). Data must be JSON objects; anything else merges as a whole value.
pub fn merge(base: Option<&Value>, local: Version<'_>, remote: Version<'_>) -> Merged {
    let empty = Value::Object(Map::new());
    let base_data = base.unwrap_or(&empty);
    let mut ctx = Ctx {
        local_at: local.updated_at,
        remote_at: remote.updated_at,
        conflicts: Vec::new(),
    };
    let mut data = match (base_data, local.data, remote.data) {
        (Value::Object(b), Value::Object(l), Value::Object(r)) => {
            Value::Object(ctx.object("", b, l, r))
        }
        (b, l, r) => ctx.value("", b, l, r),
    };
    let stored = merge_stored_conflicts(base_data, local.data, remote.data, &ctx.conflicts);
    if let (Value::Object(map), false) = (&mut data, stored.is_empty()) {
        map.insert(
            CONFLICTS_KEY.to_owned(),
            serde_json::to_value(&stored).expect("conflicts serialise"),
        );
    }
    Merged {
        data,
        conflicts: ctx.conflicts,
        updated_at: local.updated_at.max(remote.updated_at),
    }
}

/// Conflicts kept in the record: those still open on both sides (a conflict
/// dropped on either side since `base` was resolved there), plus new ones,
/// which replace older conflicts on the same path.
fn merge_stored_conflicts(
    base: &Value,
    local: &Value,
    remote: &Value,
    new: &[Conflict],
) -> Vec<Conflict> {
    let (b, l, r) = (
        conflicts_of(base),
        conflicts_of(local),
        conflicts_of(remote),
    );
    let paths = |cs: &[Conflict]| cs.iter().map(|c| c.path.clone()).collect::<HashSet<_>>();
    let (bp, lp, rp) = (paths(&b), paths(&l), paths(&r));
    let resolved: HashSet<&String> = bp
        .iter()
        .filter(|p| !lp.contains(*p) || !rp.contains(*p))
        .collect();
    let mut out: BTreeMap<String, Conflict> = BTreeMap::new();
    for c in l.into_iter().chain(r) {
        if resolved.contains(&c.path) {
            continue;
        }
        // Both sides hold a different open conflict on one path: keep the
        // newer one whichever side is local, so both devices agree.
        match out.get(&c.path) {
            Some(held) if !newer_conflict(&c, held) => {}
            _ => {
                out.insert(c.path.clone(), c);
            }
        }
    }
    for c in new {
        out.insert(c.path.clone(), c.clone());
    }
    out.into_values().collect()
}

/// Whether conflict `a` is newer than `b` (on one path): the later kept
/// value, then the later other value, then the larger JSON text.
fn newer_conflict(a: &Conflict, b: &Conflict) -> bool {
    match (a.kept_updated_at, a.other_updated_at).cmp(&(b.kept_updated_at, b.other_updated_at)) {
        Ordering::Equal => {
            let text = |c: &Conflict| serde_json::to_string(c).unwrap_or_default();
            text(a) > text(b)
        }
        o => o == Ordering::Greater,
    }
}

/// Where the newer record kept whole (`kept`) lacks what the full merge
/// (`merged`) has, the paths and both values: values only the older side
/// had, which would otherwise be dropped without a conflict.
fn lacking(path: &str, kept: &Value, merged: &Value, out: &mut Vec<(String, Value, Value)>) {
    if kept == merged {
        return;
    }
    match (kept, merged) {
        (Value::Object(k), Value::Object(m)) => {
            for (key, value) in m {
                if path.is_empty() && key == CONFLICTS_KEY {
                    continue;
                }
                let sub = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                lacking(&sub, field(k, key), value, out);
            }
        }
        _ => out.push((path.to_owned(), kept.clone(), merged.clone())),
    }
}

/// Like [`merge`], but guarantees a result that passes the collection's
/// validation: when combining fields of both sides breaks a rule (say a
/// salary minimum from one side above the maximum from the other), the newer
/// version is kept whole and every field it overrode becomes a conflict,
/// including fields it left empty where the older version has a value.
pub fn merge_valid(
    collection: Collection,
    base: Option<&Value>,
    local: Version<'_>,
    remote: Version<'_>,
) -> Merged {
    let merged = merge(base, local, remote);
    if validate_data(collection, &merged.data).is_ok() {
        return merged;
    }
    let local_newer = match local.updated_at.cmp(&remote.updated_at) {
        Ordering::Equal => text_greater(local.data, remote.data),
        o => o == Ordering::Greater,
    };
    let (winner, loser) = if local_newer {
        (local, remote)
    } else {
        (remote, local)
    };
    // Everything the winner overrode is kept as a conflict: merge with no base
    // and the winner forced newer.
    let forced = merge(
        None,
        Version {
            data: winner.data,
            updated_at: Timestamp::from_millis(i64::MAX),
        },
        Version {
            data: loser.data,
            updated_at: loser.updated_at,
        },
    );
    let mut data = winner.data.clone();
    let mut conflicts: Vec<Conflict> = forced
        .conflicts
        .into_iter()
        .map(|c| Conflict {
            kept_updated_at: winner.updated_at,
            ..c
        })
        .collect();
    // Values only the older side has (a field the newer side left empty, an
    // item only it added) are not conflicts of the forced merge, which takes
    // them; the newer record kept whole drops them, so they become conflicts
    // too (the "other" value is the combined one, so choosing it loses nothing).
    let mut missing = Vec::new();
    lacking("", winner.data, &forced.data, &mut missing);
    for (path, kept, other) in missing {
        if !conflicts.iter().any(|c| c.path == path) {
            conflicts.push(Conflict {
                path,
                kept,
                other,
                kept_updated_at: winner.updated_at,
                other_updated_at: loser.updated_at,
            });
        }
    }
    let stored = merge_stored_conflicts(
        base.unwrap_or(&Value::Null),
        local.data,
        remote.data,
        &conflicts,
    );
    if let Value::Object(map) = &mut data {
        map.remove(CONFLICTS_KEY);
        if !stored.is_empty() {
            map.insert(
                CONFLICTS_KEY.to_owned(),
                serde_json::to_value(&stored).expect("conflicts serialise"),
            );
        }
    }
    Merged {
        data,
        conflicts,
        updated_at: local.updated_at.max(remote.updated_at),
    }
}

/// Resolves the conflict on `path` by choosing `value`: sets the field and
/// removes the conflict. Only top-level and `a.b` object paths can be set
/// directly; item paths (`list[id].field`) are set inside the matching item.
pub fn resolve(data: &Value, path: &str, value: Value) -> Value {
    let mut out = data.clone();
    set_path(&mut out, path, value);
    if let Some(Value::Array(list)) = out.get_mut(CONFLICTS_KEY) {
        list.retain(|c| c.get("path").and_then(Value::as_str) != Some(path));
        if list.is_empty() {
            out.as_object_mut().map(|m| m.remove(CONFLICTS_KEY));
        }
    }
    out
}

fn set_path(target: &mut Value, path: &str, value: Value) {
    // Split off the first segment: `name`, `name.rest`, `name[id]...`.
    let end = path.find(['.', '[']).unwrap_or(path.len());
    let (head, rest) = path.split_at(end);
    let Some(map) = target.as_object_mut() else {
        return;
    };
    if rest.is_empty() {
        map.insert(head.to_owned(), value);
    } else if let Some(rest) = rest.strip_prefix('.') {
        let child = map
            .entry(head.to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
        set_path(child, rest, value);
    } else if let Some(after) = rest.strip_prefix('[') {
        let Some((id, tail)) = after.split_once(']') else {
            return;
        };
        let Some(Value::Array(items)) = map.get_mut(head) else {
            return;
        };
        if let Some(item) = items.iter_mut().find(|i| item_id(i) == Some(id)) {
            match tail.strip_prefix('.') {
                Some(sub) => set_path(item, sub, value),
                None => *item = value,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn at(ms: i64) -> Timestamp {
        Timestamp::from_millis(ms)
    }

    fn m(base: &Value, local: &Value, lt: i64, remote: &Value, rt: i64) -> Merged {
        merge(
            Some(base),
            Version {
                data: local,
                updated_at: at(lt),
            },
            Version {
                data: remote,
                updated_at: at(rt),
            },
        )
    }

    #[test]
    fn different_fields_both_survive() {
        let base = json!({"title": "缝纫工", "headcount": 10});
        let local = json!({"title": "平缝机工", "headcount": 10});
        let remote = json!({"title": "缝纫工", "headcount": 20});
        let out = m(&base, &local, 1, &remote, 2);
        assert_eq!(out.data, json!({"title": "平缝机工", "headcount": 20}));
        assert!(out.conflicts.is_empty());
        assert_eq!(out.updated_at, at(2));
    }

    #[test]
    fn same_field_newer_wins_and_other_is_kept_as_conflict() {
        let base = json!({"title": "缝纫工"});
        let local = json!({"title": "本地"});
        let remote = json!({"title": "远端"});
        let out = m(&base, &local, 5, &remote, 9);
        assert_eq!(out.data["title"], "远端");
        assert_eq!(out.conflicts.len(), 1);
        let c = &out.conflicts[0];
        assert_eq!(
            (c.path.as_str(), &c.kept, &c.other),
            ("title", &json!("远端"), &json!("本地"))
        );
        assert_eq!(stored_conflicts(&out.data), out.conflicts);
        // Choosing the other value resolves it.
        let resolved = resolve(&out.data, "title", json!("本地"));
        assert_eq!(resolved, json!({"title": "本地"}));
    }

    #[test]
    fn nested_objects_and_id_lists_merge_inside() {
        let base = json!({"indicators": {"revenue": 100, "employees": 50},
            "follow_ups": [{"id": "a", "status": "open", "owner": "王"}]});
        let local = json!({"indicators": {"revenue": 120, "employees": 50},
            "follow_ups": [{"id": "a", "status": "done", "owner": "王"}, {"id": "b", "status": "open", "owner": "李"}]});
        let remote = json!({"indicators": {"revenue": 100, "employees": 55},
            "follow_ups": [{"id": "a", "status": "open", "owner": "张"}, {"id": "c", "status": "open", "owner": "赵"}]});
        let out = m(&base, &local, 1, &remote, 2);
        assert!(out.conflicts.is_empty(), "{:?}", out.conflicts);
        assert_eq!(
            out.data["indicators"],
            json!({"revenue": 120, "employees": 55})
        );
        let items = out.data["follow_ups"].as_array().unwrap();
        let ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["a", "c", "b"]);
        assert_eq!(
            items[0],
            json!({"id": "a", "status": "done", "owner": "张"})
        );
    }

    #[test]
    fn conflict_inside_an_item_has_an_item_path_and_resolves() {
        let base = json!({"follow_ups": [{"id": "a", "status": "open"}]});
        let local = json!({"follow_ups": [{"id": "a", "status": "done"}]});
        let remote = json!({"follow_ups": [{"id": "a", "status": "cancelled"}]});
        let out = m(&base, &local, 10, &remote, 2);
        assert_eq!(out.conflicts[0].path, "follow_ups[a].status");
        assert_eq!(out.data["follow_ups"][0]["status"], "done");
        let resolved = resolve(&out.data, "follow_ups[a].status", json!("cancelled"));
        assert_eq!(
            resolved,
            json!({"follow_ups": [{"id": "a", "status": "cancelled"}]})
        );
    }

    #[test]
    fn edited_item_survives_a_concurrent_delete() {
        let base = json!({"items": [{"id": "a", "v": 1}, {"id": "b", "v": 1}]});
        let local = json!({"items": [{"id": "a", "v": 2}, {"id": "b", "v": 1}]});
        let remote = json!({"items": [{"id": "b", "v": 1}]});
        let out = m(&base, &local, 1, &remote, 2);
        assert_eq!(
            out.data["items"],
            json!([{"id": "b", "v": 1}, {"id": "a", "v": 2}])
        );
        // An untouched item deleted on one side stays deleted.
        let local2 = json!({"items": [{"id": "a", "v": 1}]});
        let out = m(&base, &local2, 1, &remote, 2);
        assert_eq!(out.data["items"], json!([]));
    }

    #[test]
    fn resolved_conflicts_stay_resolved_and_open_ones_travel() {
        let open = json!([{"path": "title", "kept": "x", "other": "y",
            "kept_updated_at": "2026-01-01T00:00:00.000Z", "other_updated_at": "2026-01-01T00:00:00.000Z"}]);
        let base = json!({"title": "x", "_conflicts": open});
        let local = json!({"title": "y"}); // the user chose "y" here
        let remote = json!({"title": "x", "headcount": 3, "_conflicts": open});
        let out = m(&base, &local, 5, &remote, 6);
        assert_eq!(out.data, json!({"title": "y", "headcount": 3}));
        // A device that never saw the conflict keeps it when merging with one that did.
        let out = m(
            &json!({"title": "x"}),
            &json!({"title": "x", "note": 1}),
            1,
            &base,
            2,
        );
        assert_eq!(stored_conflicts(&out.data).len(), 1);
    }

    #[test]
    fn merge_valid_falls_back_to_the_newer_record_when_the_mix_breaks_a_rule() {
        let position = |min: u32, max: u32| {
            json!({"employer_id": "01936f3e-7a3c-7cc0-8000-000000000001", "title": "操作工", "sector": "制造",
                "headcount": 5, "salary_min": min, "salary_max": max, "education": "any",
                "location": "通济", "posted_on": "2026-11-01"})
        };
        let base = position(4000, 6000);
        let local = position(7000, 9000); // raised both
        let mut remote = position(4000, 5000); // lowered the max only
        remote["title"] = json!("普工");
        // Field-wise: min 7000 (local) + max conflict... make local older so remote max 5000 wins → 7000 > 5000.
        let out = merge_valid(
            Collection::Positions,
            Some(&base),
            Version {
                data: &local,
                updated_at: at(1),
            },
            Version {
                data: &remote,
                updated_at: at(2),
            },
        );
        assert_eq!(validate_data(Collection::Positions, &out.data), Ok(()));
        assert_eq!(out.data["salary_min"], 4000);
        assert_eq!(out.data["salary_max"], 5000);
        let paths: Vec<&str> = out.conflicts.iter().map(|c| c.path.as_str()).collect();
        assert!(
            paths.contains(&"salary_min") && paths.contains(&"salary_max"),
            "{paths:?}"
        );
    }

    fn small_object() -> impl Strategy<Value = Value> {
        proptest::collection::btree_map(
            "[a-d]",
            prop_oneof![Just(Value::Null), (0i64..3).prop_map(Value::from)],
            0..4,
        )
        .prop_map(|m| Value::Object(m.into_iter().collect()))
    }

    proptest! {
        #[test]
        fn merge_is_symmetric(base in small_object(), a in small_object(), b in small_object(), ta in 0i64..3, tb in 0i64..3) {
            let ab = m(&base, &a, ta, &b, tb);
            let ba = m(&base, &b, tb, &a, ta);
            prop_assert_eq!(ab.data, ba.data);
        }

        #[test]
        fn a_one_sided_edit_is_taken_whole(base in small_object(), a in small_object(), t in 0i64..3) {
            let out = m(&base, &a, t, &base, 0);
            let mut expected = a.clone();
            expected.as_object_mut().unwrap().retain(|_, v| !v.is_null());
            prop_assert_eq!(&out.data, &expected);
            prop_assert!(out.conflicts.is_empty());
        }

        #[test]
        fn no_value_is_lost(base in small_object(), a in small_object(), b in small_object()) {
            // Every field value of either side is either in the result or in a conflict.
            let out = m(&base, &a, 1, &b, 2);
            for side in [&a, &b] {
                for (k, v) in side.as_object().unwrap() {
                    let kept = out.data.get(k).unwrap_or(&Value::Null) == v;
                    let in_conflict = out.conflicts.iter().any(|c| &c.path == k && (&c.other == v || &c.kept == v));
                    let unchanged_side = base.get(k).unwrap_or(&Value::Null) == v;
                    prop_assert!(kept || in_conflict || unchanged_side, "lost {k}={v}");
                }
            }
        }
    }
}
