//! The record types of every collection and their validation.
//!
//! A record travels as `data` (a JSON object) inside a sync envelope; the
//! envelope holds `id`, `rev`, `updated_at` and `deleted`. [`validate_data`]
//! is the single entry point the server runs on every pushed record and the
//! app runs before saving: it decodes the object into the collection's type
//! (rejecting wrong types, missing and unknown fields) and checks its rules.

mod enterprise;
mod fair;
pub mod fields;
mod interest;
mod policy;
mod position;
mod project;
mod visit;

pub use enterprise::{Enterprise, EnterpriseSize, Qualification, RevenueBand};
pub use fair::{Employer, Fair, FairKind};
pub use interest::Interest;
pub use policy::{Policy, PolicyCategory};
pub use position::{Education, Position};
pub use project::{Blocker, Milestone, ProgressUpdate, Project, ProjectLevel, ProjectStatus};
pub use visit::{
    Difficulty, DifficultyCategory, DifficultyStatus, FollowUp, FollowUpEvent, FollowUpStatus,
    Indicators, PhotoRef, Urgency, Visit, MAX_PHOTOS, MAX_PHOTO_BYTES,
};

use crate::collection::Collection;
use crate::merge::CONFLICTS_KEY;
use crate::validate::{ValidationErrors, ValidationResult};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// The content of a record of one collection.
pub trait RecordData: Serialize + DeserializeOwned + Clone {
    /// The collection the type belongs to.
    const COLLECTION: Collection;
    /// Checks every rule; `Ok` means the record may be saved.
    fn validate(&self) -> ValidationResult;
}

/// Decodes `data` as the record type of `collection` and validates it.
///
/// The reserved `_conflicts` key (kept by the merge) is checked separately, so
/// record types stay unaware of it.
pub fn validate_data(collection: Collection, data: &Value) -> ValidationResult {
    match collection {
        Collection::Fairs => check::<Fair>(data),
        Collection::Employers => check::<Employer>(data),
        Collection::Positions => check::<Position>(data),
        Collection::PolicyCategories => check::<PolicyCategory>(data),
        Collection::Policies => check::<Policy>(data),
        Collection::Enterprises => check::<Enterprise>(data),
        Collection::Visits => check::<Visit>(data),
        Collection::Projects => check::<Project>(data),
        Collection::Interests => check::<Interest>(data),
    }
}

/// Decodes a record's data (without the reserved `_conflicts` key).
///
/// The data goes through its JSON text rather than `from_value`: the app
/// reads stored records from text, so the browser bundle then holds one
/// deserializer per record type instead of two (the `Value` ones were
/// ~80 KB of wasm). Decoding happens on writes and imports, where printing a
/// record first costs microseconds.
pub fn decode<T: RecordData>(data: &Value) -> Result<T, ValidationErrors> {
    let Value::Object(map) = data else {
        return Err(ValidationErrors::shape("not a JSON object"));
    };
    let text = match map.get(CONFLICTS_KEY) {
        Some(conflicts) => {
            serde_json::from_value::<Vec<crate::merge::Conflict>>(conflicts.clone())
                .map_err(|e| ValidationErrors::shape(format!("{CONFLICTS_KEY}: {e}")))?;
            let mut map = map.clone();
            map.remove(CONFLICTS_KEY);
            serde_json::to_string(&map)
        }
        None => serde_json::to_string(map),
    }
    .expect("JSON values print");
    serde_json::from_str(&text).map_err(|e| ValidationErrors::shape(without_position(&e)))
}

/// A decoding error's message without serde_json's "at line 1 column N":
/// the position is in text the user never saw.
fn without_position(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    match message.strip_suffix(&position) {
        Some(stripped) => stripped.to_owned(),
        None => message,
    }
}

fn check<T: RecordData>(data: &Value) -> ValidationResult {
    decode::<T>(data)?.validate()
}

/// Serialises a record to its `data` object.
pub fn encode<T: RecordData>(record: &T) -> Value {
    serde_json::to_value(record).expect("record types serialise to JSON objects")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn rejects_non_objects_unknown_fields_and_wrong_types() {
        assert!(validate_data(Collection::Interests, &json!([1, 2])).is_err());
        let good = json!({
            "position_id": "01936f3e-7a3c-7cc0-8000-000000000001",
            "name": "张三", "phone": "13812345678", "message": "",
            "created_at": "2026-11-26T10:00:00.000Z"
        });
        assert_eq!(validate_data(Collection::Interests, &good), Ok(()));
        let mut extra = good.clone();
        extra["is_admin"] = json!(true);
        assert!(validate_data(Collection::Interests, &extra).is_err());
        let mut wrong = good.clone();
        wrong["name"] = json!(42);
        assert!(validate_data(Collection::Interests, &wrong).is_err());
        let mut missing = good.clone();
        missing.as_object_mut().unwrap().remove("phone");
        let errors = validate_data(Collection::Interests, &missing).unwrap_err();
        // The message names the field, without a position in text nobody saw.
        assert_eq!(
            errors.0[0].problem,
            crate::validate::Problem::Shape("missing field `phone`".into())
        );
    }

    #[test]
    fn the_reserved_conflicts_key_is_allowed_but_checked() {
        let mut data = json!({
            "position_id": "01936f3e-7a3c-7cc0-8000-000000000001",
            "name": "张三", "phone": "13812345678", "message": "",
            "created_at": "2026-11-26T10:00:00.000Z",
            "_conflicts": []
        });
        assert_eq!(validate_data(Collection::Interests, &data), Ok(()));
        data["_conflicts"] = json!("junk");
        assert!(validate_data(Collection::Interests, &data).is_err());
    }
}
