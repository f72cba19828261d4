//! Every condition kind: met, failed (with the reason in both languages) and
//! unknown, with the figure exactly at each threshold.

use domain::policy::{
    evaluate, Condition, Eligibility, EnterpriseProfile, Figure, Missing, Outcome,
};
use domain::records::{EnterpriseSize, Qualification, RevenueBand};
use domain::time::Date;

fn today() -> Date {
    Date::parse("2026-11-26").unwrap()
}

/// A profile with every figure known.
fn known() -> EnterpriseProfile {
    EnterpriseProfile {
        industry: Some("机械制造".into()),
        community: Some("下泊".into()),
        size: Some(EnterpriseSize::Small),
        enrolled: Some(true),
        revenue_band: Some(RevenueBand::From2000To10000),
        annual_revenue: Some(3000.0),
        employees: Some(120),
        insured_headcount: Some(100),
        founded_year: Some(2023),
        rd_spend: Some(90.0),
        export_volume: Some(500.0),
        qualifications: Some(vec![Qualification::HighTech]),
    }
}

fn eval(c: &Condition, p: &EnterpriseProfile) -> Outcome {
    c.evaluate(p, today())
}

fn reason(c: &Condition, p: &EnterpriseProfile) -> (String, String) {
    match eval(c, p) {
        Outcome::Failed(r) => (r.zh, r.en),
        other => panic!("{c:?} should fail, got {other:?}"),
    }
}

fn missing(figure: Figure) -> Outcome {
    Outcome::Unknown(vec![Missing {
        figure,
        too_coarse: false,
    }])
}

fn coarse(figure: Figure) -> Outcome {
    Outcome::Unknown(vec![Missing {
        figure,
        too_coarse: true,
    }])
}

#[test]
fn industry_matches_a_term_inside_the_industry() {
    let c = Condition::Industry {
        any_of: vec!["纺织".into(), "制造".into()],
    };
    assert_eq!(eval(&c, &known()), Outcome::Met);
    let p = EnterpriseProfile {
        industry: Some("住宿餐饮".into()),
        ..known()
    };
    assert_eq!(
        reason(&c, &p),
        (
            "所属行业为住宿餐饮，不属于纺织或制造".into(),
            "industry 住宿餐饮 is not 纺织 or 制造".into()
        )
    );
    let p = EnterpriseProfile {
        industry: None,
        ..known()
    };
    assert_eq!(eval(&c, &p), missing(Figure::Industry));
}

#[test]
fn size_is_one_of_the_classes() {
    let c = Condition::Size {
        any_of: vec![EnterpriseSize::Micro, EnterpriseSize::Small],
    };
    assert_eq!(eval(&c, &known()), Outcome::Met);
    let p = EnterpriseProfile {
        size: Some(EnterpriseSize::Large),
        ..known()
    };
    assert_eq!(
        reason(&c, &p),
        (
            "企业规模为大型，不属于微型或小型".into(),
            "size is Large, not Micro or Small".into()
        )
    );
    assert_eq!(
        eval(
            &c,
            &EnterpriseProfile {
                size: None,
                ..known()
            }
        ),
        missing(Figure::Size)
    );
}

