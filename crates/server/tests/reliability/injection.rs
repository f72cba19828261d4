//! Cases i1 (XSS payloads) and i2 (SQL metacharacters): every free-text
//! field of every collection, found by probing the domain's validation, is
//! filled with each payload, pushed, and must come back byte for byte from
//! the pull feed and from the store, on both databases. (How the app renders
//! them, in pages, print views and the xlsx export, is the browser suite's
//! part: tests/e2e/reliability.spec.ts.)

use axum::http::StatusCode;
use domain::collection::Collection;
use domain::records::{self, validate_data};
use serde_json::{json, Value};
use tongji_server::store::Store;

use crate::fixtures::{new_id, upsert, valid};
use crate::harness::TestApp;
use crate::support::{Db, Outcome};

crate::cases!(
    case_i1_xss_payloads_stored_and_returned_verbatim,
    case_i2_sql_metacharacters_stored_and_returned_verbatim,
);

const XSS: &[&str] = &[
    "<script>alert('xss')</script>",
    "\"><img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "javascript:alert(document.cookie)",
    "</textarea><script>alert(1)</script>",
    "'\"><iframe src=\"javascript:alert(1)\">",
    "{{constructor.constructor('alert(1)')()}}",
    "<a href=\"javascript:alert(1)\">点我</a>",
    "&lt;b&gt;&amp;&quot;",
    "=HYPERLINK(\"http://x.invalid\",\"点击\")",
    "+cmd|' /C calc'!A0",
    "<style>*{display:none}</style>",
    "\u{202e}gnp.exe 反转",
];

const SQL: &[&str] = &[
    "'; DROP TABLE records; --",
    "' OR '1'='1",
    "Robert'); DELETE FROM users; --",
    "\" OR \"\"=\"",
    "'; SELECT pg_sleep(5); --",
    "%_[]^ LIKE '%'",
    "$1 $$ $tag$ E'\\x00' ::text",
    "/* comment */ -- tail",
    "`id`; \\'; \\\\",
    "1; UNION SELECT token_hash FROM sessions --",
    "NUL\u{0}byte",
    "\u{1a}\u{7f} ctrl",
    "😀 𠮷 combining é",
];

/// A valid record of `c` with as many fields filled as the fixtures give,
/// and every defaulted field present (decode then encode).
fn rich(c: Collection) -> Value {
    let seed = |text: &str| -> Value {
        let items: Vec<Value> = serde_json::from_str(text).expect("seed");
        let mut best = items
            .into_iter()
            .max_by_key(|r| r.to_string().len())
            .expect("seed item");
        best.as_object_mut().expect("object").remove("id");
        best
    };
    let any_id = "01936f3e-7a3c-7cc0-8000-000000000001";
    let data = match c {
        Collection::Fairs => seed(include_str!("../../seed/fairs.json")),
        Collection::Employers => seed(include_str!("../../seed/employers.json")),
        Collection::Positions => seed(include_str!("../../seed/positions.json")),
        Collection::PolicyCategories => seed(include_str!("../../seed/policy_categories.json")),
        Collection::Policies => seed(include_str!("../../seed/policies.json")),
        Collection::Enterprises => seed(include_str!("../../seed/enterprises.json")),
        Collection::Projects => seed(include_str!("../../seed/projects.json")),
        Collection::Visits => json!({
            "enterprise_id": any_id, "date": "2026-11-20", "staff": "王芳", "purpose": "走访",
            "notes": "备注",
            "difficulties": [{"id": "01936f3e-7a3c-7cc0-8000-000000000002", "category": "labour",
                "urgency": "high", "description": "缺工", "status": "open", "resolution": "协调"}],
            "follow_ups": [{"id": "01936f3e-7a3c-7cc0-8000-000000000003", "action": "对接人社",
                "owner": "李明", "due": "2026-12-01", "status": "open",
                "history": [{"at": "2026-11-26T10:00:00.000Z", "by": "王芳", "status": "open", "note": "已联系"}]}],
            "photos": [{"sha256": "a".repeat(64), "bytes": 1000, "width": 10, "height": 10, "caption": "厂房"}],
        }),
        Collection::Interests => {
            json!({"position_id": any_id, "name": "张三", "phone": "13812345678",
            "message": "想了解岗位", "created_at": "2026-11-26T10:00:00.000Z"})
        }
    };
    let full = match c {
        Collection::Fairs => {
            records::encode(&records::decode::<records::Fair>(&data).expect("fair"))
        }
        Collection::Employers => {
            records::encode(&records::decode::<records::Employer>(&data).expect("employer"))
        }
        Collection::Positions => {
            records::encode(&records::decode::<records::Position>(&data).expect("position"))
        }
        Collection::PolicyCategories => {
            records::encode(&records::decode::<records::PolicyCategory>(&data).expect("category"))
        }
        Collection::Policies => {
            records::encode(&records::decode::<records::Policy>(&data).expect("policy"))
        }
        Collection::Enterprises => {
            records::encode(&records::decode::<records::Enterprise>(&data).expect("enterprise"))
        }
        Collection::Projects => {
            records::encode(&records::decode::<records::Project>(&data).expect("project"))
        }
        Collection::Visits => {
            records::encode(&records::decode::<records::Visit>(&data).expect("visit"))
        }
        Collection::Interests => {
            records::encode(&records::decode::<records::Interest>(&data).expect("interest"))
        }
    };
    assert_eq!(validate_data(c, &full), Ok(()), "rich {c}");
    full
}

