//! The demo content seeded on the first start of an empty database.
//!
//! The files in `crates/server/seed/` are embedded in the binary. Each is an
//! array of `{"id": <uuid>, ...fields}` for the collection of the same name.
//! Every record is validated with the domain rules before anything is
//! stored (a bad seed file stops the server), then all are written at
//! revision 1 in one transaction that also sets a "seeded" flag, so seeding
//! happens once and never overwrites a record edited later.

use anyhow::Context;
use domain::collection::Collection;
use domain::ids::RecordId;
use domain::records::validate_data;
use serde_json::Value;

use crate::clock;
use crate::store::{SeedRecord, Store};

/// The seed files, in loading order (categories before the guides that
/// reference them, fairs and employers before positions).
pub const SEED_FILES: [(Collection, &str); 7] = [
    (
        Collection::PolicyCategories,
        include_str!("../seed/policy_categories.json"),
    ),
    (Collection::Policies, include_str!("../seed/policies.json")),
    (Collection::Fairs, include_str!("../seed/fairs.json")),
    (
        Collection::Employers,
        include_str!("../seed/employers.json"),
    ),
    (
        Collection::Positions,
        include_str!("../seed/positions.json"),
    ),
    (
        Collection::Enterprises,
        include_str!("../seed/enterprises.json"),
    ),
    (Collection::Projects, include_str!("../seed/projects.json")),
];

/// Parses and validates seed files.
pub fn parse(files: &[(Collection, &str)]) -> anyhow::Result<Vec<SeedRecord>> {
    let mut out = Vec::new();
    for (collection, text) in files {
        let items: Vec<Value> = serde_json::from_str(text)
            .with_context(|| format!("seed/{collection}.json is not a JSON array"))?;
        for (index, mut item) in items.into_iter().enumerate() {
            let id = item
                .as_object_mut()
                .and_then(|m| m.remove("id"))
                .and_then(|v| v.as_str().and_then(|s| s.parse::<RecordId>().ok()))
                .with_context(|| {
                    format!("seed/{collection}.json item {index}: missing or invalid \"id\"")
                })?;
            validate_data(*collection, &item).map_err(|e| {
                anyhow::anyhow!("seed/{collection}.json record {id}: {}", e.bilingual())
            })?;
            out.push(SeedRecord {
                collection: *collection,
                id,
                data: item,
            });
        }
    }
    Ok(out)
}

/// Seeds the embedded demo content unless the database was seeded before.
/// Returns how many records were offered (0 when it had been seeded).
pub async fn run<S: Store>(store: &S) -> anyhow::Result<usize> {
    seed_with(store, &SEED_FILES).await
}

/// Seeds the given files (tests use their own).
pub async fn seed_with<S: Store>(store: &S, files: &[(Collection, &str)]) -> anyhow::Result<usize> {
    let records = parse(files)?;
    let seeded = store.put_seed(&records, clock::now()).await?;
    Ok(if seeded { records.len() } else { 0 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_seed_files_are_valid() {
        let records = parse(&SEED_FILES).expect("embedded seed validates");
        let mut ids = std::collections::HashSet::new();
        assert!(
            records.iter().all(|r| ids.insert(r.id)),
            "seed ids are unique"
        );
    }

    #[test]
    fn a_bad_seed_is_an_error() {
        let bad = [(
            Collection::Fairs,
            r#"[{"id": "01936f3e-7a3c-7cc0-8000-000000000001", "name": ""}]"#,
        )];
        assert!(parse(&bad).is_err());
        let no_id = [(Collection::Fairs, r#"[{"name": "x"}]"#)];
        assert!(parse(&no_id).is_err());
    }
}
