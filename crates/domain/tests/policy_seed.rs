//! The demo policy content (crates/server/seed/policy_categories.json and
//! policies.json): the 19 categories in order, at least two guides each, a
//! spread of deadlines, and the matcher's answer for three documented sample
//! profiles that the end-to-end tests rely on.
//!
//! # Sample profiles (matched on 2026-11-26, the demo's "today")
//!
//! | profile | eligible | possibly | not eligible | expired |
//! |---|---|---|---|---|
//! | A garment workshop | 18 | 0 | 25 | 2 |
//! | B high-tech manufacturer | 30 | 0 | 13 | 2 |
//! | C mostly unknown | 3 | 37 | 3 | 2 |
//!
//! A — small garment workshop, not enrolled: industry 纺织服装, community
//! 小李村, size micro, not enrolled, annual revenue 380 万元 (band below 500),
//! 18 employees of whom 12 insured, founded 2019, R&D spend 0, import/export
//! 0, no qualifications.
//!
//! B — high-tech specialised manufacturer: industry 机械制造, community 下泊,
//! size medium, enrolled, annual revenue 18,000 万元 (band 1 亿–4 亿), 320
//! employees of whom 300 insured, founded 2008, R&D spend 900 万元 (5%),
//! import/export 3,500 万元, qualifications 高新技术企业, 专精特新中小企业,
//! 进出口经营权, 规模以上企业.
//!
//! C — most figures missing: industry 食品制造, community 庄头, every other
//! figure unknown (enrolment and qualifications included).
//!
//! Over all 45 guides, ignoring deadlines (this split does not depend on the
//! date for years to come): A 18 / 0 / 27, B 31 / 0 / 14, C 3 / 38 / 4.

use domain::ids::RecordId;
use domain::lang::Lang;
use domain::policy::{
    evaluate, match_policies, Eligibility, EnterpriseProfile, Estimate, Expiry, MatchCounts,
    MatchReport,
};
use domain::records::{
    decode, EnterpriseSize, Policy, PolicyCategory, Qualification, RecordData, RevenueBand,
};
use domain::time::Date;
use serde_json::Value;
use std::collections::HashMap;
use std::path::PathBuf;

const CATEGORIES: [&str; 19] = [
    "资金扶持",
    "人才补贴",
    "税费减免",
    "融资支持",
    "稳岗就业",
    "创业扶持",
    "技能培训",
    "科技创新",
    "专精特新",
    "数字化转型",
    "技术改造",
    "外贸出口",
    "项目落地",
    "用地用房",
    "品牌质量",
    "知识产权",
    "绿色低碳",
    "升规纳统",
    "消费促进",
];

fn today() -> Date {
    Date::parse("2026-11-26").unwrap()
}

fn load<T: RecordData>(file: &str) -> Vec<(RecordId, T)> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../server/seed")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let records: Vec<Value> = serde_json::from_str(&text).unwrap();
    records
        .into_iter()
        .map(|mut r| {
            let id: RecordId = r["id"].as_str().unwrap().parse().unwrap();
            r.as_object_mut().unwrap().remove("id");
            let data: T = decode(&r).unwrap_or_else(|e| panic!("{file} {id}: {}", e.bilingual()));
            (id, data)
        })
        .collect()
}

fn categories() -> Vec<(RecordId, PolicyCategory)> {
    load("policy_categories.json")
}

fn guides() -> Vec<(RecordId, Policy)> {
    load("policies.json")
}

/// A — a small garment workshop in 小李村, not enrolled in statistics.
fn garment_workshop() -> EnterpriseProfile {
    EnterpriseProfile {
        industry: Some("纺织服装".into()),
        community: Some("小李村".into()),
        size: Some(EnterpriseSize::Micro),
        enrolled: Some(false),
        revenue_band: Some(RevenueBand::Below500),
        annual_revenue: Some(380.0),
        employees: Some(18),
        insured_headcount: Some(12),
        founded_year: Some(2019),
        rd_spend: Some(0.0),
        export_volume: Some(0.0),
        qualifications: Some(vec![]),
    }
}

/// B — a high-tech, specialised machinery maker in 下泊 that exports.
fn high_tech_manufacturer() -> EnterpriseProfile {
    EnterpriseProfile {
        industry: Some("机械制造".into()),
        community: Some("下泊".into()),
        size: Some(EnterpriseSize::Medium),
        enrolled: Some(true),
        revenue_band: Some(RevenueBand::From10000To40000),
        annual_revenue: Some(18_000.0),
        employees: Some(320),
        insured_headcount: Some(300),
        founded_year: Some(2008),
        rd_spend: Some(900.0),
        export_volume: Some(3500.0),
        qualifications: Some(vec![
            Qualification::HighTech,
            Qualification::Specialised,
            Qualification::ForeignTrade,
            Qualification::AboveScale,
        ]),
    }
}

