//! The matcher: ranking, expired guides kept apart, and the properties that
//! make "unknown" trustworthy (checked with proptest over random rules and
//! profiles).

use domain::ids::RecordId;
use domain::policy::{
    evaluate, match_policies, Amount, Condition, Eligibility, EnterpriseProfile, Estimate, Expiry,
    MatchCounts,
};
use domain::records::{EnterpriseSize, Policy, Qualification, RevenueBand};
use domain::time::Date;
use proptest::prelude::*;

fn today() -> Date {
    Date::parse("2026-11-26").unwrap()
}

fn id(n: u128) -> RecordId {
    RecordId::from_uuid(uuid::Uuid::from_u128(n))
}

fn guide(
    title: &str,
    conditions: Vec<Condition>,
    amount: Option<Amount>,
    until: Option<&str>,
) -> Policy {
    Policy {
        category_id: id(0),
        title: title.into(),
        summary: String::new(),
        eligibility: String::new(),
        conditions,
        support: "示例".into(),
        amount,
        steps: vec![],
        documents: vec![],
        valid_from: None,
        valid_until: until.map(|d| Date::parse(d).unwrap()),
        department: "即墨区工业和信息化局".into(),
        contact_phone: String::new(),
        sample: true,
    }
}

fn fixed(yuan: f64) -> Option<Amount> {
    Some(Amount::Fixed { yuan })
}

#[test]
fn eligible_first_then_possibly_then_not_each_by_value_then_title() {
    let enrolled = || vec![Condition::Enrolled { required: true }];
    let needs_rd = || vec![Condition::RdSpendAtLeast { wan_yuan: 10.0 }];
    let not_enrolled = || vec![Condition::Enrolled { required: false }];
    let guides = vec![
        (
            id(1),
            guide("乙 不符合", not_enrolled(), fixed(900_000.0), None),
        ),
        (id(2), guide("丙 可能 无金额", needs_rd(), None, None)),
        (
            id(3),
            guide("丁 符合 5万", enrolled(), fixed(50_000.0), None),
        ),
        (
            id(4),
            guide(
                "戊 可能 按研发",
                needs_rd(),
                Some(Amount::RdShare {
                    percent: 10.0,
                    cap: None,
                }),
                None,
            ),
        ),
        (
            id(5),
            guide("己 符合 无金额", enrolled(), None, Some("2026-12-01")),
        ),
        (
            id(6),
            guide(
                "庚 符合 最高20万",
                enrolled(),
                Some(Amount::Range {
                    min_yuan: 0.0,
                    max_yuan: 200_000.0,
                }),
                None,
            ),
        ),
        (
            id(7),
            guide("A 符合 5万", enrolled(), fixed(50_000.0), None),
        ),
        (
            id(8),
            guide(
                "辛 已过期",
                enrolled(),
                fixed(1_000_000.0),
                Some("2026-11-25"),
            ),
        ),
        (
            id(9),
            guide("壬 可能 2万", needs_rd(), fixed(20_000.0), None),
        ),
    ];
    let profile = EnterpriseProfile {
        enrolled: Some(true),
        ..EnterpriseProfile::default()
    };
    let report = match_policies(guides.iter().map(|(i, g)| (*i, g)), &profile, today());
    let titles: Vec<&str> = report.current.iter().map(|m| m.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "庚 符合 最高20万", // eligible, up to 200,000
            "A 符合 5万",       // eligible, 50,000, "A" sorts before "丁"
            "丁 符合 5万",
            "己 符合 无金额", // eligible, no estimate: after those with one
            "壬 可能 2万",    // possibly, 20,000
            "丙 可能 无金额", // possibly, no amount and an unknown estimate tie: by title
            "戊 可能 按研发",
            "乙 不符合",
        ]
    );
    assert_eq!(report.expired.len(), 1);
    assert_eq!(report.expired[0].id, id(8));
    assert_eq!(
        report.expired[0].eligibility,
        Eligibility::Eligible,
        "expired guides are still evaluated"
    );
    assert_eq!(report.expired[0].expiry, Expiry::Expired { days_ago: 1 });
    assert_eq!(
        report.counts(),
        MatchCounts {
            eligible: 4,
            possibly_eligible: 3,
            not_eligible: 1,
            expired: 1
        }
    );
    let urgent = report.current.iter().find(|m| m.id == id(5)).unwrap();
    assert_eq!(urgent.expiry, Expiry::Urgent { days_left: 5 });
    let rd = report.current.iter().find(|m| m.id == id(4)).unwrap();
    assert_eq!(
        rd.estimate,
        Some(Estimate::Unknown {
            missing: domain::policy::Figure::RdSpend
        })
    );

    // The order does not depend on the order of the input.
    let reversed = match_policies(guides.iter().rev().map(|(i, g)| (*i, g)), &profile, today());
    assert_eq!(reversed, report);
}

