//! The guide editor's amount rule: a kind and up to two typed figures.

use super::{number_in, number_text};
use crate::lang::{Label, Lang, Text};
use crate::policy::Amount;
use crate::validate::Problem;
use serde::{Deserialize, Serialize};

/// Largest sum accepted, yuan (the limit [`Amount::check`] enforces).
const MAX_YUAN: f64 = 10_000_000_000.0;

/// How the guide's support is estimated.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AmountKind {
    /// No estimate (the support is not money, or cannot be estimated).
    #[default]
    None,
    /// A fixed sum.
    Fixed,
    /// A range.
    Range,
    /// Per insured employee, with an optional cap.
    PerInsured,
    /// A share of R&D spend, with an optional cap.
    RdShare,
    /// A share of import/export volume, with an optional cap.
    ExportShare,
}

impl AmountKind {
    /// Every kind, "none" first.
    pub const ALL: [AmountKind; 6] = [
        AmountKind::None,
        AmountKind::Fixed,
        AmountKind::Range,
        AmountKind::PerInsured,
        AmountKind::RdShare,
        AmountKind::ExportShare,
    ];

    /// Labels of the first and second figure (`None` where the kind has none).
    pub fn inputs(self) -> (Option<Text>, Option<Text>) {
        let cap = Some(Text::new("最高金额（元，可不填）", "Cap (yuan, optional)"));
        match self {
            AmountKind::None => (None, None),
            AmountKind::Fixed => (Some(Text::new("金额（元）", "Sum (yuan)")), None),
            AmountKind::Range => (
                Some(Text::new(
                    "最低（元，“最高 X 元”填 0）",
                    "Least (yuan; 0 for “up to”)",
                )),
                Some(Text::new("最高（元）", "Most (yuan)")),
            ),
            AmountKind::PerInsured => (Some(Text::new("每人金额（元）", "Per person (yuan)")), cap),
            AmountKind::RdShare => (
                Some(Text::new("占研发投入比例（%）", "Share of R&D spend (%)")),
                cap,
            ),
            AmountKind::ExportShare => (
                Some(Text::new(
                    "占进出口额比例（%）",
                    "Share of import/export (%)",
                )),
                cap,
            ),
        }
    }
}

impl super::Code for AmountKind {
    const ALL: &'static [Self] = &AmountKind::ALL;
    fn code(self) -> &'static str {
        match self {
            AmountKind::None => "none",
            AmountKind::Fixed => "fixed",
            AmountKind::Range => "range",
            AmountKind::PerInsured => "per_insured",
            AmountKind::RdShare => "rd_share",
            AmountKind::ExportShare => "export_share",
        }
    }
}

impl Label for AmountKind {
    fn label(&self, lang: Lang) -> &'static str {
        let t = match self {
            AmountKind::None => Text::new("不估算金额", "No estimate"),
            AmountKind::Fixed => Text::new("定额", "Fixed sum"),
            AmountKind::Range => Text::new("金额区间", "Range"),
            AmountKind::PerInsured => Text::new("按参保人数", "Per insured employee"),
            AmountKind::RdShare => Text::new("按研发投入比例", "Share of R&D spend"),
            AmountKind::ExportShare => Text::new("按进出口额比例", "Share of import/export"),
        };
        t.get(lang)
    }
}

/// The amount rule as edited.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AmountForm {
    /// Which rule.
    pub kind: AmountKind,
    /// First figure (sum, least, per person or percent).
    pub first: String,
    /// Second figure (most or cap).
    pub second: String,
}

