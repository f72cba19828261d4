//! iCalendar (RFC 5545) files for "add to calendar": one event per fair,
//! in China Standard Time.
//!
//! Times are written with `TZID=Asia/Shanghai` and the file carries that
//! zone's definition (UTC+8, no daylight saving since 1991), so calendars
//! that do not know the zone database still place the fair at the right
//! hour. Text is escaped and lines are folded at 75 octets without
//! splitting a UTF-8 character, as the RFC requires.
//!
//! ```
//! use domain::ics::fair_event;
//! use domain::ids::RecordId;
//! use domain::records::{Fair, FairKind};
//! use domain::time::{Date, TimeOfDay, Timestamp};
//!
//! let fair = Fair {
//!     name: "纺织服装业专场招聘会".into(), kind: FairKind::Textile,
//!     date: Date::parse("2026-12-10").unwrap(),
//!     start_time: TimeOfDay::parse("09:00").unwrap(), end_time: TimeOfDay::parse("11:30").unwrap(),
//!     venue: "通济街道便民服务中心".into(), online_url: String::new(),
//!     organiser: "通济街道办事处".into(), sectors: vec![], description: String::new(), sample: true,
//! };
//! let ics = fair_event(RecordId::generate(), &fair, Timestamp::from_millis(0), "https://example.org/jobs/fairs/1");
//! assert!(ics.contains("DTSTART;TZID=Asia/Shanghai:20261210T090000\r\n"));
//! ```

use crate::ids::RecordId;
use crate::records::Fair;
use crate::time::{Date, TimeOfDay, Timestamp};

/// The longest line, in octets, before folding.
const LINE_OCTETS: usize = 75;

/// The zone every fair is held in, with its fixed offset.
const VTIMEZONE: &[&str] = &[
    "BEGIN:VTIMEZONE",
    "TZID:Asia/Shanghai",
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "TZOFFSETFROM:+0800",
    "TZOFFSETTO:+0800",
    "TZNAME:CST",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// A calendar file with one event for `fair`.
///
/// `id` makes the event's UID (so adding it twice updates one entry),
/// `stamp` is when the file is made (`DTSTAMP`), and `link` is the fair's
/// page in the app, put in the description (and in `URL` unless the fair
/// is online, when `URL` is its online link).
pub fn fair_event(id: RecordId, fair: &Fair, stamp: Timestamp, link: &str) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//Tongji Connect//Job fairs//ZH".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
    ];
    lines.extend(VTIMEZONE.iter().map(|l| (*l).to_owned()));
    lines.push("BEGIN:VEVENT".into());
    lines.push(format!("UID:{id}@tongji-connect"));
    lines.push(format!("DTSTAMP:{}", utc(stamp)));
    lines.push(format!(
        "DTSTART;TZID=Asia/Shanghai:{}",
        local(fair.date, fair.start_time)
    ));
    lines.push(format!(
        "DTEND;TZID=Asia/Shanghai:{}",
        local(fair.date, fair.end_time)
    ));
    lines.push(format!("SUMMARY:{}", escape(&fair.name)));
    let location = if fair.is_online() {
        format!("线上 Online: {}", fair.online_url.trim())
    } else {
        fair.venue.trim().to_owned()
    };
    lines.push(format!("LOCATION:{}", escape(&location)));
    let url = if fair.is_online() {
        fair.online_url.trim()
    } else {
        link
    };
    if !url.is_empty() {
        lines.push(format!("URL:{}", escape(url)));
    }
    lines.push(format!("DESCRIPTION:{}", escape(&description(fair, link))));
    lines.push("STATUS:CONFIRMED".into());
    lines.push("TRANSP:OPAQUE".into());
    // A reminder the evening before, so nobody misses a morning fair.
    lines.push("BEGIN:VALARM".into());
    lines.push("ACTION:DISPLAY".into());
    lines.push("TRIGGER:-PT12H".into());
    lines.push(format!("DESCRIPTION:{}", escape(&fair.name)));
    lines.push("END:VALARM".into());
    lines.push("END:VEVENT".into());
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in &lines {
        fold_into(&mut out, line);
    }
    out
}

/// A file name for the download, e.g. `fair-2026-12-10.ics`.
pub fn file_name(fair: &Fair) -> String {
    format!("fair-{}.ics", fair.date)
}

fn description(fair: &Fair, link: &str) -> String {
    let mut text = format!("主办单位：{}", fair.organiser.trim());
    if !fair.sectors.is_empty() {
        text.push_str(&format!("\n行业：{}", fair.sectors.join("、")));
    }
    if !fair.description.trim().is_empty() {
        text.push_str("\n\n");
        text.push_str(fair.description.trim());
    }
    if !link.is_empty() {
        text.push_str(&format!("\n\n详情 Details: {link}"));
    }
    if fair.sample {
        text.push_str("\n\n（示例数据 Sample data）");
    }
    text
}

fn local(date: Date, time: TimeOfDay) -> String {
    let m = time.minutes();
    format!(
        "{:04}{:02}{:02}T{:02}{:02}00",
        date.year(),
        date.month(),
        date.day(),
        m / 60,
        m % 60
    )
}

