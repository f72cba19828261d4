//! Eligibility conditions and support amounts, stored as data in each guide.
//!
//! Thresholds use the units of the enterprise ledger (万元 for money, whole
//! people, whole years) so an admin can copy them from the policy text; the
//! estimated support is in yuan because guides state it that way
//! ("每人 500 元", "最高 10 万元" is entered as 100000).

use crate::records::{EnterpriseSize, Qualification};
use crate::validate::Problem;
use serde::{Deserialize, Serialize};

/// Largest threshold or amount accepted, in its unit (万元 or yuan): 10^10,
/// far above any real figure, so a typo with extra zeros is caught.
const MAX_FIGURE: f64 = 10_000_000_000.0;
/// How deeply [`Condition::AnyOf`] groups may nest. Real guides need one
/// level; the limit keeps evaluation and descriptions bounded for pushed data.
pub const MAX_NESTING: usize = 3;

/// One eligibility condition of a policy guide.
///
/// Serialised with a snake_case `kind` tag, e.g.
/// `{"kind": "revenue_at_least", "wan_yuan": 2000}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Condition {
    /// The enterprise's industry contains one of these terms (so `制造`
    /// accepts `机械制造` and `纺织` accepts `纺织服装`).
    Industry {
        /// Accepted industry terms.
        any_of: Vec<String>,
    },
    /// The enterprise's size class is one of these.
    Size {
        /// Accepted sizes.
        any_of: Vec<EnterpriseSize>,
    },
    /// Annual revenue at least this many 万元.
    RevenueAtLeast {
        /// Threshold, 万元 (inclusive).
        wan_yuan: f64,
    },
    /// Annual revenue at most this many 万元.
    RevenueAtMost {
        /// Threshold, 万元 (inclusive).
        wan_yuan: f64,
    },
    /// In operation for at least this many years, counted in calendar years
    /// (founded 2023, as of 2026 = 3 years), because the ledger keeps only the
    /// year of establishment.
    YearsAtLeast {
        /// Years (inclusive).
        years: u32,
    },
    /// In operation for at most this many years (start-up support), counted
    /// like [`Condition::YearsAtLeast`].
    YearsAtMost {
        /// Years (inclusive).
        years: u32,
    },
    /// R&D spend at least this share of annual revenue.
    RdRatioAtLeast {
        /// Percent of annual revenue (inclusive).
        percent: f64,
    },
    /// Annual R&D spend at least this many 万元.
    RdSpendAtLeast {
        /// Threshold, 万元 (inclusive).
        wan_yuan: f64,
    },
    /// At least this many employees with social insurance paid here.
    InsuredAtLeast {
        /// Headcount (inclusive).
        count: u32,
    },
    /// Holds at least one of these qualifications. A 专精特新“小巨人” also
    /// counts as a 专精特新中小企业, since it is selected from them.
    Qualification {
        /// Accepted qualifications.
        any_of: Vec<Qualification>,
    },
    /// Holds none of these qualifications yet (cultivation programmes such
    /// as 高企培育 or 首次升规 are for those not yet recognised).
    LacksQualification {
        /// Qualifications the enterprise must not hold.
        any_of: Vec<Qualification>,
    },
    /// Enrolled in statistics (纳统) or, with `false`, not yet enrolled.
    Enrolled {
        /// Required enrolment state.
        required: bool,
    },
    /// Located in one of these villages/communities (exact name).
    Location {
        /// Accepted places.
        any_of: Vec<String>,
    },
    /// Annual import/export volume at least this many 万元.
    ExportAtLeast {
        /// Threshold, 万元 (inclusive).
        wan_yuan: f64,
    },
    /// At least one of these conditions holds (OR). The guide's own list is
    /// AND, so this is the only way to say "高新技术企业 or 专精特新".
    AnyOf {
        /// Alternatives.
        conditions: Vec<Condition>,
    },
}

