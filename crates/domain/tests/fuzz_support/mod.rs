//! Shared pieces of the property-test fuzz targets (`tests/fuzz_*.rs`):
//! the case count, JSON strategies, structure-aware damage to valid
//! documents and valid records of every collection. (`scripts/reliability`
//! reads their results from libtest's output.)
//!
//! The case count is `PROPTEST_CASES` when set (`scripts/fuzz` sets it
//! high), else a bounded default that keeps `cargo test` quick.

#![allow(dead_code)]

use domain::collection::Collection;
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::{json, Map, Value};

/// Cases per property when `PROPTEST_CASES` is not set.
pub const DEFAULT_CASES: u32 = 256;

pub fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_CASES)
}

pub fn config() -> Config {
    Config {
        cases: cases(),
        // Damaged inputs are mostly refused early; don't give up on filters.
        max_global_rejects: 100_000,
        ..Config::default()
    }
}

/// Strings that hit edge cases: empty, whitespace, CJK, emoji, controls,
/// markup, very long.
pub fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "\\PC{0,12}",
        1 => Just(String::new()),
        1 => Just("   ".to_owned()),
        1 => Just("通济街道 <script>'\"\u{0}\u{202e}😀".to_owned()),
        1 => Just("2026-11-26T10:00:00.000Z".to_owned()),
        1 => Just("01936f3e-7a3c-7cc0-8000-000000000001".to_owned()),
        1 => (1usize..3000).prop_map(|n| "长".repeat(n)),
    ]
}

/// Numbers including the awkward ones (negative, huge, fractional).
pub fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        (0i64..100).prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        // Fractions exact in binary, so serialising round-trips exactly.
        (-1000i64..1000).prop_map(|n| json!(n as f64 / 4.0)),
        Just(json!(1e300)),
        Just(json!(-0.0)),
    ]
}

/// Any JSON value, up to a few levels deep, with keys from `keys` mixed
/// with random ones so objects often look like the real thing.
pub fn json_with_keys(keys: &'static [&'static str]) -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number(),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        let key = prop_oneof![
            3 => proptest::sample::select(keys).prop_map(str::to_owned),
            1 => "[a-z_]{1,8}",
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map(key, inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<String, Value>>())),
        ]
    })
}

/// Every field name used by the records and the sync messages.
pub const KEYS: &[&str] = &[
    "mutations",
    "mutation_id",
    "collection",
    "id",
    "base_rev",
    "op",
    "data",
    "updated_at",
    "changes",
    "next",
    "more",
    "rev",
    "seq",
    "deleted",
    "since",
    "limit",
    "status",
    "error",
    "merged",
    "name",
    "kind",
    "date",
    "start_time",
    "end_time",
    "venue",
    "online_url",
    "organiser",
    "sectors",
    "description",
    "sample",
    "sector",
    "location",
    "contact_name",
    "contact_phone",
    "fair_ids",
    "employer_id",
    "fair_id",
    "title",
    "headcount",
    "salary_min",
    "salary_max",
    "education",
    "experience_years",
    "benefits",
    "posted_on",
    "name_en",
    "order",
    "category_id",
    "summary",
    "eligibility",
    "conditions",
    "support",
    "amount",
    "steps",
    "documents",
    "valid_from",
    "valid_until",
    "department",
    "credit_code",
    "industry",
    "community",
    "size",
    "enrolled",
    "revenue_band",
    "annual_revenue",
    "employees",
    "qualifications",
    "notes",
    "enterprise_id",
    "staff",
    "purpose",
    "difficulties",
    "follow_ups",
    "photos",
    "indicators",
    "category",
    "urgency",
    "resolution",
    "action",
    "owner",
    "due",
    "history",
    "at",
    "by",
    "note",
    "sha256",
    "bytes",
    "width",
    "height",
    "caption",
    "level",
    "owner_unit",
    "investment",
    "milestones",
    "blockers",
    "updates",
    "planned",
    "actual",
    "raised_on",
    "resolved",
    "text",
    "author",
    "position_id",
    "phone",
    "message",
    "created_at",
    "_conflicts",
    "path",
    "kept",
    "other",
    "kept_updated_at",
    "other_updated_at",
    "format",
    "version",
    "records",
    "outbox",
    "drafts",
    "blobs",
    "pending",
    "base",
    "rejected",
    "key",
    "mime",
    "uploaded",
    "base64",
    "username",
    "password",
];

pub fn any_json() -> impl Strategy<Value = Value> {
    json_with_keys(KEYS)
}

/// One edit of a JSON document.
#[derive(Clone, Debug)]
pub enum Edit {
    /// Replace the node with another value.
    Replace(Value),
    /// Remove the node (from its object or list).
    Remove,
    /// Add an unknown key next to it.
    AddKey(String, Value),
    /// Turn a string into a number or the other way round.
    FlipType,
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => any_json().prop_map(Edit::Replace),
        2 => Just(Edit::Remove),
        1 => ("[a-z_]{1,10}", any_json()).prop_map(|(k, v)| Edit::AddKey(k, v)),
        2 => Just(Edit::FlipType),
    ]
}

