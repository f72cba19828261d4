//! Form drafts: what a person has typed, kept as text, and its conversion to
//! a validated record.
//!
//! A form cannot hold a half-typed number or an unchosen enterprise in a
//! record type, and an autosaved draft must keep exactly what was typed. So
//! the enterprise and visit forms edit a draft ([`EnterpriseDraft`],
//! [`VisitDraft`]) that serialises as-is, and saving converts it: text
//! figures are parsed ([`parse_amount`], [`parse_count`]), then the record's
//! own `validate()` runs, and every problem comes back at once under the
//! record's field keys (`annual_revenue`, `difficulties.0.description`,
//! `follow_ups.1.due`), so the form marks each input.
//!
//! [`CreditCodeFeedback`] explains a credit code while it is typed, more
//! precisely than the saved record's error (which position is wrong, what
//! the check character should be).
//!
//! ```
//! use domain::forms::{parse_amount, CreditCodeFeedback};
//! use domain::lang::Lang;
//! assert_eq!(parse_amount(" 3,200.5 "), Ok(Some(3200.5)));
//! assert_eq!(parse_amount(""), Ok(None));
//! assert!(CreditCodeFeedback::of("91350100M000100Y43").is_valid());
//! assert_eq!(
//!     CreditCodeFeedback::of("91350100M000100Y44").message(Lang::Zh),
//!     "校验位应为 3，实际为 4，请核对"
//! );
//! ```

use crate::ids::RecordId;
use crate::lang::{Lang, Text};
use crate::records::{
    Difficulty, Enterprise, EnterpriseSize, FollowUpEvent, FollowUpStatus, Indicators, PhotoRef,
    Qualification, RecordData, RevenueBand, Visit,
};
use crate::time::Date;
use crate::validate::{CreditCode, Problem, ValidationError, ValidationErrors};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The wire name of an enum value (`"from500_to2000"`), for `<select>` values.
pub fn code<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The enum value with a wire name; `None` for an empty or unknown name.
pub fn from_code<T: DeserializeOwned>(code: &str) -> Option<T> {
    if code.is_empty() {
        return None;
    }
    serde_json::from_value(serde_json::Value::String(code.to_owned())).ok()
}

/// Strips what people type around numbers: spaces and thousands separators
/// (ASCII and full-width commas).
fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, ',' | '，'))
        .collect()
}

/// An optional decimal figure (万元); empty means unknown.
pub fn parse_amount(text: &str) -> Result<Option<f64>, Problem> {
    let t = compact(text);
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Some(v)),
        _ => Err(Problem::NotANumber),
    }
}

/// An optional whole number (people, a year); empty means unknown.
pub fn parse_count<T: std::str::FromStr>(text: &str) -> Result<Option<T>, Problem> {
    let t = compact(text);
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<T>().map(Some).map_err(|_| Problem::NotANumber)
}

/// An amount in 万元 for display: "1,200 万元" / "¥12.0 m".
pub fn wan_text(wan_yuan: f64) -> crate::policy::Bilingual {
    crate::policy::format::wan(wan_yuan)
}

/// Text for an optional figure: `3200` rather than `3200.0`.
pub fn amount_text(value: Option<f64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// Collects parse problems next to the record's own.
#[derive(Default)]
struct Problems(Vec<ValidationError>);

impl Problems {
    fn take<T>(&mut self, field: &str, label: Text, parsed: Result<T, Problem>) -> Option<T> {
        match parsed {
            Ok(v) => Some(v),
            Err(problem) => {
                self.0.push(ValidationError::new(field, label, problem));
                None
            }
        }
    }

    /// The record's problems, leaving out fields that already failed to
    /// parse (their placeholder value would only add a second message).
    fn finish<T: RecordData>(mut self, record: T) -> Result<T, ValidationErrors> {
        if let Err(ValidationErrors(more)) = record.validate() {
            for e in more {
                if !self.0.iter().any(|p| p.field == e.field) {
                    self.0.push(e);
                }
            }
        }
        if self.0.is_empty() {
            Ok(record)
        } else {
            Err(ValidationErrors(self.0))
        }
    }
}

/// The enterprise form as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EnterpriseDraft {
    /// Registered name.
    pub name: String,
    /// 统一社会信用代码.
    pub credit_code: String,
    /// Industry.
    pub industry: String,
    /// Village or community.
    pub community: String,
    /// Size class (wire name or empty).
    pub size: String,
    /// Enrolled in statistics.
    pub enrolled: bool,
    /// Revenue band (wire name or empty).
    pub revenue_band: String,
    /// Annual revenue, 万元.
    pub annual_revenue: String,
    /// Employees.
    pub employees: String,
    /// Insured headcount.
    pub insured_headcount: String,
    /// Year founded.
    pub founded_year: String,
    /// R&D spend, 万元.
    pub rd_spend: String,
    /// Import/export volume, 万元.
    pub export_volume: String,
    /// Qualifications held.
    pub qualifications: Vec<Qualification>,
    /// Contact person.
    pub contact_name: String,
    /// Contact phone.
    pub contact_phone: String,
    /// Notes.
    pub notes: String,
}