/// How to estimate the support a guide gives, in yuan.
///
/// Serialised with a snake_case `kind` tag, e.g.
/// `{"kind": "per_insured", "yuan": 300, "cap": 500000}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Amount {
    /// A fixed sum.
    Fixed {
        /// Yuan.
        yuan: f64,
    },
    /// A sum within a range the profile cannot narrow down (it depends on a
    /// figure the ledger does not keep, such as equipment investment or the
    /// grade of an award). A `min_yuan` of 0 reads as "up to".
    Range {
        /// Least, yuan.
        min_yuan: f64,
        /// Most, yuan.
        max_yuan: f64,
    },
    /// A sum per employee with social insurance, capped.
    PerInsured {
        /// Yuan per person.
        yuan: f64,
        /// Cap in yuan, if any.
        #[serde(default)]
        cap: Option<f64>,
    },
    /// A share of annual R&D spend, capped.
    RdShare {
        /// Percent of R&D spend.
        percent: f64,
        /// Cap in yuan, if any.
        #[serde(default)]
        cap: Option<f64>,
    },
    /// A share of annual import/export volume, capped.
    ExportShare {
        /// Percent of import/export volume.
        percent: f64,
        /// Cap in yuan, if any.
        #[serde(default)]
        cap: Option<f64>,
    },
}

fn figure(value: f64) -> Result<(), Problem> {
    if value.is_finite() && (0.0..=MAX_FIGURE).contains(&value) {
        Ok(())
    } else {
        Err(Problem::OutOfRange {
            min: 0,
            max: MAX_FIGURE as i64,
        })
    }
}

fn percent(value: f64) -> Result<(), Problem> {
    if value.is_finite() && (0.0..=100.0).contains(&value) {
        Ok(())
    } else {
        Err(Problem::OutOfRange { min: 0, max: 100 })
    }
}

fn non_empty<T>(list: &[T]) -> Result<(), Problem> {
    if list.is_empty() {
        Err(Problem::Required)
    } else {
        Ok(())
    }
}

fn names(list: &[String]) -> Result<(), Problem> {
    non_empty(list)?;
    if list.iter().any(|s| s.trim().is_empty()) {
        return Err(Problem::Required);
    }
    match list.iter().map(|s| s.chars().count()).max() {
        Some(n) if n > 50 => Err(Problem::TooLong { max: 50 }),
        _ => Ok(()),
    }
}

impl Condition {
    /// Checks that the condition can be evaluated meaningfully: lists are not
    /// empty, thresholds are finite and not negative, percentages are within
    /// 0–100 and groups are not nested deeper than [`MAX_NESTING`].
    pub fn check(&self) -> Result<(), Problem> {
        self.check_at(1)
    }

    fn check_at(&self, depth: usize) -> Result<(), Problem> {
        match self {
            Condition::Industry { any_of } | Condition::Location { any_of } => names(any_of),
            Condition::Size { any_of } => non_empty(any_of),
            Condition::Qualification { any_of } | Condition::LacksQualification { any_of } => {
                non_empty(any_of)
            }
            Condition::RevenueAtLeast { wan_yuan }
            | Condition::RevenueAtMost { wan_yuan }
            | Condition::RdSpendAtLeast { wan_yuan }
            | Condition::ExportAtLeast { wan_yuan } => figure(*wan_yuan),
            Condition::RdRatioAtLeast { percent: p } => percent(*p),
            Condition::YearsAtLeast { years } | Condition::YearsAtMost { years } => {
                if *years > 200 {
                    Err(Problem::OutOfRange { min: 0, max: 200 })
                } else {
                    Ok(())
                }
            }
            Condition::InsuredAtLeast { .. } | Condition::Enrolled { .. } => Ok(()),
            Condition::AnyOf { conditions } => {
                if depth >= MAX_NESTING {
                    return Err(Problem::TooMany { max: MAX_NESTING });
                }
                non_empty(conditions)?;
                if conditions.len() > 20 {
                    return Err(Problem::TooMany { max: 20 });
                }
                conditions.iter().try_for_each(|c| c.check_at(depth + 1))
            }
        }
    }
}