// ---- properties ----------------------------------------------------------

fn money() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.0), Just(500.0), Just(2000.0), 0.0..50_000.0f64]
}

fn condition() -> impl Strategy<Value = Condition> {
    let qualification = proptest::sample::select(Qualification::ALL.to_vec());
    let size = proptest::sample::select(EnterpriseSize::ALL.to_vec());
    let place = proptest::sample::select(vec!["小李村", "下泊", "庄头"]);
    let industry = proptest::sample::select(vec!["纺织", "制造", "餐饮"]);
    let leaf = prop_oneof![
        proptest::collection::vec(industry, 1..3).prop_map(|v| Condition::Industry {
            any_of: v.into_iter().map(String::from).collect()
        }),
        proptest::collection::vec(size, 1..3).prop_map(|any_of| Condition::Size { any_of }),
        money().prop_map(|wan_yuan| Condition::RevenueAtLeast { wan_yuan }),
        money().prop_map(|wan_yuan| Condition::RevenueAtMost { wan_yuan }),
        (0u32..30).prop_map(|years| Condition::YearsAtLeast { years }),
        (0u32..30).prop_map(|years| Condition::YearsAtMost { years }),
        (0.0..20.0f64).prop_map(|percent| Condition::RdRatioAtLeast { percent }),
        money().prop_map(|wan_yuan| Condition::RdSpendAtLeast { wan_yuan }),
        (0u32..500).prop_map(|count| Condition::InsuredAtLeast { count }),
        proptest::collection::vec(qualification.clone(), 1..3)
            .prop_map(|any_of| Condition::Qualification { any_of }),
        proptest::collection::vec(qualification, 1..3)
            .prop_map(|any_of| Condition::LacksQualification { any_of }),
        any::<bool>().prop_map(|required| Condition::Enrolled { required }),
        proptest::collection::vec(place, 1..3).prop_map(|v| Condition::Location {
            any_of: v.into_iter().map(String::from).collect()
        }),
        money().prop_map(|wan_yuan| Condition::ExportAtLeast { wan_yuan }),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        proptest::collection::vec(inner, 1..4)
            .prop_map(|conditions| Condition::AnyOf { conditions })
    })
}

/// A consistent profile: an exact revenue, when given with a band, lies in it.
fn profile() -> impl Strategy<Value = EnterpriseProfile> {
    let band = proptest::option::of(proptest::sample::select(RevenueBand::ALL.to_vec()));
    let revenue = proptest::option::of(0.0..1.0f64);
    (
        (
            proptest::option::of(proptest::sample::select(vec![
                "机械制造",
                "纺织服装",
                "住宿餐饮",
            ])),
            proptest::option::of(proptest::sample::select(vec!["小李村", "下泊", "郭庄社区"])),
            proptest::option::of(proptest::sample::select(EnterpriseSize::ALL.to_vec())),
            proptest::option::of(any::<bool>()),
            band,
            revenue,
        ),
        (
            proptest::option::of(0u32..600),
            proptest::option::of(1990u16..2027),
            proptest::option::of(money()),
            proptest::option::of(money()),
            proptest::option::of(proptest::sample::subsequence(
                Qualification::ALL.to_vec(),
                0..4,
            )),
        ),
    )
        .prop_map(
            |(
                (industry, community, size, enrolled, band, fraction),
                (insured, founded, rd, export, quals),
            )| {
                let annual_revenue = fraction.map(|f| match band.map(RevenueBand::range) {
                    // Strictly inside the band (upper bound exclusive).
                    Some((lo, Some(hi))) => lo + f * 0.999 * (hi - lo),
                    Some((lo, None)) => lo + f * 100_000.0,
                    None => f * 50_000.0,
                });
                EnterpriseProfile {
                    industry: industry.map(String::from),
                    community: community.map(String::from),
                    size,
                    enrolled,
                    revenue_band: band,
                    annual_revenue,
                    employees: insured,
                    insured_headcount: insured,
                    founded_year: founded,
                    rd_spend: rd,
                    export_volume: export,
                    qualifications: quals,
                }
            },
        )
}

