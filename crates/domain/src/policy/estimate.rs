//! Estimating the support a guide gives an enterprise, in yuan.

use super::format::{lower_first, yuan, Bilingual};
use super::profile::{EnterpriseProfile, Figure};
use super::rules::Amount;
use crate::lang::{Label, Lang};

/// The estimated support for one enterprise, in yuan (rounded to the yuan).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Estimate {
    /// A single figure.
    Exact {
        /// Yuan.
        yuan: f64,
    },
    /// Somewhere in a range: the guide gives a range, or a figure is missing
    /// but the guide caps the sum (then `min_yuan` is 0 and `missing` says
    /// which figure would narrow it down).
    Range {
        /// Least, yuan.
        min_yuan: f64,
        /// Most, yuan.
        max_yuan: f64,
        /// The figure that would give an exact sum, if one would.
        missing: Option<Figure>,
    },
    /// A needed figure is missing and the guide sets no cap.
    Unknown {
        /// The figure needed.
        missing: Figure,
    },
}

impl Estimate {
    /// The most this could be worth, used to rank guides; `None` when unknown.
    pub fn upper_bound(&self) -> Option<f64> {
        match self {
            Estimate::Exact { yuan } => Some(*yuan),
            Estimate::Range { max_yuan, .. } => Some(*max_yuan),
            Estimate::Unknown { .. } => None,
        }
    }

    /// "约 3.6 万元" / "about ¥36,000"; "最高 5 万元（需补充参保人数）" /
    /// "up to ¥50,000 (insured headcount needed)".
    pub fn describe(&self) -> Bilingual {
        match self {
            Estimate::Exact { yuan: y } => {
                let y = yuan(*y);
                Bilingual::new(format!("约 {}", y.zh), format!("about {}", y.en))
            }
            Estimate::Range {
                min_yuan,
                max_yuan,
                missing,
            } => {
                let range = range_text(*min_yuan, *max_yuan);
                match missing {
                    None => range,
                    Some(f) => Bilingual::new(
                        format!("{}（需补充{}）", range.zh, f.label(Lang::Zh)),
                        format!("{} ({} needed)", range.en, lower_first(f.label(Lang::En))),
                    ),
                }
            }
            Estimate::Unknown { missing } => Bilingual::new(
                format!("金额待定（需补充{}）", missing.label(Lang::Zh)),
                format!(
                    "amount unknown ({} needed)",
                    lower_first(missing.label(Lang::En))
                ),
            ),
        }
    }
}

/// "最高 5 万元" when the least is 0, otherwise "5 万元至 10 万元".
pub(crate) fn range_text(min: f64, max: f64) -> Bilingual {
    let (lo, hi) = (yuan(min), yuan(max));
    if min <= 0.0 {
        Bilingual::new(format!("最高 {}", hi.zh), format!("up to {}", hi.en))
    } else if min >= max {
        hi
    } else {
        Bilingual::new(
            format!("{} 至 {}", lo.zh, hi.zh),
            format!("{} to {}", lo.en, hi.en),
        )
    }
}

/// Applies an optional cap.
fn capped(value: f64, cap: Option<f64>) -> f64 {
    cap.map_or(value, |c| value.min(c))
}

/// A share of a figure in 万元, or the cap as the most when the figure is missing.
fn share(figure: Option<f64>, percent: f64, cap: Option<f64>, which: Figure) -> Estimate {
    match (figure, cap) {
        (Some(wan), _) => Estimate::Exact {
            yuan: capped(wan * 10_000.0 * percent / 100.0, cap).round(),
        },
        (None, Some(c)) => Estimate::Range {
            min_yuan: 0.0,
            max_yuan: c,
            missing: Some(which),
        },
        (None, None) => Estimate::Unknown { missing: which },
    }
}

/// Estimates the support an amount rule gives this profile.
pub fn estimate(amount: &Amount, profile: &EnterpriseProfile) -> Estimate {
    match amount {
        Amount::Fixed { yuan } => Estimate::Exact { yuan: *yuan },
        Amount::Range { min_yuan, max_yuan } => Estimate::Range {
            min_yuan: *min_yuan,
            max_yuan: *max_yuan,
            missing: None,
        },
        Amount::PerInsured { yuan, cap } => match (profile.insured_headcount, cap) {
            (Some(n), _) => Estimate::Exact {
                yuan: capped(f64::from(n) * yuan, *cap).round(),
            },
            (None, Some(c)) => Estimate::Range {
                min_yuan: 0.0,
                max_yuan: *c,
                missing: Some(Figure::InsuredHeadcount),
            },
            (None, None) => Estimate::Unknown {
                missing: Figure::InsuredHeadcount,
            },
        },
        Amount::RdShare { percent, cap } => {
            share(profile.rd_spend, *percent, *cap, Figure::RdSpend)
        }
        Amount::ExportShare { percent, cap } => {
            share(profile.export_volume, *percent, *cap, Figure::ExportVolume)
        }
    }
}