impl Amount {
    /// Checks that sums and caps are finite and not negative, percentages are
    /// within 0–100 and a range's least is not above its most.
    pub fn check(&self) -> Result<(), Problem> {
        let cap = |c: &Option<f64>| c.map_or(Ok(()), figure);
        match self {
            Amount::Fixed { yuan } => figure(*yuan),
            Amount::Range { min_yuan, max_yuan } => {
                figure(*min_yuan)?;
                figure(*max_yuan)?;
                if min_yuan > max_yuan {
                    Err(Problem::MinAboveMax)
                } else {
                    Ok(())
                }
            }
            Amount::PerInsured { yuan, cap: c } => figure(*yuan).and(cap(c)),
            Amount::RdShare { percent: p, cap: c } | Amount::ExportShare { percent: p, cap: c } => {
                percent(*p).and(cap(c))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn conditions_are_tagged_snake_case_and_strict() {
        let c: Condition =
            serde_json::from_value(json!({"kind": "revenue_at_least", "wan_yuan": 2000})).unwrap();
        assert_eq!(c, Condition::RevenueAtLeast { wan_yuan: 2000.0 });
        let group = Condition::AnyOf {
            conditions: vec![
                Condition::Qualification {
                    any_of: vec![Qualification::HighTech],
                },
                Condition::Enrolled { required: true },
            ],
        };
        let text = serde_json::to_value(&group).unwrap();
        assert_eq!(text["kind"], "any_of");
        assert_eq!(text["conditions"][0]["any_of"][0], "high_tech");
        assert_eq!(serde_json::from_value::<Condition>(text).unwrap(), group);
        assert!(serde_json::from_value::<Condition>(
            json!({"kind": "enrolled", "required": true, "x": 1})
        )
        .is_err());
        assert!(serde_json::from_value::<Condition>(json!({"kind": "no_such_kind"})).is_err());
        let a: Amount =
            serde_json::from_value(json!({"kind": "per_insured", "yuan": 300})).unwrap();
        assert_eq!(
            a,
            Amount::PerInsured {
                yuan: 300.0,
                cap: None
            }
        );
        assert!(
            serde_json::from_value::<Amount>(json!({"kind": "fixed", "yuan": 1, "cap": 2}))
                .is_err()
        );
    }

    #[test]
    fn checks_reject_nonsense() {
        assert_eq!(
            Condition::Size { any_of: vec![] }.check(),
            Err(Problem::Required)
        );
        assert_eq!(
            Condition::Industry {
                any_of: vec![" ".into()]
            }
            .check(),
            Err(Problem::Required)
        );
        assert!(Condition::RevenueAtLeast { wan_yuan: -1.0 }
            .check()
            .is_err());
        assert!(Condition::RevenueAtLeast { wan_yuan: f64::NAN }
            .check()
            .is_err());
        assert!(Condition::RdRatioAtLeast { percent: 101.0 }
            .check()
            .is_err());
        assert!(Condition::RdRatioAtLeast { percent: 3.0 }.check().is_ok());
        let deep = Condition::AnyOf {
            conditions: vec![Condition::AnyOf {
                conditions: vec![Condition::AnyOf {
                    conditions: vec![Condition::Enrolled { required: true }],
                }],
            }],
        };
        assert_eq!(deep.check(), Err(Problem::TooMany { max: MAX_NESTING }));
        assert_eq!(
            Amount::Range {
                min_yuan: 5.0,
                max_yuan: 1.0
            }
            .check(),
            Err(Problem::MinAboveMax)
        );
        assert!(Amount::PerInsured {
            yuan: 300.0,
            cap: Some(-1.0)
        }
        .check()
        .is_err());
        assert!(Amount::ExportShare {
            percent: 0.5,
            cap: Some(500_000.0)
        }
        .check()
        .is_ok());
    }
}
