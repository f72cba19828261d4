//! Deadline badges: the 180- and 30-day thresholds, the deadline day itself,
//! expired and open-ended guides.

use domain::lang::Lang;
use domain::policy::{Expiry, URGENT_DAYS, WARNING_DAYS};
use domain::records::Policy;
use domain::time::Date;

fn today() -> Date {
    Date::parse("2026-11-26").unwrap()
}

fn in_days(n: i64) -> Option<Date> {
    Some(today().add_days(n))
}

#[test]
fn thresholds_are_inclusive() {
    assert_eq!((URGENT_DAYS, WARNING_DAYS), (30, 180));
    assert_eq!(Expiry::of(None, today()), Expiry::OpenEnded);
    assert_eq!(
        Expiry::of(in_days(181), today()),
        Expiry::Valid { days_left: 181 }
    );
    assert_eq!(
        Expiry::of(in_days(180), today()),
        Expiry::Warning { days_left: 180 }
    );
    assert_eq!(
        Expiry::of(in_days(31), today()),
        Expiry::Warning { days_left: 31 }
    );
    assert_eq!(
        Expiry::of(in_days(30), today()),
        Expiry::Urgent { days_left: 30 }
    );
    assert_eq!(
        Expiry::of(in_days(0), today()),
        Expiry::Urgent { days_left: 0 }
    );
    assert_eq!(
        Expiry::of(in_days(-1), today()),
        Expiry::Expired { days_ago: 1 }
    );
    assert_eq!(
        Expiry::of(in_days(-400), today()),
        Expiry::Expired { days_ago: 400 }
    );
    // 2026-12-26 is 30 days after 2026-11-26; 2027-05-25 is 180.
    assert_eq!(
        Expiry::of(Some(Date::parse("2026-12-26").unwrap()), today()),
        Expiry::Urgent { days_left: 30 }
    );
    assert_eq!(
        Expiry::of(Some(Date::parse("2027-05-25").unwrap()), today()),
        Expiry::Warning { days_left: 180 }
    );
}

#[test]
fn days_left_and_expired() {
    assert_eq!(Expiry::of(in_days(12), today()).days_left(), Some(12));
    assert_eq!(Expiry::of(in_days(-3), today()).days_left(), None);
    assert_eq!(Expiry::OpenEnded.days_left(), None);
    assert!(Expiry::of(in_days(-1), today()).is_expired());
    assert!(!Expiry::of(in_days(0), today()).is_expired());
    assert!(!Expiry::OpenEnded.is_expired());
}

#[test]
fn badges_in_both_languages() {
    let cases = [
        (
            Expiry::OpenEnded,
            "长期有效",
            "open-ended",
            "长期有效",
            "Open-ended",
        ),
        (
            Expiry::Valid { days_left: 400 },
            "剩 400 天",
            "400 days left",
            "有效",
            "Valid",
        ),
        (
            Expiry::Warning { days_left: 90 },
            "剩 90 天",
            "90 days left",
            "临近截止",
            "Deadline approaching",
        ),
        (
            Expiry::Urgent { days_left: 1 },
            "剩 1 天",
            "1 day left",
            "即将截止",
            "Closing soon",
        ),
        (
            Expiry::Urgent { days_left: 0 },
            "今天截止",
            "closes today",
            "即将截止",
            "Closing soon",
        ),
        (
            Expiry::Expired { days_ago: 3 },
            "已过期 3 天",
            "expired 3 days ago",
            "已过期",
            "Expired",
        ),
        (
            Expiry::Expired { days_ago: 1 },
            "已过期 1 天",
            "expired 1 day ago",
            "已过期",
            "Expired",
        ),
    ];
    for (expiry, zh, en, label_zh, label_en) in cases {
        let d = expiry.describe();
        assert_eq!((d.zh.as_str(), d.en.as_str()), (zh, en), "{expiry:?}");
        assert_eq!(
            (expiry.label(Lang::Zh), expiry.label(Lang::En)),
            (label_zh, label_en)
        );
    }
}

#[test]
fn a_guide_knows_its_deadline_and_opening() {
    let mut guide: Policy = serde_json::from_value(serde_json::json!({
        "category_id": "01936f3e-7a3c-7cc0-8000-000000000001",
        "title": "示例政策",
        "support": "示例",
        "department": "即墨区工业和信息化局",
        "valid_from": "2026-12-01",
        "valid_until": "2026-12-10"
    }))
    .unwrap();
    assert_eq!(guide.expiry(today()), Expiry::Urgent { days_left: 14 });
    assert_eq!(guide.opens_in_days(today()), Some(5));
    assert_eq!(
        guide.opens_in_days(Date::parse("2026-12-01").unwrap()),
        None,
        "open from its first day"
    );
    guide.valid_until = None;
    assert_eq!(guide.expiry(today()), Expiry::OpenEnded);
}
