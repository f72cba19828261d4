//! The figures of an enterprise that the matcher looks at, each optional.
//!
//! The profile is separate from [`Enterprise`] so that the matcher form can be
//! filled by hand (a job seeker's would-be employer, an enterprise not yet in
//! the ledger), and so that "unknown" is explicit for every figure, including
//! ones the ledger stores as plain values.

use crate::lang::{Label, Lang, Text};
use crate::records::{Enterprise, EnterpriseSize, Qualification, RevenueBand};
use serde::{Deserialize, Serialize};

/// What the matcher knows about one enterprise. `None` always means
/// "unknown", never "zero" or "no".
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EnterpriseProfile {
    /// Industry, e.g. 纺织服装, 机械制造.
    pub industry: Option<String>,
    /// Village or community.
    pub community: Option<String>,
    /// Size class.
    pub size: Option<EnterpriseSize>,
    /// Enrolled in official statistics (纳统).
    pub enrolled: Option<bool>,
    /// Annual revenue band, used when the exact figure is unknown.
    pub revenue_band: Option<RevenueBand>,
    /// Annual revenue, 万元; takes precedence over the band.
    pub annual_revenue: Option<f64>,
    /// Employees.
    pub employees: Option<u32>,
    /// Employees with social insurance paid here.
    pub insured_headcount: Option<u32>,
    /// Year of establishment.
    pub founded_year: Option<u16>,
    /// Annual R&D spend, 万元.
    pub rd_spend: Option<f64>,
    /// Annual import/export volume, 万元.
    pub export_volume: Option<f64>,
    /// Qualifications held; `Some(vec![])` means "none", `None` "not asked".
    pub qualifications: Option<Vec<Qualification>>,
}

fn non_empty(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

impl From<&Enterprise> for EnterpriseProfile {
    /// The ledger keeps `enrolled` as a plain flag and qualifications as a
    /// checklist, so both are taken as known: staff always know the
    /// enrolment (纳统 is what they chase), and an unticked qualification
    /// means "not held". Only the hand-filled matcher form can leave them unknown.
    fn from(e: &Enterprise) -> Self {
        EnterpriseProfile {
            industry: non_empty(&e.industry),
            community: non_empty(&e.community),
            size: e.size,
            enrolled: Some(e.enrolled),
            revenue_band: e.revenue_band,
            annual_revenue: e.annual_revenue,
            employees: e.employees,
            insured_headcount: e.insured_headcount,
            founded_year: e.founded_year,
            rd_spend: e.rd_spend,
            export_volume: e.export_volume,
            qualifications: Some(e.qualifications.clone()),
        }
    }
}

/// What is known of annual revenue, in 万元.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Revenue {
    /// The exact figure.
    Exact(f64),
    /// Only a band: lower bound inclusive, upper exclusive (`None` = open).
    Band(RevenueBand, f64, Option<f64>),
}

impl EnterpriseProfile {
    /// Revenue, preferring the exact figure over the band.
    pub(crate) fn revenue(&self) -> Option<Revenue> {
        match (self.annual_revenue, self.revenue_band) {
            (Some(v), _) => Some(Revenue::Exact(v)),
            (None, Some(band)) => {
                let (lo, hi) = band.range();
                Some(Revenue::Band(band, lo, hi))
            }
            (None, None) => None,
        }
    }

    /// Whether the enterprise holds a qualification, counting a 小巨人 as a
    /// 专精特新中小企业. `None` when the qualifications are unknown.
    pub(crate) fn holds(&self, q: Qualification) -> Option<bool> {
        let held = self.qualifications.as_ref()?;
        Some(
            held.contains(&q)
                || (q == Qualification::Specialised && held.contains(&Qualification::LittleGiant)),
        )
    }
}

/// A figure of the profile, named when it is missing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    /// Industry.
    Industry,
    /// Village or community.
    Community,
    /// Size class.
    Size,
    /// Statistical enrolment.
    Enrolled,
    /// Annual revenue.
    Revenue,
    /// Year of establishment.
    FoundedYear,
    /// Annual R&D spend.
    RdSpend,
    /// Employees with social insurance.
    InsuredHeadcount,
    /// Qualifications held.
    Qualifications,
    /// Annual import/export volume.
    ExportVolume,
}

impl Label for Figure {
    fn label(&self, lang: Lang) -> &'static str {
        let t = match self {
            Figure::Industry => Text::new("所属行业", "Industry"),
            Figure::Community => Text::new("所在村居/社区", "Village or community"),
            Figure::Size => Text::new("企业规模", "Size"),
            Figure::Enrolled => Text::new("是否纳统", "Enrolled in statistics"),
            Figure::Revenue => Text::new("年营业收入", "Annual revenue"),
            Figure::FoundedYear => Text::new("成立年份", "Year founded"),
            Figure::RdSpend => Text::new("年研发投入", "Annual R&D spend"),
            Figure::InsuredHeadcount => Text::new("参保人数", "Insured headcount"),
            Figure::Qualifications => Text::new("企业资质", "Qualifications"),
            Figure::ExportVolume => Text::new("年进出口额", "Annual import/export volume"),
        };
        t.get(lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ledger() -> Enterprise {
        Enterprise {
            name: "即墨区新林辉布业店".into(),
            credit_code: String::new(),
            industry: " 纺织服装 ".into(),
            community: "小李村".into(),
            size: Some(EnterpriseSize::Micro),
            enrolled: false,
            revenue_band: Some(RevenueBand::From500To2000),
            annual_revenue: None,
            employees: Some(9),
            insured_headcount: Some(6),
            founded_year: Some(2016),
            rd_spend: None,
            export_volume: None,
            qualifications: vec![],
            contact_name: String::new(),
            contact_phone: String::new(),
            notes: String::new(),
            sample: true,
        }
    }

    #[test]
    fn a_ledger_entry_becomes_a_profile() {
        let mut e = ledger();
        let p = EnterpriseProfile::from(&e);
        assert_eq!(p.industry.as_deref(), Some("纺织服装"));
        assert_eq!(p.enrolled, Some(false));
        assert_eq!(p.qualifications, Some(vec![]), "the checklist is complete");
        assert_eq!(
            p.revenue(),
            Some(Revenue::Band(
                RevenueBand::From500To2000,
                500.0,
                Some(2000.0)
            ))
        );
        e.annual_revenue = Some(800.0);
        e.qualifications = vec![Qualification::LittleGiant];
        e.community = "  ".into();
        let p = EnterpriseProfile::from(&e);
        assert_eq!(p.revenue(), Some(Revenue::Exact(800.0)));
        assert_eq!(p.community, None);
        assert_eq!(p.holds(Qualification::Specialised), Some(true));
        assert_eq!(p.holds(Qualification::HighTech), Some(false));
        assert_eq!(
            EnterpriseProfile::default().holds(Qualification::HighTech),
            None
        );
    }

    #[test]
    fn figures_have_labels_in_both_languages() {
        assert_eq!(Figure::Revenue.label(Lang::Zh), "年营业收入");
        assert_eq!(
            Figure::InsuredHeadcount.label(Lang::En),
            "Insured headcount"
        );
    }
}
