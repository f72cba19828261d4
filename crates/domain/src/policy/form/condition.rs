//! One row of the guide editor's condition list: a kind chosen from a list
//! and the value that kind needs. "Any one of" groups are not editable as
//! rows; they are kept unchanged (and can be removed).

use super::{number_in, number_text, whole_in};
use crate::lang::{Label, Lang, Text};
use crate::policy::Condition;
use crate::records::{EnterpriseSize, Qualification};
use crate::validate::Problem;
use serde::{Deserialize, Serialize};

/// The kinds of condition an admin can pick for a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConditionKind {
    /// Industry contains one of these terms.
    Industry,
    /// Size class is one of these.
    Size,
    /// Revenue at least.
    RevenueAtLeast,
    /// Revenue at most.
    RevenueAtMost,
    /// Years in operation at least.
    YearsAtLeast,
    /// Years in operation at most.
    YearsAtMost,
    /// R&D share of revenue at least.
    RdRatioAtLeast,
    /// R&D spend at least.
    RdSpendAtLeast,
    /// Insured headcount at least.
    InsuredAtLeast,
    /// Holds one of these qualifications.
    Qualification,
    /// Holds none of these qualifications.
    LacksQualification,
    /// Enrolled in statistics, or not yet.
    Enrolled,
    /// Located in one of these places.
    Location,
    /// Import/export volume at least.
    ExportAtLeast,
    /// An "any one of" group, kept as it was.
    Group,
}

/// What a row's value input looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConditionInput {
    /// A list of names, separated by 、 , ， ; or new lines.
    Names,
    /// A number in this unit.
    Number(Text),
    /// Size checkboxes.
    Sizes,
    /// Qualification checkboxes.
    Qualifications,
    /// Yes / no.
    Flag,
    /// Nothing to edit (a kept group).
    Kept,
}

impl ConditionKind {
    /// The kinds offered for a new row (groups are not: they are only kept).
    pub const CHOOSABLE: [ConditionKind; 14] = [
        ConditionKind::Industry,
        ConditionKind::Size,
        ConditionKind::RevenueAtLeast,
        ConditionKind::RevenueAtMost,
        ConditionKind::YearsAtLeast,
        ConditionKind::YearsAtMost,
        ConditionKind::RdRatioAtLeast,
        ConditionKind::RdSpendAtLeast,
        ConditionKind::InsuredAtLeast,
        ConditionKind::Qualification,
        ConditionKind::LacksQualification,
        ConditionKind::Enrolled,
        ConditionKind::Location,
        ConditionKind::ExportAtLeast,
    ];

    /// The input the kind needs.
    pub fn input(self) -> ConditionInput {
        use ConditionKind as K;
        let wan = ConditionInput::Number(Text::new("万元", "× 10,000 yuan"));
        match self {
            K::Industry | K::Location => ConditionInput::Names,
            K::Size => ConditionInput::Sizes,
            K::RevenueAtLeast | K::RevenueAtMost | K::RdSpendAtLeast | K::ExportAtLeast => wan,
            K::YearsAtLeast | K::YearsAtMost => ConditionInput::Number(Text::new("年", "years")),
            K::RdRatioAtLeast => ConditionInput::Number(Text::new("%", "%")),
            K::InsuredAtLeast => ConditionInput::Number(Text::new("人", "people")),
            K::Qualification | K::LacksQualification => ConditionInput::Qualifications,
            K::Enrolled => ConditionInput::Flag,
            K::Group => ConditionInput::Kept,
        }
    }

    /// The kind of an existing condition.
    pub fn of(condition: &Condition) -> ConditionKind {
        use ConditionKind as K;
        match condition {
            Condition::Industry { .. } => K::Industry,
            Condition::Size { .. } => K::Size,
            Condition::RevenueAtLeast { .. } => K::RevenueAtLeast,
            Condition::RevenueAtMost { .. } => K::RevenueAtMost,
            Condition::YearsAtLeast { .. } => K::YearsAtLeast,
            Condition::YearsAtMost { .. } => K::YearsAtMost,
            Condition::RdRatioAtLeast { .. } => K::RdRatioAtLeast,
            Condition::RdSpendAtLeast { .. } => K::RdSpendAtLeast,
            Condition::InsuredAtLeast { .. } => K::InsuredAtLeast,
            Condition::Qualification { .. } => K::Qualification,
            Condition::LacksQualification { .. } => K::LacksQualification,
            Condition::Enrolled { .. } => K::Enrolled,
            Condition::Location { .. } => K::Location,
            Condition::ExportAtLeast { .. } => K::ExportAtLeast,
            Condition::AnyOf { .. } => K::Group,
        }
    }
}

