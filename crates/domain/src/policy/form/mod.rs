//! The policy pages' forms as plain data: what the user typed (text, so a
//! half-typed number is kept as typed) and its conversion to the domain
//! types, with every problem keyed to the field that caused it.
//!
//! - [`ProfileForm`]: the matcher's enterprise profile, every figure optional
//!   ("不清楚"), round-tripped through the page URL so a reload keeps it.
//! - [`GuideForm`] with [`ConditionRow`]s and an [`AmountForm`]: an admin's
//!   edit of a guide. Saving it always clears the 示例 mark.
//! - [`CategoryForm`]: an admin's edit of a support category.
//!
//! Parsing checks only what the text itself can get wrong (a number that is
//! not one, a date that is not a date); the record rules stay in
//! [`Policy::validate`](crate::records::RecordData::validate) and are run on
//! the result, so a rule is never written twice. The forms serialise, so the
//! app can keep them as drafts.

mod amount;
mod category;
mod condition;
mod guide;
mod profile;

pub use amount::{AmountForm, AmountKind};
pub use category::CategoryForm;
pub use condition::{ConditionInput, ConditionKind, ConditionRow};
pub use guide::GuideForm;
pub use profile::{profile_facts, ProfileForm, QUERY_MARK};

use crate::records::{EnterpriseSize, Qualification, RevenueBand};
use crate::validate::Problem;

/// A number as people type it: `1,200`, `1200.5`, full-width digits, spaces.
/// `None` when it is not a finite number.
pub fn parse_number(text: &str) -> Option<f64> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | ' ' | '_' | '\u{3000}'))
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' | '。' => '.',
            '－' => '-',
            other => other,
        })
        .collect();
    if cleaned.is_empty()
        || !cleaned
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
    {
        return None;
    }
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A number within `min..=max`, or the problem to show.
pub(crate) fn number_in(text: &str, min: f64, max: f64) -> Result<f64, Problem> {
    let range = Problem::OutOfRange {
        min: min as i64,
        max: max as i64,
    };
    match parse_number(text) {
        Some(v) if (min..=max).contains(&v) => Ok(v),
        _ => Err(range),
    }
}

/// A whole number within `min..=max`, or the problem to show.
pub(crate) fn whole_in(text: &str, min: u32, max: u32) -> Result<u32, Problem> {
    let v = number_in(text, f64::from(min), f64::from(max))?;
    if v.fract() == 0.0 {
        Ok(v as u32)
    } else {
        Err(Problem::OutOfRange {
            min: i64::from(min),
            max: i64::from(max),
        })
    }
}

/// A number for a text input: `380`, `0.5`, never `380.0` or `3.8e2`; at
/// most four decimals (figures are 万元, percentages and yuan).
pub(crate) fn number_text(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        return format!("{}", v as i64);
    }
    let text = format!("{v:.4}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// A unit enum with a wire name (as stored records spell it), used for
/// select values and URL parameters. Written out rather than derived from
/// serde, because going through `serde_json::Value` costs several KB of
/// wasm per enum; a test checks the names against serde.
pub trait Code: Sized + Copy + PartialEq + 'static {
    /// Every value.
    const ALL: &'static [Self];
    /// The wire name.
    fn code(self) -> &'static str;
}

/// The wire name of a value.
pub fn code<T: Code>(value: &T) -> String {
    value.code().to_owned()
}

/// The value with a wire name, if there is one.
pub fn from_code<T: Code>(code: &str) -> Option<T> {
    T::ALL.iter().copied().find(|v| v.code() == code)
}

impl Code for EnterpriseSize {
    const ALL: &'static [Self] = &EnterpriseSize::ALL;
    fn code(self) -> &'static str {
        match self {
            EnterpriseSize::Micro => "micro",
            EnterpriseSize::Small => "small",
            EnterpriseSize::Medium => "medium",
            EnterpriseSize::Large => "large",
        }
    }
}

impl Code for RevenueBand {
    const ALL: &'static [Self] = &RevenueBand::ALL;
    fn code(self) -> &'static str {
        match self {
            RevenueBand::Below500 => "below500",
            RevenueBand::From500To2000 => "from500_to2000",
            RevenueBand::From2000To10000 => "from2000_to10000",
            RevenueBand::From10000To40000 => "from10000_to40000",
            RevenueBand::Above40000 => "above40000",
        }
    }
}

impl Code for Qualification {
    const ALL: &'static [Self] = &Qualification::ALL;
    fn code(self) -> &'static str {
        match self {
            Qualification::HighTech => "high_tech",
            Qualification::TechSme => "tech_sme",
            Qualification::Specialised => "specialised",
            Qualification::LittleGiant => "little_giant",
            Qualification::ForeignTrade => "foreign_trade",
            Qualification::AboveScale => "above_scale",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_typed() {
        assert_eq!(parse_number("1,200"), Some(1200.0));
        assert_eq!(parse_number(" 380 "), Some(380.0));
        assert_eq!(parse_number("１２．５"), Some(12.5));
        assert_eq!(parse_number("0.5"), Some(0.5));
        assert_eq!(parse_number("-3"), Some(-3.0));
        for bad in ["", "abc", "1e3", "12万", "NaN", "inf", "1.2.3"] {
            assert_eq!(parse_number(bad), None, "{bad}");
        }
        assert_eq!(number_in("5", 0.0, 10.0), Ok(5.0));
        assert!(number_in("-1", 0.0, 10.0).is_err());
        assert_eq!(whole_in("12", 0, 100), Ok(12));
        assert!(whole_in("12.5", 0, 100).is_err());
        assert_eq!(number_text(380.0), "380");
        assert_eq!(number_text(0.5), "0.5");
        assert_eq!(number_text(12.125), "12.125");
    }

    fn same_as_serde<T: Code + serde::Serialize + std::fmt::Debug>() {
        for v in T::ALL {
            assert_eq!(serde_json::to_value(v).unwrap(), v.code(), "{v:?}");
            assert_eq!(from_code::<T>(v.code()), Some(*v));
        }
        assert_eq!(from_code::<T>("nope"), None);
    }

    #[test]
    fn enum_codes_are_the_serde_names() {
        same_as_serde::<EnterpriseSize>();
        same_as_serde::<RevenueBand>();
        same_as_serde::<Qualification>();
        same_as_serde::<ConditionKind>();
        same_as_serde::<AmountKind>();
        assert_eq!(ConditionKind::ALL.len(), 15);
    }
}
