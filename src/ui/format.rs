//! Formatting of dates, times and money for display.

use domain::lang::Lang;
use domain::time::{Date, Timestamp};

/// "11月26日 21:52" / "Nov 26, 21:52" in China Standard Time; the year is
/// added when it is not the current one.
pub fn date_time(at: Timestamp, now: Timestamp, lang: Lang) -> String {
    let (date, time) = at.local_date_time();
    let day = date_short(date, now.local_date(), lang);
    format!("{day} {time}")
}

/// "11月26日" / "Nov 26", with the year when it differs from `today`'s.
pub fn date_short(date: Date, today: Date, lang: Lang) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let same_year = date.year() == today.year();
    match (lang, same_year) {
        (Lang::Zh, true) => format!("{}月{}日", date.month(), date.day()),
        (Lang::Zh, false) => format!("{}年{}月{}日", date.year(), date.month(), date.day()),
        (Lang::En, true) => format!("{} {}", MONTHS[usize::from(date.month()) - 1], date.day()),
        (Lang::En, false) => format!(
            "{} {}, {}",
            MONTHS[usize::from(date.month()) - 1],
            date.day(),
            date.year()
        ),
    }
}

/// Weekday name.
pub fn weekday(date: Date, lang: Lang) -> &'static str {
    const ZH: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
    const EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let i = usize::from(date.weekday());
    match lang {
        Lang::Zh => ZH[i],
        Lang::En => EN[i],
    }
}

/// "刚刚", "5 分钟前", "3 小时前", else the date and time.
pub fn ago(at: Timestamp, now: Timestamp, lang: Lang) -> String {
    let minutes = (now.millis() - at.millis()) / 60_000;
    match (lang, minutes) {
        (Lang::Zh, m) if m < 1 => "刚刚".into(),
        (Lang::En, m) if m < 1 => "just now".into(),
        (Lang::Zh, m) if m < 60 => format!("{m} 分钟前"),
        (Lang::En, m) if m < 60 => format!("{m} min ago"),
        (Lang::Zh, m) if m < 24 * 60 => format!("{} 小时前", m / 60),
        (Lang::En, m) if m < 24 * 60 => format!("{} h ago", m / 60),
        _ => date_time(at, now, lang),
    }
}

/// Yuan with thousands separators: "¥12,000" (no decimals).
pub fn yuan(amount: f64) -> String {
    let n = amount.round() as i64;
    let digits = n.abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    format!("{}¥{out}", if n < 0 { "-" } else { "" })
}