impl From<&Enterprise> for EnterpriseDraft {
    fn from(e: &Enterprise) -> Self {
        let count = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
        EnterpriseDraft {
            name: e.name.clone(),
            credit_code: e.credit_code.clone(),
            industry: e.industry.clone(),
            community: e.community.clone(),
            size: e.size.as_ref().map(code).unwrap_or_default(),
            enrolled: e.enrolled,
            revenue_band: e.revenue_band.as_ref().map(code).unwrap_or_default(),
            annual_revenue: amount_text(e.annual_revenue),
            employees: count(e.employees),
            insured_headcount: count(e.insured_headcount),
            founded_year: e.founded_year.map(|y| y.to_string()).unwrap_or_default(),
            rd_spend: amount_text(e.rd_spend),
            export_volume: amount_text(e.export_volume),
            qualifications: e.qualifications.clone(),
            contact_name: e.contact_name.clone(),
            contact_phone: e.contact_phone.clone(),
            notes: e.notes.clone(),
        }
    }
}

impl EnterpriseDraft {
    /// The record, or every problem. A saved edit is no longer sample
    /// content. The credit code is stored normalised (trimmed, upper case).
    pub fn to_enterprise(&self) -> Result<Enterprise, ValidationErrors> {
        let mut p = Problems::default();
        let amount = |p: &mut Problems, field, label, text: &str| {
            p.take(field, label, parse_amount(text)).flatten()
        };
        let annual_revenue = amount(
            &mut p,
            "annual_revenue",
            Text::new("年营业收入", "Annual revenue"),
            &self.annual_revenue,
        );
        let rd_spend = amount(
            &mut p,
            "rd_spend",
            Text::new("研发投入", "R&D spend"),
            &self.rd_spend,
        );
        let export_volume = amount(
            &mut p,
            "export_volume",
            Text::new("进出口额", "Import/export volume"),
            &self.export_volume,
        );
        let employees = p
            .take(
                "employees",
                Text::new("从业人数", "Employees"),
                parse_count::<u32>(&self.employees),
            )
            .flatten();
        let insured_headcount = p
            .take(
                "insured_headcount",
                Text::new("参保人数", "Insured headcount"),
                parse_count::<u32>(&self.insured_headcount),
            )
            .flatten();
        let founded_year = p
            .take(
                "founded_year",
                Text::new("成立年份", "Year founded"),
                parse_count::<u16>(&self.founded_year),
            )
            .flatten();
        let credit_code = match CreditCode::parse(&self.credit_code) {
            Ok(c) => c.as_str().to_owned(),
            Err(_) => self.credit_code.trim().to_owned(),
        };
        let record = Enterprise {
            name: self.name.trim().to_owned(),
            credit_code,
            industry: self.industry.trim().to_owned(),
            community: self.community.trim().to_owned(),
            size: from_code::<EnterpriseSize>(&self.size),
            enrolled: self.enrolled,
            revenue_band: from_code::<RevenueBand>(&self.revenue_band),
            annual_revenue,
            employees,
            insured_headcount,
            founded_year,
            rd_spend,
            export_volume,
            qualifications: Qualification::ALL
                .into_iter()
                .filter(|q| self.qualifications.contains(q))
                .collect(),
            contact_name: self.contact_name.trim().to_owned(),
            contact_phone: self.contact_phone.trim().to_owned(),
            notes: self.notes.trim().to_owned(),
            sample: false,
        };
        p.finish(record)
    }
}

