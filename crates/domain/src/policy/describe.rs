//! Plain-words descriptions of conditions and amount rules for the guide page,
//! generated from the data so the words never drift from what the matcher checks.

use super::estimate::range_text;
use super::format::{either, labels, percent, wan, yuan, Bilingual};
use super::rules::{Amount, Condition};
use crate::lang::Lang;

impl Condition {
    /// The condition as a phrase: "年营业收入不低于 2,000 万元" /
    /// "annual revenue of at least ¥20.0 m".
    pub fn describe(&self) -> Bilingual {
        let money = |w: f64, zh: &str, en: &str| {
            let w = wan(w);
            Bilingual::new(format!("{zh} {}", w.zh), format!("{en} {}", w.en))
        };
        match self {
            Condition::Industry { any_of } => Bilingual::new(
                format!("所属行业为{}", either(any_of, Lang::Zh)),
                format!("industry: {}", either(any_of, Lang::En)),
            ),
            Condition::Size { any_of } => {
                let (zh, en) = labels(any_of);
                Bilingual::new(
                    format!("{zh}企业"),
                    format!("a {} enterprise", en.to_lowercase()),
                )
            }
            Condition::RevenueAtLeast { wan_yuan } => {
                money(*wan_yuan, "年营业收入不低于", "annual revenue of at least")
            }
            Condition::RevenueAtMost { wan_yuan } => {
                money(*wan_yuan, "年营业收入不超过", "annual revenue of at most")
            }
            Condition::YearsAtLeast { years } => Bilingual::new(
                format!("成立满 {years} 年"),
                format!("in operation for at least {years} year{}", plural(*years)),
            ),
            Condition::YearsAtMost { years } => Bilingual::new(
                format!("成立不超过 {years} 年"),
                format!("in operation for at most {years} year{}", plural(*years)),
            ),
            Condition::RdRatioAtLeast { percent: p } => Bilingual::new(
                format!("研发投入占营业收入比例不低于 {}", percent(*p)),
                format!("R&D spend of at least {} of revenue", percent(*p)),
            ),
            Condition::RdSpendAtLeast { wan_yuan } => money(
                *wan_yuan,
                "年研发投入不低于",
                "annual R&D spend of at least",
            ),
            Condition::InsuredAtLeast { count } => Bilingual::new(
                format!("参保职工不少于 {count} 人"),
                format!(
                    "at least {count} employee{} with social insurance",
                    plural(*count)
                ),
            ),
            Condition::Qualification { any_of } => {
                let (zh, en) = labels(any_of);
                Bilingual::new(zh, en)
            }
            Condition::LacksQualification { any_of } => {
                let (zh, en) = labels(any_of);
                Bilingual::new(
                    format!("尚未认定为{zh}"),
                    format!("not yet recognised as {en}"),
                )
            }
            Condition::Enrolled { required: true } => {
                Bilingual::new("已纳入统计（纳统）", "enrolled in official statistics")
            }
            Condition::Enrolled { required: false } => Bilingual::new(
                "尚未纳入统计（未纳统）",
                "not yet enrolled in official statistics",
            ),
            Condition::Location { any_of } => Bilingual::new(
                format!("位于{}", either(any_of, Lang::Zh)),
                format!("located in {}", either(any_of, Lang::En)),
            ),
            Condition::ExportAtLeast { wan_yuan } => money(
                *wan_yuan,
                "年进出口额不低于",
                "annual import/export volume of at least",
            ),
            Condition::AnyOf { conditions } => {
                let parts: Vec<Bilingual> = conditions.iter().map(Condition::describe).collect();
                let zh: Vec<String> = parts.iter().map(|p| p.zh.clone()).collect();
                let en: Vec<String> = parts.iter().map(|p| p.en.clone()).collect();
                Bilingual::new(
                    format!("满足其一：{}", zh.join("；")),
                    format!("any one of: {}", en.join("; ")),
                )
            }
        }
    }

    /// The condition as a requirement line: "要求：高新技术企业或专精特新中小企业"
    /// / "Requires: High-tech enterprise or Specialised SME".
    pub fn requirement(&self) -> Bilingual {
        let d = self.describe();
        Bilingual::new(format!("要求：{}", d.zh), format!("Requires: {}", d.en))
    }
}

fn plural(n: u32) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

impl Amount {
    /// The rule in words: "按参保人数每人 300 元，最高 50 万元" /
    /// "¥300 per insured employee, up to ¥500,000".
    pub fn describe(&self) -> Bilingual {
        let with_cap = |base: Bilingual, cap: &Option<f64>| match cap {
            Some(c) => {
                let c = yuan(*c);
                Bilingual::new(
                    format!("{}，最高 {}", base.zh, c.zh),
                    format!("{}, up to {}", base.en, c.en),
                )
            }
            None => base,
        };
        match self {
            Amount::Fixed { yuan: y } => {
                let y = yuan(*y);
                Bilingual::new(format!("定额 {}", y.zh), format!("a fixed {}", y.en))
            }
            Amount::Range { min_yuan, max_yuan } => range_text(*min_yuan, *max_yuan),
            Amount::PerInsured { yuan: y, cap } => {
                let y = yuan(*y);
                let base = Bilingual::new(
                    format!("按参保人数每人 {}", y.zh),
                    format!("{} per insured employee", y.en),
                );
                with_cap(base, cap)
            }
            Amount::RdShare { percent: p, cap } => {
                let base = Bilingual::new(
                    format!("按年研发投入的 {} 计", percent(*p)),
                    format!("{} of annual R&D spend", percent(*p)),
                );
                with_cap(base, cap)
            }
            Amount::ExportShare { percent: p, cap } => {
                let base = Bilingual::new(
                    format!("按年进出口额的 {} 计", percent(*p)),
                    format!("{} of annual import/export volume", percent(*p)),
                );
                with_cap(base, cap)
            }
        }
    }
}