#[test]
fn revenue_at_least_with_exact_figures_and_bands() {
    let c = Condition::RevenueAtLeast { wan_yuan: 2000.0 };
    let exact = |v: f64| EnterpriseProfile {
        annual_revenue: Some(v),
        revenue_band: None,
        ..known()
    };
    assert_eq!(
        eval(&c, &exact(2000.0)),
        Outcome::Met,
        "exactly at the threshold"
    );
    assert_eq!(
        reason(&c, &exact(1200.0)),
        (
            "年营业收入 1,200 万元，低于 2,000 万元".into(),
            "annual revenue ¥12.0 m is below ¥20.0 m".into()
        )
    );
    assert_eq!(
        reason(&c, &exact(1999.99)).0,
        "年营业收入 1,999.99 万元，低于 2,000 万元"
    );
    let band = |b: RevenueBand| EnterpriseProfile {
        annual_revenue: None,
        revenue_band: Some(b),
        ..known()
    };
    // The band starts at the threshold: every figure in it qualifies.
    assert_eq!(eval(&c, &band(RevenueBand::From2000To10000)), Outcome::Met);
    // The band ends (exclusively) at the threshold: none qualifies.
    assert_eq!(
        reason(&c, &band(RevenueBand::From500To2000)),
        (
            "年营业收入在500万–2000万元区间，低于 2,000 万元".into(),
            "annual revenue (¥5 m – 20 m) is below ¥20.0 m".into()
        )
    );
    // The band straddles the threshold: the exact figure is needed.
    let straddle = Condition::RevenueAtLeast { wan_yuan: 1500.0 };
    assert_eq!(
        eval(&straddle, &band(RevenueBand::From500To2000)),
        coarse(Figure::Revenue)
    );
    let none = EnterpriseProfile {
        annual_revenue: None,
        revenue_band: None,
        ..known()
    };
    assert_eq!(eval(&c, &none), missing(Figure::Revenue));
    // The exact figure wins over the band.
    let both = EnterpriseProfile {
        annual_revenue: Some(2500.0),
        revenue_band: Some(RevenueBand::From2000To10000),
        ..known()
    };
    assert_eq!(eval(&straddle, &both), Outcome::Met);
}

#[test]
fn revenue_at_most_with_exact_figures_and_bands() {
    let c = Condition::RevenueAtMost { wan_yuan: 2000.0 };
    let exact = |v: f64| EnterpriseProfile {
        annual_revenue: Some(v),
        ..known()
    };
    assert_eq!(
        eval(&c, &exact(2000.0)),
        Outcome::Met,
        "exactly at the threshold"
    );
    assert_eq!(
        reason(&c, &exact(3000.0)),
        (
            "年营业收入 3,000 万元，高于 2,000 万元".into(),
            "annual revenue ¥30.0 m is above ¥20.0 m".into()
        )
    );
    let band = |b: RevenueBand| EnterpriseProfile {
        annual_revenue: None,
        revenue_band: Some(b),
        ..known()
    };
    assert_eq!(eval(&c, &band(RevenueBand::From500To2000)), Outcome::Met);
    assert_eq!(
        reason(&c, &band(RevenueBand::From10000To40000)).0,
        "年营业收入在1亿–4亿元区间，高于 2,000 万元"
    );
    // 2,000 is the lower bound of this band, and 2,000 itself qualifies.
    assert_eq!(
        eval(&c, &band(RevenueBand::From2000To10000)),
        coarse(Figure::Revenue)
    );
}

#[test]
fn years_in_operation_count_calendar_years() {
    // Founded 2023, as of 2026: 3 years.
    let at_least = |n| Condition::YearsAtLeast { years: n };
    let at_most = |n| Condition::YearsAtMost { years: n };
    assert_eq!(eval(&at_least(3), &known()), Outcome::Met);
    assert_eq!(
        reason(&at_least(4), &known()),
        (
            "成立 3 年，不满 4 年".into(),
            "in operation 3 years, fewer than 4".into()
        )
    );
    assert_eq!(eval(&at_most(3), &known()), Outcome::Met);
    assert_eq!(
        reason(&at_most(2), &known()),
        (
            "成立 3 年，超过 2 年".into(),
            "in operation 3 years, more than 2".into()
        )
    );
    let one = EnterpriseProfile {
        founded_year: Some(2025),
        ..known()
    };
    assert_eq!(
        reason(&at_least(2), &one).1,
        "in operation 1 year, fewer than 2"
    );
    // A founding year after the as-of date counts as 0 years.
    let future = EnterpriseProfile {
        founded_year: Some(2030),
        ..known()
    };
    assert_eq!(eval(&at_most(0), &future), Outcome::Met);
    let unknown = EnterpriseProfile {
        founded_year: None,
        ..known()
    };
    assert_eq!(eval(&at_least(1), &unknown), missing(Figure::FoundedYear));
    assert_eq!(eval(&at_most(1), &unknown), missing(Figure::FoundedYear));
    // The as-of date moves the count.
    assert_eq!(
        at_least(4).evaluate(&known(), Date::parse("2027-01-01").unwrap()),
        Outcome::Met
    );
}

