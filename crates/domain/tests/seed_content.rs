//! The demo seed content tells a coherent story: the five fairs the office ran,
//! employers and positions that reference them, the enterprise ledger with the
//! firms the article names, and the key projects with milestones in every state
//! as of the demo's "today", 2026-11-26.
//!
//! `seed_files.rs` checks that each record validates; this file checks what the
//! records say and that they reference each other.

use domain::ids::RecordId;
use domain::records::{
    decode, Employer, Enterprise, Fair, FairKind, Position, Project, ProjectLevel, ProjectStatus,
    Qualification, RecordData,
};
use domain::time::Date;
use domain::validate::CreditCode;
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

fn today() -> Date {
    Date::parse("2026-11-26").unwrap()
}

/// Reads `crates/server/seed/<name>.json` as `(id, record)` pairs, in file order.
fn load<T: RecordData>(name: &str) -> Vec<(RecordId, T)> {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("../server/seed/{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let records: Vec<Value> =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}.json: {e}"));
    records
        .into_iter()
        .map(|mut v| {
            let id = v
                .as_object_mut()
                .and_then(|m| m.remove("id"))
                .expect("record has an id");
            let id: RecordId = id
                .as_str()
                .expect("id is a string")
                .parse()
                .expect("id is a uuid");
            let record =
                decode::<T>(&v).unwrap_or_else(|e| panic!("{name}.json {id}: {}", e.bilingual()));
            (id, record)
        })
        .collect()
}

fn fairs() -> Vec<(RecordId, Fair)> {
    load("fairs")
}
fn employers() -> Vec<(RecordId, Employer)> {
    load("employers")
}
fn positions() -> Vec<(RecordId, Position)> {
    load("positions")
}
fn enterprises() -> Vec<(RecordId, Enterprise)> {
    load("enterprises")
}
fn projects() -> Vec<(RecordId, Project)> {
    load("projects")
}

#[test]
fn the_five_fairs_the_office_ran_some_past_some_upcoming() {
    let fairs = fairs();
    assert_eq!(fairs.len(), 5);
    for name in [
        "春风送岗招聘会",
        "高校毕业生就业双选会",
        "先进制造业专场招聘会",
        "纺织服装业专场招聘会",
        "服务业专场招聘会",
    ] {
        let n = fairs.iter().filter(|(_, f)| f.name.contains(name)).count();
        assert_eq!(n, 1, "exactly one fair named {name}");
    }
    let kinds: HashSet<FairKind> = fairs.iter().map(|(_, f)| f.kind).collect();
    for kind in [
        FairKind::Spring,
        FairKind::Graduate,
        FairKind::Manufacturing,
        FairKind::Textile,
        FairKind::Service,
    ] {
        assert!(kinds.contains(&kind), "{kind:?}");
    }
    // The service-sector fair is the online one, and the only one.
    for (_, f) in &fairs {
        assert_eq!(f.is_online(), f.kind == FairKind::Service, "{}", f.name);
        assert_eq!(
            f.venue.is_empty(),
            f.is_online(),
            "{}: venue xor link",
            f.name
        );
        assert!(
            f.sample && !f.sectors.is_empty() && !f.description.is_empty(),
            "{}",
            f.name
        );
        assert!(f.start_time < f.end_time, "{}", f.name);
    }
    let past: Vec<_> = fairs.iter().filter(|(_, f)| f.date < today()).collect();
    let upcoming: Vec<_> = fairs.iter().filter(|(_, f)| f.date > today()).collect();
    assert_eq!(past.len(), 3, "three fairs already held in 2026");
    assert!(past.iter().all(|(_, f)| f.date.year() == 2026));
    assert_eq!(upcoming.len(), 2, "two fairs still to come");
    let (window_start, window_end) = (
        Date::parse("2026-12-01").unwrap(),
        Date::parse("2027-03-31").unwrap(),
    );
    assert!(upcoming
        .iter()
        .all(|(_, f)| (window_start..=window_end).contains(&f.date)));
}

