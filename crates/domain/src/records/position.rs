//! Open positions offered by employers.

use super::RecordData;
use crate::collection::Collection;
use crate::ids::RecordId;
use crate::lang::{Label, Lang, Text};
use crate::time::Date;
use crate::validate::{Checker, Problem, ValidationResult, LONG_TEXT, SHORT_TEXT};
use serde::{Deserialize, Serialize};

/// Education required, in increasing order (so `<=` means "at most").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Education {
    /// 不限.
    Any,
    /// 初中.
    JuniorHigh,
    /// 高中/中专.
    HighSchool,
    /// 大专.
    Associate,
    /// 本科.
    Bachelor,
    /// 硕士及以上.
    Master,
}

impl Education {
    /// Every level, lowest first.
    pub const ALL: [Education; 6] = [
        Education::Any,
        Education::JuniorHigh,
        Education::HighSchool,
        Education::Associate,
        Education::Bachelor,
        Education::Master,
    ];
}

impl Label for Education {
    fn label(&self, lang: Lang) -> &'static str {
        let t = match self {
            Education::Any => Text::new("学历不限", "Any education"),
            Education::JuniorHigh => Text::new("初中", "Junior high"),
            Education::HighSchool => Text::new("高中/中专", "High school"),
            Education::Associate => Text::new("大专", "Associate degree"),
            Education::Bachelor => Text::new("本科", "Bachelor"),
            Education::Master => Text::new("硕士及以上", "Master or above"),
        };
        t.get(lang)
    }
}

/// Highest monthly salary accepted (yuan); anything above is a typo.
pub const MAX_MONTHLY_SALARY: i64 = 200_000;

/// A position (岗位).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Position {
    /// The employer offering it.
    pub employer_id: RecordId,
    /// The fair it is offered at, if any.
    #[serde(default)]
    pub fair_id: Option<RecordId>,
    /// Job title.
    pub title: String,
    /// Sector, e.g. 纺织服装, 先进制造, 物流, 服务业.
    pub sector: String,
    /// Number of people wanted.
    pub headcount: u32,
    /// Monthly salary, lower bound (yuan).
    pub salary_min: u32,
    /// Monthly salary, upper bound (yuan).
    pub salary_max: u32,
    /// Minimum education.
    pub education: Education,
    /// Minimum years of experience (0 = none needed).
    #[serde(default)]
    pub experience_years: u8,
    /// Work location (village or community in Tongji, or an address).
    pub location: String,
    /// Benefits, e.g. 五险一金, 包食宿.
    #[serde(default)]
    pub benefits: Vec<String>,
    /// Duties and requirements.
    #[serde(default)]
    pub description: String,
    /// Contact person.
    #[serde(default)]
    pub contact_name: String,
    /// Contact phone.
    #[serde(default)]
    pub contact_phone: String,
    /// When the position was published.
    pub posted_on: Date,
    /// Sample content until an admin edits it.
    #[serde(default)]
    pub sample: bool,
}

impl RecordData for Position {
    const COLLECTION: Collection = Collection::Positions;

    fn validate(&self) -> ValidationResult {
        let mut c = Checker::default();
        c.required(
            "title",
            Text::new("岗位名称", "Job title"),
            &self.title,
            SHORT_TEXT,
        );
        c.required("sector", Text::new("行业", "Sector"), &self.sector, 30);
        c.range(
            "headcount",
            Text::new("招聘人数", "Headcount"),
            i64::from(self.headcount),
            1,
            10_000,
        );
        let salary = Text::new("月薪", "Monthly salary");
        c.range(
            "salary_min",
            salary,
            i64::from(self.salary_min),
            0,
            MAX_MONTHLY_SALARY,
        );
        c.range(
            "salary_max",
            salary,
            i64::from(self.salary_max),
            0,
            MAX_MONTHLY_SALARY,
        );
        if self.salary_min > self.salary_max {
            c.fail("salary_max", salary, Problem::MinAboveMax);
        }
        c.range(
            "experience_years",
            Text::new("工作经验", "Experience"),
            i64::from(self.experience_years),
            0,
            40,
        );
        c.required(
            "location",
            Text::new("工作地点", "Location"),
            &self.location,
            200,
        );
        c.text_list(
            "benefits",
            Text::new("福利", "Benefits"),
            &self.benefits,
            30,
        );
        c.max_len(
            "description",
            Text::new("岗位描述", "Description"),
            &self.description,
            LONG_TEXT,
        );
        c.max_len(
            "contact_name",
            Text::new("联系人", "Contact"),
            &self.contact_name,
            50,
        );
        c.contact_phone(
            "contact_phone",
            Text::new("联系电话", "Phone"),
            &self.contact_phone,
        );
        c.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn position(min: u32, max: u32) -> Position {
        Position {
            employer_id: RecordId::generate(),
            fair_id: None,
            title: "平缝机工".into(),
            sector: "纺织服装".into(),
            headcount: 20,
            salary_min: min,
            salary_max: max,
            education: Education::Any,
            experience_years: 0,
            location: "小李村".into(),
            benefits: vec!["五险".into(), "包午餐".into()],
            description: String::new(),
            contact_name: "王经理".into(),
            contact_phone: "0532-88512345".into(),
            posted_on: Date::parse("2026-11-20").unwrap(),
            sample: true,
        }
    }

    #[test]
    fn education_is_ordered() {
        assert!(Education::Any < Education::HighSchool && Education::Bachelor < Education::Master);
    }

    #[test]
    fn headcount_and_phone_rules() {
        let mut p = position(4000, 6000);
        p.headcount = 0;
        p.contact_phone = "abc".into();
        let errs = p.validate().unwrap_err();
        assert!(errs.field("headcount").is_some());
        assert!(errs.field("contact_phone").is_some());
    }

    proptest! {
        #[test]
        fn salary_range_valid_exactly_when_ordered(a in 0u32..200_000, b in 0u32..200_000) {
            let result = position(a, b).validate();
            prop_assert_eq!(result.is_ok(), a <= b);
            if a > b {
                let errs = result.unwrap_err();
                prop_assert_eq!(&errs.field("salary_max").unwrap().problem, &Problem::MinAboveMax);
            }
        }
    }
}
