//! Checks of the numeric conditions: thresholds on revenue, years, R&D,
//! headcount and exports, each with its failure reason in both languages.
//!
//! Revenue may be known only as a band; a band decides a threshold only when
//! the whole band lies on one side of it, otherwise the exact figure is asked for.

use super::evaluate::{Missing, Outcome};
use super::format::{percent, wan, Bilingual};
use super::profile::{EnterpriseProfile, Figure, Revenue};
use crate::lang::{Label, Lang};
use crate::time::Date;

pub(super) fn unknown(figure: Figure) -> Outcome {
    Outcome::Unknown(vec![Missing::of(figure)])
}

pub(super) fn coarse(figure: Figure) -> Outcome {
    Outcome::Unknown(vec![Missing {
        figure,
        too_coarse: true,
    }])
}

pub(super) fn failed(zh: String, en: String) -> Outcome {
    Outcome::Failed(Bilingual::new(zh, en))
}

fn years_en(n: i64) -> String {
    if n == 1 {
        "1 year".into()
    } else {
        format!("{n} years")
    }
}

pub(super) fn years_at_least(p: &EnterpriseProfile, years: u32, as_of: Date) -> Outcome {
    let Some(age) = years_in_operation(p, as_of) else {
        return unknown(Figure::FoundedYear);
    };
    let n = i64::from(years);
    if age >= n {
        Outcome::Met
    } else {
        failed(
            format!("成立 {age} 年，不满 {n} 年"),
            format!("in operation {}, fewer than {n}", years_en(age)),
        )
    }
}

pub(super) fn years_at_most(p: &EnterpriseProfile, years: u32, as_of: Date) -> Outcome {
    let Some(age) = years_in_operation(p, as_of) else {
        return unknown(Figure::FoundedYear);
    };
    let n = i64::from(years);
    if age <= n {
        Outcome::Met
    } else {
        failed(
            format!("成立 {age} 年，超过 {n} 年"),
            format!("in operation {}, more than {n}", years_en(age)),
        )
    }
}

pub(super) fn insured_at_least(p: &EnterpriseProfile, count: u32) -> Outcome {
    let Some(n) = p.insured_headcount else {
        return unknown(Figure::InsuredHeadcount);
    };
    if n >= count {
        Outcome::Met
    } else {
        failed(
            format!("参保职工 {n} 人，少于 {count} 人"),
            format!("{n} insured employees, fewer than {count}"),
        )
    }
}

/// Calendar years from the founding year to `as_of`, never negative.
fn years_in_operation(p: &EnterpriseProfile, as_of: Date) -> Option<i64> {
    p.founded_year
        .map(|y| (i64::from(as_of.year()) - i64::from(y)).max(0))
}

pub(super) fn at_least(
    value: Option<f64>,
    threshold: f64,
    figure: Figure,
    name: (&str, &str),
) -> Outcome {
    let Some(v) = value else {
        return unknown(figure);
    };
    if v >= threshold {
        return Outcome::Met;
    }
    let (v, t) = (wan(v), wan(threshold));
    failed(
        format!("{} {}，低于 {}", name.0, v.zh, t.zh),
        format!("{} {} is below {}", name.1, v.en, t.en),
    )
}

pub(super) fn revenue_at_least(p: &EnterpriseProfile, threshold: f64) -> Outcome {
    let t = wan(threshold);
    match p.revenue() {
        None => unknown(Figure::Revenue),
        Some(Revenue::Exact(v)) => at_least(
            Some(v),
            threshold,
            Figure::Revenue,
            ("年营业收入", "annual revenue"),
        ),
        Some(Revenue::Band(_, lo, _)) if lo >= threshold => Outcome::Met,
        // The upper bound is exclusive, so every figure in the band is below it.
        Some(Revenue::Band(band, _, Some(hi))) if hi <= threshold => failed(
            format!("年营业收入在{}区间，低于 {}", band.label(Lang::Zh), t.zh),
            format!(
                "annual revenue ({}) is below {}",
                band.label(Lang::En),
                t.en
            ),
        ),
        Some(Revenue::Band(..)) => coarse(Figure::Revenue),
    }
}

pub(super) fn revenue_at_most(p: &EnterpriseProfile, threshold: f64) -> Outcome {
    let t = wan(threshold);
    match p.revenue() {
        None => unknown(Figure::Revenue),
        Some(Revenue::Exact(v)) if v <= threshold => Outcome::Met,
        Some(Revenue::Exact(v)) => {
            let v = wan(v);
            failed(
                format!("年营业收入 {}，高于 {}", v.zh, t.zh),
                format!("annual revenue {} is above {}", v.en, t.en),
            )
        }
        Some(Revenue::Band(_, _, Some(hi))) if hi <= threshold => Outcome::Met,
        Some(Revenue::Band(band, lo, _)) if lo > threshold => failed(
            format!("年营业收入在{}区间，高于 {}", band.label(Lang::Zh), t.zh),
            format!(
                "annual revenue ({}) is above {}",
                band.label(Lang::En),
                t.en
            ),
        ),
        Some(Revenue::Band(..)) => coarse(Figure::Revenue),
    }
}

/// R&D spend against revenue, compared as `rd × 100 ≥ p × revenue` so that a
/// ratio exactly at the threshold is not lost to floating-point division.
pub(super) fn rd_ratio(p: &EnterpriseProfile, pct: f64) -> Outcome {
    if pct <= 0.0 {
        return Outcome::Met;
    }
    let mut missing = Vec::new();
    if p.rd_spend.is_none() {
        missing.push(Missing::of(Figure::RdSpend));
    }
    if p.revenue().is_none() {
        missing.push(Missing::of(Figure::Revenue));
    }
    let (Some(rd), Some(revenue)) = (p.rd_spend, p.revenue()) else {
        return Outcome::Unknown(missing);
    };
    let need = percent(pct);
    match revenue {
        Revenue::Exact(v) if v <= 0.0 => {
            if rd > 0.0 {
                Outcome::Met
            } else {
                failed(
                    format!("无研发投入，低于 {need}"),
                    format!("no R&D spend, below {need}"),
                )
            }
        }
        Revenue::Exact(v) if rd * 100.0 >= pct * v => Outcome::Met,
        Revenue::Exact(v) => {
            let ratio = percent(rd * 100.0 / v);
            failed(
                format!("研发投入占营业收入 {ratio}，低于 {need}"),
                format!("R&D spend is {ratio} of revenue, below {need}"),
            )
        }
        Revenue::Band(_, _, Some(hi)) if rd * 100.0 >= pct * hi => Outcome::Met,
        Revenue::Band(band, lo, _) if lo > 0.0 && rd * 100.0 < pct * lo => {
            let r = wan(rd);
            failed(
                format!(
                    "年研发投入 {}，按年营业收入{}计占比低于 {need}",
                    r.zh,
                    band.label(Lang::Zh)
                ),
                format!(
                    "R&D spend of {} is below {need} of revenue ({})",
                    r.en,
                    band.label(Lang::En)
                ),
            )
        }
        Revenue::Band(..) => coarse(Figure::Revenue),
    }
}
