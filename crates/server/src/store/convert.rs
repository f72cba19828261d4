//! Conversions between domain values and SQL column values shared by both backends.

use anyhow::Context;
use domain::collection::{Collection, Role};
use domain::ids::RecordId;
use serde_json::value::RawValue;
use serde_json::Value;

use super::StoreResult;

/// A counter or revision as a signed SQL integer.
pub fn to_sql_int(value: u64) -> StoreResult<i64> {
    Ok(i64::try_from(value).context("number too large for the database")?)
}

/// A signed SQL integer that must not be negative.
pub fn from_sql_int(value: i64) -> StoreResult<u64> {
    Ok(u64::try_from(value).context("negative number in the database")?)
}

/// Parses a stored collection name.
pub fn collection(text: &str) -> StoreResult<Collection> {
    Ok(text
        .parse::<Collection>()
        .map_err(|()| anyhow::anyhow!("unknown collection {text:?} in the database"))?)
}

/// Parses a stored record id.
pub fn record_id(text: &str) -> StoreResult<RecordId> {
    Ok(text
        .parse::<RecordId>()
        .context("bad record id in the database")?)
}

/// Parses a stored role.
pub fn role(text: &str) -> StoreResult<Role> {
    Ok(
        Role::parse(text)
            .ok_or_else(|| anyhow::anyhow!("unknown role {text:?} in the database"))?,
    )
}

/// Parses stored JSON data.
pub fn data(text: Option<String>) -> StoreResult<Option<Value>> {
    text.map(|t| serde_json::from_str(&t).context("bad JSON in the database"))
        .transpose()
        .map_err(Into::into)
}

/// A mutation id as stored.
pub fn mutation_id(text: &str) -> StoreResult<domain::ids::MutationId> {
    Ok(text
        .parse::<domain::ids::MutationId>()
        .context("bad mutation id in the database")?)
}

/// Checks stored JSON data and keeps it as text.
pub fn raw_data(text: Option<String>) -> StoreResult<Option<Box<RawValue>>> {
    text.map(|t| RawValue::from_string(t).context("bad JSON in the database"))
        .transpose()
        .map_err(Into::into)
}

/// Serialises data for storage.
pub fn data_text(data: Option<&Value>) -> Option<String> {
    data.map(Value::to_string)
}
