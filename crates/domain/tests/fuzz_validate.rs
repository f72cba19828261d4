//! Fuzz target z2: `records::validate_data` for every collection, fed
//! arbitrary JSON and damaged valid records (fields removed, retyped,
//! replaced, unknown keys added), never panics; a refusal always has a
//! message in both languages; an accepted record is stable (decoding and
//! re-encoding it gives a record that is still valid and decodes the same).

mod fuzz_support;

use domain::collection::Collection;
use domain::lang::Lang;
use domain::records::{self, validate_data, RecordData};
use fuzz_support::{any_json, collection_and_record, config, damaged};
use proptest::prelude::*;
use serde_json::Value;

fn stable<T: RecordData + PartialEq + std::fmt::Debug>(data: &Value) -> Result<(), TestCaseError> {
    let decoded = records::decode::<T>(data).map_err(|e| TestCaseError::fail(e.bilingual()))?;
    let encoded = records::encode(&decoded);
    prop_assert_eq!(validate_data(T::COLLECTION, &encoded), Ok(()));
    prop_assert_eq!(records::decode::<T>(&encoded).ok(), Some(decoded));
    Ok(())
}

fn check(c: Collection, data: &Value) -> Result<(), TestCaseError> {
    match validate_data(c, data) {
        Err(e) => {
            prop_assert!(
                !e.message(Lang::Zh).trim().is_empty(),
                "no Chinese message for {}",
                data
            );
            prop_assert!(
                !e.message(Lang::En).trim().is_empty(),
                "no English message for {}",
                data
            );
            Ok(())
        }
        Ok(()) => match c {
            Collection::Fairs => stable::<records::Fair>(data),
            Collection::Employers => stable::<records::Employer>(data),
            Collection::Positions => stable::<records::Position>(data),
            Collection::PolicyCategories => stable::<records::PolicyCategory>(data),
            Collection::Policies => stable::<records::Policy>(data),
            Collection::Enterprises => stable::<records::Enterprise>(data),
            Collection::Visits => stable::<records::Visit>(data),
            Collection::Projects => stable::<records::Project>(data),
            Collection::Interests => stable::<records::Interest>(data),
        },
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn case_z2_arbitrary_json_into_every_collection(value in any_json()) {
        for c in Collection::ALL {
            check(c, &value)?;
        }
    }

    #[test]
    fn case_z2_damaged_valid_records((c, record) in collection_and_record().prop_flat_map(|(c, r)| (Just(c), damaged(r)))) {
        check(c, &record)?;
        // The same damaged record offered to every other collection too.
        for other in Collection::ALL {
            let _ = validate_data(other, &record);
        }
    }
}

#[test]
fn case_z2_every_valid_fixture_is_valid() {
    for c in Collection::ALL {
        for r in fuzz_support::valid_records(c) {
            assert_eq!(validate_data(c, &r), Ok(()), "{c}: {r}");
        }
    }
}
