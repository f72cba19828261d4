//! Statistical-enrolment candidates (升规纳统): enterprises whose figures
//! pass the size threshold of their sector but are not enrolled yet.
//!
//! # Thresholds
//! Following the National Bureau of Statistics' standards for 规模以上 /
//! 限额以上 units (annual main-business revenue, 万元):
//!
//! | sector ([`Sector`])                                   | threshold                     |
//! |-------------------------------------------------------|-------------------------------|
//! | 工业 (manufacturing, mining, utilities)               | 2,000                         |
//! | 批发业 (wholesale)                                    | 2,000                         |
//! | 零售业 (retail, including online retail)              | 500                           |
//! | 住宿和餐饮业 (accommodation and catering)             | 200                           |
//! | 交通运输、仓储、邮政；信息传输、软件和信息技术服务   | 2,000                         |
//! | 租赁和商务服务、科研和技术服务、物业等房地产服务、教育 | 1,000, or 50 employees        |
//! | 居民服务、修理、文体娱乐、卫生和社会工作（养老、托育） | 500, or 50 employees          |
//! | 建筑业、房地产开发                                    | by qualification, not revenue |
//! | 农业 and anything unrecognised                        | none (never a candidate)      |
//!
//! The ledger's industry is free text (纺织服装, 物流运输, 养老服务...), so
//! [`Sector::classify`] reads it by keyword; the table of keywords is in
//! that function. A ledger entry that says 批发零售 without saying which
//! dominates is [`Sector::WholesaleRetail`]: over 2,000 it qualifies either
//! way, between 500 and 2,000 only if retail dominates, so it is listed as
//! [`Likelihood::Possible`] for staff to check.
//!
//! Revenue comes from the latest visit's reported figure when there is one
//! (it is the newest), else the ledger's exact figure, else its band. A
//! band that straddles the threshold is also only [`Likelihood::Possible`].

use crate::ids::RecordId;
use crate::lang::{Label, Lang, Text};
use crate::records::{Enterprise, RevenueBand};

/// A statistical sector with its own enrolment threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Sector {
    /// 工业.
    Industry,
    /// 批发业.
    Wholesale,
    /// 零售业.
    Retail,
    /// 批发和零售业, main line not stated.
    WholesaleRetail,
    /// 住宿和餐饮业.
    Accommodation,
    /// 交通运输、仓储和邮政业; 信息传输、软件和信息技术服务业.
    TransportAndSoftware,
    /// 租赁和商务服务业, 科学研究和技术服务业, 房地产业 (other than
    /// development), 教育.
    BusinessServices,
    /// 居民服务、修理和其他服务业, 文化体育娱乐业, 卫生和社会工作.
    ResidentServices,
    /// 建筑业 and 房地产开发: enrolled by qualification grade.
    ByQualification,
    /// 农业: not covered by these standards.
    Agriculture,
}

/// Keywords read from the ledger's industry text, checked in this order
/// (the first sector with a matching keyword wins, so 服装批发 is wholesale
/// and 医用纺织品 is industry).
const KEYWORDS: &[(Sector, &[&str])] = &[
    (Sector::WholesaleRetail, &["批发零售", "批零"]),
    (Sector::Wholesale, &["批发", "贸易", "商贸"]),
    (
        Sector::Retail,
        &["零售", "电子商务", "电商", "超市", "药房", "便利店"],
    ),
    (
        Sector::Accommodation,
        &["住宿", "餐饮", "酒店", "宾馆", "饭店"],
    ),
    (
        Sector::ByQualification,
        &["建筑", "房地产开发", "装饰装修", "建设工程"],
    ),
    (
        Sector::TransportAndSoftware,
        &[
            "物流",
            "运输",
            "仓储",
            "货运",
            "快递",
            "邮政",
            "软件",
            "信息技术",
            "信息服务",
            "互联网",
        ],
    ),
    (
        Sector::BusinessServices,
        &[
            "商务服务",
            "租赁",
            "技术服务",
            "科技服务",
            "研发服务",
            "咨询",
            "物业",
            "房地产",
            "教育",
            "培训",
            "广告",
            "人力资源",
            "保安",
            "设计",
        ],
    ),
    (
        Sector::ResidentServices,
        &[
            "居民服务",
            "养老",
            "托育",
            "家政",
            "美容",
            "美发",
            "洗染",
            "维修",
            "修理",
            "文化",
            "体育",
            "娱乐",
            "卫生",
            "医疗",
            "社会工作",
        ],
    ),
    (
        Sector::Agriculture,
        &["农业", "林业", "畜牧", "渔业", "种植", "养殖", "合作社"],
    ),
    (
        Sector::Industry,
        &[
            "制造",
            "制品",
            "加工",
            "纺织",
            "服装",
            "服饰",
            "针织",
            "印染",
            "印花",
            "辅料",
            "零部件",
            "机械",
            "设备",
            "装备",
            "材料",
            "电子",
            "电气",
            "五金",
            "金属",
            "模具",
            "食品",
            "海绵",
            "包装",
            "化工",
            "塑料",
            "家具",
            "新能源",
            "能源",
            "工业",
            "电力",
        ],
    ),
];

