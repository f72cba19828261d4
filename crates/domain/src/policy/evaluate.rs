//! Evaluating conditions against a profile: met, failed (with the reason), or
//! unknown (with the missing figures). The numeric checks live in `figures`.
//!
//! The one rule that matters most: a condition fails only when the known
//! figures prove it fails. A missing figure, or one known only as a band that
//! straddles the threshold, gives "unknown", so staff are prompted to ask
//! instead of being told an enterprise does not qualify.

use super::figures::{
    at_least, failed, insured_at_least, rd_ratio, revenue_at_least, revenue_at_most, unknown,
    years_at_least, years_at_most,
};
use super::format::{either, labels, Bilingual};
use super::profile::{EnterpriseProfile, Figure};
use super::rules::Condition;
use crate::lang::{Label, Lang, Text};
use crate::records::Qualification;
use crate::time::Date;

/// A figure the profile lacks for deciding a condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Missing {
    /// Which figure.
    pub figure: Figure,
    /// The figure is known only roughly (a revenue band) and the band
    /// straddles the threshold, so the exact figure is needed.
    pub too_coarse: bool,
}

impl Missing {
    pub(super) fn of(figure: Figure) -> Missing {
        Missing {
            figure,
            too_coarse: false,
        }
    }

    /// "年营业收入" / "Annual revenue", with a note when only a band is known.
    pub fn describe(&self) -> Bilingual {
        let (zh, en) = (self.figure.label(Lang::Zh), self.figure.label(Lang::En));
        if self.too_coarse {
            Bilingual::new(
                format!("{zh}（仅知区间，需具体数值）"),
                format!("{en} (only the band is known; the exact figure is needed)"),
            )
        } else {
            Bilingual::new(zh, en)
        }
    }
}

/// A condition the profile fails, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Failed {
    /// The condition as written in the guide.
    pub condition: Condition,
    /// Why, with the figures: "年营业收入 1,200 万元，低于 2,000 万元".
    pub reason: Bilingual,
}

/// The outcome of one condition.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// The profile meets it.
    Met,
    /// The profile lacks figures to decide.
    Unknown(Vec<Missing>),
    /// The profile's figures fail it.
    Failed(Bilingual),
}

/// Whether an enterprise qualifies for a guide.
#[derive(Clone, Debug, PartialEq)]
pub enum Eligibility {
    /// Every condition is met.
    Eligible,
    /// No condition fails, but some cannot be decided.
    PossiblyEligible {
        /// The figures to ask for, each once, in the order the guide needs them.
        missing: Vec<Missing>,
    },
    /// At least one condition fails on known figures.
    NotEligible {
        /// Every failed condition (not only the first), with reasons.
        failed: Vec<Failed>,
    },
}

impl Eligibility {
    /// 0 for eligible, 1 for possibly eligible, 2 for not eligible: the
    /// order in which the matcher lists them.
    pub fn rank(&self) -> u8 {
        match self {
            Eligibility::Eligible => 0,
            Eligibility::PossiblyEligible { .. } => 1,
            Eligibility::NotEligible { .. } => 2,
        }
    }

    /// A short status label.
    pub fn label(&self, lang: Lang) -> &'static str {
        let t = match self {
            Eligibility::Eligible => Text::new("符合条件", "Eligible"),
            Eligibility::PossiblyEligible { .. } => Text::new("可能符合", "Possibly eligible"),
            Eligibility::NotEligible { .. } => Text::new("不符合", "Not eligible"),
        };
        t.get(lang)
    }
}

/// Evaluates a guide's conditions (all must hold). `as_of` is the date years
/// in operation are counted to, normally today.
pub fn evaluate(conditions: &[Condition], profile: &EnterpriseProfile, as_of: Date) -> Eligibility {
    let mut missing: Vec<Missing> = Vec::new();
    let mut failed = Vec::new();
    for condition in conditions {
        match condition.evaluate(profile, as_of) {
            Outcome::Met => {}
            Outcome::Unknown(m) => add_missing(&mut missing, m),
            Outcome::Failed(reason) => failed.push(Failed {
                condition: condition.clone(),
                reason,
            }),
        }
    }
    if !failed.is_empty() {
        Eligibility::NotEligible { failed }
    } else if !missing.is_empty() {
        Eligibility::PossiblyEligible { missing }
    } else {
        Eligibility::Eligible
    }
}

/// Adds figures not listed yet; a figure missing outright outweighs the
/// same figure being too coarse.
fn add_missing(into: &mut Vec<Missing>, new: Vec<Missing>) {
    for m in new {
        match into.iter_mut().find(|x| x.figure == m.figure) {
            Some(existing) => existing.too_coarse &= m.too_coarse,
            None => into.push(m),
        }
    }
}

