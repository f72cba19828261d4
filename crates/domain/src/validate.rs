//! Validation rules shared by the app (before saving) and the server (on every
//! push): one definition of each rule.
//!
//! Value types such as [`CreditCode`] and [`MobilePhone`] validate in their
//! constructor; record types collect every problem with a [`Checker`] so a
//! form can mark all bad fields at once.

use crate::lang::{Lang, Text};
use std::fmt;

/// What is wrong with one field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The field is empty but required.
    Required,
    /// The text is longer than allowed (in characters).
    TooLong {
        /// The maximum number of characters.
        max: usize,
    },
    /// A number is outside its allowed range.
    OutOfRange {
        /// Smallest allowed value.
        min: i64,
        /// Largest allowed value.
        max: i64,
    },
    /// A lower bound is above its upper bound (salary range, dates).
    MinAboveMax,
    /// An end date is before its start date.
    EndBeforeStart,
    /// Not a mainland mobile number (11 digits starting 13–19).
    MobilePhone,
    /// Not a mobile number nor a landline such as 0532-88888888.
    ContactPhone,
    /// A unified social credit code with the wrong length or characters.
    CreditCodeFormat,
    /// A unified social credit code whose check digit does not match.
    CreditCodeCheckDigit,
    /// Not a date in the form YYYY-MM-DD.
    Date,
    /// Not an http(s) link.
    Url,
    /// A list has too many entries.
    TooMany {
        /// The maximum number of entries.
        max: usize,
    },
    /// A reference to a record that must be given.
    MissingReference,
    /// The record could not be decoded (wrong type, missing or unknown field).
    Shape(String),
    /// A form field that must hold a number holds something else.
    NotANumber,
}

/// One invalid field: its key (matching the form input), its label and the problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    /// The field's key in the record (for the form to mark the input).
    pub field: String,
    /// The field's human name.
    pub label: Text,
    /// What is wrong.
    pub problem: Problem,
}

impl ValidationError {
    /// Builds an error for a field.
    pub fn new(field: impl Into<String>, label: Text, problem: Problem) -> Self {
        ValidationError {
            field: field.into(),
            label,
            problem,
        }
    }

    /// A plain-words message in one language, including the field name.
    pub fn message(&self, lang: Lang) -> String {
        format!(
            "{}{}",
            self.label.get(lang),
            problem_text(&self.problem, lang)
        )
    }

    /// The message in both languages, for API answers.
    pub fn bilingual(&self) -> String {
        format!("{} / {}", self.message(Lang::Zh), self.message(Lang::En))
    }
}

fn problem_text(problem: &Problem, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match problem {
        Problem::Required => if zh { "：必填" } else { ": required" }.into(),
        Problem::TooLong { max } => {
            if zh {
                format!("：不能超过 {max} 个字")
            } else {
                format!(": at most {max} characters")
            }
        }
        Problem::OutOfRange { min, max } => {
            if zh {
                format!("：应在 {min} 到 {max} 之间")
            } else {
                format!(": must be between {min} and {max}")
            }
        }
        Problem::MinAboveMax => if zh {
            "：下限不能高于上限"
        } else {
            ": the minimum is above the maximum"
        }
        .into(),
        Problem::EndBeforeStart => if zh {
            "：结束不能早于开始"
        } else {
            ": ends before it starts"
        }
        .into(),
        Problem::MobilePhone => if zh {
            "：请填写 11 位手机号码"
        } else {
            ": enter an 11-digit mainland mobile number"
        }
        .into(),
        Problem::ContactPhone => if zh {
            "：请填写手机号或座机号（如 0532-88888888）"
        } else {
            ": enter a mobile or landline number (e.g. 0532-88888888)"
        }
        .into(),
        Problem::CreditCodeFormat => if zh {
            "：应为 18 位数字或大写字母（不含 I、O、Z、S、V）"
        } else {
            ": must be 18 digits or capital letters (no I, O, Z, S, V)"
        }
        .into(),
        Problem::CreditCodeCheckDigit => if zh {
            "：校验位不正确，请核对"
        } else {
            ": the check digit is wrong; please check the code"
        }
        .into(),
        Problem::Date => if zh {
            "：日期格式应为 年-月-日"
        } else {
            ": use the date format YYYY-MM-DD"
        }
        .into(),
        Problem::Url => if zh {
            "：应为 http(s) 链接"
        } else {
            ": must be an http(s) link"
        }
        .into(),
        Problem::TooMany { max } => {
            if zh {
                format!("：最多 {max} 项")
            } else {
                format!(": at most {max} entries")
            }
        }
        Problem::MissingReference => if zh {
            "：请选择"
        } else {
            ": please choose one"
        }
        .into(),
        Problem::NotANumber => if zh {
            "：请填写数字"
        } else {
            ": enter a number"
        }
        .into(),
        Problem::Shape(detail) => {
            if zh {
                format!("：数据格式不正确（{detail}）")
            } else {
                format!(": malformed data ({detail})")
            }
        }
    }
}