/// Employees at which the service sectors with an alternative rule qualify.
pub const SERVICE_EMPLOYEES: u32 = 50;

impl Sector {
    /// The sector of a free-text industry, if recognised.
    pub fn classify(industry: &str) -> Option<Sector> {
        let text = industry.trim();
        KEYWORDS
            .iter()
            .find(|(_, words)| words.iter().any(|w| text.contains(w)))
            .map(|(sector, _)| *sector)
    }

    /// The revenue threshold in 万元; `None` where enrolment does not go by
    /// revenue. For [`Sector::WholesaleRetail`] this is the lower (retail)
    /// one.
    pub fn threshold(self) -> Option<f64> {
        match self {
            Sector::Industry | Sector::Wholesale | Sector::TransportAndSoftware => Some(2000.0),
            Sector::Retail | Sector::WholesaleRetail | Sector::ResidentServices => Some(500.0),
            Sector::BusinessServices => Some(1000.0),
            Sector::Accommodation => Some(200.0),
            Sector::ByQualification | Sector::Agriculture => None,
        }
    }

    /// Whether 50 employees also qualify.
    pub fn counts_employees(self) -> bool {
        matches!(self, Sector::BusinessServices | Sector::ResidentServices)
    }
}

impl Label for Sector {
    fn label(&self, lang: Lang) -> &'static str {
        let t = match self {
            Sector::Industry => Text::new("规上工业", "Industry"),
            Sector::Wholesale => Text::new("限上批发", "Wholesale"),
            Sector::Retail => Text::new("限上零售", "Retail"),
            Sector::WholesaleRetail => Text::new("限上批零", "Wholesale/retail"),
            Sector::Accommodation => Text::new("限上住餐", "Accommodation & catering"),
            Sector::TransportAndSoftware => {
                Text::new("规上服务业（运输/软件）", "Services (transport, software)")
            }
            Sector::BusinessServices => {
                Text::new("规上服务业（商务/科技）", "Services (business, technical)")
            }
            Sector::ResidentServices => {
                Text::new("规上服务业（居民/社会）", "Services (resident, social)")
            }
            Sector::ByQualification => Text::new("按资质纳统", "By qualification"),
            Sector::Agriculture => Text::new("农业", "Agriculture"),
        };
        t.get(lang)
    }
}

/// Where the revenue figure came from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Basis {
    /// Reported at the latest visit, 万元.
    Reported(f64),
    /// The ledger's exact figure, 万元.
    Ledger(f64),
    /// Only the ledger's band.
    Band(RevenueBand),
    /// Not revenue but the headcount (service sectors).
    Employees(u32),
}

impl Basis {
    /// "营收 2,860 万元（走访填报）", "营收 2000万–1亿元（台账区间）", "从业 160 人".
    pub fn describe(self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let wan = crate::policy::format::wan;
        match self {
            Basis::Reported(v) => {
                if zh {
                    format!("营收 {}（走访填报）", wan(v).zh)
                } else {
                    format!("revenue {} (reported at a visit)", wan(v).en)
                }
            }
            Basis::Ledger(v) => {
                if zh {
                    format!("营收 {}（台账）", wan(v).zh)
                } else {
                    format!("revenue {} (ledger)", wan(v).en)
                }
            }
            Basis::Band(b) => {
                if zh {
                    format!("营收 {}（台账区间）", b.label(lang))
                } else {
                    format!("revenue {} (ledger band)", b.label(lang))
                }
            }
            Basis::Employees(n) => {
                if zh {
                    format!("从业 {n} 人")
                } else {
                    format!("{n} employees")
                }
            }
        }
    }
}

