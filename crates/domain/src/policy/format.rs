//! Number and money wording shared by descriptions and failure reasons.
//!
//! Chinese uses 万元 as policy texts do ("1,200 万元"); English uses yuan
//! with a "¥… m" short form for millions ("¥12.0 m"), the way English
//! summaries of Chinese policies quote them.

use crate::lang::{Label, Lang};
use serde::{Deserialize, Serialize};

/// A text produced at run time in both languages (descriptions, reasons).
/// The static counterpart is [`crate::lang::Text`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bilingual {
    /// Simplified Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

impl Bilingual {
    /// Builds a bilingual text.
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Bilingual {
        Bilingual {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// The text in one language.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// `value` with thousands separators and at most `decimals` decimals,
/// trailing zeros dropped (1200 → "1,200", 3.50 → "3.5").
pub(crate) fn number(value: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, f.trim_end_matches('0')),
        None => (text.as_str(), ""),
    };
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let sign = if value < 0.0 && text.chars().any(|c| matches!(c, '1'..='9')) {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

/// An amount given in 万元, in both languages ("1,200 万元" / "¥12.0 m").
pub(crate) fn wan(wan_yuan: f64) -> Bilingual {
    let en = if wan_yuan.abs() >= 100.0 {
        format!("¥{:.1} m", wan_yuan / 100.0)
    } else {
        format!("¥{}", number(wan_yuan * 10_000.0, 0))
    };
    Bilingual::new(format!("{} 万元", number(wan_yuan, 2)), en)
}

/// An amount given in yuan, in both languages ("3.6 万元" / "¥36,000").
pub(crate) fn yuan(yuan: f64) -> Bilingual {
    let zh = if yuan.abs() >= 10_000.0 {
        format!("{} 万元", number(yuan / 10_000.0, 2))
    } else {
        format!("{} 元", number(yuan, 0))
    };
    Bilingual::new(zh, format!("¥{}", number(yuan, 0)))
}

/// A label lower-cased at the start for use inside an English sentence
/// ("Insured headcount" → "insured headcount"), leaving acronyms alone
/// ("R&D spend" stays).
pub(crate) fn lower_first(label: &str) -> String {
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if second.is_lowercase() || second == ' ' => first
            .to_lowercase()
            .chain(label[first.len_utf8()..].chars())
            .collect(),
        _ => label.to_owned(),
    }
}

/// A percentage ("3%", "0.5%").
pub(crate) fn percent(p: f64) -> String {
    format!("{}%", number(p, 2))
}

/// Alternatives joined with 或 / "or" ("A、B或C" / "A, B or C").
pub(crate) fn either(items: &[String], lang: Lang) -> String {
    let (sep, last) = match lang {
        Lang::Zh => ("、", "或"),
        Lang::En => (", ", " or "),
    };
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., tail] => format!("{}{last}{tail}", init.join(sep)),
    }
}

/// Enum labels (sizes, qualifications) as alternatives, in both languages.
pub(crate) fn labels<T: Label>(items: &[T]) -> (String, String) {
    let zh: Vec<String> = items.iter().map(|i| i.label(Lang::Zh).to_owned()).collect();
    let en: Vec<String> = items.iter().map(|i| i.label(Lang::En).to_owned()).collect();
    (either(&zh, Lang::Zh), either(&en, Lang::En))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_money() {
        assert_eq!(number(1200.0, 2), "1,200");
        assert_eq!(number(1_234_567.891, 2), "1,234,567.89");
        assert_eq!(number(3.5, 2), "3.5");
        assert_eq!(number(999.0, 0), "999");
        assert_eq!(number(-1500.0, 0), "-1,500");
        assert_eq!(number(-0.001, 0), "0");
        assert_eq!(wan(1200.0), Bilingual::new("1,200 万元", "¥12.0 m"));
        assert_eq!(wan(50.0), Bilingual::new("50 万元", "¥500,000"));
        assert_eq!(yuan(36_000.0), Bilingual::new("3.6 万元", "¥36,000"));
        assert_eq!(yuan(1_500.0), Bilingual::new("1,500 元", "¥1,500"));
        assert_eq!(percent(0.5), "0.5%");
        assert_eq!(lower_first("Annual R&D spend"), "annual R&D spend");
        assert_eq!(lower_first("R&D spend"), "R&D spend");
        assert_eq!(lower_first("年营业收入"), "年营业收入");
        let items = ["A".to_owned(), "B".to_owned(), "C".to_owned()];
        assert_eq!(either(&items, Lang::Zh), "A、B或C");
        assert_eq!(either(&items[..2], Lang::En), "A or B");
    }
}