#[test]
fn rd_ratio_is_exact_at_the_threshold() {
    let c = Condition::RdRatioAtLeast { percent: 3.0 };
    // 90 / 3,000 = 3% exactly; division would give 3.0000000000000004.
    assert_eq!(eval(&c, &known()), Outcome::Met);
    let below = EnterpriseProfile {
        rd_spend: Some(89.0),
        ..known()
    };
    assert_eq!(
        reason(&c, &below),
        (
            "研发投入占营业收入 2.97%，低于 3%".into(),
            "R&D spend is 2.97% of revenue, below 3%".into()
        )
    );
    let neither = EnterpriseProfile {
        rd_spend: None,
        annual_revenue: None,
        revenue_band: None,
        ..known()
    };
    assert_eq!(
        eval(&c, &neither),
        Outcome::Unknown(vec![
            Missing {
                figure: Figure::RdSpend,
                too_coarse: false
            },
            Missing {
                figure: Figure::Revenue,
                too_coarse: false
            },
        ])
    );
    assert_eq!(
        eval(
            &c,
            &EnterpriseProfile {
                rd_spend: None,
                ..known()
            }
        ),
        missing(Figure::RdSpend)
    );
    let band = |rd: f64, b: RevenueBand| EnterpriseProfile {
        rd_spend: Some(rd),
        annual_revenue: None,
        revenue_band: Some(b),
        ..known()
    };
    // 60 is 3% of 2,000, the top of the band: met whatever the exact revenue.
    assert_eq!(
        eval(&c, &band(60.0, RevenueBand::From500To2000)),
        Outcome::Met
    );
    // 14 is below 3% of 500, the bottom of the band: failed whatever it is.
    assert_eq!(
        reason(&c, &band(14.0, RevenueBand::From500To2000)).0,
        "年研发投入 14 万元，按年营业收入500万–2000万元计占比低于 3%"
    );
    assert_eq!(
        eval(&c, &band(30.0, RevenueBand::From500To2000)),
        coarse(Figure::Revenue)
    );
    // No revenue at all: any R&D spend is an infinite share, none is nothing.
    let zero = |rd: f64| EnterpriseProfile {
        rd_spend: Some(rd),
        annual_revenue: Some(0.0),
        ..known()
    };
    assert_eq!(eval(&c, &zero(1.0)), Outcome::Met);
    assert_eq!(reason(&c, &zero(0.0)).0, "无研发投入，低于 3%");
}

#[test]
fn absolute_thresholds_rd_insured_export() {
    let rd = Condition::RdSpendAtLeast { wan_yuan: 90.0 };
    assert_eq!(eval(&rd, &known()), Outcome::Met);
    assert_eq!(
        reason(&Condition::RdSpendAtLeast { wan_yuan: 100.0 }, &known()),
        (
            "年研发投入 90 万元，低于 100 万元".into(),
            "annual R&D spend ¥900,000 is below ¥1.0 m".into()
        )
    );
    assert_eq!(
        eval(
            &rd,
            &EnterpriseProfile {
                rd_spend: None,
                ..known()
            }
        ),
        missing(Figure::RdSpend)
    );

    let insured = |n| Condition::InsuredAtLeast { count: n };
    assert_eq!(eval(&insured(100), &known()), Outcome::Met);
    assert_eq!(
        reason(&insured(101), &known()),
        (
            "参保职工 100 人，少于 101 人".into(),
            "100 insured employees, fewer than 101".into()
        )
    );
    let p = EnterpriseProfile {
        insured_headcount: None,
        ..known()
    };
    assert_eq!(eval(&insured(1), &p), missing(Figure::InsuredHeadcount));

    let export = |w| Condition::ExportAtLeast { wan_yuan: w };
    assert_eq!(eval(&export(500.0), &known()), Outcome::Met);
    assert_eq!(
        reason(&export(1000.0), &known()),
        (
            "年进出口额 500 万元，低于 1,000 万元".into(),
            "annual import/export volume ¥5.0 m is below ¥10.0 m".into()
        )
    );
    let p = EnterpriseProfile {
        export_volume: None,
        ..known()
    };
    assert_eq!(eval(&export(1.0), &p), missing(Figure::ExportVolume));
}