/// How sure the rule is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Likelihood {
    /// The figure is over the threshold.
    Over,
    /// It may be: a band straddles the threshold, or a 批发零售 entry is
    /// between the retail and wholesale thresholds.
    Possible,
}

impl Label for Likelihood {
    fn label(&self, lang: Lang) -> &'static str {
        match self {
            Likelihood::Over => Text::new("已达标", "Over threshold"),
            Likelihood::Possible => Text::new("可能达标，需核实", "May qualify, check"),
        }
        .get(lang)
    }
}

/// Why an enterprise is a candidate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Candidate {
    /// Its sector.
    pub sector: Sector,
    /// The sector's revenue threshold, 万元.
    pub threshold: f64,
    /// The figure that passes it.
    pub basis: Basis,
    /// How sure.
    pub likelihood: Likelihood,
}

/// Whether a not-yet-enrolled enterprise passes its sector's threshold.
/// `reported_revenue` is the latest visit's figure, if any.
pub fn candidate(enterprise: &Enterprise, reported_revenue: Option<f64>) -> Option<Candidate> {
    if enterprise.enrolled {
        return None;
    }
    let sector = Sector::classify(&enterprise.industry)?;
    let threshold = sector.threshold()?;
    let make = |basis, likelihood| {
        Some(Candidate {
            sector,
            threshold,
            basis,
            likelihood,
        })
    };
    // Between the retail and the wholesale threshold a 批发零售 entry only
    // may qualify.
    let exact = |v: f64| {
        if v < threshold {
            None
        } else if sector == Sector::WholesaleRetail && v < 2000.0 {
            Some(Likelihood::Possible)
        } else {
            Some(Likelihood::Over)
        }
    };
    let by_revenue = match (reported_revenue, enterprise.annual_revenue) {
        (Some(v), _) => exact(v).map(|l| (Basis::Reported(v), l)),
        (None, Some(v)) => exact(v).map(|l| (Basis::Ledger(v), l)),
        (None, None) => enterprise.revenue_band.and_then(|band| {
            let (lo, hi) = band.range();
            if lo >= threshold {
                exact(lo).map(|l| (Basis::Band(band), l))
            } else if hi.is_none_or(|hi| hi > threshold) {
                Some((Basis::Band(band), Likelihood::Possible))
            } else {
                None
            }
        }),
    };
    let by_employees = enterprise
        .employees
        .filter(|n| sector.counts_employees() && *n >= SERVICE_EMPLOYEES)
        .map(|n| (Basis::Employees(n), Likelihood::Over));
    match (by_revenue, by_employees) {
        (Some((basis, Likelihood::Over)), _) => make(basis, Likelihood::Over),
        (_, Some((basis, likelihood))) => make(basis, likelihood),
        (Some((basis, likelihood)), None) => make(basis, likelihood),
        (None, None) => None,
    }
}