/// The profile with one figure forgotten (`which` picks it).
fn forget(p: &EnterpriseProfile, which: usize) -> EnterpriseProfile {
    let mut q = p.clone();
    match which % 11 {
        0 => q.industry = None,
        1 => q.community = None,
        2 => q.size = None,
        3 => q.enrolled = None,
        4 => q.annual_revenue = None,
        5 => {
            q.annual_revenue = None;
            q.revenue_band = None;
        }
        6 => q.insured_headcount = None,
        7 => q.founded_year = None,
        8 => q.rd_spend = None,
        9 => q.export_volume = None,
        _ => q.qualifications = None,
    }
    q
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Knowing nothing never makes a guide "not eligible".
    #[test]
    fn unknown_figures_never_fail(conditions in proptest::collection::vec(condition(), 0..6)) {
        let e = evaluate(&conditions, &EnterpriseProfile::default(), today());
        prop_assert!(!matches!(e, Eligibility::NotEligible { .. }), "{:?}", e);
    }

    /// Forgetting a figure never turns "not eligible" into "eligible", nor
    /// "eligible" into "not eligible": less knowledge only adds doubt.
    #[test]
    fn forgetting_a_figure_only_adds_doubt(
        conditions in proptest::collection::vec(condition(), 1..6),
        p in profile(),
        which in 0usize..11,
    ) {
        let before = evaluate(&conditions, &p, today());
        let after = evaluate(&conditions, &forget(&p, which), today());
        match before {
            Eligibility::NotEligible { .. } => prop_assert!(after != Eligibility::Eligible, "{:?}", after),
            Eligibility::Eligible => prop_assert!(!matches!(after, Eligibility::NotEligible { .. }), "{:?}", after),
            Eligibility::PossiblyEligible { .. } => prop_assert!(after != Eligibility::Eligible, "{:?}", after),
        }
    }

    /// Adding figures never turns "eligible" into "possibly eligible", and
    /// with consistent figures an eligible enterprise stays eligible.
    #[test]
    fn adding_figures_keeps_eligible(
        conditions in proptest::collection::vec(condition(), 1..6),
        full in profile(),
        which in proptest::collection::vec(0usize..11, 1..5),
    ) {
        let sparse = which.iter().fold(full.clone(), |p, w| forget(&p, *w));
        if evaluate(&conditions, &sparse, today()) == Eligibility::Eligible {
            prop_assert_eq!(evaluate(&conditions, &full, today()), Eligibility::Eligible);
        }
    }

    /// The report is ranked: groups in order, and within a group the known
    /// estimates never increase and come before unknown ones.
    #[test]
    fn reports_are_ranked(
        rules in proptest::collection::vec(
            (proptest::collection::vec(condition(), 0..3), proptest::option::of(0.0..1e6f64)),
            0..12,
        ),
        p in profile(),
    ) {
        let guides: Vec<(RecordId, Policy)> = rules
            .into_iter()
            .enumerate()
            .map(|(i, (conditions, amount))| {
                (id(i as u128 + 1), guide(&format!("政策{i}"), conditions, amount.map(|yuan| Amount::Fixed { yuan }), None))
            })
            .collect();
        let report = match_policies(guides.iter().map(|(i, g)| (*i, g)), &p, today());
        prop_assert_eq!(report.current.len(), guides.len());
        for pair in report.current.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            prop_assert!(a.eligibility.rank() <= b.eligibility.rank());
            if a.eligibility.rank() == b.eligibility.rank() {
                let value = |m: &domain::policy::PolicyMatch| m.estimate.as_ref().and_then(Estimate::upper_bound);
                match (value(a), value(b)) {
                    (Some(x), Some(y)) => prop_assert!(x >= y),
                    (None, Some(_)) => prop_assert!(false, "unknown before known"),
                    _ => {}
                }
            }
        }
    }
}