#[test]
fn qualifications_held_and_not_yet_held() {
    let q = |any_of: Vec<Qualification>| Condition::Qualification { any_of };
    let lacks = |any_of: Vec<Qualification>| Condition::LacksQualification { any_of };
    let c = q(vec![Qualification::HighTech, Qualification::Specialised]);
    assert_eq!(eval(&c, &known()), Outcome::Met);
    let none = EnterpriseProfile {
        qualifications: Some(vec![]),
        ..known()
    };
    assert_eq!(
        reason(&c, &none),
        (
            "未认定为高新技术企业或专精特新中小企业".into(),
            "not recognised as High-tech enterprise or Specialised SME".into()
        )
    );
    let unknown = EnterpriseProfile {
        qualifications: None,
        ..known()
    };
    assert_eq!(eval(&c, &unknown), missing(Figure::Qualifications));
    // A “little giant” is also a specialised SME.
    let giant = EnterpriseProfile {
        qualifications: Some(vec![Qualification::LittleGiant]),
        ..known()
    };
    assert_eq!(
        eval(&q(vec![Qualification::Specialised]), &giant),
        Outcome::Met
    );
    assert!(matches!(
        eval(&q(vec![Qualification::LittleGiant]), &known()),
        Outcome::Failed(_)
    ));

    let first_time = lacks(vec![Qualification::HighTech, Qualification::AboveScale]);
    assert_eq!(eval(&first_time, &none), Outcome::Met);
    assert_eq!(
        reason(&first_time, &known()),
        (
            "已认定为高新技术企业".into(),
            "already recognised as High-tech enterprise".into()
        )
    );
    assert_eq!(eval(&first_time, &unknown), missing(Figure::Qualifications));
}

#[test]
fn enrolment_either_way() {
    let yes = Condition::Enrolled { required: true };
    let no = Condition::Enrolled { required: false };
    let not_enrolled = EnterpriseProfile {
        enrolled: Some(false),
        ..known()
    };
    assert_eq!(eval(&yes, &known()), Outcome::Met);
    assert_eq!(eval(&no, &not_enrolled), Outcome::Met);
    assert_eq!(
        reason(&yes, &not_enrolled),
        (
            "尚未纳统".into(),
            "not yet enrolled in official statistics".into()
        )
    );
    assert_eq!(
        reason(&no, &known()),
        (
            "已纳统".into(),
            "already enrolled in official statistics".into()
        )
    );
    let unknown = EnterpriseProfile {
        enrolled: None,
        ..known()
    };
    assert_eq!(eval(&yes, &unknown), missing(Figure::Enrolled));
    assert_eq!(eval(&no, &unknown), missing(Figure::Enrolled));
}

#[test]
fn location_is_an_exact_place_name() {
    let c = Condition::Location {
        any_of: vec!["小李村".into(), "下泊".into()],
    };
    assert_eq!(eval(&c, &known()), Outcome::Met);
    let p = EnterpriseProfile {
        community: Some("郭庄社区".into()),
        ..known()
    };
    assert_eq!(
        reason(&c, &p),
        (
            "位于郭庄社区，不在小李村或下泊".into(),
            "located in 郭庄社区, not in 小李村 or 下泊".into()
        )
    );
    let p = EnterpriseProfile {
        community: None,
        ..known()
    };
    assert_eq!(eval(&c, &p), missing(Figure::Community));
}