/// A follow-up row as typed (the due date may still be empty).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FollowUpDraft {
    /// Item id (kept from creation; the merge matches items by it).
    pub id: RecordId,
    /// What will be done.
    #[serde(default)]
    pub action: String,
    /// Who is responsible.
    #[serde(default)]
    pub owner: String,
    /// Due date, `YYYY-MM-DD`.
    #[serde(default)]
    pub due: String,
    /// Status.
    pub status: FollowUpStatus,
    /// The difficulty it addresses.
    #[serde(default)]
    pub difficulty_id: Option<RecordId>,
    /// History, carried through unchanged.
    #[serde(default)]
    pub history: Vec<FollowUpEvent>,
}

/// The visit form as typed; autosaved as-is.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct VisitDraft {
    /// The enterprise, once chosen.
    pub enterprise_id: Option<RecordId>,
    /// Day of the visit, `YYYY-MM-DD`.
    pub date: String,
    /// Staff who made the visit.
    pub staff: String,
    /// Purpose.
    pub purpose: String,
    /// Policy guides presented.
    pub policies_presented: Vec<RecordId>,
    /// Difficulties raised (every field is a choice or free text already).
    pub difficulties: Vec<Difficulty>,
    /// Follow-up actions.
    pub follow_ups: Vec<FollowUpDraft>,
    /// Photos (already stored on the device).
    pub photos: Vec<PhotoRef>,
    /// Output value, 万元.
    pub output: String,
    /// Revenue, 万元.
    pub revenue: String,
    /// Employees.
    pub employees: String,
    /// Import/export volume, 万元.
    pub export_volume: String,
    /// Notes.
    pub notes: String,
}

impl From<&Visit> for VisitDraft {
    fn from(v: &Visit) -> Self {
        VisitDraft {
            enterprise_id: Some(v.enterprise_id),
            date: v.date.to_string(),
            staff: v.staff.clone(),
            purpose: v.purpose.clone(),
            policies_presented: v.policies_presented.clone(),
            difficulties: v.difficulties.clone(),
            follow_ups: v
                .follow_ups
                .iter()
                .map(|f| FollowUpDraft {
                    id: f.id,
                    action: f.action.clone(),
                    owner: f.owner.clone(),
                    due: f.due.to_string(),
                    status: f.status,
                    difficulty_id: f.difficulty_id,
                    history: f.history.clone(),
                })
                .collect(),
            photos: v.photos.clone(),
            output: amount_text(v.indicators.output),
            revenue: amount_text(v.indicators.revenue),
            employees: v
                .indicators
                .employees
                .map(|n| n.to_string())
                .unwrap_or_default(),
            export_volume: amount_text(v.indicators.export_volume),
            notes: v.notes.clone(),
        }
    }
}

impl VisitDraft {
    /// The record, or every problem (including nested rows, keyed like
    /// `follow_ups.0.due`). A follow-up pointing at a removed difficulty
    /// loses the link rather than failing.
    pub fn to_visit(&self) -> Result<Visit, ValidationErrors> {
        let mut p = Problems::default();
        let enterprise_id = p.take(
            "enterprise_id",
            Text::new("走访企业", "Enterprise"),
            self.enterprise_id.ok_or(Problem::MissingReference),
        );
        let date = p.take(
            "date",
            Text::new("走访日期", "Date of visit"),
            Date::parse(self.date.trim()).map_err(|_| Problem::Date),
        );
        let mut follow_ups = Vec::with_capacity(self.follow_ups.len());
        for (i, f) in self.follow_ups.iter().enumerate() {
            let due = if f.due.trim().is_empty() {
                Err(Problem::Required)
            } else {
                Date::parse(f.due.trim()).map_err(|_| Problem::Date)
            };
            let due = p.take(
                &format!("follow_ups.{i}.due"),
                Text::new("完成期限", "Due date"),
                due,
            );
            follow_ups.push(crate::records::FollowUp {
                id: f.id,
                action: f.action.trim().to_owned(),
                owner: f.owner.trim().to_owned(),
                due: due.unwrap_or(Date::from_days_since_epoch(0)),
                status: f.status,
                difficulty_id: f
                    .difficulty_id
                    .filter(|d| self.difficulties.iter().any(|x| x.id == *d)),
                history: f.history.clone(),
            });
        }
        let amount = |p: &mut Problems, field: &str, label, text: &str| {
            p.take(field, label, parse_amount(text)).flatten()
        };
        let indicators = Indicators {
            output: amount(
                &mut p,
                "indicators.output",
                Text::new("产值", "Output"),
                &self.output,
            ),
            revenue: amount(
                &mut p,
                "indicators.revenue",
                Text::new("营业收入", "Revenue"),
                &self.revenue,
            ),
            employees: p
                .take(
                    "indicators.employees",
                    Text::new("从业人数", "Employees"),
                    parse_count::<u32>(&self.employees),
                )
                .flatten(),
            export_volume: amount(
                &mut p,
                "indicators.export_volume",
                Text::new("进出口额", "Import/export"),
                &self.export_volume,
            ),
        };
        let record = Visit {
            enterprise_id: enterprise_id.unwrap_or(RecordId::from_uuid(Uuid::nil())),
            date: date.unwrap_or(Date::from_days_since_epoch(0)),
            staff: self.staff.trim().to_owned(),
            purpose: self.purpose.trim().to_owned(),
            policies_presented: self.policies_presented.clone(),
            difficulties: self
                .difficulties
                .iter()
                .map(|d| Difficulty {
                    description: d.description.trim().to_owned(),
                    resolution: d.resolution.trim().to_owned(),
                    ..d.clone()
                })
                .collect(),
            follow_ups,
            photos: self.photos.clone(),
            indicators,
            notes: self.notes.trim().to_owned(),
        };
        p.finish(record)
    }
}