#[test]
fn employers_are_typical_of_jimo_and_reference_real_fairs() {
    let fair_ids: HashSet<RecordId> = fairs().into_iter().map(|(id, _)| id).collect();
    let employers = employers();
    assert!(employers.len() >= 40, "{} employers", employers.len());
    for needle in [
        "即发集团",
        "仁成海绵",
        "即墨区瑞祥昌隆服装辅料店",
        "即墨区新林辉布业店",
    ] {
        assert!(
            employers.iter().any(|(_, e)| e.name.contains(needle)),
            "{needle}"
        );
    }
    let sectors: BTreeMap<&str, usize> = employers.iter().fold(BTreeMap::new(), |mut m, (_, e)| {
        *m.entry(e.sector.as_str()).or_default() += 1;
        m
    });
    for sector in ["纺织服装", "先进制造", "海绵制品", "物流仓储", "服务业"] {
        assert!(
            sectors.get(sector).copied().unwrap_or(0) >= 3,
            "sector {sector}: {sectors:?}"
        );
    }
    assert!(
        sectors["纺织服装"] >= 10,
        "Jimo is a garment town: {sectors:?}"
    );
    let names: HashSet<&str> = employers.iter().map(|(_, e)| e.name.as_str()).collect();
    assert_eq!(names.len(), employers.len(), "employer names are unique");
    for (_, e) in &employers {
        assert!(e.sample, "{}", e.name);
        assert!(!e.fair_ids.is_empty(), "{} attends no fair", e.name);
        for f in &e.fair_ids {
            assert!(fair_ids.contains(f), "{}: unknown fair {f}", e.name);
        }
        assert!(
            !e.contact_name.is_empty() && !e.contact_phone.is_empty(),
            "{}",
            e.name
        );
        assert!(
            e.location.contains("通济街道"),
            "{}: {}",
            e.name,
            e.location
        );
    }
}

#[test]
fn positions_reference_their_employer_and_one_of_its_fairs() {
    let fairs = fairs();
    let employers: BTreeMap<RecordId, Employer> = employers().into_iter().collect();
    let positions = positions();
    assert!(positions.len() >= 300, "{} positions", positions.len());
    let mut per_fair: BTreeMap<RecordId, usize> = BTreeMap::new();
    let mut per_employer: BTreeMap<RecordId, usize> = BTreeMap::new();
    let earliest = today().add_days(-61);
    for (id, p) in &positions {
        let employer = employers
            .get(&p.employer_id)
            .unwrap_or_else(|| panic!("{id}: unknown employer"));
        *per_employer.entry(p.employer_id).or_default() += 1;
        assert_eq!(p.sector, employer.sector, "{id}");
        if let Some(fair) = p.fair_id {
            assert!(
                employer.fair_ids.contains(&fair),
                "{id}: {} is not at that fair",
                employer.name
            );
            *per_fair.entry(fair).or_default() += 1;
        }
        assert!(
            p.posted_on >= earliest && p.posted_on <= today(),
            "{id}: posted {}",
            p.posted_on
        );
        assert!(
            p.salary_min >= 3000 && p.salary_max <= 16_000 && p.salary_min < p.salary_max,
            "{id}"
        );
        assert!(
            !p.benefits.is_empty() && !p.description.is_empty() && p.sample,
            "{id}"
        );
        assert!(p.headcount >= 1 && p.headcount <= 50, "{id}");
    }
    for (id, f) in &fairs {
        assert!(
            per_fair.get(id).copied().unwrap_or(0) >= 10,
            "{} has too few positions",
            f.name
        );
    }
    for (id, e) in &employers {
        assert!(
            per_employer.contains_key(id),
            "{} offers no position",
            e.name
        );
    }
    let titles: HashSet<&str> = positions.iter().map(|(_, p)| p.title.as_str()).collect();
    for t in [
        "平缝机工",
        "套口工",
        "跟单员",
        "打版师",
        "CNC操作工",
        "焊工",
        "叉车司机",
        "快递分拣员",
        "海绵切割工",
        "发泡工",
        "会计",
        "外贸业务员（日语）",
        "技术研发工程师",
        "养老护理员",
        "厨师",
        "导购",
    ] {
        assert!(titles.contains(t), "no {t}");
    }
    // Engineers earn more than operatives, as in Qingdao in 2026.
    let avg = |title: &str| {
        let xs: Vec<_> = positions
            .iter()
            .filter(|(_, p)| p.title == title)
            .map(|(_, p)| p.salary_max)
            .collect();
        xs.iter().sum::<u32>() / xs.len() as u32
    };
    assert!(avg("技术研发工程师") > avg("CNC操作工") && avg("CNC操作工") > avg("包装工"));
}