fn utc(at: Timestamp) -> String {
    // Display is RFC 3339 in UTC: 2026-11-26T10:00:00.000Z.
    let text = at.to_string();
    let digits: String = text[..19]
        .chars()
        .filter(|c| *c != '-' && *c != ':')
        .collect();
    format!("{digits}Z")
}

/// TEXT value escaping: backslash, semicolon, comma and newlines.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

/// Appends `line` folded into lines of at most 75 octets (continuations
/// start with a space), each ended by CRLF.
fn fold_into(out: &mut String, line: &str) {
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > LINE_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::FairKind;

    fn fair() -> Fair {
        Fair {
            name: "2027届高校毕业生就业双选会".into(),
            kind: FairKind::Graduate,
            date: Date::parse("2027-03-13").unwrap(),
            start_time: TimeOfDay::parse("09:00").unwrap(),
            end_time: TimeOfDay::parse("12:00").unwrap(),
            venue: "青岛市即墨区第一职业中等专业学校体育馆".into(),
            online_url: String::new(),
            organiser: "即墨区人力资源和社会保障局, 通济街道办事处".into(),
            sectors: vec!["先进制造".into(), "电子商务".into()],
            description: "面向2027届毕业生；现场设政策咨询台。".into(),
            sample: true,
        }
    }

    fn id() -> RecordId {
        "221a4b81-aaef-57b6-a48b-ff6def179c19".parse().unwrap()
    }

    /// Undoes folding: a CRLF followed by a space joins the lines.
    fn unfold(ics: &str) -> Vec<String> {
        ics.replace("\r\n ", "")
            .split("\r\n")
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn an_event_in_china_standard_time() {
        let stamp = Timestamp::parse("2026-11-26T14:05:09.123Z").unwrap();
        let ics = fair_event(id(), &fair(), stamp, "https://example.org/jobs/fairs/x");
        let lines = unfold(&ics);
        for want in [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "UID:221a4b81-aaef-57b6-a48b-ff6def179c19@tongji-connect",
            "DTSTAMP:20261126T140509Z",
            "DTSTART;TZID=Asia/Shanghai:20270313T090000",
            "DTEND;TZID=Asia/Shanghai:20270313T120000",
            "TZID:Asia/Shanghai",
            "TZOFFSETTO:+0800",
            "SUMMARY:2027届高校毕业生就业双选会",
            "LOCATION:青岛市即墨区第一职业中等专业学校体育馆",
            "URL:https://example.org/jobs/fairs/x",
            "END:VEVENT",
        ] {
            assert!(lines.iter().any(|l| l == want), "missing {want}\n{ics}");
        }
        assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
        assert_eq!(lines[lines.len() - 2], "END:VCALENDAR");
        assert_eq!(lines.last().map(String::as_str), Some(""), "ends with CRLF");
        let begins = lines.iter().filter(|l| l.starts_with("BEGIN:")).count();
        let ends = lines.iter().filter(|l| l.starts_with("END:")).count();
        assert_eq!(begins, ends);
    }

    #[test]
    fn text_is_escaped() {
        let ics = fair_event(id(), &fair(), Timestamp::from_millis(0), "");
        let lines = unfold(&ics);
        let description = lines
            .iter()
            .find(|l| l.starts_with("DESCRIPTION:主办单位"))
            .unwrap();
        assert!(description.contains("即墨区人力资源和社会保障局\\, 通济街道办事处"));
        assert!(description.contains("\\n行业：先进制造、电子商务"));
        assert!(
            description.contains("毕业生；现场"),
            "full-width punctuation is plain text"
        );
        assert!(
            !lines.iter().any(|l| l.starts_with("URL:")),
            "no link, no URL"
        );
        assert_eq!(escape("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
    }

    #[test]
    fn long_lines_fold_at_75_octets_on_char_boundaries() {
        let mut f = fair();
        f.description = "纺织服装、先进制造、海绵制品、物流仓储和服务业企业集中招聘。".repeat(8);
        let ics = fair_event(id(), &f, Timestamp::from_millis(0), "https://example.org/a");
        for line in ics.split("\r\n") {
            assert!(line.len() <= LINE_OCTETS, "{} octets: {line}", line.len());
        }
        assert!(ics.contains("\r\n "), "something was folded");
        // Unfolding gives back the whole escaped description.
        let joined = unfold(&ics);
        assert!(joined
            .iter()
            .any(|l| l.contains(&f.description) && l.starts_with("DESCRIPTION:")));
    }

    #[test]
    fn online_fairs_link_to_the_stream() {
        let mut f = fair();
        f.venue.clear();
        f.online_url = "https://live.example.com/tongji".into();
        let lines = unfold(&fair_event(
            id(),
            &f,
            Timestamp::from_millis(0),
            "https://app/x",
        ));
        assert!(lines.contains(&"URL:https://live.example.com/tongji".to_owned()));
        assert!(lines.contains(&"LOCATION:线上 Online: https://live.example.com/tongji".to_owned()));
        assert_eq!(file_name(&f), "fair-2027-03-13.ics");
    }
}