impl super::Code for ConditionKind {
    const ALL: &'static [Self] = &[
        ConditionKind::Industry,
        ConditionKind::Size,
        ConditionKind::RevenueAtLeast,
        ConditionKind::RevenueAtMost,
        ConditionKind::YearsAtLeast,
        ConditionKind::YearsAtMost,
        ConditionKind::RdRatioAtLeast,
        ConditionKind::RdSpendAtLeast,
        ConditionKind::InsuredAtLeast,
        ConditionKind::Qualification,
        ConditionKind::LacksQualification,
        ConditionKind::Enrolled,
        ConditionKind::Location,
        ConditionKind::ExportAtLeast,
        ConditionKind::Group,
    ];
    fn code(self) -> &'static str {
        use ConditionKind as K;
        match self {
            K::Industry => "industry",
            K::Size => "size",
            K::RevenueAtLeast => "revenue_at_least",
            K::RevenueAtMost => "revenue_at_most",
            K::YearsAtLeast => "years_at_least",
            K::YearsAtMost => "years_at_most",
            K::RdRatioAtLeast => "rd_ratio_at_least",
            K::RdSpendAtLeast => "rd_spend_at_least",
            K::InsuredAtLeast => "insured_at_least",
            K::Qualification => "qualification",
            K::LacksQualification => "lacks_qualification",
            K::Enrolled => "enrolled",
            K::Location => "location",
            K::ExportAtLeast => "export_at_least",
            K::Group => "group",
        }
    }
}

impl Label for ConditionKind {
    fn label(&self, lang: Lang) -> &'static str {
        use ConditionKind as K;
        let t = match self {
            K::Industry => Text::new("所属行业包含", "Industry includes"),
            K::Size => Text::new("企业规模为", "Size is"),
            K::RevenueAtLeast => Text::new("年营业收入不低于", "Annual revenue at least"),
            K::RevenueAtMost => Text::new("年营业收入不高于", "Annual revenue at most"),
            K::YearsAtLeast => Text::new("成立年限不少于", "In operation at least"),
            K::YearsAtMost => Text::new("成立年限不超过", "In operation at most"),
            K::RdRatioAtLeast => Text::new("研发投入占比不低于", "R&D share of revenue at least"),
            K::RdSpendAtLeast => Text::new("年研发投入不低于", "Annual R&D spend at least"),
            K::InsuredAtLeast => Text::new("参保人数不少于", "Insured employees at least"),
            K::Qualification => Text::new("具有以下资质之一", "Holds one of"),
            K::LacksQualification => Text::new("尚未取得以下资质", "Does not yet hold"),
            K::Enrolled => Text::new("纳统情况", "Statistical enrolment"),
            K::Location => Text::new("位于以下村居/社区", "Located in"),
            K::ExportAtLeast => Text::new("年进出口额不低于", "Annual import/export at least"),
            K::Group => Text::new("满足其一（条件组）", "Any one of (group)"),
        };
        t.get(lang)
    }
}

/// One condition as edited.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConditionRow {
    /// Which condition.
    pub kind: ConditionKind,
    /// The typed value: a number, or names separated by 、 or commas.
    #[serde(default)]
    pub text: String,
    /// Sizes ticked.
    #[serde(default)]
    pub sizes: Vec<EnterpriseSize>,
    /// Qualifications ticked.
    #[serde(default)]
    pub qualifications: Vec<Qualification>,
    /// Yes/no (enrolled or not yet).
    #[serde(default)]
    pub flag: bool,
    /// A group kept unchanged.
    #[serde(default)]
    pub kept: Option<Condition>,
}