/// What is (or is not yet) right about a credit code being typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CreditCodeFeedback {
    /// Nothing typed (the code is optional).
    Empty,
    /// 18 valid characters with the right check character.
    Valid,
    /// A character that never occurs in a code, at a 1-based position.
    BadChar {
        /// Position, counting from 1.
        position: usize,
        /// The character.
        ch: char,
    },
    /// Valid characters, but not 18 of them.
    Length {
        /// How many were typed.
        len: usize,
    },
    /// The 18th character is not the check character of the first 17.
    CheckDigit {
        /// What it should be.
        expected: char,
        /// What was typed.
        found: char,
    },
}

impl CreditCodeFeedback {
    /// Looks at a code as [`CreditCode::parse`] would (trimmed, upper-cased).
    pub fn of(text: &str) -> CreditCodeFeedback {
        let code = text.trim().to_ascii_uppercase();
        if code.is_empty() {
            return CreditCodeFeedback::Empty;
        }
        if let Some((i, ch)) = code
            .chars()
            .enumerate()
            .find(|(_, c)| !CreditCode::is_code_char(*c))
        {
            return CreditCodeFeedback::BadChar {
                position: i + 1,
                ch,
            };
        }
        let len = code.chars().count();
        if len != 18 {
            return CreditCodeFeedback::Length { len };
        }
        let expected = CreditCode::check_char(&code[..17]).unwrap_or('?');
        let found = code[17..].chars().next().unwrap_or('?');
        if expected == found {
            CreditCodeFeedback::Valid
        } else {
            CreditCodeFeedback::CheckDigit { expected, found }
        }
    }

    /// Whether the code may be saved (valid or left empty).
    pub fn is_acceptable(self) -> bool {
        matches!(self, CreditCodeFeedback::Empty | CreditCodeFeedback::Valid)
    }

    /// Whether a complete, correct code was typed.
    pub fn is_valid(self) -> bool {
        self == CreditCodeFeedback::Valid
    }

