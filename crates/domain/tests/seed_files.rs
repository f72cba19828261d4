//! Every record in the server's demo seed files must pass the same validation
//! the server applies to pushed records.

use domain::collection::Collection;
use domain::records::validate_data;
use serde_json::Value;
use std::collections::HashSet;
use std::path::PathBuf;

fn seed_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../server/seed")
}

#[test]
fn every_seed_record_validates_and_ids_are_unique() {
    let mut ids = HashSet::new();
    let mut files = 0;
    for entry in std::fs::read_dir(seed_dir()).expect("seed dir") {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        files += 1;
        let stem = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let collection: Collection = stem
            .parse()
            .unwrap_or_else(|_| panic!("{stem}.json is not a collection"));
        let text = std::fs::read_to_string(&path).unwrap();
        let records: Vec<Value> =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{stem}.json: {e}"));
        for mut record in records {
            let id = record
                .as_object_mut()
                .and_then(|m| m.remove("id"))
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_else(|| panic!("{stem}.json: record without id"));
            assert!(
                uuid::Uuid::try_parse(&id).is_ok(),
                "{stem}.json: bad id {id}"
            );
            assert!(ids.insert(id.clone()), "{stem}.json: duplicate id {id}");
            if let Err(e) = validate_data(collection, &record) {
                panic!("{stem}.json record {id}: {}", e.bilingual());
            }
        }
    }
    assert!(
        files >= 7,
        "expected a seed file per seeded collection, found {files}"
    );
}
