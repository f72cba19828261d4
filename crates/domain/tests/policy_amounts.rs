//! Estimated support: every amount rule, caps, and what happens when the
//! figure it needs is missing.

use domain::policy::{estimate, Amount, EnterpriseProfile, Estimate, Figure};

fn profile() -> EnterpriseProfile {
    EnterpriseProfile {
        insured_headcount: Some(120),
        rd_spend: Some(450.0),
        export_volume: Some(3500.0),
        ..EnterpriseProfile::default()
    }
}

#[test]
fn fixed_and_range_need_no_figures() {
    let empty = EnterpriseProfile::default();
    assert_eq!(
        estimate(&Amount::Fixed { yuan: 100_000.0 }, &empty),
        Estimate::Exact { yuan: 100_000.0 }
    );
    assert_eq!(
        estimate(
            &Amount::Range {
                min_yuan: 100_000.0,
                max_yuan: 200_000.0
            },
            &empty
        ),
        Estimate::Range {
            min_yuan: 100_000.0,
            max_yuan: 200_000.0,
            missing: None
        }
    );
}

#[test]
fn per_insured_head_with_and_without_cap() {
    let uncapped = Amount::PerInsured {
        yuan: 300.0,
        cap: None,
    };
    assert_eq!(
        estimate(&uncapped, &profile()),
        Estimate::Exact { yuan: 36_000.0 }
    );
    let capped = Amount::PerInsured {
        yuan: 300.0,
        cap: Some(30_000.0),
    };
    assert_eq!(
        estimate(&capped, &profile()),
        Estimate::Exact { yuan: 30_000.0 }
    );
    // Exactly at the cap: 100 × 300 = 30,000.
    let at_cap = EnterpriseProfile {
        insured_headcount: Some(100),
        ..profile()
    };
    assert_eq!(
        estimate(&capped, &at_cap),
        Estimate::Exact { yuan: 30_000.0 }
    );
    let unknown = EnterpriseProfile::default();
    assert_eq!(
        estimate(&capped, &unknown),
        Estimate::Range {
            min_yuan: 0.0,
            max_yuan: 30_000.0,
            missing: Some(Figure::InsuredHeadcount)
        }
    );
    assert_eq!(
        estimate(&uncapped, &unknown),
        Estimate::Unknown {
            missing: Figure::InsuredHeadcount
        }
    );
}

#[test]
fn shares_of_rd_spend_and_exports_in_wan_yuan() {
    // 10% of 450 万元 = 45 万元, under a 100 万元 cap.
    let rd = Amount::RdShare {
        percent: 10.0,
        cap: Some(1_000_000.0),
    };
    assert_eq!(
        estimate(&rd, &profile()),
        Estimate::Exact { yuan: 450_000.0 }
    );
    let big = EnterpriseProfile {
        rd_spend: Some(20_000.0),
        ..profile()
    };
    assert_eq!(estimate(&rd, &big), Estimate::Exact { yuan: 1_000_000.0 });
    assert_eq!(
        estimate(&rd, &EnterpriseProfile::default()),
        Estimate::Range {
            min_yuan: 0.0,
            max_yuan: 1_000_000.0,
            missing: Some(Figure::RdSpend)
        }
    );
    // 0.5% of 3,500 万元 = 17.5 万元.
    let export = Amount::ExportShare {
        percent: 0.5,
        cap: Some(500_000.0),
    };
    assert_eq!(
        estimate(&export, &profile()),
        Estimate::Exact { yuan: 175_000.0 }
    );
    let uncapped = Amount::ExportShare {
        percent: 0.5,
        cap: None,
    };
    assert_eq!(
        estimate(&uncapped, &EnterpriseProfile::default()),
        Estimate::Unknown {
            missing: Figure::ExportVolume
        }
    );
    // Estimates are whole yuan: 0.3% of 3.3 万元 = 99 yuan, not 98.99999.
    let tiny = EnterpriseProfile {
        export_volume: Some(3.3),
        ..profile()
    };
    let share = Amount::ExportShare {
        percent: 0.3,
        cap: None,
    };
    assert_eq!(estimate(&share, &tiny), Estimate::Exact { yuan: 99.0 });
}

#[test]
fn upper_bounds_rank_estimates() {
    assert_eq!(Estimate::Exact { yuan: 5.0 }.upper_bound(), Some(5.0));
    let range = Estimate::Range {
        min_yuan: 1.0,
        max_yuan: 9.0,
        missing: None,
    };
    assert_eq!(range.upper_bound(), Some(9.0));
    assert_eq!(
        Estimate::Unknown {
            missing: Figure::RdSpend
        }
        .upper_bound(),
        None
    );
}

#[test]
fn amounts_and_estimates_in_words() {
    let cases = [
        (
            Amount::Fixed { yuan: 100_000.0 },
            "定额 10 万元",
            "a fixed ¥100,000",
        ),
        (
            Amount::Range {
                min_yuan: 100_000.0,
                max_yuan: 200_000.0,
            },
            "10 万元 至 20 万元",
            "¥100,000 to ¥200,000",
        ),
        (
            Amount::Range {
                min_yuan: 0.0,
                max_yuan: 50_000.0,
            },
            "最高 5 万元",
            "up to ¥50,000",
        ),
        (
            Amount::PerInsured {
                yuan: 300.0,
                cap: Some(500_000.0),
            },
            "按参保人数每人 300 元，最高 50 万元",
            "¥300 per insured employee, up to ¥500,000",
        ),
        (
            Amount::PerInsured {
                yuan: 300.0,
                cap: None,
            },
            "按参保人数每人 300 元",
            "¥300 per insured employee",
        ),
        (
            Amount::RdShare {
                percent: 10.0,
                cap: Some(1_000_000.0),
            },
            "按年研发投入的 10% 计，最高 100 万元",
            "10% of annual R&D spend, up to ¥1,000,000",
        ),
        (
            Amount::ExportShare {
                percent: 0.5,
                cap: None,
            },
            "按年进出口额的 0.5% 计",
            "0.5% of annual import/export volume",
        ),
    ];
    for (amount, zh, en) in cases {
        let d = amount.describe();
        assert_eq!((d.zh.as_str(), d.en.as_str()), (zh, en), "{amount:?}");
    }

    let words = |e: Estimate| {
        let d = e.describe();
        (d.zh, d.en)
    };
    assert_eq!(
        words(Estimate::Exact { yuan: 36_000.0 }),
        ("约 3.6 万元".into(), "about ¥36,000".into())
    );
    assert_eq!(
        words(Estimate::Range {
            min_yuan: 0.0,
            max_yuan: 50_000.0,
            missing: Some(Figure::InsuredHeadcount)
        }),
        (
            "最高 5 万元（需补充参保人数）".into(),
            "up to ¥50,000 (insured headcount needed)".into()
        )
    );
    assert_eq!(
        words(Estimate::Unknown {
            missing: Figure::RdSpend
        }),
        (
            "金额待定（需补充年研发投入）".into(),
            "amount unknown (annual R&D spend needed)".into()
        )
    );
}