/// All problems of one record.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ValidationErrors(pub Vec<ValidationError>);

impl ValidationErrors {
    /// The problem with a given field, if any (for the form input).
    pub fn field(&self, field: &str) -> Option<&ValidationError> {
        self.0.iter().find(|e| e.field == field)
    }

    /// Every message in one language, one per line.
    pub fn message(&self, lang: Lang) -> String {
        self.0
            .iter()
            .map(|e| e.message(lang))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Every message in both languages, for API answers.
    pub fn bilingual(&self) -> String {
        self.0
            .iter()
            .map(ValidationError::bilingual)
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// A single whole-record error (used for undecodable data).
    pub fn shape(detail: impl Into<String>) -> Self {
        ValidationErrors(vec![ValidationError::new(
            "",
            Text::new("记录", "Record"),
            Problem::Shape(detail.into()),
        )])
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.bilingual())
    }
}

impl std::error::Error for ValidationErrors {}

/// Result of validating a whole record.
pub type ValidationResult = Result<(), ValidationErrors>;

/// Collects field problems of one record.
#[derive(Default)]
pub struct Checker {
    errors: Vec<ValidationError>,
    prefix: String,
}

/// Longest one-line text (names, titles).
pub const SHORT_TEXT: usize = 100;
/// Longest multi-line text (descriptions, notes).
pub const LONG_TEXT: usize = 4000;
/// Most entries in a list (benefits, steps, difficulties...).
pub const MAX_LIST: usize = 100;

impl Checker {
    /// A checker for a nested item; field keys get `prefix.` in front.
    pub fn nested(prefix: impl Into<String>) -> Checker {
        Checker {
            errors: Vec::new(),
            prefix: prefix.into(),
        }
    }

    fn key(&self, field: &str) -> String {
        if self.prefix.is_empty() {
            field.to_owned()
        } else {
            format!("{}.{field}", self.prefix)
        }
    }

    /// Records a problem.
    pub fn fail(&mut self, field: &str, label: Text, problem: Problem) {
        let key = self.key(field);
        self.errors.push(ValidationError::new(key, label, problem));
    }

    /// A text that must be given, at most `max` characters.
    pub fn required(&mut self, field: &str, label: Text, value: &str, max: usize) {
        if value.trim().is_empty() {
            self.fail(field, label, Problem::Required);
        } else {
            self.max_len(field, label, value, max);
        }
    }

    /// An optional text of at most `max` characters.
    pub fn max_len(&mut self, field: &str, label: Text, value: &str, max: usize) {
        if value.chars().count() > max {
            self.fail(field, label, Problem::TooLong { max });
        }
    }

    /// A list of short texts, each at most `max` characters.
    pub fn text_list(&mut self, field: &str, label: Text, values: &[String], max: usize) {
        self.list_len(field, label, values.len());
        if values.iter().any(|v| v.chars().count() > max) {
            self.fail(field, label, Problem::TooLong { max });
        }
    }

    /// A list of at most [`MAX_LIST`] entries.
    pub fn list_len(&mut self, field: &str, label: Text, len: usize) {
        self.max_items(field, label, len, MAX_LIST);
    }

    /// A list of at most `max` entries.
    pub fn max_items(&mut self, field: &str, label: Text, len: usize, max: usize) {
        if len > max {
            self.fail(field, label, Problem::TooMany { max });
        }
    }

    /// A number in an inclusive range.
    pub fn range(&mut self, field: &str, label: Text, value: i64, min: i64, max: i64) {
        if value < min || value > max {
            self.fail(field, label, Problem::OutOfRange { min, max });
        }
    }

    /// A mainland mobile number.
    pub fn mobile(&mut self, field: &str, label: Text, value: &str) {
        if MobilePhone::parse(value).is_err() {
            self.fail(field, label, Problem::MobilePhone);
        }
    }

    /// An optional contact phone (mobile or landline); empty is allowed.
    pub fn contact_phone(&mut self, field: &str, label: Text, value: &str) {
        if !value.trim().is_empty() && !is_contact_phone(value) {
            self.fail(field, label, Problem::ContactPhone);
        }
    }

    /// An optional http(s) link; empty is allowed.
    pub fn url(&mut self, field: &str, label: Text, value: &str) {
        let v = value.trim();
        let is_link = v.starts_with("https://") || v.starts_with("http://");
        if !(v.is_empty() || is_link) || v.contains(char::is_whitespace) {
            self.fail(field, label, Problem::Url);
        }
        self.max_len(field, label, value, 2000);
    }