fn split_names(text: &str) -> Vec<String> {
    text.split(['、', ',', '，', ';', '；', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

impl ConditionRow {
    /// A fresh row of a kind (enrolment defaults to "enrolled").
    pub fn new(kind: ConditionKind) -> ConditionRow {
        ConditionRow {
            kind,
            text: String::new(),
            sizes: Vec::new(),
            qualifications: Vec::new(),
            flag: kind == ConditionKind::Enrolled,
            kept: None,
        }
    }

    /// The row showing an existing condition.
    pub fn from_condition(condition: &Condition) -> ConditionRow {
        let mut row = ConditionRow::new(ConditionKind::of(condition));
        match condition {
            Condition::Industry { any_of } | Condition::Location { any_of } => {
                row.text = any_of.join("、");
            }
            Condition::Size { any_of } => row.sizes = any_of.clone(),
            Condition::RevenueAtLeast { wan_yuan }
            | Condition::RevenueAtMost { wan_yuan }
            | Condition::RdSpendAtLeast { wan_yuan }
            | Condition::ExportAtLeast { wan_yuan } => row.text = number_text(*wan_yuan),
            Condition::YearsAtLeast { years } | Condition::YearsAtMost { years } => {
                row.text = years.to_string();
            }
            Condition::RdRatioAtLeast { percent } => row.text = number_text(*percent),
            Condition::InsuredAtLeast { count } => row.text = count.to_string(),
            Condition::Qualification { any_of } | Condition::LacksQualification { any_of } => {
                row.qualifications = any_of.clone();
            }
            Condition::Enrolled { required } => row.flag = *required,
            Condition::AnyOf { .. } => row.kept = Some(condition.clone()),
        }
        row
    }

    /// Changes the kind, keeping what still fits (a number stays a number).
    pub fn with_kind(&self, kind: ConditionKind) -> ConditionRow {
        let mut row = ConditionRow::new(kind);
        if self.kind.input() == kind.input()
            || matches!(
                (self.kind.input(), kind.input()),
                (ConditionInput::Number(_), ConditionInput::Number(_))
            )
        {
            row.text = self.text.clone();
            row.sizes = self.sizes.clone();
            row.qualifications = self.qualifications.clone();
        }
        row
    }

    /// The condition the row describes, or what is wrong with its value.
    /// Range limits are the ones [`Condition::check`] enforces; it runs again
    /// when the guide is validated.
    pub fn to_condition(&self) -> Result<Condition, Problem> {
        use ConditionKind as K;
        let names = || {
            let list = split_names(&self.text);
            if list.is_empty() {
                Err(Problem::Required)
            } else {
                Ok(list)
            }
        };
        let required = |t: &str| {
            if t.trim().is_empty() {
                Err(Problem::Required)
            } else {
                Ok(())
            }
        };
        let money =
            || required(&self.text).and_then(|_| number_in(&self.text, 0.0, 10_000_000_000.0));
        let whole = |max| required(&self.text).and_then(|_| whole_in(&self.text, 0, max));
        let condition = match self.kind {
            K::Industry => Condition::Industry { any_of: names()? },
            K::Location => Condition::Location { any_of: names()? },
            K::Size => Condition::Size {
                any_of: self.sizes.clone(),
            },
            K::RevenueAtLeast => Condition::RevenueAtLeast { wan_yuan: money()? },
            K::RevenueAtMost => Condition::RevenueAtMost { wan_yuan: money()? },
            K::RdSpendAtLeast => Condition::RdSpendAtLeast { wan_yuan: money()? },
            K::ExportAtLeast => Condition::ExportAtLeast { wan_yuan: money()? },
            K::YearsAtLeast => Condition::YearsAtLeast { years: whole(200)? },
            K::YearsAtMost => Condition::YearsAtMost { years: whole(200)? },
            K::InsuredAtLeast => Condition::InsuredAtLeast {
                count: whole(u32::MAX)?,
            },
            K::RdRatioAtLeast => Condition::RdRatioAtLeast {
                percent: required(&self.text).and_then(|_| number_in(&self.text, 0.0, 100.0))?,
            },
            K::Qualification => Condition::Qualification {
                any_of: self.qualifications.clone(),
            },
            K::LacksQualification => Condition::LacksQualification {
                any_of: self.qualifications.clone(),
            },
            K::Enrolled => Condition::Enrolled {
                required: self.flag,
            },
            K::Group => self.kept.clone().ok_or(Problem::Required)?,
        };
        condition.check()?;
        Ok(condition)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn samples() -> Vec<Condition> {
        vec![
            Condition::Industry {
                any_of: vec!["纺织".into(), "服装".into()],
            },
            Condition::Size {
                any_of: vec![EnterpriseSize::Micro, EnterpriseSize::Small],
            },
            Condition::RevenueAtLeast { wan_yuan: 2000.0 },
            Condition::RevenueAtMost { wan_yuan: 500.0 },
            Condition::YearsAtLeast { years: 2 },
            Condition::YearsAtMost { years: 5 },
            Condition::RdRatioAtLeast { percent: 3.5 },
            Condition::RdSpendAtLeast { wan_yuan: 100.0 },
            Condition::InsuredAtLeast { count: 10 },
            Condition::Qualification {
                any_of: vec![Qualification::HighTech],
            },
            Condition::LacksQualification {
                any_of: vec![Qualification::AboveScale],
            },
            Condition::Enrolled { required: false },
            Condition::Location {
                any_of: vec!["小李村".into()],
            },
            Condition::ExportAtLeast { wan_yuan: 0.5 },
            Condition::AnyOf {
                conditions: vec![Condition::Enrolled { required: true }],
            },
        ]
    }

    #[test]
    fn every_condition_round_trips_through_a_row() {
        for c in samples() {
            let row = ConditionRow::from_condition(&c);
            assert_eq!(row.to_condition(), Ok(c.clone()), "{row:?}");
            // Rows survive a draft save.
            let json = serde_json::to_string(&row).unwrap();
            assert_eq!(serde_json::from_str::<ConditionRow>(&json).unwrap(), row);
        }
        let kinds: Vec<ConditionKind> = samples().iter().map(ConditionKind::of).collect();
        assert_eq!(&kinds[..14], ConditionKind::CHOOSABLE);
    }

    #[test]
    fn typed_values_are_checked() {
        let mut row = ConditionRow::new(ConditionKind::Industry);
        assert_eq!(row.to_condition(), Err(Problem::Required));
        row.text = "纺织， 服装、 ,机械".into();
        assert_eq!(
            row.to_condition(),
            Ok(Condition::Industry {
                any_of: vec!["纺织".into(), "服装".into(), "机械".into()]
            })
        );
        let mut row = ConditionRow::new(ConditionKind::RdRatioAtLeast);
        row.text = "120".into();
        assert_eq!(
            row.to_condition(),
            Err(Problem::OutOfRange { min: 0, max: 100 })
        );
        row.text = "3%".into();
        assert!(row.to_condition().is_err(), "the unit is outside the box");
        let mut row = ConditionRow::new(ConditionKind::YearsAtLeast);
        row.text = "2.5".into();
        assert!(row.to_condition().is_err());
        let row = ConditionRow::new(ConditionKind::Qualification);
        assert_eq!(
            row.to_condition(),
            Err(Problem::Required),
            "tick at least one"
        );
        assert_eq!(
            ConditionRow::new(ConditionKind::Enrolled).to_condition(),
            Ok(Condition::Enrolled { required: true })
        );
    }

    #[test]
    fn changing_the_kind_keeps_a_number() {
        let mut row = ConditionRow::new(ConditionKind::RevenueAtLeast);
        row.text = "2000".into();
        let changed = row.with_kind(ConditionKind::RevenueAtMost);
        assert_eq!(
            changed.to_condition(),
            Ok(Condition::RevenueAtMost { wan_yuan: 2000.0 })
        );
        assert_eq!(row.with_kind(ConditionKind::Industry).text, "");
    }

    #[test]
    fn kinds_have_labels_in_both_languages() {
        for k in ConditionKind::CHOOSABLE {
            assert!(!k.label(Lang::Zh).is_empty() && k.label(Lang::En).is_ascii());
        }
    }
}