/// Every candidate, surest first, then by name. Each item is an
/// enterprise's id, the enterprise and the latest visit's revenue figure.
pub fn candidates<'a>(
    enterprises: impl IntoIterator<Item = (RecordId, &'a Enterprise, Option<f64>)>,
) -> Vec<(RecordId, Candidate)> {
    let mut out: Vec<(RecordId, &str, Candidate)> = enterprises
        .into_iter()
        .filter_map(|(id, e, reported)| candidate(e, reported).map(|c| (id, e.name.as_str(), c)))
        .collect();
    crate::sort::sort_by(&mut out, |a, b| {
        (a.2.likelihood, a.1, a.0).cmp(&(b.2.likelihood, b.1, b.0))
    });
    out.into_iter().map(|(id, _, c)| (id, c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enterprise(industry: &str, revenue: Option<f64>, band: Option<RevenueBand>) -> Enterprise {
        serde_json::from_value::<Enterprise>(serde_json::json!({
            "name": format!("{industry}企业"), "industry": industry, "community": "小李村",
        }))
        .map(|mut e| {
            e.annual_revenue = revenue;
            e.revenue_band = band;
            e
        })
        .unwrap_or_else(|err| panic!("fixture: {err}"))
    }

    #[test]
    fn industries_are_classified_by_keyword() {
        use Sector::*;
        for (text, sector) in [
            ("纺织服装", Industry),
            ("医用纺织品", Industry),
            ("汽车零部件", Industry),
            ("服装辅料", Industry),
            ("电子信息", Industry),
            ("新能源", Industry),
            ("批发零售", WholesaleRetail),
            ("服装批发", Wholesale),
            ("电子商务", Retail),
            ("住宿餐饮", Accommodation),
            ("物流运输", TransportAndSoftware),
            ("软件信息", TransportAndSoftware),
            ("商务服务", BusinessServices),
            ("物业服务", BusinessServices),
            ("养老服务", ResidentServices),
            ("托育服务", ResidentServices),
            ("家政服务", ResidentServices),
            ("建筑业", ByQualification),
            ("农业", Agriculture),
        ] {
            assert_eq!(Sector::classify(text), Some(sector), "{text}");
        }
        assert_eq!(Sector::classify("其他"), None);
        assert_eq!(Sector::classify(""), None);
    }

    #[test]
    fn thresholds_follow_the_statistics_standards() {
        assert_eq!(Sector::Industry.threshold(), Some(2000.0));
        assert_eq!(Sector::Wholesale.threshold(), Some(2000.0));
        assert_eq!(Sector::Retail.threshold(), Some(500.0));
        assert_eq!(Sector::Accommodation.threshold(), Some(200.0));
        assert_eq!(Sector::TransportAndSoftware.threshold(), Some(2000.0));
        assert_eq!(Sector::BusinessServices.threshold(), Some(1000.0));
        assert_eq!(Sector::ResidentServices.threshold(), Some(500.0));
        assert_eq!(Sector::ByQualification.threshold(), None);
        assert_eq!(Sector::Agriculture.threshold(), None);
    }

    #[test]
    fn exact_revenue_at_or_over_the_threshold_makes_a_candidate() {
        let over = enterprise("纺织服装", Some(2000.0), None);
        let c = candidate(&over, None).unwrap();
        assert_eq!(c.likelihood, Likelihood::Over);
        assert_eq!(c.basis, Basis::Ledger(2000.0));
        assert_eq!(c.threshold, 2000.0);
        assert_eq!(
            candidate(&enterprise("纺织服装", Some(1999.0), None), None),
            None
        );
        let mut enrolled = over.clone();
        enrolled.enrolled = true;
        assert_eq!(candidate(&enrolled, None), None, "already enrolled");
        assert_eq!(
            candidate(&enterprise("建筑业", Some(9000.0), None), None),
            None
        );
        assert_eq!(
            candidate(&enterprise("农业", Some(9000.0), None), None),
            None
        );
        assert_eq!(
            candidate(&enterprise("其他", Some(9000.0), None), None),
            None
        );
        let hotel = candidate(&enterprise("住宿餐饮", Some(260.0), None), None).unwrap();
        assert_eq!(hotel.likelihood, Likelihood::Over);
    }

    #[test]
    fn the_latest_visit_figure_wins_over_the_ledger() {
        let e = enterprise("机械制造", Some(1800.0), None);
        assert_eq!(candidate(&e, None), None);
        let c = candidate(&e, Some(2150.0)).unwrap();
        assert_eq!(c.basis, Basis::Reported(2150.0));
        assert_eq!(
            candidate(&enterprise("机械制造", Some(2400.0), None), Some(1500.0)),
            None
        );
        assert_eq!(c.basis.describe(Lang::Zh), "营收 2,150 万元（走访填报）");
    }

    #[test]
    fn bands_qualify_when_above_and_may_when_straddling() {
        use RevenueBand::*;
        let band = |industry, b| candidate(&enterprise(industry, None, Some(b)), None);
        let c = band("纺织服装", From2000To10000).unwrap();
        assert_eq!(
            (c.likelihood, c.basis),
            (Likelihood::Over, Basis::Band(From2000To10000))
        );
        assert_eq!(
            band("纺织服装", From500To2000),
            None,
            "tops out at the threshold"
        );
        let c = band("商务服务", From500To2000).unwrap();
        assert_eq!(
            c.likelihood,
            Likelihood::Possible,
            "1,000 lies inside 500–2,000"
        );
        assert_eq!(
            band("电子商务", From500To2000).unwrap().likelihood,
            Likelihood::Over
        );
        assert_eq!(band("电子商务", Below500), None);
        assert_eq!(
            candidate(&enterprise("纺织服装", None, None), None),
            None,
            "unknown revenue"
        );
    }

    #[test]
    fn wholesale_retail_between_the_two_thresholds_needs_checking() {
        let c = candidate(&enterprise("批发零售", Some(900.0), None), None).unwrap();
        assert_eq!(c.likelihood, Likelihood::Possible);
        let c = candidate(&enterprise("批发零售", Some(2300.0), None), None).unwrap();
        assert_eq!(c.likelihood, Likelihood::Over);
        assert_eq!(
            candidate(&enterprise("批发零售", Some(420.0), None), None),
            None
        );
        assert_eq!(
            candidate(&enterprise("服装批发", Some(900.0), None), None),
            None
        );
    }

    #[test]
    fn service_sectors_also_qualify_by_headcount() {
        let mut guards = enterprise("商务服务", Some(880.0), None);
        guards.employees = Some(160);
        let c = candidate(&guards, None).unwrap();
        assert_eq!(c.basis, Basis::Employees(160));
        assert_eq!(c.likelihood, Likelihood::Over);
        guards.employees = Some(49);
        assert_eq!(candidate(&guards, None), None);
        let mut factory = enterprise("纺织服装", Some(900.0), None);
        factory.employees = Some(400);
        assert_eq!(
            candidate(&factory, None),
            None,
            "industry goes by revenue only"
        );
    }

    #[test]
    fn candidates_are_sorted_surest_first_then_by_name() {
        let a = enterprise("纺织服装", Some(3000.0), None);
        let b = enterprise("批发零售", Some(900.0), None);
        let mut c = enterprise("机械制造", Some(2500.0), None);
        c.name = "A机械".into();
        let d = enterprise("机械制造", Some(100.0), None);
        let ids: Vec<RecordId> = (0..4).map(|_| RecordId::generate()).collect();
        let list = candidates([
            (ids[0], &a, None),
            (ids[1], &b, None),
            (ids[2], &c, None),
            (ids[3], &d, None),
        ]);
        let order: Vec<RecordId> = list.iter().map(|(id, _)| *id).collect();
        assert_eq!(order, [ids[2], ids[0], ids[1]]);
    }

    #[test]
    fn the_seeded_ledger_has_plausible_candidates() {
        let seed: Vec<serde_json::Value> =
            serde_json::from_str(include_str!("../../server/seed/enterprises.json"))
                .unwrap_or_else(|e| panic!("seed: {e}"));
        let ledger: Vec<(RecordId, Enterprise)> = seed
            .into_iter()
            .map(|mut v| {
                let id = v["id"]
                    .as_str()
                    .unwrap_or_default()
                    .parse()
                    .unwrap_or_else(|e| panic!("{e}"));
                v.as_object_mut().map(|o| o.remove("id"));
                (
                    id,
                    serde_json::from_value(v).unwrap_or_else(|e| panic!("{e}")),
                )
            })
            .collect();
        let list = candidates(ledger.iter().map(|(id, e)| (*id, e, None)));
        let names: Vec<&str> = list
            .iter()
            .filter_map(|(id, _)| {
                ledger
                    .iter()
                    .find(|(i, _)| i == id)
                    .map(|(_, e)| e.name.as_str())
            })
            .collect();
        assert!(names.contains(&"青岛宏绣针织品有限公司"), "{names:?}");
        assert!(
            !names.contains(&"青岛童悦儿童服饰有限公司"),
            "1,650 < 2,000"
        );
        assert!(list.len() >= 5 && list.len() <= 20, "{}", list.len());
        assert!(list
            .iter()
            .all(|(id, _)| ledger.iter().any(|(i, e)| i == id && !e.enrolled)));
    }
}
