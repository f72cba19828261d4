//! Calendar dates and UTC timestamps without a clock.
//!
//! The domain never reads the time itself; callers pass "now" in. Dates are
//! civil dates in China Standard Time (UTC+8, no daylight saving), which is
//! the only zone the office works in. Wire formats are ISO 8601:
//! `2026-11-26` for a [`Date`], `2026-11-26T21:52:13.123Z` for a [`Timestamp`],
//! `09:30` for a [`TimeOfDay`].

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Minutes between UTC and China Standard Time.
pub const CST_OFFSET_MINUTES: i64 = 8 * 60;
const MS_PER_DAY: i64 = 86_400_000;

/// Why a date or time string was not accepted.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    /// The text is not in the expected ISO 8601 shape.
    #[error("not a valid date or time: {0}")]
    Format(String),
    /// The shape is right but the day does not exist (e.g. 2026-02-30).
    #[error("no such day: {0}")]
    NoSuchDay(String),
}

/// A civil date (proleptic Gregorian), year 1000 to 9999.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// Builds a date, checking that the day exists.
    pub fn new(year: i32, month: u8, day: u8) -> Result<Date, TimeError> {
        if !(1000..=9999).contains(&year) || !(1..=12).contains(&month) {
            return Err(TimeError::NoSuchDay(format!("{year}-{month}-{day}")));
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(TimeError::NoSuchDay(format!(
                "{year:04}-{month:02}-{day:02}"
            )));
        }
        Ok(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Date, TimeError> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(TimeError::Format(text.to_owned()));
        }
        let year = digits(&text[0..4]).ok_or_else(|| TimeError::Format(text.to_owned()))?;
        let month = digits(&text[5..7]).ok_or_else(|| TimeError::Format(text.to_owned()))?;
        let day = digits(&text[8..10]).ok_or_else(|| TimeError::Format(text.to_owned()))?;
        Date::new(year as i32, month as u8, day as u8)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }
    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }
    /// The day of the month, 1 to 31.
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date a number of days after 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// This date moved by a number of days.
    pub fn add_days(self, days: i64) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch() + days)
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    pub fn days_until(self, other: Date) -> i64 {
        other.days_since_epoch() - self.days_since_epoch()
    }

    /// Day of the week, 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (index 3).
        ((self.days_since_epoch() + 3).rem_euclid(7)) as u8
    }
}

