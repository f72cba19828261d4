//! How close a guide is to its deadline, for the badges in the guide list.

use super::format::Bilingual;
use crate::lang::{Lang, Text};
use crate::records::Policy;
use crate::time::Date;

/// At most this many days left: urgent (red).
pub const URGENT_DAYS: i64 = 30;
/// At most this many days left: warning (amber).
pub const WARNING_DAYS: i64 = 180;

/// A guide's deadline status on a given day. The deadline day itself still
/// counts: a guide valid until today has 0 days left and is urgent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expiry {
    /// No deadline (长期有效).
    OpenEnded,
    /// More than [`WARNING_DAYS`] left.
    Valid {
        /// Days until the deadline.
        days_left: i64,
    },
    /// More than [`URGENT_DAYS`] and at most [`WARNING_DAYS`] left.
    Warning {
        /// Days until the deadline.
        days_left: i64,
    },
    /// At most [`URGENT_DAYS`] left, including the deadline day (0).
    Urgent {
        /// Days until the deadline.
        days_left: i64,
    },
    /// The deadline has passed.
    Expired {
        /// Days since the deadline (at least 1).
        days_ago: i64,
    },
}

impl Expiry {
    /// The status of a deadline on `today`.
    pub fn of(valid_until: Option<Date>, today: Date) -> Expiry {
        let Some(until) = valid_until else {
            return Expiry::OpenEnded;
        };
        let days_left = today.days_until(until);
        match days_left {
            d if d < 0 => Expiry::Expired { days_ago: -d },
            d if d <= URGENT_DAYS => Expiry::Urgent { days_left: d },
            d if d <= WARNING_DAYS => Expiry::Warning { days_left: d },
            d => Expiry::Valid { days_left: d },
        }
    }

    /// Days left, if there is a deadline that has not passed.
    pub fn days_left(&self) -> Option<i64> {
        match self {
            Expiry::Valid { days_left }
            | Expiry::Warning { days_left }
            | Expiry::Urgent { days_left } => Some(*days_left),
            Expiry::OpenEnded | Expiry::Expired { .. } => None,
        }
    }

    /// Whether the deadline has passed.
    pub fn is_expired(&self) -> bool {
        matches!(self, Expiry::Expired { .. })
    }

    /// A short status label ("即将截止" / "Closing soon").
    pub fn label(&self, lang: Lang) -> &'static str {
        let t = match self {
            Expiry::OpenEnded => Text::new("长期有效", "Open-ended"),
            Expiry::Valid { .. } => Text::new("有效", "Valid"),
            Expiry::Warning { .. } => Text::new("临近截止", "Deadline approaching"),
            Expiry::Urgent { .. } => Text::new("即将截止", "Closing soon"),
            Expiry::Expired { .. } => Text::new("已过期", "Expired"),
        };
        t.get(lang)
    }

    /// The badge text with the days: "剩 12 天" / "12 days left",
    /// "今天截止" / "closes today", "已过期 3 天" / "expired 3 days ago".
    pub fn describe(&self) -> Bilingual {
        let plural = |n: i64| if n == 1 { "" } else { "s" };
        match *self {
            Expiry::OpenEnded => Bilingual::new("长期有效", "open-ended"),
            Expiry::Urgent { days_left: 0 } => Bilingual::new("今天截止", "closes today"),
            Expiry::Valid { days_left }
            | Expiry::Warning { days_left }
            | Expiry::Urgent { days_left } => Bilingual::new(
                format!("剩 {days_left} 天"),
                format!("{days_left} day{} left", plural(days_left)),
            ),
            Expiry::Expired { days_ago } => Bilingual::new(
                format!("已过期 {days_ago} 天"),
                format!("expired {days_ago} day{} ago", plural(days_ago)),
            ),
        }
    }
}

impl Policy {
    /// The guide's deadline status on `today`.
    pub fn expiry(&self, today: Date) -> Expiry {
        Expiry::of(self.valid_until, today)
    }

    /// Days until the guide opens, when `valid_from` is still ahead; the
    /// matcher still lists such guides so enterprises can prepare.
    pub fn opens_in_days(&self, today: Date) -> Option<i64> {
        self.valid_from
            .map(|from| today.days_until(from))
            .filter(|d| *d > 0)
    }
}
