//! Case f6: two devices whose clocks are a day fast and a day slow edit the
//! same record offline. Same field: the later `updated_at` wins and the other
//! value is kept in `_conflicts`, whatever order the pushes arrive in.
//! Different fields: both edits are kept. A later edit from a device with a
//! correct clock, based on the current revision, still applies.

use domain::collection::Collection;
use domain::time::Timestamp;
use serde_json::{json, Value};
use tongji_server::store::Store;

use crate::fixtures::{mutation, new_id, valid};
use crate::harness::TestApp;
use crate::support::{Db, Outcome};

crate::cases!(case_f6_clock_skew_of_a_day_loses_nothing);

const DAY_MS: i64 = 24 * 3600 * 1000;

fn at(ms: i64) -> String {
    Timestamp::from_millis(ms).to_string()
}

fn visit(notes: &str, purpose: &str) -> Value {
    let mut v = valid(Collection::Visits);
    v["notes"] = json!(notes);
    v["purpose"] = json!(purpose);
    v
}

struct Devices<'a, S> {
    app: &'a TestApp<S>,
    token: &'a str,
    now: i64,
}

impl<S: Store> Devices<'_, S> {
    async fn create(&self, notes: &str, purpose: &str) -> String {
        let id = new_id();
        let m = mutation(
            Collection::Visits,
            &id,
            0,
            "upsert",
            visit(notes, purpose),
            &at(self.now),
        );
        let r = self.app.push_one(Some(self.token), m).await;
        assert_eq!(r["status"], "applied", "{r}");
        id
    }

    /// A device with a clock off by `skew_days` edits revision 1.
    async fn edit(&self, id: &str, skew_days: i64, data: Value) -> Value {
        let m = mutation(
            Collection::Visits,
            id,
            1,
            "upsert",
            data,
            &at(self.now + skew_days * DAY_MS),
        );
        self.app.push_one(Some(self.token), m).await
    }

    async fn latest(&self, id: &str) -> Value {
        self.app
            .pull_all(Some(self.token))
            .await
            .into_iter()
            .find(|c| c["id"] == id)
            .expect("record in the feed")
    }
}

async fn case_f6_clock_skew_of_a_day_loses_nothing<S: Store>(app: TestApp<S>, _db: Db) -> Outcome {
    let token = app.staff_token().await;
    let now = tongji_server::clock::now().millis();
    let d = Devices {
        app: &app,
        token: &token,
        now,
    };
    let fast = visit("快一天的设备写的备注", "原始目的");
    let slow = visit("慢一天的设备写的备注", "原始目的");

    // Same field, both arrival orders.
    let mut same_field = Vec::new();
    for fast_first in [true, false] {
        let id = d.create("原始备注", "原始目的").await;
        let (first, second) = if fast_first {
            (
                d.edit(&id, 1, fast.clone()).await,
                d.edit(&id, -1, slow.clone()).await,
            )
        } else {
            (
                d.edit(&id, -1, slow.clone()).await,
                d.edit(&id, 1, fast.clone()).await,
            )
        };
        assert_eq!(first["status"], "applied", "{first}");
        assert_eq!(
            (second["status"].as_str(), second["rev"].as_u64()),
            (Some("conflict"), Some(3)),
            "{second}"
        );
        let rec = d.latest(&id).await;
        assert_eq!(rec["rev"], 3);
        assert_eq!(
            rec["data"]["notes"], fast["notes"],
            "the later updated_at wins (fast first: {fast_first})"
        );
        let conflicts = rec["data"]["_conflicts"]
            .as_array()
            .expect("_conflicts kept");
        assert_eq!(conflicts.len(), 1, "{conflicts:?}");
        assert_eq!(conflicts[0]["path"], "notes");
        assert_eq!(conflicts[0]["kept"], fast["notes"]);
        assert_eq!(
            conflicts[0]["other"], slow["notes"],
            "the other value is kept"
        );
        assert_eq!(conflicts[0]["kept_updated_at"], at(now + DAY_MS));
        assert_eq!(conflicts[0]["other_updated_at"], at(now - DAY_MS));
        assert_eq!(rec["updated_at"], at(now + DAY_MS));
        assert_eq!(
            second["merged"], rec["data"],
            "the device is told the merge"
        );
        same_field.push(rec);
    }
    assert_eq!(
        same_field[0]["data"], same_field[1]["data"],
        "arrival order does not matter"
    );

    // Different fields, both orders: both edits kept, no conflict.
    for fast_first in [true, false] {
        let id = d.create("原始备注", "原始目的").await;
        let fast_notes = visit("快设备改了备注", "原始目的");
        let slow_purpose = visit("原始备注", "慢设备改了目的");
        let (first, second) = if fast_first {
            (
                d.edit(&id, 1, fast_notes).await,
                d.edit(&id, -1, slow_purpose).await,
            )
        } else {
            (
                d.edit(&id, -1, slow_purpose).await,
                d.edit(&id, 1, fast_notes).await,
            )
        };
        assert_eq!(first["status"], "applied", "{first}");
        assert_eq!(
            second["status"], "applied",
            "merged without conflict: {second}"
        );
        let rec = d.latest(&id).await;
        assert_eq!(rec["data"]["notes"], "快设备改了备注");
        assert_eq!(rec["data"]["purpose"], "慢设备改了目的");
        assert!(rec["data"].get("_conflicts").is_none(), "{rec}");
    }

    // A device with a correct clock, up to date, edits the record the fast
    // device "wrote tomorrow": its edit applies (no merge, no conflict), and
    // it can resolve the open conflict by choosing the other value.
    let id = same_field[0]["id"].as_str().unwrap().to_owned();
    let mut resolved = slow.clone();
    resolved["notes"] = slow["notes"].clone();
    let m = mutation(
        Collection::Visits,
        &id,
        3,
        "upsert",
        resolved.clone(),
        &at(now),
    );
    let r = app.push_one(Some(&token), m).await;
    assert_eq!(
        (r["status"].as_str(), r["rev"].as_u64()),
        (Some("applied"), Some(4)),
        "{r}"
    );
    let rec = d.latest(&id).await;
    assert_eq!(rec["data"], resolved);
    Outcome::new(
        "clocks +1 day / -1 day, same field in both arrival orders: +1 day kept, -1 day value in _conflicts; \
         different fields: both kept; an up-to-date edit with a correct clock applies afterwards",
    )
    .figure("skew_days", 1)
}
