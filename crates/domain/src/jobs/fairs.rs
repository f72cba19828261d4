//! Upcoming and past fairs, relative to a day passed in.

use crate::records::Fair;
use crate::time::Date;

/// Where a fair stands on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FairTiming {
    /// Held today.
    Today,
    /// Held in this many days (1 = tomorrow).
    InDays(i64),
    /// Already held.
    Past,
}

impl FairTiming {
    /// The timing of `fair` on `today`.
    pub fn of(fair: &Fair, today: Date) -> FairTiming {
        match today.days_until(fair.date) {
            0 => FairTiming::Today,
            d if d > 0 => FairTiming::InDays(d),
            _ => FairTiming::Past,
        }
    }

    /// Whether the fair is today or later.
    pub fn is_upcoming(self) -> bool {
        self != FairTiming::Past
    }
}

/// Splits fairs into upcoming (today first, soonest first) and past (most
/// recent first). Ties are broken by start time, then by name.
pub fn split_fairs<T, F: Fn(&T) -> &Fair>(fairs: Vec<T>, today: Date, fair: F) -> (Vec<T>, Vec<T>) {
    let (mut upcoming, mut past): (Vec<T>, Vec<T>) = fairs
        .into_iter()
        .partition(|f| FairTiming::of(fair(f), today).is_upcoming());
    let key = |f: &T| {
        let f = fair(f);
        (f.date, f.start_time, f.name.clone())
    };
    crate::sort::sort_by_key(&mut upcoming, key);
    crate::sort::sort_by_key(&mut past, |f| std::cmp::Reverse(key(f)));
    (upcoming, past)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::FairKind;
    use crate::time::TimeOfDay;

    fn fair(name: &str, date: &str, start: &str) -> Fair {
        Fair {
            name: name.into(),
            kind: FairKind::Other,
            date: Date::parse(date).unwrap(),
            start_time: TimeOfDay::parse(start).unwrap(),
            end_time: TimeOfDay::parse("17:00").unwrap(),
            venue: "广场".into(),
            online_url: String::new(),
            organiser: "街道".into(),
            sectors: vec![],
            description: String::new(),
            sample: false,
        }
    }

    #[test]
    fn today_counts_as_upcoming_and_order_is_by_nearness() {
        let today = Date::parse("2026-11-26").unwrap();
        let fairs = vec![
            fair("春季", "2026-03-06", "09:00"),
            fair("明年", "2027-03-13", "09:00"),
            fair("今天下午", "2026-11-26", "14:00"),
            fair("今天上午", "2026-11-26", "09:00"),
            fair("秋季", "2026-11-06", "09:00"),
            fair("昨天", "2026-11-25", "09:00"),
        ];
        let (upcoming, past) = split_fairs(fairs, today, |f| f);
        let names = |v: &[Fair]| v.iter().map(|f| f.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(&upcoming), ["今天上午", "今天下午", "明年"]);
        assert_eq!(names(&past), ["昨天", "秋季", "春季"]);
        assert_eq!(FairTiming::of(&upcoming[0], today), FairTiming::Today);
        assert_eq!(FairTiming::of(&upcoming[2], today), FairTiming::InDays(107));
        assert_eq!(FairTiming::of(&past[0], today), FairTiming::Past);
    }
}
