//! The enterprise ledger (企业台账).

use super::RecordData;
use crate::collection::Collection;
use crate::lang::{Label, Lang, Text};
use crate::validate::{Checker, CreditCode, ValidationResult, LONG_TEXT, SHORT_TEXT};
use serde::{Deserialize, Serialize};

/// Enterprise size class (GB/T 划型).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnterpriseSize {
    /// 微型 (includes large individual businesses).
    Micro,
    /// 小型.
    Small,
    /// 中型.
    Medium,
    /// 大型.
    Large,
}

impl EnterpriseSize {
    /// Every size, smallest first.
    pub const ALL: [EnterpriseSize; 4] = [
        EnterpriseSize::Micro,
        EnterpriseSize::Small,
        EnterpriseSize::Medium,
        EnterpriseSize::Large,
    ];
}

impl Label for EnterpriseSize {
    fn label(&self, lang: Lang) -> &'static str {
        let t = match self {
            EnterpriseSize::Micro => Text::new("微型", "Micro"),
            EnterpriseSize::Small => Text::new("小型", "Small"),
            EnterpriseSize::Medium => Text::new("中型", "Medium"),
            EnterpriseSize::Large => Text::new("大型", "Large"),
        };
        t.get(lang)
    }
}

/// Annual revenue band, in 万元 (10,000 yuan).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RevenueBand {
    /// Below 500 万元.
    Below500,
    /// 500 to 2,000 万元.
    From500To2000,
    /// 2,000 万元 to 1 亿元.
    From2000To10000,
    /// 1 亿元 to 4 亿元.
    From10000To40000,
    /// 4 亿元 and above.
    Above40000,
}

impl RevenueBand {
    /// Every band, lowest first.
    pub const ALL: [RevenueBand; 5] = [
        RevenueBand::Below500,
        RevenueBand::From500To2000,
        RevenueBand::From2000To10000,
        RevenueBand::From10000To40000,
        RevenueBand::Above40000,
    ];

    /// The band's range in 万元: lower bound inclusive, upper exclusive (`None` = open).
    pub fn range(self) -> (f64, Option<f64>) {
        match self {
            RevenueBand::Below500 => (0.0, Some(500.0)),
            RevenueBand::From500To2000 => (500.0, Some(2000.0)),
            RevenueBand::From2000To10000 => (2000.0, Some(10_000.0)),
            RevenueBand::From10000To40000 => (10_000.0, Some(40_000.0)),
            RevenueBand::Above40000 => (40_000.0, None),
        }
    }
}

impl Label for RevenueBand {
    fn label(&self, lang: Lang) -> &'static str {
        let t = match self {
            RevenueBand::Below500 => Text::new("500万元以下", "Below ¥5 m"),
            RevenueBand::From500To2000 => Text::new("500万–2000万元", "¥5 m – 20 m"),
            RevenueBand::From2000To10000 => Text::new("2000万–1亿元", "¥20 m – 100 m"),
            RevenueBand::From10000To40000 => Text::new("1亿–4亿元", "¥100 m – 400 m"),
            RevenueBand::Above40000 => Text::new("4亿元以上", "Above ¥400 m"),
        };
        t.get(lang)
    }
}

/// A recognised qualification that policies ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualification {
    /// 高新技术企业.
    HighTech,
    /// 科技型中小企业.
    TechSme,
    /// 专精特新中小企业.
    Specialised,
    /// 专精特新"小巨人".
    LittleGiant,
    /// 有进出口经营权 (registered foreign-trade operator).
    ForeignTrade,
    /// 规上企业 (above designated size).
    AboveScale,
}

impl Qualification {
    /// Every qualification.
    pub const ALL: [Qualification; 6] = [
        Qualification::HighTech,
        Qualification::TechSme,
        Qualification::Specialised,
        Qualification::LittleGiant,
        Qualification::ForeignTrade,
        Qualification::AboveScale,
    ];
}

impl Label for Qualification {
    fn label(&self, lang: Lang) -> &'static str {
        let t = match self {
            Qualification::HighTech => Text::new("高新技术企业", "High-tech enterprise"),
            Qualification::TechSme => Text::new("科技型中小企业", "Tech-based SME"),
            Qualification::Specialised => Text::new("专精特新中小企业", "Specialised SME"),
            Qualification::LittleGiant => Text::new("专精特新“小巨人”", "“Little giant”"),
            Qualification::ForeignTrade => Text::new("进出口经营权", "Foreign-trade operator"),
            Qualification::AboveScale => Text::new("规模以上企业", "Above designated size"),
        };
        t.get(lang)
    }
}