fn digits(text: &str) -> Option<u32> {
    if text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok()
    } else {
        None
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(year) => 29,
        _ => 28,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A time of day in China Standard Time, to the minute (`HH:MM`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay {
    minutes: u16,
}

impl TimeOfDay {
    /// Parses `HH:MM` (24-hour clock).
    pub fn parse(text: &str) -> Result<TimeOfDay, TimeError> {
        let b = text.as_bytes();
        let bad = || TimeError::Format(text.to_owned());
        if b.len() != 5 || b[2] != b':' {
            return Err(bad());
        }
        let h = digits(&text[0..2]).ok_or_else(bad)?;
        let m = digits(&text[3..5]).ok_or_else(bad)?;
        if h > 23 || m > 59 {
            return Err(bad());
        }
        Ok(TimeOfDay {
            minutes: (h * 60 + m) as u16,
        })
    }
    /// Minutes since midnight.
    pub fn minutes(self) -> u16 {
        self.minutes
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.minutes / 60, self.minutes % 60)
    }
}

/// An instant, as milliseconds since the Unix epoch (UTC).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(i64);

impl Timestamp {
    /// Wraps milliseconds since the epoch.
    pub const fn from_millis(ms: i64) -> Timestamp {
        Timestamp(ms)
    }
    /// Milliseconds since the epoch.
    pub const fn millis(self) -> i64 {
        self.0
    }

    /// The calendar date of this instant in China Standard Time.
    pub fn local_date(self) -> Date {
        Date::from_days_since_epoch((self.0 + CST_OFFSET_MINUTES * 60_000).div_euclid(MS_PER_DAY))
    }

    /// The China-Standard-Time date and time of day (to the minute) of this instant.
    pub fn local_date_time(self) -> (Date, TimeOfDay) {
        let local_ms = self.0 + CST_OFFSET_MINUTES * 60_000;
        let minutes = local_ms.div_euclid(60_000).rem_euclid(1440) as u16;
        (self.local_date(), TimeOfDay { minutes })
    }

    /// The instant at which a China-Standard-Time date and time of day begins.
    pub fn from_local(date: Date, time: TimeOfDay) -> Timestamp {
        let minutes =
            date.days_since_epoch() * 1440 + i64::from(time.minutes()) - CST_OFFSET_MINUTES;
        Timestamp(minutes * 60_000)
    }

    /// Parses RFC 3339 in UTC (`Z`) or with a numeric offset; fractional
    /// seconds are kept to the millisecond.
    pub fn parse(text: &str) -> Result<Timestamp, TimeError> {
        let bad = || TimeError::Format(text.to_owned());
        // RFC 3339 is ASCII; checking first keeps the byte slicing below on
        // char boundaries (a multibyte digit used to panic the server).
        if text.len() < 20 || !text.is_ascii() {
            return Err(bad());
        }
        let date = Date::parse(&text[..10])?;
        let rest = &text[10..];
        let rb = rest.as_bytes();
        if !(rb[0] == b'T' || rb[0] == b't' || rb[0] == b' ')
            || rb.len() < 9
            || rb[3] != b':'
            || rb[6] != b':'
        {
            return Err(bad());
        }
        let h = digits(&rest[1..3]).ok_or_else(bad)?;
        let m = digits(&rest[4..6]).ok_or_else(bad)?;
        let s = digits(&rest[7..9]).ok_or_else(bad)?;
        if h > 23 || m > 59 || s > 60 {
            return Err(bad());
        }
        let mut tail = &rest[9..];
        let mut millis = 0i64;
        if let Some(frac) = tail.strip_prefix('.') {
            let n = frac.bytes().take_while(u8::is_ascii_digit).count();
            if n == 0 {
                return Err(bad());
            }
            let ms_digits = &frac[..n.min(3)];
            millis = i64::from(digits(ms_digits).ok_or_else(bad)?)
                * 10i64.pow(3 - ms_digits.len() as u32);
            tail = &frac[n..];
        }
        let offset_minutes = match tail {
            "Z" | "z" => 0,
            _ if tail.len() == 6
                && (tail.starts_with('+') || tail.starts_with('-'))
                && &tail[3..4] == ":" =>
            {
                let oh = i64::from(digits(&tail[1..3]).ok_or_else(bad)?);
                let om = i64::from(digits(&tail[4..6]).ok_or_else(bad)?);
                let sign = if tail.starts_with('-') { -1 } else { 1 };
                sign * (oh * 60 + om)
            }
            _ => return Err(bad()),
        };
        let secs = date.days_since_epoch() * 86_400 + i64::from(h * 3600 + m * 60 + s.min(59))
            - offset_minutes * 60;
        Ok(Timestamp(secs * 1000 + millis))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let date = Date::from_days_since_epoch(self.0.div_euclid(MS_PER_DAY));
        let in_day = self.0.rem_euclid(MS_PER_DAY);
        let (h, m, s, ms) = (
            in_day / 3_600_000,
            in_day / 60_000 % 60,
            in_day / 1000 % 60,
            in_day % 1000,
        );
        write!(f, "{date}T{h:02}:{m:02}:{s:02}.{ms:03}Z")
    }
}

macro_rules! string_serde {
    ($ty:ty) => {
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                <$ty>::parse(&text).map_err(serde::de::Error::custom)
            }
        }
    };
}
string_serde!(Date);
string_serde!(TimeOfDay);
string_serde!(Timestamp);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_and_formats_dates() {
        let d = Date::parse("2026-11-26").unwrap();
        assert_eq!((d.year(), d.month(), d.day()), (2026, 11, 26));
        assert_eq!(d.to_string(), "2026-11-26");
        assert_eq!(d.weekday(), 3, "2026-11-26 is a Thursday");
        assert!(Date::parse("2026-02-29").is_err());
        assert!(Date::parse("2024-02-29").is_ok());
        assert!(Date::parse("2026-13-01").is_err());
        assert!(Date::parse("2026-1-01").is_err());
        assert!(Date::parse("２０２６-11-26").is_err());
        assert_eq!(Date::parse("1970-01-01").unwrap().days_since_epoch(), 0);
    }

    #[test]
    fn timestamps_round_trip_and_accept_offsets() {
        let t = Timestamp::parse("2026-11-26T21:52:13.123Z").unwrap();
        assert_eq!(t.to_string(), "2026-11-26T21:52:13.123Z");
        let same = Timestamp::parse("2026-11-27T05:52:13.123+08:00").unwrap();
        assert_eq!(t, same);
        assert_eq!(
            Timestamp::parse("2026-11-26T21:52:13Z").unwrap().millis() % 1000,
            0
        );
        assert_eq!(t.local_date().to_string(), "2026-11-27");
        for bad in [
            "",
            "2026-11-26",
            "2026-11-26T25:00:00Z",
            "2026-11-26T10:00:00",
            "2026-11-26T10:00:00.Z",
            "中文中文中文中文中文中文",
        ] {
            assert!(Timestamp::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn local_time_is_china_standard_time() {
        let d = Date::parse("2026-03-15").unwrap();
        let t = Timestamp::from_local(d, TimeOfDay::parse("09:00").unwrap());
        assert_eq!(t.to_string(), "2026-03-15T01:00:00.000Z");
        assert_eq!(t.local_date(), d);
        assert_eq!(t.local_date_time(), (d, TimeOfDay::parse("09:00").unwrap()));
        assert!(TimeOfDay::parse("24:00").is_err());
    }

    proptest! {
        #[test]
        fn days_round_trip(days in -300_000i64..3_000_000) {
            let d = Date::from_days_since_epoch(days);
            prop_assert_eq!(d.days_since_epoch(), days);
            if (1000..=9999).contains(&d.year()) {
                prop_assert_eq!(Date::parse(&d.to_string()).unwrap(), d);
            }
        }

        #[test]
        fn timestamp_text_round_trips(ms in 0i64..253_402_300_799_000) {
            let t = Timestamp::from_millis(ms);
            prop_assert_eq!(Timestamp::parse(&t.to_string()).unwrap(), t);
        }
    }
}
