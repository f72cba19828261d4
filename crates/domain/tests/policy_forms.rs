//! The policy forms against the demo seed: every seed guide survives the
//! editor unchanged (except losing its 示例 mark), and profile A typed into
//! the matcher form gives the split documented in `policy_seed.rs`.

use domain::ids::RecordId;
use domain::policy::form::{GuideForm, ProfileForm};
use domain::policy::{evaluate, match_policies};
use domain::records::{decode, EnterpriseSize, Policy, RevenueBand};
use domain::time::Date;
use serde_json::Value;
use std::collections::HashMap;
use std::path::PathBuf;

fn guides() -> Vec<(RecordId, Policy)> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../server/seed/policies.json");
    let records: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    records
        .into_iter()
        .map(|mut r| {
            let id: RecordId = r["id"].as_str().unwrap().parse().unwrap();
            r.as_object_mut().unwrap().remove("id");
            (id, decode(&r).unwrap())
        })
        .collect()
}

#[test]
fn every_seed_guide_survives_the_editor() {
    for (id, guide) in guides() {
        let form = GuideForm::from_policy(&guide);
        let back = form.to_policy().unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(
            back,
            Policy {
                sample: false,
                ..guide
            },
            "{id}"
        );
        // And through a draft save.
        let json = serde_json::to_string(&form).unwrap();
        assert_eq!(serde_json::from_str::<GuideForm>(&json).unwrap(), form);
    }
}

#[test]
fn profile_a_typed_into_the_matcher_gives_the_documented_split() {
    let typed = ProfileForm {
        industry: "纺织服装".into(),
        community: "小李村".into(),
        size: Some(EnterpriseSize::Micro),
        enrolled: Some(false),
        revenue_band: Some(RevenueBand::Below500),
        annual_revenue: "380".into(),
        employees: "18".into(),
        insured_headcount: "12".into(),
        founded_year: "2019".into(),
        rd_spend: "0".into(),
        export_volume: "0".into(),
        qualifications: Some(vec![]),
    };
    // As the page does: to the URL and back, then parse.
    let url: HashMap<&str, String> = typed.to_query().into_iter().collect();
    let form = ProfileForm::from_query(|k| url.get(k).cloned()).unwrap();
    let today = Date::parse("2026-11-26").unwrap();
    let profile = form.parse(today).unwrap();
    let all = guides();
    let mut split = [0usize; 3];
    for (_, g) in &all {
        split[usize::from(evaluate(&g.conditions, &profile, today).rank())] += 1;
    }
    assert_eq!(split, [18, 0, 27]);
    let report = match_policies(all.iter().map(|(id, g)| (*id, g)), &profile, today);
    let c = report.counts();
    assert_eq!(
        (c.eligible, c.possibly_eligible, c.not_eligible, c.expired),
        (18, 0, 25, 2)
    );
}
