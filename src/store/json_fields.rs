//! A few top-level fields of a JSON object, read from its text without
//! building the rest of it: a first sync stores thousands of pulled records
//! whose data it only needs to keep as text, apart from their index keys.

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;
use std::fmt;

/// The fields of the JSON object `text` named in `wanted`, each with its
/// position in `wanted`, in the order they appear. `None` when `text` is
/// not a JSON object, or when a top-level name is repeated or written with
/// escapes: such text is not what serde_json writes, and callers then
/// parse it whole (where the last of repeated fields counts).
pub(crate) fn top_level(text: &str, wanted: &[&str]) -> Option<Vec<(usize, Value)>> {
    let mut reader = serde_json::Deserializer::from_str(text);
    let found = reader.deserialize_map(Fields(wanted)).ok()?;
    reader.end().ok()?;
    Some(found)
}

/// Visits an object, keeping the wanted fields.
struct Fields<'w>(&'w [&'w str]);

impl<'de> Visitor<'de> for Fields<'_> {
    type Value = Vec<(usize, Value)>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = Vec::new();
        let mut seen: Vec<&'de str> = Vec::new();
        while let Some(key) = map.next_key_seed(Key)? {
            if seen.contains(&key) {
                return Err(de::Error::custom("repeated field name"));
            }
            seen.push(key);
            match self.0.iter().position(|w| *w == key) {
                Some(i) => found.push((i, map.next_value::<Value>()?)),
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(found)
    }
}

/// A field name, borrowed from the text (so without escapes).
struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = &'de str;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = &'de str;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name without escapes")
    }

    fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<Self::Value, E> {
        Ok(key)
    }
}