/// C — only the industry and the place are known.
fn mostly_unknown() -> EnterpriseProfile {
    EnterpriseProfile {
        industry: Some("食品制造".into()),
        community: Some("庄头".into()),
        ..EnterpriseProfile::default()
    }
}

fn report(profile: &EnterpriseProfile) -> MatchReport {
    let all = guides();
    match_policies(all.iter().map(|(id, g)| (*id, g)), profile, today())
}

fn titles(report: &MatchReport, rank: u8) -> Vec<&str> {
    report
        .current
        .iter()
        .filter(|m| m.eligibility.rank() == rank)
        .map(|m| m.title.as_str())
        .collect()
}

#[test]
fn nineteen_categories_in_order() {
    let cats = categories();
    let names: Vec<&str> = cats.iter().map(|(_, c)| c.name.as_str()).collect();
    assert_eq!(names, CATEGORIES);
    for (i, (_, c)) in cats.iter().enumerate() {
        assert_eq!(c.order as usize, i + 1, "{}", c.name);
        assert!(
            !c.name_en.is_empty() && !c.description.is_empty(),
            "{}",
            c.name
        );
        assert!(c.sample, "{}", c.name);
    }
}

#[test]
fn every_category_has_at_least_two_complete_sample_guides() {
    let cats: HashMap<RecordId, String> = categories()
        .into_iter()
        .map(|(id, c)| (id, c.name))
        .collect();
    let all = guides();
    assert!(all.len() >= 38, "{} guides", all.len());
    let mut per_category: HashMap<&str, usize> = HashMap::new();
    for (id, g) in &all {
        let cat = cats
            .get(&g.category_id)
            .unwrap_or_else(|| panic!("{}: unknown category", g.title));
        *per_category.entry(cat.as_str()).or_default() += 1;
        assert_eq!(g.validate(), Ok(()), "{id}");
        assert!(g.sample, "{}", g.title);
        assert!(
            (3..=6).contains(&g.steps.len()),
            "{}: {} steps",
            g.title,
            g.steps.len()
        );
        assert!(!g.documents.is_empty(), "{}", g.title);
        assert!(
            !g.summary.is_empty() && !g.eligibility.is_empty(),
            "{}",
            g.title
        );
        assert!(
            g.summary.contains("示例"),
            "{}: the summary says it is sample content",
            g.title
        );
        assert!(g.contact_phone.starts_with("0532-8"), "{}", g.title);
        // Every rule can be put in words, in both languages.
        for c in &g.conditions {
            let d = c.requirement();
            assert!(
                d.zh.len() > "要求：".len() && d.en.len() > "Requires: ".len(),
                "{}",
                g.title
            );
        }
        if let Some(a) = &g.amount {
            assert!(!a.describe().get(Lang::Zh).is_empty(), "{}", g.title);
        }
    }
    for name in CATEGORIES {
        assert!(per_category.get(name).copied().unwrap_or(0) >= 2, "{name}");
    }
}

#[test]
fn deadlines_show_every_state() {
    let mut spread: HashMap<&str, usize> = HashMap::new();
    for (_, g) in guides() {
        let state = match g.expiry(today()) {
            Expiry::OpenEnded => "open",
            Expiry::Valid { .. } => "valid",
            Expiry::Warning { .. } => "warning",
            Expiry::Urgent { .. } => "urgent",
            Expiry::Expired { .. } => "expired",
        };
        *spread.entry(state).or_default() += 1;
    }
    let expected = [
        ("open", 15),
        ("valid", 10),
        ("warning", 11),
        ("urgent", 7),
        ("expired", 2),
    ];
    assert_eq!(spread, expected.into_iter().collect());
}

#[test]
fn garment_workshop_split() {
    let r = report(&garment_workshop());
    assert_eq!(
        r.counts(),
        MatchCounts {
            eligible: 18,
            possibly_eligible: 0,
            not_eligible: 25,
            expired: 2
        }
    );
    let eligible = titles(&r, 0);
    assert!(eligible.contains(&"通济街道纺织服装特色片区提质补助"));
    assert!(eligible.contains(&"纺织服装业技能提升专项培训（缝纫工、挡车工）"));
    // Ranked by the most it could give: standards (up to 30 万) first.
    assert_eq!(eligible[0], "主导制定标准奖励");
    // 12 insured × 300 yuan.
    let retention = r
        .current
        .iter()
        .find(|m| m.title == "失业保险稳岗返还")
        .unwrap();
    assert_eq!(retention.estimate, Some(Estimate::Exact { yuan: 3600.0 }));
    // The nearest miss says why, with the figures.
    let big_individual = r
        .current
        .iter()
        .find(|m| m.title.contains("大个体"))
        .unwrap();
    let Eligibility::NotEligible { failed } = &big_individual.eligibility else {
        panic!("{big_individual:?}")
    };
    assert_eq!(failed[0].reason.zh, "年营业收入 380 万元，低于 500 万元");
    assert_eq!(failed[0].reason.en, "annual revenue ¥3.8 m is below ¥5.0 m");
}

