//! The guide page's words for every condition kind, in both languages.

use domain::lang::Lang;
use domain::policy::{Condition, Eligibility};
use domain::records::{EnterpriseSize, Qualification};

fn words(c: Condition) -> (String, String) {
    let d = c.describe();
    (d.zh, d.en)
}

#[test]
fn every_condition_kind_in_both_languages() {
    let cases = [
        (
            Condition::Industry {
                any_of: vec!["纺织".into(), "服装".into()],
            },
            "所属行业为纺织或服装",
            "industry: 纺织 or 服装",
        ),
        (
            Condition::Size {
                any_of: vec![EnterpriseSize::Micro, EnterpriseSize::Small],
            },
            "微型或小型企业",
            "a micro or small enterprise",
        ),
        (
            Condition::RevenueAtLeast { wan_yuan: 2000.0 },
            "年营业收入不低于 2,000 万元",
            "annual revenue of at least ¥20.0 m",
        ),
        (
            Condition::RevenueAtMost { wan_yuan: 500.0 },
            "年营业收入不超过 500 万元",
            "annual revenue of at most ¥5.0 m",
        ),
        (
            Condition::YearsAtLeast { years: 1 },
            "成立满 1 年",
            "in operation for at least 1 year",
        ),
        (
            Condition::YearsAtMost { years: 3 },
            "成立不超过 3 年",
            "in operation for at most 3 years",
        ),
        (
            Condition::RdRatioAtLeast { percent: 3.0 },
            "研发投入占营业收入比例不低于 3%",
            "R&D spend of at least 3% of revenue",
        ),
        (
            Condition::RdSpendAtLeast { wan_yuan: 50.0 },
            "年研发投入不低于 50 万元",
            "annual R&D spend of at least ¥500,000",
        ),
        (
            Condition::InsuredAtLeast { count: 10 },
            "参保职工不少于 10 人",
            "at least 10 employees with social insurance",
        ),
        (
            Condition::Qualification {
                any_of: vec![Qualification::HighTech, Qualification::Specialised],
            },
            "高新技术企业或专精特新中小企业",
            "High-tech enterprise or Specialised SME",
        ),
        (
            Condition::LacksQualification {
                any_of: vec![Qualification::AboveScale],
            },
            "尚未认定为规模以上企业",
            "not yet recognised as Above designated size",
        ),
        (
            Condition::Enrolled { required: true },
            "已纳入统计（纳统）",
            "enrolled in official statistics",
        ),
        (
            Condition::Enrolled { required: false },
            "尚未纳入统计（未纳统）",
            "not yet enrolled in official statistics",
        ),
        (
            Condition::Location {
                any_of: vec!["小李村".into(), "黄家埠".into()],
            },
            "位于小李村或黄家埠",
            "located in 小李村 or 黄家埠",
        ),
        (
            Condition::ExportAtLeast { wan_yuan: 500.0 },
            "年进出口额不低于 500 万元",
            "annual import/export volume of at least ¥5.0 m",
        ),
        (
            Condition::AnyOf {
                conditions: vec![
                    Condition::Enrolled { required: true },
                    Condition::Size {
                        any_of: vec![EnterpriseSize::Medium, EnterpriseSize::Large],
                    },
                ],
            },
            "满足其一：已纳入统计（纳统）；中型或大型企业",
            "any one of: enrolled in official statistics; a medium or large enterprise",
        ),
    ];
    for (condition, zh, en) in cases {
        let label = format!("{condition:?}");
        assert_eq!(words(condition), (zh.to_owned(), en.to_owned()), "{label}");
    }
}

#[test]
fn requirement_lines_for_the_guide_page() {
    let c = Condition::Qualification {
        any_of: vec![Qualification::HighTech, Qualification::Specialised],
    };
    let line = c.requirement();
    assert_eq!(line.get(Lang::Zh), "要求：高新技术企业或专精特新中小企业");
    assert_eq!(
        line.get(Lang::En),
        "Requires: High-tech enterprise or Specialised SME"
    );
    let line = Condition::YearsAtMost { years: 3 }.requirement();
    assert_eq!(
        line.get(Lang::En),
        "Requires: in operation for at most 3 years"
    );
}

#[test]
fn eligibility_labels() {
    assert_eq!(Eligibility::Eligible.label(Lang::Zh), "符合条件");
    assert_eq!(
        Eligibility::PossiblyEligible { missing: vec![] }.label(Lang::En),
        "Possibly eligible"
    );
    assert_eq!(
        Eligibility::NotEligible { failed: vec![] }.label(Lang::Zh),
        "不符合"
    );
    assert!(
        Eligibility::Eligible.rank() < Eligibility::PossiblyEligible { missing: vec![] }.rank()
    );
}