    /// Adds the problems of a nested item.
    pub fn merge(&mut self, other: Checker) {
        self.errors.extend(other.errors);
    }

    /// Ends the check.
    pub fn finish(self) -> ValidationResult {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors(self.errors))
        }
    }
}

/// A mainland China mobile number: 11 digits, starting 13 to 19.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MobilePhone(String);

impl MobilePhone {
    /// Accepts spaces and dashes between digits and an optional +86 prefix.
    pub fn parse(text: &str) -> Result<MobilePhone, Problem> {
        let compact: String = text.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        let digits = compact.strip_prefix("+86").unwrap_or(&compact);
        let b = digits.as_bytes();
        if b.len() == 11
            && b[0] == b'1'
            && (b'3'..=b'9').contains(&b[1])
            && b.iter().all(u8::is_ascii_digit)
        {
            Ok(MobilePhone(digits.to_owned()))
        } else {
            Err(Problem::MobilePhone)
        }
    }
    /// The 11 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A mobile number, a landline with area code (0532-88888888, 053288888888)
/// or a short service hotline (12345, 12333).
pub fn is_contact_phone(text: &str) -> bool {
    if MobilePhone::parse(text).is_ok() {
        return true;
    }
    let t = text.trim();
    if t.len() == 5 && t.starts_with("12") && t.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    let (area, number) = match t.split_once('-') {
        Some((a, n)) => (a, n),
        None if t.starts_with('0') && (t.len() == 11 || t.len() == 12) => t.split_at(t.len() - 8),
        None => return false,
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(area)
        && area.starts_with('0')
        && (3..=4).contains(&area.len())
        && digits(number)
        && (7..=8).contains(&number.len())
}

/// The characters of a unified social credit code (GB 32100-2015): digits and
/// capital letters without I, O, Z, S, V. The index of a character is its value.
const CREDIT_CHARSET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Weights of positions 1..17: 3^i mod 31.
const CREDIT_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// A 统一社会信用代码 with a correct check digit.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CreditCode(String);

impl CreditCode {
    /// Validates length, characters and the check digit. Lower-case letters and
    /// surrounding spaces are accepted and normalised.
    pub fn parse(text: &str) -> Result<CreditCode, Problem> {
        let code = text.trim().to_ascii_uppercase();
        let values: Option<Vec<u32>> = code.bytes().map(credit_value).collect();
        let values = match values {
            Some(v) if v.len() == 18 => v,
            _ => return Err(Problem::CreditCodeFormat),
        };
        if check_value(&values[..17]) == values[17] {
            Ok(CreditCode(code))
        } else {
            Err(Problem::CreditCodeCheckDigit)
        }
    }

    /// The check character for the first 17 characters of a code, if they are valid.
    pub fn check_char(first17: &str) -> Option<char> {
        let values: Option<Vec<u32>> = first17.bytes().map(credit_value).collect();
        match values {
            Some(v) if v.len() == 17 => Some(CREDIT_CHARSET[check_value(&v) as usize] as char),
            _ => None,
        }
    }

    /// Whether a character can occur in a code at all (digits and capital
    /// letters without I, O, Z, S, V).
    pub fn is_code_char(c: char) -> bool {
        c.is_ascii() && credit_value(c as u8).is_some()
    }

    /// The code text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn credit_value(b: u8) -> Option<u32> {
    CREDIT_CHARSET
        .iter()
        .position(|&c| c == b)
        .map(|i| i as u32)
}

fn check_value(values: &[u32]) -> u32 {
    let sum: u32 = values.iter().zip(CREDIT_WEIGHTS).map(|(v, w)| v * w).sum();
    (31 - sum % 31) % 31
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn credit_codes_of_real_format() {
        // Published codes of well-known companies (real format, correct check digits).
        for code in [
            "91350100M000100Y43",
            "914403001922038216",
            "91370200163562681G",
        ] {
            assert!(CreditCode::parse(code).is_ok(), "{code} should be valid");
        }
        assert_eq!(
            CreditCode::parse(" 91350100m000100y43 ").unwrap().as_str(),
            "91350100M000100Y43"
        );
        // Wrong check digits (last character changed).
        assert_eq!(
            CreditCode::parse("91350100M000100Y44"),
            Err(Problem::CreditCodeCheckDigit)
        );
        assert_eq!(
            CreditCode::parse("914403001922038217"),
            Err(Problem::CreditCodeCheckDigit)
        );
        // Wrong shape: length, forbidden letters I O Z S V, non-ASCII.
        for bad in [
            "",
            "91350100M000100Y4",
            "91350100M000100Y433",
            "91350100M0001I0Y43",
            "9135010OM000100Y43",
            "９1350100M000100Y43",
        ] {
            assert_eq!(
                CreditCode::parse(bad),
                Err(Problem::CreditCodeFormat),
                "{bad}"
            );
        }
    }

    #[test]
    fn more_published_codes_and_typing_slips() {
        // Codes published on the business licences of well-known companies
        // (Alibaba China, Tencent, Xiaomi, Baidu, Tesla Shanghai), an
        // individual business (92...) and a co-operative-style code with
        // letters in the organisation part: all real format, right check
        // characters. Lower case is accepted and normalised.
        for code in [
            "91330100716105852F",
            "9144030071526726XG",
            "91110108551385082Q",
            "91110000802100433B",
            "91310000MA1FL4B24G",
            "92370282MA3CJHNK39",
            "9144030071526726xg",
        ] {
            assert!(CreditCode::parse(code).is_ok(), "{code} should be valid");
        }
        // Typing slips the check character catches: two neighbours swapped,
        // one character mistyped, the doc example.
        for code in [
            "91330107016105852F",
            "9144030017526726XG",
            "91110108551385028Q",
            "91310000MA1FL4B42G",
            "91110000802100433C",
            "91370282MA3CCYLQ6H",
        ] {
            assert_eq!(
                CreditCode::parse(code),
                Err(Problem::CreditCodeCheckDigit),
                "{code}"
            );
        }
        // Old 15-digit registration numbers, inner spaces, hyphens.
        for code in [
            "370282600123456",
            "9133 0100716105852F",
            "91330100-716105852F",
        ] {
            assert_eq!(
                CreditCode::parse(code),
                Err(Problem::CreditCodeFormat),
                "{code}"
            );
        }
        assert!(CreditCode::is_code_char('Y'));
        for c in ['I', 'O', 'Z', 'S', 'V', 'a', '中', ' '] {
            assert!(!CreditCode::is_code_char(c), "{c}");
        }
    }

    #[test]
    fn mobile_and_contact_phones() {
        for ok in ["13812345678", "+86 138 1234 5678", "199-1234-5678"] {
            assert!(MobilePhone::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "12812345678",
            "1381234567",
            "138123456789",
            "1381234567a",
            "",
        ] {
            assert!(MobilePhone::parse(bad).is_err(), "{bad}");
        }
        for ok in [
            "0532-88512345",
            "053288512345",
            "0532-8851234",
            "12345",
            "13812345678",
        ] {
            assert!(is_contact_phone(ok), "{ok}");
        }
        for bad in ["532-88512345", "0532-885", "hello", "0532-885123456"] {
            assert!(!is_contact_phone(bad), "{bad}");
        }
    }

    #[test]
    fn checker_collects_every_problem_with_messages_in_both_languages() {
        let mut c = Checker::default();
        let title = Text::new("岗位名称", "Title");
        c.required("title", title, "  ", SHORT_TEXT);
        c.max_len("note", Text::new("备注", "Note"), &"长".repeat(11), 10);
        c.mobile("phone", Text::new("手机号", "Mobile"), "123");
        let errs = c.finish().unwrap_err();
        assert_eq!(errs.0.len(), 3);
        assert_eq!(
            errs.field("title").unwrap().message(Lang::Zh),
            "岗位名称：必填"
        );
        assert_eq!(
            errs.field("title").unwrap().message(Lang::En),
            "Title: required"
        );
        assert!(errs.bilingual().contains("不能超过 10 个字"));
        let mut nested = Checker::nested("follow_ups.0");
        nested.required("owner", Text::new("责任人", "Owner"), "", 10);
        assert_eq!(
            nested.finish().unwrap_err().0[0].field,
            "follow_ups.0.owner"
        );
    }

    proptest! {
        #[test]
        fn every_generated_code_validates_and_any_other_check_char_fails(
            body in proptest::collection::vec(0usize..31, 17),
            wrong in 1usize..31,
        ) {
            let first17: String = body.iter().map(|&i| CREDIT_CHARSET[i] as char).collect();
            let check = CreditCode::check_char(&first17).unwrap();
            let code = format!("{first17}{check}");
            prop_assert!(CreditCode::parse(&code).is_ok());
            let idx = credit_value(check as u8).unwrap() as usize;
            let other = CREDIT_CHARSET[(idx + wrong) % 31] as char;
            let bad = format!("{first17}{other}");
            prop_assert_eq!(CreditCode::parse(&bad), Err(Problem::CreditCodeCheckDigit));
        }

        #[test]
        fn valid_mobiles_parse(rest in "[3-9][0-9]{9}") {
            let number = format!("1{rest}");
            let parsed = MobilePhone::parse(&number).unwrap();
            prop_assert_eq!(parsed.as_str(), number.as_str());
        }
    }
}
