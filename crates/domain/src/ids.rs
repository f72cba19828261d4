//! Identifiers made by clients.
//!
//! Records and mutations are identified by UUID v7, generated on the device
//! that creates them, so a record can be made offline and a retried push is
//! recognised by its mutation id.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

macro_rules! uuid_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            /// A fresh time-ordered id (UUID v7). Needs a clock and randomness,
            /// which uuid takes from the platform (std natively, `js` in the browser).
            pub fn generate() -> $name {
                $name(Uuid::now_v7())
            }
            /// Wraps an existing UUID.
            pub const fn from_uuid(id: Uuid) -> $name {
                $name(id)
            }
            /// The inner UUID.
            pub const fn as_uuid(&self) -> &Uuid {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.hyphenated().fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Uuid::try_parse(text).map($name)
            }
        }
    };
}

uuid_id!(
    /// The id of a record in any collection.
    RecordId
);
uuid_id!(
    /// The id of one mutation (one local write), used to make pushes idempotent.
    MutationId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_v7_and_round_trip_as_text() {
        let id = RecordId::generate();
        assert_eq!(id.as_uuid().get_version_num(), 7);
        let text = id.to_string();
        assert_eq!(text.len(), 36);
        assert_eq!(text.parse::<RecordId>().unwrap(), id);
        assert_eq!(serde_json::to_string(&id).unwrap(), format!("\"{text}\""));
        assert!("not-a-uuid".parse::<RecordId>().is_err());
    }

    #[test]
    fn later_ids_sort_after_earlier_ones() {
        let a = MutationId::generate();
        let b = MutationId::generate();
        assert!(a < b);
    }
}
