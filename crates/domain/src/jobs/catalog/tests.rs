//! The catalog over the seed-like demo generator: search by pinyin and
//! initials, filters combined with search, orders, and the cost of a
//! keystroke at 10,000 positions.

use super::*;
use crate::demo::{generate_employers, generate_positions};
use crate::jobs::SALARY_BANDS;
use crate::search::segments;

fn demo(count: usize) -> Catalog {
    let employers = generate_employers(60, 11, &[]);
    let ids: Vec<RecordId> = employers.iter().map(|(id, _)| *id).collect();
    let positions = generate_positions(count, 11, &ids, &[]);
    Catalog::build(positions, employers.into_iter().map(|(id, e)| (id, e.name)))
}

fn search(catalog: &Catalog, q: &str) -> Listing {
    let filter = PositionFilter {
        q: q.into(),
        ..PositionFilter::default()
    };
    catalog.query(&filter, &mut Narrowing::default(), 20)
}

#[test]
fn without_search_text_the_newest_come_first() {
    let catalog = demo(300);
    let listing = catalog.query(&PositionFilter::default(), &mut Narrowing::default(), 20);
    assert_eq!(listing.total, 300);
    assert_eq!(listing.items.len(), 20);
    let dates: Vec<_> = listing
        .items
        .iter()
        .map(|i| catalog.position(i.id).unwrap().posted_on)
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    assert!(listing.items.iter().all(|i| i.highlights.is_empty()));
    let first: Vec<RecordId> = catalog.newest().take(20).map(|(id, _)| id).collect();
    assert_eq!(
        listing.items.iter().map(|i| i.id).collect::<Vec<_>>(),
        first
    );
}

#[test]
fn chinese_full_pinyin_and_initials_find_the_same_titles_first() {
    let catalog = demo(500);
    let (hanzi, pinyin, initials) = (
        search(&catalog, "平缝"),
        search(&catalog, "pingfeng"),
        search(&catalog, "pf"),
    );
    assert!(hanzi.total > 0, "the generator has 平缝机工 jobs");
    assert!(pinyin.total >= hanzi.total && initials.total >= pinyin.total);
    for listing in [&hanzi, &pinyin] {
        let item = &listing.items[0];
        let title = &catalog.position(item.id).unwrap().title;
        let marked: Vec<&str> = segments(title, item.ranges(field::TITLE))
            .into_iter()
            .filter(|(_, m)| *m)
            .map(|(s, _)| s)
            .collect();
        assert_eq!(marked, ["平缝"], "{title}");
    }
}

#[test]
fn employer_names_are_searchable_and_highlighted() {
    let catalog = demo(200);
    let (_, p) = catalog.newest().next().unwrap();
    let employer = catalog.employer_name(p.employer_id).unwrap().to_owned();
    // The brand after 青岛 (two hanzi) is distinctive enough.
    let brand: String = employer.chars().skip(2).take(2).collect();
    let listing = search(&catalog, &brand);
    let hit = listing
        .items
        .iter()
        .find(|i| catalog.position(i.id).unwrap().employer_id == p.employer_id)
        .expect("the employer's positions are found by its name");
    assert!(!hit.ranges(field::EMPLOYER).is_empty());
}

#[test]
fn filters_apply_to_search_hits_and_totals() {
    let catalog = demo(1000);
    let all = search(&catalog, "g");
    let filter = PositionFilter {
        q: "g".into(),
        salary: Some(SALARY_BANDS[3]),
        ..PositionFilter::default()
    };
    let listing = catalog.query(&filter, &mut Narrowing::default(), 10);
    assert!(
        listing.total > 0 && listing.total < all.total,
        "{} of {}",
        listing.total,
        all.total
    );
    assert!(listing.items.len() <= 10);
    for item in &listing.items {
        assert!(SALARY_BANDS[3].overlaps(catalog.position(item.id).unwrap()));
        assert!(!item.highlights.is_empty());
    }
    // Counting by hand agrees: every hit of the plain search, filtered.
    let every = catalog.query(
        &PositionFilter {
            q: "g".into(),
            ..PositionFilter::default()
        },
        &mut Narrowing::default(),
        usize::MAX,
    );
    let by_hand = every
        .items
        .iter()
        .filter(|i| filter.matches(p_of(&catalog, i.id)))
        .count();
    assert_eq!(by_hand, listing.total);
}

fn p_of(catalog: &Catalog, id: RecordId) -> &Position {
    catalog.position(id).unwrap()
}

#[test]
fn salary_order_applies_to_search_results() {
    let catalog = demo(800);
    let filter = PositionFilter {
        q: "gong".into(),
        sort: SortOrder::Salary,
        ..PositionFilter::default()
    };
    let listing = catalog.query(&filter, &mut Narrowing::default(), 30);
    let salaries: Vec<u32> = listing
        .items
        .iter()
        .map(|i| p_of(&catalog, i.id).salary_max)
        .collect();
    assert!(salaries.windows(2).all(|w| w[0] >= w[1]), "{salaries:?}");
    assert_eq!(listing.total, search(&catalog, "gong").total);
}

#[test]
fn narrowing_while_typing_gives_the_same_answers() {
    let catalog = demo(2000);
    let mut typing = Narrowing::default();
    let mut filter = PositionFilter::default();
    for q in ["c", "ch", "che", "chej", "chejian", "chej", "cj"] {
        filter.q = q.into();
        let typed = catalog.query(&filter, &mut typing, 25);
        assert_eq!(
            typed,
            catalog.query(&filter, &mut Narrowing::default(), 25),
            "{q}"
        );
    }
}

#[test]
fn a_keystroke_at_ten_thousand_positions_is_quick() {
    // Measured, not a benchmark: a generous bound that only catches an
    // accidental rebuild or quadratic step (debug builds are ~10x slower).
    let started = std::time::Instant::now();
    let catalog = demo(10_000);
    let built = started.elapsed();
    let mut typing = Narrowing::default();
    let mut filter = PositionFilter {
        sector: Some("纺织服装".into()),
        ..PositionFilter::default()
    };
    let started = std::time::Instant::now();
    for q in ["p", "pi", "pin", "ping", "pingf", "pingfeng"] {
        filter.q = q.into();
        let one = std::time::Instant::now();
        let listing = catalog.query(&filter, &mut typing, 50);
        eprintln!("{q}: {} hits in {:?}", listing.total, one.elapsed());
        assert!(listing.total > 0, "{q}");
    }
    let typed = started.elapsed() / 6;
    eprintln!("10,000 positions: built in {built:?}, {typed:?} per keystroke (with a filter)");
    assert!(typed.as_millis() < 500, "{typed:?}");
}