/// Applies `edit` at the node reached by following `path` (each step picks
/// child `n % len`, stopping early at a leaf).
pub fn apply(doc: &mut Value, path: &[u16], edit: &Edit) {
    let mut node = doc;
    let mut steps = path.iter();
    loop {
        let step = steps.next();
        let len = match &*node {
            Value::Array(a) => a.len(),
            Value::Object(o) => o.len(),
            _ => 0,
        };
        let Some(&n) = step.filter(|_| len > 0) else {
            break;
        };
        let i = n as usize % len;
        // Stop one level above a leaf for removals, so there is a parent.
        let child_is_leaf = match &*node {
            Value::Array(a) => !matches!(a[i], Value::Array(_) | Value::Object(_)),
            Value::Object(o) => {
                !matches!(o.values().nth(i), Some(Value::Array(_) | Value::Object(_)))
            }
            _ => true,
        };
        if child_is_leaf || steps.len() == 0 {
            match (edit, &mut *node) {
                (Edit::Remove, Value::Array(a)) => {
                    a.remove(i);
                }
                (Edit::Remove, Value::Object(o)) => {
                    let k = o.keys().nth(i).cloned().expect("key");
                    o.remove(&k);
                }
                (Edit::AddKey(k, v), Value::Object(o)) => {
                    o.insert(k.clone(), v.clone());
                }
                (e, Value::Array(a)) => change(&mut a[i], e),
                (e, Value::Object(o)) => {
                    let k = o.keys().nth(i).cloned().expect("key");
                    change(o.get_mut(&k).expect("value"), e);
                }
                _ => {}
            }
            return;
        }
        node = match node {
            Value::Array(a) => &mut a[i],
            Value::Object(o) => {
                let k = o.keys().nth(i).cloned().expect("key");
                o.get_mut(&k).expect("value")
            }
            _ => unreachable!(),
        };
    }
    change(node, edit);
}

fn change(node: &mut Value, edit: &Edit) {
    match edit {
        Edit::Replace(v) => *node = v.clone(),
        Edit::FlipType => {
            *node = match node.take() {
                Value::String(s) => s.parse::<f64>().map(|f| json!(f)).unwrap_or(json!(s.len())),
                Value::Number(n) => Value::String(n.to_string()),
                Value::Bool(b) => Value::String(b.to_string()),
                Value::Null => json!(0),
                other => Value::String(other.to_string()),
            }
        }
        Edit::Remove => *node = Value::Null,
        Edit::AddKey(k, v) => {
            if let Value::Object(o) = node {
                o.insert(k.clone(), v.clone());
            }
        }
    }
}

/// `doc` with 1 to 4 random structure-aware edits.
pub fn damaged(doc: Value) -> impl Strategy<Value = Value> {
    prop::collection::vec((prop::collection::vec(any::<u16>(), 0..6), edit()), 1..5).prop_map(
        move |edits| {
            let mut d = doc.clone();
            for (path, e) in &edits {
                apply(&mut d, path, e);
            }
            d
        },
    )
}

fn seed(text: &str) -> Vec<Value> {
    let items: Vec<Value> = serde_json::from_str(text).expect("seed file");
    items
        .into_iter()
        .map(|mut v| {
            v.as_object_mut().expect("object").remove("id");
            v
        })
        .collect()
}

const ANY_ID: &str = "01936f3e-7a3c-7cc0-8000-000000000001";

/// Valid records of `c`: the demo seed where there is one, else a few
/// hand-written ones (visits with difficulties, follow-ups and photos).
pub fn valid_records(c: Collection) -> Vec<Value> {
    match c {
        Collection::Fairs => seed(include_str!("../../../server/seed/fairs.json")),
        Collection::Employers => seed(include_str!("../../../server/seed/employers.json")),
        Collection::Positions => seed(include_str!("../../../server/seed/positions.json")),
        Collection::PolicyCategories => seed(include_str!("../../../server/seed/policy_categories.json")),
        Collection::Policies => seed(include_str!("../../../server/seed/policies.json")),
        Collection::Enterprises => seed(include_str!("../../../server/seed/enterprises.json")),
        Collection::Projects => seed(include_str!("../../../server/seed/projects.json")),
        Collection::Visits => (0..6)
            .map(|i| {
                json!({
                    "enterprise_id": ANY_ID, "date": format!("2026-11-{:02}", 10 + i), "staff": (["王芳", "李明"][i % 2]),
                    "purpose": (["走访", "政策宣讲", ""][i % 3]), "notes": format!("第{i}次走访"),
                    "difficulties": (0..i % 3).map(|k| json!({"id": format!("01936f3e-7a3c-7cc0-8000-00000000010{k}"),
                        "category": (["labour", "finance", "land"][k]), "urgency": (["low", "high"][(i + k) % 2]),
                        "description": format!("困难{k}"), "status": (["open", "resolved"][(i + k) % 2])})).collect::<Vec<_>>(),
                    "follow_ups": (0..i % 2).map(|k| json!({"id": format!("01936f3e-7a3c-7cc0-8000-00000000020{k}"),
                        "action": "对接", "owner": "李明", "due": "2026-12-01", "status": "open"})).collect::<Vec<_>>(),
                    "photos": (0..i % 2).map(|_| json!({"sha256": "a".repeat(64), "bytes": 100, "width": 4, "height": 3,
                        "caption": "厂房"})).collect::<Vec<_>>(),
                    "indicators": {"employees": 10 * i as u64},
                })
            })
            .collect(),
        Collection::Interests => (0..4)
            .map(|i| {
                json!({"position_id": ANY_ID, "name": (["张三", "李四"][i % 2]), "phone": (["13812345678", "15900001111"][i / 2]),
                    "message": (["", "想了解岗位", "周末可以面试吗"][i % 3]), "created_at": "2026-11-26T10:00:00.000Z"})
            })
            .collect(),
    }
}

/// A collection and one of its valid records.
pub fn collection_and_record() -> impl Strategy<Value = (Collection, Value)> {
    proptest::sample::select(Collection::ALL.to_vec()).prop_flat_map(|c| {
        let records = valid_records(c);
        proptest::sample::select(records).prop_map(move |r| (c, r))
    })
}