    /// The feedback in plain words.
    pub fn message(self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            CreditCodeFeedback::Empty => if zh {
                "选填：18 位统一社会信用代码，输入时自动核对校验位"
            } else {
                "Optional: the 18-character code; the check character is verified as you type"
            }
            .into(),
            CreditCodeFeedback::Valid => if zh {
                "校验位正确 ✓"
            } else {
                "Check character correct ✓"
            }
            .into(),
            CreditCodeFeedback::BadChar { position, ch } => {
                let hint = if matches!(ch, 'I' | 'O' | 'Z' | 'S' | 'V') {
                    if zh {
                        "（代码不用 I、O、Z、S、V）"
                    } else {
                        " (codes never use I, O, Z, S, V)"
                    }
                } else {
                    ""
                };
                if zh {
                    format!("第 {position} 位“{ch}”不是有效字符{hint}")
                } else {
                    format!("character {position} “{ch}” is not allowed{hint}")
                }
            }
            CreditCodeFeedback::Length { len } if len < 18 => {
                if zh {
                    format!("已输入 {len} 位，还差 {} 位", 18 - len)
                } else {
                    format!("{len} characters typed, {} to go", 18 - len)
                }
            }
            CreditCodeFeedback::Length { len } => {
                if zh {
                    format!("已输入 {len} 位，多了 {} 位（应为 18 位）", len - 18)
                } else {
                    format!("{len} characters, {} too many (18 expected)", len - 18)
                }
            }
            CreditCodeFeedback::CheckDigit { expected, found } => {
                if zh {
                    format!("校验位应为 {expected}，实际为 {found}，请核对")
                } else {
                    format!("the check character should be {expected}, not {found}; please check the code")
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::{DifficultyCategory, DifficultyStatus, Urgency};

    #[test]
    fn amounts_and_counts_parse_what_people_type() {
        assert_eq!(parse_amount("1,200"), Ok(Some(1200.0)));
        assert_eq!(parse_amount("１２"), Err(Problem::NotANumber));
        assert_eq!(parse_amount("  "), Ok(None));
        assert_eq!(parse_amount("12万"), Err(Problem::NotANumber));
        assert_eq!(parse_amount("inf"), Err(Problem::NotANumber));
        assert_eq!(parse_count::<u32>("85"), Ok(Some(85)));
        assert_eq!(parse_count::<u32>("8.5"), Err(Problem::NotANumber));
        assert_eq!(parse_count::<u32>("-3"), Err(Problem::NotANumber));
        assert_eq!(parse_count::<u16>("70000"), Err(Problem::NotANumber));
        assert_eq!(amount_text(Some(3200.0)), "3200");
        assert_eq!(amount_text(Some(12.5)), "12.5");
    }

    #[test]
    fn enum_codes_round_trip() {
        for band in RevenueBand::ALL {
            assert_eq!(from_code::<RevenueBand>(&code(&band)), Some(band));
        }
        assert_eq!(code(&EnterpriseSize::Micro), "micro");
        assert_eq!(from_code::<EnterpriseSize>(""), None);
        assert_eq!(from_code::<EnterpriseSize>("huge"), None);
    }

    fn enterprise_draft() -> EnterpriseDraft {
        EnterpriseDraft {
            name: " 青岛新立纺织有限公司 ".into(),
            credit_code: "91350100m000100y43".into(),
            industry: "纺织服装".into(),
            community: "小李村".into(),
            size: "small".into(),
            revenue_band: "from500_to2000".into(),
            annual_revenue: "1,800".into(),
            employees: "60".into(),
            insured_headcount: "55".into(),
            founded_year: "2015".into(),
            qualifications: vec![Qualification::ForeignTrade, Qualification::HighTech],
            contact_phone: "13805321234".into(),
            ..EnterpriseDraft::default()
        }
    }

    #[test]
    fn an_enterprise_draft_becomes_a_record_and_back() {
        let e = enterprise_draft().to_enterprise().unwrap();
        assert_eq!(e.name, "青岛新立纺织有限公司");
        assert_eq!(e.credit_code, "91350100M000100Y43", "normalised");
        assert_eq!(e.size, Some(EnterpriseSize::Small));
        assert_eq!(e.annual_revenue, Some(1800.0));
        assert_eq!(
            e.qualifications,
            [Qualification::HighTech, Qualification::ForeignTrade],
            "in catalogue order"
        );
        assert!(!e.sample);
        let back = EnterpriseDraft::from(&e);
        assert_eq!(back.to_enterprise().unwrap(), e);
    }

    #[test]
    fn an_enterprise_draft_reports_every_problem_once() {
        let mut d = enterprise_draft();
        d.name = String::new();
        d.annual_revenue = "很多".into();
        d.employees = "10".into();
        d.insured_headcount = "12".into();
        d.credit_code = "91350100M000100Y44".into();
        let errs = d.to_enterprise().unwrap_err();
        let fields: Vec<&str> = errs.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["annual_revenue", "name", "credit_code", "insured_headcount"]
        );
        assert_eq!(
            errs.field("annual_revenue").unwrap().message(Lang::Zh),
            "年营业收入：请填写数字"
        );
    }

    fn visit_draft() -> VisitDraft {
        let difficulty = Difficulty {
            id: RecordId::generate(),
            category: DifficultyCategory::Labour,
            urgency: Urgency::High,
            description: " 缺熟练缝纫工 20 人 ".into(),
            status: DifficultyStatus::Open,
            resolution: String::new(),
        };
        VisitDraft {
            enterprise_id: Some(RecordId::generate()),
            date: "2026-11-26".into(),
            staff: "王磊".into(),
            purpose: "政策宣传".into(),
            follow_ups: vec![FollowUpDraft {
                id: RecordId::generate(),
                action: "推荐参加纺织服装业专场招聘会".into(),
                owner: "就业服务站".into(),
                due: "2026-12-05".into(),
                status: FollowUpStatus::Open,
                difficulty_id: Some(difficulty.id),
                history: vec![],
            }],
            difficulties: vec![difficulty],
            revenue: "3200".into(),
            ..VisitDraft::default()
        }
    }

    #[test]
    fn a_visit_draft_becomes_a_record_and_back() {
        let d = visit_draft();
        let v = d.to_visit().unwrap();
        assert_eq!(v.difficulties[0].description, "缺熟练缝纫工 20 人");
        assert_eq!(v.follow_ups[0].due.to_string(), "2026-12-05");
        assert_eq!(v.follow_ups[0].difficulty_id, Some(d.difficulties[0].id));
        assert_eq!(v.indicators.revenue, Some(3200.0));
        assert_eq!(VisitDraft::from(&v).to_visit().unwrap(), v);
    }

    #[test]
    fn a_visit_draft_reports_nested_problems_by_row() {
        let mut d = visit_draft();
        d.enterprise_id = None;
        d.date = "11/26".into();
        d.difficulties[0].description = "  ".into();
        d.follow_ups[0].due = String::new();
        d.follow_ups[0].owner = String::new();
        d.export_volume = "x".into();
        let errs = d.to_visit().unwrap_err();
        for field in [
            "enterprise_id",
            "date",
            "follow_ups.0.due",
            "indicators.export_volume",
            "difficulties.0.description",
            "follow_ups.0.owner",
        ] {
            assert!(errs.field(field).is_some(), "{field}: {errs}");
        }
        assert_eq!(errs.0.len(), 6, "{errs}");
        assert_eq!(
            errs.field("enterprise_id").unwrap().message(Lang::Zh),
            "走访企业：请选择"
        );
    }

    #[test]
    fn a_link_to_a_removed_difficulty_is_dropped() {
        let mut d = visit_draft();
        d.difficulties.clear();
        assert_eq!(d.to_visit().unwrap().follow_ups[0].difficulty_id, None);
    }

    #[test]
    fn credit_code_feedback_is_precise() {
        use CreditCodeFeedback::*;
        assert_eq!(CreditCodeFeedback::of(""), Empty);
        assert_eq!(CreditCodeFeedback::of(" 91350100m000100y43 "), Valid);
        assert_eq!(CreditCodeFeedback::of("913501"), Length { len: 6 });
        assert_eq!(
            CreditCodeFeedback::of("91350100M000100Y433"),
            Length { len: 19 }
        );
        assert_eq!(
            CreditCodeFeedback::of("9135010OM0"),
            BadChar {
                position: 8,
                ch: 'O'
            }
        );
        assert_eq!(
            CreditCodeFeedback::of("9135 0100"),
            BadChar {
                position: 5,
                ch: ' '
            }
        );
        assert_eq!(
            CreditCodeFeedback::of("91350100M000100Y44"),
            CheckDigit {
                expected: '3',
                found: '4'
            }
        );
        assert_eq!(
            CreditCodeFeedback::of("913501").message(Lang::Zh),
            "已输入 6 位，还差 12 位"
        );
        assert_eq!(
            CreditCodeFeedback::of("9135010OM0").message(Lang::Zh),
            "第 8 位“O”不是有效字符（代码不用 I、O、Z、S、V）"
        );
        assert_eq!(Valid.message(Lang::Zh), "校验位正确 ✓");
        // The feedback and the saved record's rule always agree.
        for text in [
            "",
            "913501",
            "91350100M000100Y43",
            "91350100M000100Y44",
            "9135010OM000100Y43",
            "9144030071526726XG",
        ] {
            let fb = CreditCodeFeedback::of(text);
            let parsed = CreditCode::parse(text);
            assert_eq!(fb.is_valid(), parsed.is_ok(), "{text}");
        }
    }
}
