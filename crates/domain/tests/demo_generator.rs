//! The demo generator makes benchmark-sized data sets that are valid, varied,
//! consistent with their employers and fairs, and exactly reproducible.

use domain::demo::{
    anchor_date, employer_fairs, employer_sector, generate_employers, generate_positions,
    POSTING_WINDOW_DAYS,
};
use domain::ids::RecordId;
use domain::records::{encode, validate_data, Education, Employer, Position, RecordData};
use std::collections::{BTreeMap, HashMap, HashSet};

const BENCH: usize = 10_000;

/// The ids of the five seed fairs, so generated positions can hang off them.
fn seed_fairs() -> Vec<RecordId> {
    let text = include_str!("../../server/seed/fairs.json");
    let fairs: Vec<serde_json::Value> = serde_json::from_str(text).expect("fairs.json");
    fairs
        .iter()
        .map(|f| f["id"].as_str().unwrap().parse().unwrap())
        .collect()
}

/// Generated employers and the positions they offer.
type DataSet = (Vec<(RecordId, Employer)>, Vec<(RecordId, Position)>);

fn data_set(seed: u64) -> DataSet {
    let fairs = seed_fairs();
    let employers = generate_employers(300, seed, &fairs);
    let ids: Vec<RecordId> = employers.iter().map(|(id, _)| *id).collect();
    let positions = generate_positions(BENCH, seed, &ids, &fairs);
    (employers, positions)
}

#[test]
fn ten_thousand_positions_all_validate_with_unique_v7_ids() {
    let (employers, positions) = data_set(42);
    assert_eq!(positions.len(), BENCH);
    let mut ids = HashSet::new();
    for (id, p) in &positions {
        assert_eq!(p.validate(), Ok(()), "{id}");
        // The same check the server runs on a pushed record (decode + validate).
        assert_eq!(
            validate_data(Position::COLLECTION, &encode(p)),
            Ok(()),
            "{id}"
        );
        assert_eq!(id.as_uuid().get_version_num(), 7, "{id}");
        assert!(ids.insert(*id), "duplicate id {id}");
    }
    for (id, e) in &employers {
        assert_eq!(e.validate(), Ok(()), "{id}");
        assert!(ids.insert(*id), "employer id {id} collides");
    }
}

#[test]
fn same_seed_same_output_and_different_seed_different_output() {
    let (employers_a, positions_a) = data_set(7);
    let (employers_b, positions_b) = data_set(7);
    assert_eq!(employers_a, employers_b);
    assert_eq!(positions_a, positions_b);
    let (employers_c, positions_c) = data_set(8);
    assert_ne!(employers_a, employers_c);
    let ids_a: HashSet<RecordId> = positions_a.iter().map(|(id, _)| *id).collect();
    let shared = positions_c
        .iter()
        .filter(|(id, _)| ids_a.contains(id))
        .count();
    assert_eq!(shared, 0, "another seed gives other ids");
    let same_titles = positions_a
        .iter()
        .zip(&positions_c)
        .filter(|(a, c)| a.1.title == c.1.title)
        .count();
    assert!(
        same_titles < BENCH / 4,
        "another seed gives other content ({same_titles} titles in place)"
    );
    // A prefix of a longer run is the shorter run.
    let ids: Vec<RecordId> = employers_a.iter().map(|(id, _)| *id).collect();
    assert_eq!(
        generate_positions(50, 7, &ids, &seed_fairs()),
        positions_a[..50]
    );
}

#[test]
fn positions_agree_with_their_generated_employers_and_fairs() {
    let fairs = seed_fairs();
    let (employers, positions) = data_set(1);
    let employers: HashMap<RecordId, Employer> = employers.into_iter().collect();
    let mut without_fair = 0;
    for (id, p) in &positions {
        let employer = &employers[&p.employer_id];
        assert_eq!(p.sector, employer.sector, "{id}");
        assert_eq!(p.sector, employer_sector(p.employer_id));
        match p.fair_id {
            Some(fair) => assert!(
                employer.fair_ids.contains(&fair) && fairs.contains(&fair),
                "{id}"
            ),
            None => without_fair += 1,
        }
    }
    assert!(
        (BENCH / 50..BENCH / 5).contains(&without_fair),
        "{without_fair} positions without a fair"
    );
    for (id, e) in &employers {
        assert_eq!(e.fair_ids, employer_fairs(*id, &fairs));
        assert!((1..=3).contains(&e.fair_ids.len()));
        assert!(
            e.name.starts_with("青岛")
                && e.name.ends_with("有限公司")
                && e.location.contains("通济街道")
        );
    }
    // No fairs: no position is tied to one.
    let ids: Vec<RecordId> = employers.keys().copied().collect();
    assert!(generate_positions(200, 1, &ids, &[])
        .iter()
        .all(|(_, p)| p.fair_id.is_none()));
    assert!(
        generate_positions(10, 1, &[], &fairs).is_empty(),
        "no employer, no position"
    );
}

#[test]
fn generated_positions_are_varied_and_realistic() {
    let (_, positions) = data_set(2024);
    let today = anchor_date();
    let count = |f: &dyn Fn(&Position) -> String| {
        positions
            .iter()
            .fold(BTreeMap::<String, usize>::new(), |mut m, (_, p)| {
                *m.entry(f(p)).or_default() += 1;
                m
            })
    };
    let sectors = count(&|p| p.sector.clone());
    assert_eq!(sectors.len(), 6, "{sectors:?}");
    assert!(
        sectors.values().all(|&n| n > BENCH / 20),
        "every sector well represented: {sectors:?}"
    );
    assert!(count(&|p| p.title.clone()).len() >= 50);
    assert!(count(&|p| p.location.clone()).len() >= 8);
    assert!(count(&|p| format!("{:?}", p.education)).len() >= 5);
    assert!(count(&|p| p.posted_on.to_string()).len() as i64 > POSTING_WINDOW_DAYS - 5);
    for (id, p) in &positions {
        let age = p.posted_on.days_until(today);
        assert!(
            (0..=POSTING_WINDOW_DAYS).contains(&age),
            "{id}: posted {}",
            p.posted_on
        );
        assert!(
            p.salary_min >= 3000 && p.salary_max <= 16_000 && p.salary_min < p.salary_max,
            "{id}"
        );
        assert!((3..=5).contains(&p.benefits.len()), "{id}");
        let unique: HashSet<&String> = p.benefits.iter().collect();
        assert_eq!(unique.len(), p.benefits.len(), "{id}: repeated benefit");
        assert!(p.sample && !p.contact_name.is_empty() && !p.contact_phone.is_empty());
        if p.education >= Education::Bachelor {
            assert!(
                p.salary_max >= 9000,
                "{id}: {} with a degree pays {}",
                p.title,
                p.salary_max
            );
        }
    }
}
