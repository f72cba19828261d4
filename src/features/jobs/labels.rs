//! Plain-words texts for position and fair facts, in both languages.

use domain::lang::{Label, Lang};
use domain::records::Position;

/// "4500–7500 元/月" / "¥4,500–7,500 a month".
pub fn salary(p: &Position, lang: Lang) -> String {
    match lang {
        Lang::Zh if p.salary_min == p.salary_max => format!("{} 元/月", p.salary_min),
        Lang::Zh => format!("{}–{} 元/月", p.salary_min, p.salary_max),
        Lang::En if p.salary_min == p.salary_max => format!("¥{} a month", p.salary_min),
        Lang::En => format!("¥{}–{} a month", p.salary_min, p.salary_max),
    }
}

/// "经验不限" / "3年以上经验".
pub fn experience(years: u8, lang: Lang) -> String {
    match (lang, years) {
        (Lang::Zh, 0) => "经验不限".into(),
        (Lang::Zh, y) => format!("{y}年以上经验"),
        (Lang::En, 0) => "No experience needed".into(),
        (Lang::En, 1) => "1+ year of experience".into(),
        (Lang::En, y) => format!("{y}+ years of experience"),
    }
}

/// "招 29 人" / "29 wanted".
pub fn headcount(n: u32, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("招 {n} 人"),
        Lang::En => format!("{n} wanted"),
    }
}

/// The education label.
pub fn education(p: &Position, lang: Lang) -> &'static str {
    p.education.label(lang)
}

/// The absolute address of an app path on this origin, for sharing.
pub fn absolute(path: &str) -> String {
    let origin = leptos::prelude::window()
        .location()
        .origin()
        .unwrap_or_default();
    format!("{origin}{path}")
}