#[test]
fn the_ledger_has_the_named_firms_valid_credit_codes_and_work_for_staff() {
    let enterprises = enterprises();
    assert!(enterprises.len() >= 60, "{} enterprises", enterprises.len());
    let by_name = |needle: &str| {
        enterprises
            .iter()
            .find(|(_, e)| e.name.contains(needle))
            .map(|(_, e)| e)
            .unwrap_or_else(|| panic!("{needle}"))
    };
    assert!(by_name("即发集团").export_volume.unwrap_or(0.0) > 0.0);
    by_name("仁成海绵");
    for individual in ["即墨区瑞祥昌隆服装辅料店", "即墨区新林辉布业店"] {
        let e = by_name(individual);
        assert!(
            e.enrolled && e.community == "小李村",
            "{individual} newly enrolled, in 小李村"
        );
        assert!(
            e.credit_code.starts_with("92370282"),
            "{individual}: individual business in 即墨区"
        );
        assert!(e.notes.contains("新纳统"));
    }
    let mut codes = HashSet::new();
    for (_, e) in &enterprises {
        let code =
            CreditCode::parse(&e.credit_code).unwrap_or_else(|p| panic!("{}: {p:?}", e.name));
        assert!(
            codes.insert(code.as_str().to_owned()),
            "{}: duplicate credit code",
            e.name
        );
        assert_eq!(
            &e.credit_code[2..8],
            "370282",
            "{}: region code of 即墨区",
            e.name
        );
        // 91 companies, 92 individual businesses, 93 farmers' cooperatives.
        let expected_prefix = if e.name.contains("有限公司") {
            "91"
        } else if e.name.contains("合作社") {
            "93"
        } else {
            "92"
        };
        assert!(
            e.credit_code.starts_with(expected_prefix),
            "{}: {}",
            e.name,
            e.credit_code
        );
        if let (Some(revenue), Some(band)) = (e.annual_revenue, e.revenue_band) {
            let (lo, hi) = band.range();
            assert!(
                revenue >= lo && hi.is_none_or(|hi| revenue < hi),
                "{}: {revenue} not in {band:?}",
                e.name
            );
        }
        if let (Some(insured), Some(total)) = (e.insured_headcount, e.employees) {
            assert!(insured <= total, "{}", e.name);
        }
        assert!(e.sample);
    }
    // Every employer at the fairs is also in the ledger.
    for (_, employer) in employers() {
        assert!(
            enterprises.iter().any(|(_, e)| e.name == employer.name),
            "{} missing from the ledger",
            employer.name
        );
    }
    // Enrolment candidates: above the 2,000 万元 threshold but not yet enrolled.
    let candidates: Vec<&str> = enterprises
        .iter()
        .filter(|(_, e)| !e.enrolled && e.annual_revenue.is_some_and(|r| r >= 2000.0))
        .map(|(_, e)| e.name.as_str())
        .collect();
    assert!(
        candidates.len() >= 3,
        "enrolment candidates: {candidates:?}"
    );
    assert!(
        enterprises.iter().any(|(_, e)| e.enrolled) && enterprises.iter().any(|(_, e)| !e.enrolled)
    );
    // Foreign-trade firms whose export volume staff verified.
    let exporters = enterprises
        .iter()
        .filter(|(_, e)| {
            e.export_volume.is_some_and(|v| v > 0.0)
                && e.qualifications.contains(&Qualification::ForeignTrade)
        })
        .count();
    assert!(exporters >= 8, "{exporters} exporters");
    for q in [
        Qualification::HighTech,
        Qualification::Specialised,
        Qualification::TechSme,
        Qualification::AboveScale,
    ] {
        assert!(
            enterprises
                .iter()
                .any(|(_, e)| e.qualifications.contains(&q)),
            "{q:?}"
        );
    }
    // Some figures are missing on purpose, so the policy matcher says "possibly eligible".
    let missing = enterprises
        .iter()
        .filter(|(_, e)| {
            e.annual_revenue.is_none()
                || e.employees.is_none()
                || e.insured_headcount.is_none()
                || e.rd_spend.is_none()
        })
        .count();
    assert!(
        (3..=15).contains(&missing),
        "{missing} enterprises with missing figures"
    );
    assert!(enterprises
        .iter()
        .any(|(_, e)| e.annual_revenue.is_none() && e.revenue_band.is_some()));
}