#[test]
fn any_of_is_met_by_one_unknown_if_undecided_and_failed_only_if_all_fail() {
    let c = Condition::AnyOf {
        conditions: vec![
            Condition::Qualification {
                any_of: vec![Qualification::Specialised],
            },
            Condition::RevenueAtLeast { wan_yuan: 5000.0 },
        ],
    };
    // Neither holds for the known profile (high-tech only, revenue 3,000).
    assert_eq!(
        reason(&c, &known()),
        (
            "以下条件均不满足：未认定为专精特新中小企业；年营业收入 3,000 万元，低于 5,000 万元".into(),
            "none of the alternatives is met: not recognised as Specialised SME; annual revenue ¥30.0 m is below ¥50.0 m"
                .into()
        )
    );
    let big = EnterpriseProfile {
        annual_revenue: Some(6000.0),
        ..known()
    };
    assert_eq!(eval(&c, &big), Outcome::Met);
    // One fails, the other is unknown: undecided, never failed.
    let unknown = EnterpriseProfile {
        annual_revenue: None,
        revenue_band: None,
        ..known()
    };
    assert_eq!(eval(&c, &unknown), missing(Figure::Revenue));
    // One unknown, the other met: met.
    let q_unknown = EnterpriseProfile {
        qualifications: None,
        ..big
    };
    assert_eq!(eval(&c, &q_unknown), Outcome::Met);
}

#[test]
fn a_guide_lists_every_failure_and_each_missing_figure_once() {
    let conditions = vec![
        Condition::Enrolled { required: true },
        Condition::RevenueAtLeast { wan_yuan: 2000.0 },
        Condition::RdRatioAtLeast { percent: 3.0 },
        Condition::InsuredAtLeast { count: 10 },
    ];
    let empty = EnterpriseProfile::default();
    assert_eq!(
        evaluate(&conditions, &empty, today()),
        Eligibility::PossiblyEligible {
            missing: [
                Figure::Enrolled,
                Figure::Revenue,
                Figure::RdSpend,
                Figure::InsuredHeadcount
            ]
            .into_iter()
            .map(|figure| Missing {
                figure,
                too_coarse: false
            })
            .collect()
        }
    );
    // A failure outweighs unknowns: the enterprise cannot qualify.
    let small = EnterpriseProfile {
        enrolled: Some(false),
        insured_headcount: Some(4),
        ..EnterpriseProfile::default()
    };
    let Eligibility::NotEligible { failed } = evaluate(&conditions, &small, today()) else {
        panic!("should not be eligible")
    };
    assert_eq!(failed.len(), 2);
    assert_eq!(failed[0].condition, conditions[0]);
    assert_eq!(failed[1].reason.zh, "参保职工 4 人，少于 10 人");
    assert_eq!(
        evaluate(&conditions, &known(), today()),
        Eligibility::Eligible
    );
    assert_eq!(
        evaluate(&[], &empty, today()),
        Eligibility::Eligible,
        "no conditions, open to all"
    );
}

#[test]
fn a_band_too_coarse_for_one_condition_but_missing_for_none_is_reported_as_coarse() {
    let conditions = vec![
        Condition::RevenueAtLeast { wan_yuan: 1500.0 },
        Condition::RevenueAtMost { wan_yuan: 1800.0 },
    ];
    let p = EnterpriseProfile {
        revenue_band: Some(RevenueBand::From500To2000),
        ..EnterpriseProfile::default()
    };
    let Eligibility::PossiblyEligible { missing } = evaluate(&conditions, &p, today()) else {
        panic!("should be undecided")
    };
    assert_eq!(
        missing,
        vec![Missing {
            figure: Figure::Revenue,
            too_coarse: true
        }]
    );
    assert_eq!(
        missing[0].describe().zh,
        "年营业收入（仅知区间，需具体数值）"
    );
    assert_eq!(
        missing[0].describe().en,
        "Annual revenue (only the band is known; the exact figure is needed)"
    );
}