impl Condition {
    /// Evaluates this condition alone (the guide page ticks each one).
    pub fn evaluate(&self, p: &EnterpriseProfile, as_of: Date) -> Outcome {
        match self {
            Condition::Industry { any_of } => {
                let Some(industry) = &p.industry else {
                    return unknown(Figure::Industry);
                };
                let lower = industry.to_lowercase();
                if any_of.is_empty()
                    || any_of
                        .iter()
                        .any(|t| lower.contains(&t.trim().to_lowercase()))
                {
                    Outcome::Met
                } else {
                    let (zh, en) = (either(any_of, Lang::Zh), either(any_of, Lang::En));
                    failed(
                        format!("所属行业为{industry}，不属于{zh}"),
                        format!("industry {industry} is not {en}"),
                    )
                }
            }
            Condition::Size { any_of } => {
                let Some(size) = p.size else {
                    return unknown(Figure::Size);
                };
                if any_of.is_empty() || any_of.contains(&size) {
                    return Outcome::Met;
                }
                let (zh, en) = labels(any_of);
                failed(
                    format!("企业规模为{}，不属于{zh}", size.label(Lang::Zh)),
                    format!("size is {}, not {en}", size.label(Lang::En)),
                )
            }
            Condition::RevenueAtLeast { wan_yuan } => revenue_at_least(p, *wan_yuan),
            Condition::RevenueAtMost { wan_yuan } => revenue_at_most(p, *wan_yuan),
            Condition::YearsAtLeast { years } => years_at_least(p, *years, as_of),
            Condition::YearsAtMost { years } => years_at_most(p, *years, as_of),
            Condition::RdRatioAtLeast { percent } => rd_ratio(p, *percent),
            Condition::RdSpendAtLeast { wan_yuan } => at_least(
                p.rd_spend,
                *wan_yuan,
                Figure::RdSpend,
                ("年研发投入", "annual R&D spend"),
            ),
            Condition::ExportAtLeast { wan_yuan } => at_least(
                p.export_volume,
                *wan_yuan,
                Figure::ExportVolume,
                ("年进出口额", "annual import/export volume"),
            ),
            Condition::InsuredAtLeast { count } => insured_at_least(p, *count),
            Condition::Qualification { any_of } => {
                if any_of.is_empty() {
                    return Outcome::Met;
                }
                let held: Option<Vec<bool>> = any_of.iter().map(|q| p.holds(*q)).collect();
                let Some(held) = held else {
                    return unknown(Figure::Qualifications);
                };
                if held.contains(&true) {
                    return Outcome::Met;
                }
                let (zh, en) = labels(any_of);
                failed(format!("未认定为{zh}"), format!("not recognised as {en}"))
            }
            Condition::LacksQualification { any_of } => {
                if any_of.is_empty() {
                    return Outcome::Met;
                }
                let held: Option<Vec<bool>> = any_of.iter().map(|q| p.holds(*q)).collect();
                let Some(held) = held else {
                    return unknown(Figure::Qualifications);
                };
                let already: Vec<Qualification> = any_of
                    .iter()
                    .zip(held)
                    .filter(|(_, h)| *h)
                    .map(|(q, _)| *q)
                    .collect();
                if already.is_empty() {
                    return Outcome::Met;
                }
                let (zh, en) = labels(&already);
                failed(
                    format!("已认定为{zh}"),
                    format!("already recognised as {en}"),
                )
            }
            Condition::Enrolled { required } => match p.enrolled {
                None => unknown(Figure::Enrolled),
                Some(e) if e == *required => Outcome::Met,
                Some(true) => failed(
                    "已纳统".into(),
                    "already enrolled in official statistics".into(),
                ),
                Some(false) => failed(
                    "尚未纳统".into(),
                    "not yet enrolled in official statistics".into(),
                ),
            },
            Condition::Location { any_of } => {
                let Some(place) = &p.community else {
                    return unknown(Figure::Community);
                };
                if any_of.is_empty() || any_of.iter().any(|a| a.trim() == place.trim()) {
                    return Outcome::Met;
                }
                let (zh, en) = (either(any_of, Lang::Zh), either(any_of, Lang::En));
                failed(
                    format!("位于{place}，不在{zh}"),
                    format!("located in {place}, not in {en}"),
                )
            }
            Condition::AnyOf { conditions } => any_of(conditions, p, as_of),
        }
    }
}

fn any_of(conditions: &[Condition], p: &EnterpriseProfile, as_of: Date) -> Outcome {
    // An empty group imposes nothing; validation rejects it anyway.
    if conditions.is_empty() {
        return Outcome::Met;
    }
    let mut missing = Vec::new();
    let mut reasons = Vec::new();
    for c in conditions {
        match c.evaluate(p, as_of) {
            Outcome::Met => return Outcome::Met,
            Outcome::Unknown(m) => add_missing(&mut missing, m),
            Outcome::Failed(r) => reasons.push(r),
        }
    }
    if !missing.is_empty() {
        return Outcome::Unknown(missing);
    }
    let zh: Vec<&str> = reasons.iter().map(|r| r.zh.as_str()).collect();
    let en: Vec<&str> = reasons.iter().map(|r| r.en.as_str()).collect();
    failed(
        format!("以下条件均不满足：{}", zh.join("；")),
        format!("none of the alternatives is met: {}", en.join("; ")),
    )
}