/// Where a milestone stands on `today`.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Clone, Copy)]
enum State {
    DoneOnTime,
    DoneLate,
    DueWithin30Days,
    Slipping,
    Later,
}

fn state(planned: Date, actual: Option<Date>) -> State {
    match actual {
        Some(a) if a <= planned => State::DoneOnTime,
        Some(_) => State::DoneLate,
        None if planned < today() => State::Slipping,
        None if today().days_until(planned) <= 30 => State::DueWithin30Days,
        None => State::Later,
    }
}

#[test]
fn projects_cover_the_key_projects_and_the_other_works_with_milestones_in_every_state() {
    let projects = projects();
    let key = projects
        .iter()
        .filter(|(_, p)| p.level != ProjectLevel::Other)
        .count();
    assert_eq!(key, 9, "the nine key projects");
    for level in [
        ProjectLevel::CityKey,
        ProjectLevel::DistrictKey,
        ProjectLevel::Preparatory,
        ProjectLevel::PublicWelfare,
        ProjectLevel::NationalBond,
    ] {
        assert!(projects.iter().any(|(_, p)| p.level == level), "{level:?}");
    }
    for (work, figure) in [
        ("下泊安置区", "11.8万平方米"),
        ("老旧小区", "4281户"),
        ("黄家埠南美丽乡村", ""),
        ("郭庄社区2600亩", "2600亩"),
        ("蓝谷至机场快速路", ""),
        ("地铁7号线", ""),
        ("墨水河流域", "西流峰河、小李村河、龙湾河"),
        ("充电桩", "1500"),
        ("下泊小学", ""),
        ("通济中心小学厕所", ""),
        ("庄头小学", ""),
    ] {
        let (_, p) = projects
            .iter()
            .find(|(_, p)| p.name.contains(work))
            .unwrap_or_else(|| panic!("{work}"));
        assert!(
            p.description.contains(figure),
            "{work}: description lacks {figure}"
        );
    }
    let mut states: BTreeMap<State, Vec<String>> = BTreeMap::new();
    let mut item_ids = HashSet::new();
    for (_, p) in &projects {
        assert!((3..=5).contains(&p.milestones.len()), "{}", p.name);
        assert!((1..=3).contains(&p.updates.len()), "{}", p.name);
        assert!(p.sample);
        for pair in p.milestones.windows(2) {
            assert!(
                pair[0].planned < pair[1].planned,
                "{}: milestones in order",
                p.name
            );
        }
        for m in &p.milestones {
            assert!(item_ids.insert(m.id), "duplicate id {}", m.id);
            assert!(
                m.actual.is_none_or(|a| a <= today()),
                "{}: {} reached in the future",
                p.name,
                m.name
            );
            states
                .entry(state(m.planned, m.actual))
                .or_default()
                .push(format!("{}：{}", p.name, m.name));
        }
        for b in &p.blockers {
            assert!(
                item_ids.insert(b.id) && !b.department.is_empty() && b.raised_on <= today(),
                "{}",
                p.name
            );
        }
        for u in &p.updates {
            assert!(
                item_ids.insert(u.id) && u.date <= today() && u.photos.is_empty(),
                "{}",
                p.name
            );
        }
        let all_done = p.milestones.iter().all(|m| m.actual.is_some());
        assert_eq!(p.status == ProjectStatus::Completed, all_done, "{}", p.name);
    }
    for s in [
        State::DoneOnTime,
        State::DoneLate,
        State::DueWithin30Days,
        State::Slipping,
        State::Later,
    ] {
        assert!(
            states.get(&s).is_some_and(|v| v.len() >= 3),
            "{s:?}: {:?}",
            states.get(&s)
        );
    }
    let slipping = &states[&State::Slipping];
    assert!(
        slipping.len() <= 8,
        "a few slipping, not most: {slipping:?}"
    );
    let open_blockers = projects
        .iter()
        .flat_map(|(_, p)| &p.blockers)
        .filter(|b| !b.resolved)
        .count();
    let departments: HashSet<&str> = projects
        .iter()
        .flat_map(|(_, p)| &p.blockers)
        .map(|b| b.department.as_str())
        .collect();
    assert!(
        open_blockers >= 3
            && departments.contains("即墨区住房和城乡建设局")
            && departments.contains("青岛市自然资源和规划局即墨分局")
    );
}