impl AmountForm {
    /// The form showing an existing rule.
    pub fn from_amount(amount: Option<&Amount>) -> AmountForm {
        let cap = |c: &Option<f64>| c.map(number_text).unwrap_or_default();
        let (kind, first, second) = match amount {
            None => (AmountKind::None, String::new(), String::new()),
            Some(Amount::Fixed { yuan }) => (AmountKind::Fixed, number_text(*yuan), String::new()),
            Some(Amount::Range { min_yuan, max_yuan }) => (
                AmountKind::Range,
                number_text(*min_yuan),
                number_text(*max_yuan),
            ),
            Some(Amount::PerInsured { yuan, cap: c }) => {
                (AmountKind::PerInsured, number_text(*yuan), cap(c))
            }
            Some(Amount::RdShare { percent, cap: c }) => {
                (AmountKind::RdShare, number_text(*percent), cap(c))
            }
            Some(Amount::ExportShare { percent, cap: c }) => {
                (AmountKind::ExportShare, number_text(*percent), cap(c))
            }
        };
        AmountForm {
            kind,
            first,
            second,
        }
    }

    /// The rule, or what is wrong with the figures.
    pub fn to_amount(&self) -> Result<Option<Amount>, Problem> {
        let needed = |t: &str, max: f64| {
            if t.trim().is_empty() {
                Err(Problem::Required)
            } else {
                number_in(t, 0.0, max)
            }
        };
        let cap = || {
            if self.second.trim().is_empty() {
                Ok(None)
            } else {
                number_in(&self.second, 0.0, MAX_YUAN).map(Some)
            }
        };
        let amount = match self.kind {
            AmountKind::None => return Ok(None),
            AmountKind::Fixed => Amount::Fixed {
                yuan: needed(&self.first, MAX_YUAN)?,
            },
            AmountKind::Range => Amount::Range {
                min_yuan: if self.first.trim().is_empty() {
                    0.0
                } else {
                    needed(&self.first, MAX_YUAN)?
                },
                max_yuan: needed(&self.second, MAX_YUAN)?,
            },
            AmountKind::PerInsured => Amount::PerInsured {
                yuan: needed(&self.first, MAX_YUAN)?,
                cap: cap()?,
            },
            AmountKind::RdShare => Amount::RdShare {
                percent: needed(&self.first, 100.0)?,
                cap: cap()?,
            },
            AmountKind::ExportShare => Amount::ExportShare {
                percent: needed(&self.first, 100.0)?,
                cap: cap()?,
            },
        };
        amount.check()?;
        Ok(Some(amount))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_round_trips() {
        let rules = [
            None,
            Some(Amount::Fixed { yuan: 100_000.0 }),
            Some(Amount::Range {
                min_yuan: 0.0,
                max_yuan: 50_000.0,
            }),
            Some(Amount::PerInsured {
                yuan: 300.0,
                cap: Some(500_000.0),
            }),
            Some(Amount::RdShare {
                percent: 10.0,
                cap: None,
            }),
            Some(Amount::ExportShare {
                percent: 0.5,
                cap: Some(200_000.0),
            }),
        ];
        for rule in rules {
            let form = AmountForm::from_amount(rule.as_ref());
            assert_eq!(form.to_amount(), Ok(rule.clone()), "{form:?}");
        }
    }

    #[test]
    fn bad_figures_are_refused() {
        let form = |kind, first: &str, second: &str| AmountForm {
            kind,
            first: first.into(),
            second: second.into(),
        };
        assert_eq!(
            form(AmountKind::Fixed, "", "").to_amount(),
            Err(Problem::Required)
        );
        assert_eq!(
            form(AmountKind::Range, "9", "1").to_amount(),
            Err(Problem::MinAboveMax)
        );
        assert_eq!(
            form(AmountKind::Range, "", "30000").to_amount(),
            Ok(Some(Amount::Range {
                min_yuan: 0.0,
                max_yuan: 30_000.0
            })),
            "an empty least reads as “up to”"
        );
        assert!(form(AmountKind::RdShare, "150", "").to_amount().is_err());
        assert!(form(AmountKind::PerInsured, "300", "many")
            .to_amount()
            .is_err());
        assert_eq!(form(AmountKind::None, "junk", "").to_amount(), Ok(None));
    }
}