#[test]
fn high_tech_manufacturer_split() {
    let r = report(&high_tech_manufacturer());
    assert_eq!(
        r.counts(),
        MatchCounts {
            eligible: 30,
            possibly_eligible: 0,
            not_eligible: 13,
            expired: 2
        }
    );
    let eligible = titles(&r, 0);
    assert_eq!(
        eligible[0], "工业企业技术改造设备投资补助",
        "up to 500 万 ranks first"
    );
    // Then up to 100 万 (energy saving), then exactly 90 万 (10% of 900 万元 R&D).
    assert_eq!(
        &eligible[1..3],
        [
            "工业节能降碳技术改造奖励",
            "企业研发投入奖励（研发费用后补助）"
        ]
    );
    assert_eq!(
        r.current[2].estimate,
        Some(Estimate::Exact { yuan: 900_000.0 })
    );
    let trade = r
        .current
        .iter()
        .find(|m| m.title == "外贸进出口增量奖励")
        .unwrap();
    assert_eq!(
        trade.estimate,
        Some(Estimate::Exact { yuan: 175_000.0 }),
        "0.5% of 3,500 万元"
    );
    let not = titles(&r, 2);
    assert!(not.contains(&"专精特新“小巨人”企业奖励"));
    assert!(
        not.contains(&"工业企业首次升规奖励（小升规）"),
        "already above designated size"
    );
    // The expired clean-production guide still shows that it would have applied.
    let expired = r
        .expired
        .iter()
        .find(|m| m.title == "清洁生产审核补助")
        .unwrap();
    assert_eq!(expired.eligibility, Eligibility::Eligible);
    assert_eq!(expired.expiry, Expiry::Expired { days_ago: 26 });
}

#[test]
fn mostly_unknown_profile_is_mostly_possibly_eligible() {
    let r = report(&mostly_unknown());
    assert_eq!(
        r.counts(),
        MatchCounts {
            eligible: 3,
            possibly_eligible: 37,
            not_eligible: 3,
            expired: 2
        }
    );
    let mut eligible = titles(&r, 0);
    eligible.sort_unstable();
    assert_eq!(
        eligible,
        [
            "“优质产品进社区”企业社区对接展销",
            "专利授权与高价值专利资助",
            "通济街道专场招聘会免费参会服务"
        ]
    );
    // The figures to ask for are named.
    let rd = r
        .current
        .iter()
        .find(|m| m.title.starts_with("企业研发投入奖励"))
        .unwrap();
    let Eligibility::PossiblyEligible { missing } = &rd.eligibility else {
        panic!("{rd:?}")
    };
    let asked: Vec<String> = missing.iter().map(|m| m.describe().zh).collect();
    assert_eq!(asked, ["是否纳统", "年研发投入", "年营业收入"]);
    assert_eq!(
        rd.estimate.unwrap().describe().zh,
        "最高 100 万元（需补充年研发投入）"
    );
    // Known figures still rule guides out: 庄头 is outside the textile area.
    assert!(titles(&r, 2).contains(&"通济街道纺织服装特色片区提质补助"));
}

#[test]
fn split_over_all_guides_ignoring_deadlines() {
    let all = guides();
    let split = |p: &EnterpriseProfile| {
        let mut counts = [0usize; 3];
        for (_, g) in &all {
            counts[evaluate(&g.conditions, p, today()).rank() as usize] += 1;
        }
        counts
    };
    assert_eq!(split(&garment_workshop()), [18, 0, 27]);
    assert_eq!(split(&high_tech_manufacturer()), [31, 0, 14]);
    assert_eq!(split(&mostly_unknown()), [3, 38, 4]);
    // Still true a year later: no threshold is crossed.
    let later = Date::parse("2027-11-26").unwrap();
    let a: usize = all
        .iter()
        .filter(|(_, g)| {
            evaluate(&g.conditions, &garment_workshop(), later) == Eligibility::Eligible
        })
        .count();
    assert_eq!(a, 18);
}