#[derive(Clone, Debug)]
enum Seg {
    Key(String),
    Index(usize),
}

fn leaves(
    v: &Value,
    path: &mut Vec<Seg>,
    out: &mut Vec<Vec<Seg>>,
    empty_lists: &mut Vec<Vec<Seg>>,
) {
    match v {
        Value::String(_) => out.push(path.clone()),
        Value::Array(items) if items.is_empty() => empty_lists.push(path.clone()),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Seg::Index(i));
                leaves(item, path, out, empty_lists);
                path.pop();
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                path.push(Seg::Key(k.clone()));
                leaves(item, path, out, empty_lists);
                path.pop();
            }
        }
        _ => {}
    }
}

fn at_mut<'a>(v: &'a mut Value, path: &[Seg]) -> &'a mut Value {
    path.iter().fold(v, |v, seg| match seg {
        Seg::Key(k) => &mut v[k.as_str()],
        Seg::Index(i) => &mut v[*i],
    })
}

fn show(path: &[Seg]) -> String {
    path.iter()
        .map(|s| match s {
            Seg::Key(k) => format!(".{k}"),
            Seg::Index(i) => format!("[{i}]"),
        })
        .collect()
}

/// The record and the paths of its free-text fields: string leaves that
/// accept arbitrary text (ids, dates, enums, phones and URLs do not), with
/// empty text lists given one item first.
fn text_fields(c: Collection) -> (Value, Vec<Vec<Seg>>) {
    const PROBE: &str = "探针 <b>'\"probe";
    let mut record = rich(c);
    let (mut strings, mut empty) = (Vec::new(), Vec::new());
    leaves(&record, &mut Vec::new(), &mut strings, &mut empty);
    for path in empty {
        let mut trial = record.clone();
        *at_mut(&mut trial, &path) = json!([PROBE]);
        if validate_data(c, &trial).is_ok() {
            record = trial;
            let mut item = path.clone();
            item.push(Seg::Index(0));
            strings.push(item);
        }
    }
    let text = strings
        .into_iter()
        .filter(|path| {
            let mut trial = record.clone();
            *at_mut(&mut trial, path) = json!(PROBE);
            validate_data(c, &trial).is_ok()
        })
        .collect();
    (record, text)
}

/// `payload`, or its longest prefix that the field's length limit accepts.
fn fitting(c: Collection, record: &Value, path: &[Seg], payload: &str) -> String {
    let chars: Vec<char> = payload.chars().collect();
    for n in (1..=chars.len()).rev() {
        let text: String = chars[..n].iter().collect();
        let mut trial = record.clone();
        *at_mut(&mut trial, path) = json!(text);
        if validate_data(c, &trial).is_ok() {
            return text;
        }
    }
    panic!("{c}{}: no prefix of {payload:?} is accepted", show(path));
}

