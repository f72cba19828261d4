use super::*;
use crate::time::Date;

fn position(sector: &str, min: u32, max: u32, edu: Education, exp: u8, posted: &str) -> Position {
    Position {
        employer_id: RecordId::generate(),
        fair_id: None,
        title: "平缝机工".into(),
        sector: sector.into(),
        headcount: 3,
        salary_min: min,
        salary_max: max,
        education: edu,
        experience_years: exp,
        location: "小李村".into(),
        benefits: vec![],
        description: String::new(),
        contact_name: String::new(),
        contact_phone: String::new(),
        posted_on: Date::parse(posted).unwrap(),
        sample: true,
    }
}

#[test]
fn query_pairs_round_trip_and_garbage_is_ignored() {
    let fair = RecordId::generate();
    let filter = PositionFilter {
        q: "fz".into(),
        sector: Some("纺织服装".into()),
        salary: Some(SALARY_BANDS[4]),
        education: Some(Education::HighSchool),
        experience: Some(0),
        fair: Some(fair),
        location: Some("小李村".into()),
        sort: SortOrder::Salary,
    };
    assert_eq!(PositionFilter::from_pairs(filter.to_pairs()), filter);
    let junk = PositionFilter::from_pairs([
        ("salary", "8000-4000"),
        ("edu", "phd"),
        ("exp", "-1"),
        ("fair", "not-an-id"),
        ("sort", "random"),
        ("sector", "  "),
        ("utm_source", "x"),
    ]);
    assert_eq!(junk, PositionFilter::default());
    assert!(!junk.has_filters());
    assert_eq!(junk.to_query(), "");
}

#[test]
fn query_strings_are_percent_encoded() {
    let filter = PositionFilter {
        sector: Some("纺织服装".into()),
        q: "a b&c".into(),
        ..PositionFilter::default()
    };
    assert_eq!(
        filter.to_query(),
        "?q=a%20b%26c&sector=%E7%BA%BA%E7%BB%87%E6%9C%8D%E8%A3%85"
    );
}

#[test]
fn salary_bands_overlap_position_ranges() {
    let p = position("物流仓储", 4500, 6500, Education::Any, 0, "2026-11-20");
    let keeps = |b: &SalaryBand| b.overlaps(&p);
    let kept: Vec<bool> = SALARY_BANDS.iter().map(keeps).collect();
    assert_eq!(kept, [false, true, true, false, false]);
    assert_eq!(SalaryBand::parse("12000-"), Some(SALARY_BANDS[4]));
    assert_eq!(SalaryBand::parse("-4000"), Some(SALARY_BANDS[0]));
    assert_eq!(SALARY_BANDS[0].label(Lang::Zh), "4000元以下");
    assert_eq!(SALARY_BANDS[1].label(Lang::Zh), "4000–6000元");
    assert_eq!(SALARY_BANDS[4].label(Lang::En), "¥12000 and up");
}

#[test]
fn every_field_narrows() {
    let p = position(
        "纺织服装",
        5000,
        7000,
        Education::HighSchool,
        2,
        "2026-11-20",
    );
    let yes = |f: PositionFilter| assert!(f.matches(&p), "{f:?}");
    let no = |f: PositionFilter| assert!(!f.matches(&p), "{f:?}");
    let base = PositionFilter::default;
    yes(base());
    yes(PositionFilter {
        sector: Some("纺织服装".into()),
        ..base()
    });
    no(PositionFilter {
        sector: Some("服务业".into()),
        ..base()
    });
    yes(PositionFilter {
        education: Some(Education::Bachelor),
        ..base()
    });
    yes(PositionFilter {
        education: Some(Education::HighSchool),
        ..base()
    });
    no(PositionFilter {
        education: Some(Education::JuniorHigh),
        ..base()
    });
    yes(PositionFilter {
        experience: Some(3),
        ..base()
    });
    no(PositionFilter {
        experience: Some(1),
        ..base()
    });
    no(PositionFilter {
        fair: Some(RecordId::generate()),
        ..base()
    });
    yes(PositionFilter {
        location: Some("小李村".into()),
        ..base()
    });
    no(PositionFilter {
        location: Some("庄头".into()),
        ..base()
    });
    no(PositionFilter {
        salary: Some(SALARY_BANDS[3]),
        ..base()
    });
}

#[test]
fn sorting_by_salary_and_by_date() {
    let list = [
        position("a", 3000, 5000, Education::Any, 0, "2026-11-25"),
        position("b", 6000, 9000, Education::Any, 0, "2026-10-01"),
        position("c", 4000, 9000, Education::Any, 0, "2026-11-01"),
    ];
    let mut items: Vec<(RecordId, &Position)> =
        list.iter().map(|p| (RecordId::generate(), p)).collect();
    let salary = PositionFilter {
        sort: SortOrder::Salary,
        ..PositionFilter::default()
    };
    salary.sort(&mut items, |t| *t);
    let sectors: Vec<&str> = items.iter().map(|(_, p)| p.sector.as_str()).collect();
    assert_eq!(sectors, ["b", "c", "a"]);
    PositionFilter::default().sort(&mut items, |t| *t);
    let sectors: Vec<&str> = items.iter().map(|(_, p)| p.sector.as_str()).collect();
    assert_eq!(sectors, ["a", "c", "b"]);
}

#[test]
fn facets_count_and_order() {
    let facets = facet_values([
        "服务业",
        "纺织服装",
        "服务业",
        "",
        "先进制造",
        "纺织服装",
        "服务业",
    ]);
    assert_eq!(
        facets,
        [
            ("服务业".to_owned(), 3),
            ("纺织服装".to_owned(), 2),
            ("先进制造".to_owned(), 1)
        ]
    );
}