/// An enterprise in Tongji that staff visit. Figures are in 万元 unless noted;
/// unknown figures are `None` (the policy matcher treats them as unknown).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Enterprise {
    /// Registered name.
    pub name: String,
    /// 统一社会信用代码 (validated with its check digit); empty if not known yet.
    #[serde(default)]
    pub credit_code: String,
    /// Industry, e.g. 纺织服装, 机械制造.
    pub industry: String,
    /// Village or community where it is located.
    pub community: String,
    /// Size class.
    #[serde(default)]
    pub size: Option<EnterpriseSize>,
    /// Enrolled in official statistics (纳统).
    #[serde(default)]
    pub enrolled: bool,
    /// Annual revenue band.
    #[serde(default)]
    pub revenue_band: Option<RevenueBand>,
    /// Annual revenue, if known precisely (万元).
    #[serde(default)]
    pub annual_revenue: Option<f64>,
    /// Employees.
    #[serde(default)]
    pub employees: Option<u32>,
    /// Employees with social insurance paid here.
    #[serde(default)]
    pub insured_headcount: Option<u32>,
    /// Year of establishment.
    #[serde(default)]
    pub founded_year: Option<u16>,
    /// Annual R&D spend (万元).
    #[serde(default)]
    pub rd_spend: Option<f64>,
    /// Annual import/export volume (万元).
    #[serde(default)]
    pub export_volume: Option<f64>,
    /// Recognised qualifications.
    #[serde(default)]
    pub qualifications: Vec<Qualification>,
    /// Contact person.
    #[serde(default)]
    pub contact_name: String,
    /// Contact phone.
    #[serde(default)]
    pub contact_phone: String,
    /// Free notes.
    #[serde(default)]
    pub notes: String,
    /// Sample content until someone edits it.
    #[serde(default)]
    pub sample: bool,
}

/// Checks an optional amount in 万元: finite, not negative, below 10 亿元 × 100.
pub(crate) fn check_amount(c: &mut Checker, field: &str, label: Text, value: Option<f64>) {
    if let Some(v) = value {
        if !v.is_finite() || !(0.0..=10_000_000.0).contains(&v) {
            c.fail(
                field,
                label,
                crate::validate::Problem::OutOfRange {
                    min: 0,
                    max: 10_000_000,
                },
            );
        }
    }
}

impl RecordData for Enterprise {
    const COLLECTION: Collection = Collection::Enterprises;

    fn validate(&self) -> ValidationResult {
        let mut c = Checker::default();
        c.required(
            "name",
            Text::new("企业名称", "Enterprise name"),
            &self.name,
            SHORT_TEXT,
        );
        if !self.credit_code.trim().is_empty() {
            if let Err(problem) = CreditCode::parse(&self.credit_code) {
                c.fail(
                    "credit_code",
                    Text::new("统一社会信用代码", "Unified social credit code"),
                    problem,
                );
            }
        }
        c.required(
            "industry",
            Text::new("行业", "Industry"),
            &self.industry,
            30,
        );
        c.required(
            "community",
            Text::new("所在村居/社区", "Village or community"),
            &self.community,
            50,
        );
        check_amount(
            &mut c,
            "annual_revenue",
            Text::new("年营业收入", "Annual revenue"),
            self.annual_revenue,
        );
        check_amount(
            &mut c,
            "rd_spend",
            Text::new("研发投入", "R&D spend"),
            self.rd_spend,
        );
        check_amount(
            &mut c,
            "export_volume",
            Text::new("进出口额", "Import/export volume"),
            self.export_volume,
        );
        if let Some(n) = self.employees {
            c.range(
                "employees",
                Text::new("从业人数", "Employees"),
                i64::from(n),
                0,
                1_000_000,
            );
        }
        if let (Some(insured), Some(total)) = (self.insured_headcount, self.employees) {
            if insured > total {
                c.fail(
                    "insured_headcount",
                    Text::new("参保人数", "Insured headcount"),
                    crate::validate::Problem::OutOfRange {
                        min: 0,
                        max: i64::from(total),
                    },
                );
            }
        }
        if let Some(y) = self.founded_year {
            c.range(
                "founded_year",
                Text::new("成立年份", "Year founded"),
                i64::from(y),
                1900,
                2100,
            );
        }
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
        c.max_len("notes", Text::new("备注", "Notes"), &self.notes, LONG_TEXT);
        c.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn enterprise() -> Enterprise {
        Enterprise {
            name: "青岛仁成海绵制品有限公司".into(),
            credit_code: "91350100M000100Y43".into(),
            industry: "海绵泡沫".into(),
            community: "小李村".into(),
            size: Some(EnterpriseSize::Small),
            enrolled: true,
            revenue_band: Some(RevenueBand::From2000To10000),
            annual_revenue: Some(3200.0),
            employees: Some(85),
            insured_headcount: Some(80),
            founded_year: Some(2009),
            rd_spend: None,
            export_volume: None,
            qualifications: vec![],
            contact_name: "刘经理".into(),
            contact_phone: "13805321234".into(),
            notes: String::new(),
            sample: true,
        }
    }

    #[test]
    fn credit_code_is_optional_but_checked() {
        let mut e = enterprise();
        assert_eq!(e.validate(), Ok(()));
        e.credit_code = String::new();
        assert_eq!(e.validate(), Ok(()));
        e.credit_code = "91350100M000100Y44".into();
        assert!(e.validate().unwrap_err().field("credit_code").is_some());
    }

    #[test]
    fn figures_must_be_plausible() {
        let mut e = enterprise();
        e.annual_revenue = Some(-1.0);
        e.insured_headcount = Some(100);
        e.rd_spend = Some(f64::NAN);
        let errs = e.validate().unwrap_err();
        for f in ["annual_revenue", "insured_headcount", "rd_spend"] {
            assert!(errs.field(f).is_some(), "{f}");
        }
    }

    #[test]
    fn bands_are_contiguous() {
        for pair in RevenueBand::ALL.windows(2) {
            assert_eq!(pair[0].range().1, Some(pair[1].range().0));
        }
    }
}