async fn verbatim<S: Store>(app: TestApp<S>, db: Db, payloads: &[&str], label: &str) -> Outcome {
    let admin = app.admin_token().await;
    let mut sent: Vec<(Collection, String, Value)> = Vec::new();
    let (mut fields, mut shortened) = (0, 0);
    for c in Collection::ALL {
        let (record, paths) = text_fields(c);
        assert!(!paths.is_empty(), "{c} has free-text fields");
        fields += paths.len();
        // One record per payload rotation, so every field gets every payload.
        let mut mutations = Vec::new();
        for k in 0..payloads.len() {
            let mut data = record.clone();
            for (i, path) in paths.iter().enumerate() {
                let text = fitting(c, &record, path, payloads[(i + k) % payloads.len()]);
                if text.chars().count() < payloads[(i + k) % payloads.len()].chars().count() {
                    shortened += 1;
                }
                *at_mut(&mut data, path) = json!(text);
            }
            if let Err(e) = validate_data(c, &data) {
                panic!("{c}: payloads must be valid text: {}", e.bilingual());
            }
            let id = new_id();
            mutations.push(upsert(c, &id, 0, data.clone()));
            sent.push((c, id, data));
        }
        for r in app.push(Some(&admin), &mutations).await {
            assert_eq!(r["status"], "applied", "{c}: {r}");
            assert!(r["merged"].is_null(), "stored as sent: {r}");
        }
    }
    let feed = app.pull_all(Some(&admin)).await;
    let raw = app.get("/api/sync/pull?limit=1000", Some(&admin)).await;
    assert_eq!(raw.status, StatusCode::OK);
    assert!(raw.header("content-type").starts_with("application/json"));
    assert_eq!(raw.header("x-content-type-options"), "nosniff");
    for (c, id, data) in &sent {
        let change = feed
            .iter()
            .find(|ch| ch["id"] == id.as_str())
            .unwrap_or_else(|| panic!("{c}/{id} missing from the feed"));
        assert_eq!(&change["data"], data, "{c}/{id} returned verbatim by pull");
        let stored = app
            .store
            .get_record(*c, id.parse().expect("id"))
            .await
            .expect("stored record");
        assert_eq!(stored.data.as_ref(), Some(data), "{c}/{id} stored verbatim");
    }
    // The tables are all still there and intact.
    let snapshot = db.snapshot().await;
    assert_eq!(snapshot["records"].len(), sent.len());
    Outcome::new(format!(
        "{} {label} payloads in each of {fields} free-text fields of all 9 collections ({} records): \
         pull and store return every byte verbatim ({shortened} placements cut to a field's length limit)",
        payloads.len(),
        sent.len()
    ))
    .figure("fields", fields)
    .figure("records", sent.len())
}

async fn case_i1_xss_payloads_stored_and_returned_verbatim<S: Store>(
    app: TestApp<S>,
    db: Db,
) -> Outcome {
    // A link field takes only http(s) links: no `javascript:` URL is ever stored.
    let admin = app.admin_token().await;
    for url in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        " javascript:alert(1)",
    ] {
        let mut fair = valid(Collection::Fairs);
        fair["online_url"] = json!(url);
        let r = app
            .push_one(Some(&admin), upsert(Collection::Fairs, &new_id(), 0, fair))
            .await;
        assert_eq!(r["status"], "rejected", "{url}: {r}");
    }
    verbatim(app, db, XSS, "XSS").await
}

async fn case_i2_sql_metacharacters_stored_and_returned_verbatim<S: Store>(
    app: TestApp<S>,
    db: Db,
) -> Outcome {
    // Metacharacters in credentials are just wrong credentials.
    app.add_user("wang", domain::collection::Role::Staff, "correct-horse")
        .await;
    for (u, p) in [
        ("wang' --", "x"),
        ("' OR '1'='1", "' OR '1'='1"),
        ("wang", "' OR '1'='1' --"),
    ] {
        let r = app.login(u, p).await;
        assert_eq!(
            r.status,
            StatusCode::UNAUTHORIZED,
            "{u} / {p}: {}",
            r.text()
        );
    }
    verbatim(app, db, SQL, "SQL-metacharacter").await
}
