//! The backup file: everything a device holds (records, unsynced changes,
//! drafts, photos) in one JSON document, so data survives a browser that
//! evicts site storage. Importing validates the whole file first (a bad file
//! changes nothing) and merges without duplicates.

use crate::collection::Collection;
use crate::ids::RecordId;
use crate::lang::Text;
use crate::merge::{merge, Version};
use crate::records::validate_data;
use crate::replica::LocalRecord;
use crate::sha256;
use crate::sync::Mutation;
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashSet;

/// The `format` field of every backup file.
pub const FORMAT: &str = "tongji-backup";
/// The version this code writes and reads.
pub const VERSION: u32 = 1;

/// A whole backup.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Backup {
    /// Always [`FORMAT`].
    pub format: String,
    /// File version.
    pub version: u32,
    /// When it was made (device clock).
    pub created_at: Timestamp,
    /// Every record on the device.
    pub records: Vec<BackupRecord>,
    /// Every outbox entry (unsynced and refused changes).
    pub outbox: Vec<BackupMutation>,
    /// Autosaved drafts.
    pub drafts: Vec<BackupDraft>,
    /// Photos.
    pub blobs: Vec<BackupBlob>,
}

/// One record as the device held it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BackupRecord {
    /// Collection.
    pub collection: Collection,
    /// Id.
    pub id: RecordId,
    /// Server revision it was based on.
    pub rev: u64,
    /// Last written.
    pub updated_at: Timestamp,
    /// Deleted locally, not yet confirmed.
    pub deleted: bool,
    /// Local changes not yet on the server.
    pub pending: bool,
    /// Data (with any `_conflicts`).
    pub data: Value,
    /// The server's version it was based on.
    pub base: Option<Value>,
}

impl BackupRecord {
    /// Captures a local record.
    pub fn new(collection: Collection, id: RecordId, r: &LocalRecord) -> Self {
        BackupRecord {
            collection,
            id,
            rev: r.rev,
            updated_at: r.updated_at,
            deleted: r.deleted,
            pending: r.pending,
            data: r.data.clone(),
            base: r.base.clone(),
        }
    }

    /// The local record it describes.
    pub fn local(&self) -> LocalRecord {
        LocalRecord {
            rev: self.rev,
            updated_at: self.updated_at,
            deleted: self.deleted,
            data: self.data.clone(),
            base: self.base.clone(),
            pending: self.pending,
        }
    }
}

/// One outbox entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BackupMutation {
    /// The mutation.
    pub mutation: Mutation,
    /// Refused by the server, waiting for the user.
    pub rejected: bool,
    /// The server's reason for a refusal.
    pub error: Option<String>,
    /// When it was written.
    pub created_at: Timestamp,
}

/// One draft.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BackupDraft {
    /// Form key.
    pub key: String,
    /// Form state.
    pub data: Value,
    /// Last saved.
    pub updated_at: Timestamp,
}

/// One photo.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BackupBlob {
    /// Lower-case hex SHA-256.
    pub sha256: String,
    /// MIME type.
    pub mime: String,
    /// Whether the server has it.
    pub uploaded: bool,
    /// The bytes, base64.
    pub base64: String,
}

/// Why a backup file was refused (nothing was imported).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BackupError {
    /// Not JSON, or not shaped like a backup.
    #[error("not a backup file: {0}")]
    Malformed(String),
    /// A JSON file of another kind.
    #[error("not a 通济通 backup")]
    WrongFormat,
    /// Written by a newer version of the app.
    #[error("unsupported backup version {0}")]
    UnsupportedVersion(u32),
    /// A record breaks the collection's rules.
    #[error("invalid record {collection}/{id}: {message}")]
    InvalidRecord {
        /// Collection.
        collection: Collection,
        /// Id.
        id: RecordId,
        /// What is wrong.
        message: String,
    },
    /// A photo is not valid base64, or its bytes do not match its hash.
    #[error("invalid photo {0}")]
    InvalidBlob(String),
}

impl BackupError {
    /// Plain words for the user.
    pub fn text(&self) -> Text {
        match self {
            BackupError::Malformed(_) | BackupError::WrongFormat => Text::new(
                "这不是通济通的备份文件，或文件已损坏。没有导入任何内容。",
                "This is not a Tongji Connect backup, or the file is damaged. Nothing was imported.",
            ),
            BackupError::UnsupportedVersion(_) => Text::new(
                "这个备份来自更新版本的通济通，请先更新本应用。没有导入任何内容。",
                "This backup comes from a newer version of the app; update first. Nothing was imported.",
            ),
            BackupError::InvalidRecord { .. } => Text::new(
                "备份中有不符合规则的记录，文件可能被改动过。没有导入任何内容。",
                "The backup holds a record that breaks the rules; the file may have been altered. Nothing was imported.",
            ),
            BackupError::InvalidBlob(_) => Text::new(
                "备份中的照片已损坏。没有导入任何内容。",
                "A photo in the backup is damaged. Nothing was imported.",
            ),
        }
    }
}

/// Parses and checks a whole backup file; any problem refuses all of it.
pub fn parse(text: &str) -> Result<Backup, BackupError> {
    let value: Value =
        serde_json::from_str(text).map_err(|e| BackupError::Malformed(e.to_string()))?;
    if value.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(BackupError::WrongFormat);
    }
    match value.get("version").and_then(Value::as_u64) {
        Some(v) if v as u32 == VERSION => {}
        Some(v) => return Err(BackupError::UnsupportedVersion(v as u32)),
        None => return Err(BackupError::Malformed("version".into())),
    }
    let backup: Backup =
        serde_json::from_value(value).map_err(|e| BackupError::Malformed(e.to_string()))?;
    for r in &backup.records {
        if r.deleted {
            continue;
        }
        validate_data(r.collection, &r.data).map_err(|e| BackupError::InvalidRecord {
            collection: r.collection,
            id: r.id,
            message: e.bilingual(),
        })?;
    }
    for m in backup.outbox.iter().map(|m| &m.mutation) {
        if m.op == crate::sync::Op::Upsert {
            validate_data(m.collection, &m.data).map_err(|e| BackupError::InvalidRecord {
                collection: m.collection,
                id: m.id,
                message: e.bilingual(),
            })?;
        }
    }
    for b in &backup.blobs {
        let hex = b.sha256.len() == 64
            && b.sha256
                .bytes()
                .all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c));
        // A photo is named by the hash of its bytes: bytes that do not match
        // their name would be stored under another photo's name (and their
        // upload refused by the server for ever).
        let matches =
            hex && decode_base64(&b.base64).is_some_and(|bytes| sha256::hex(&bytes) == b.sha256);
        if !matches {
            return Err(BackupError::InvalidBlob(b.sha256.clone()));
        }
    }
    Ok(backup)
}

/// What to store for a record found in a backup, given what the device
/// holds now (`None` = keep the device's copy). Unsynced work in the backup
/// is never dropped: it is merged over a newer server version if needed.
pub fn merge_record(existing: Option<&LocalRecord>, incoming: &LocalRecord) -> Option<LocalRecord> {
    let Some(existing) = existing else {
        return Some(incoming.clone());
    };
    match (existing.pending, incoming.pending) {
        (false, false) => (incoming.rev > existing.rev).then(|| incoming.clone()),
        (true, false) => None,
        (false, true) if existing.rev <= incoming.rev => Some(incoming.clone()),
        (false, true) => {
            // The server moved on since the backup: keep both sides' edits.
            let merged = merge(
                incoming.base.as_ref(),
                Version {
                    data: &incoming.data,
                    updated_at: incoming.updated_at,
                },
                Version {
                    data: &existing.data,
                    updated_at: existing.updated_at,
                },
            );
            Some(LocalRecord {
                rev: existing.rev,
                updated_at: merged.updated_at,
                deleted: false,
                data: merged.data,
                base: existing.base.clone(),
                pending: true,
            })
        }
        (true, true) => (incoming.updated_at > existing.updated_at).then(|| incoming.clone()),
    }
}

/// The outbox entries of a backup the device does not already have.
pub fn new_mutations<'a>(
    backup: &'a Backup,
    existing_ids: &HashSet<String>,
) -> Vec<&'a BackupMutation> {
    backup
        .outbox
        .iter()
        .filter(|m| !existing_ids.contains(&m.mutation.mutation_id.to_string()))
        .collect()
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
pub fn encode_base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(B64[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes standard base64 (padding required); `None` if malformed.
pub fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let b = text.as_bytes();
    if !b.len().is_multiple_of(4) {
        return None;
    }
    let value = |c: u8| B64.iter().position(|&x| x == c).map(|v| v as u32);
    let mut out = Vec::with_capacity(b.len() / 4 * 3);
    for (i, chunk) in b.chunks(4).enumerate() {
        let last = i == b.len() / 4 - 1;
        let pad = chunk.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 || (pad > 0 && !last) {
            return None;
        }
        let mut n = 0u32;
        for &c in &chunk[..4 - pad] {
            n = (n << 6) | value(c)?;
        }
        n <<= 6 * pad as u32;
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..3 - pad]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::MutationId;
    use crate::sync::Op;
    use proptest::prelude::*;
    use serde_json::json;

    fn interest() -> Value {
        json!({"position_id": "01936f3e-7a3c-7cc0-8000-000000000001", "name": "张三",
            "phone": "13812345678", "message": "", "created_at": "2026-11-26T10:00:00.000Z"})
    }

    fn backup() -> Backup {
        Backup {
            format: FORMAT.into(),
            version: VERSION,
            created_at: Timestamp::from_millis(1),
            records: vec![BackupRecord {
                collection: Collection::Interests,
                id: RecordId::generate(),
                rev: 0,
                updated_at: Timestamp::from_millis(1),
                deleted: false,
                pending: true,
                data: interest(),
                base: None,
            }],
            outbox: vec![BackupMutation {
                mutation: Mutation {
                    mutation_id: MutationId::generate(),
                    collection: Collection::Interests,
                    id: RecordId::generate(),
                    base_rev: 0,
                    op: Op::Upsert,
                    data: interest(),
                    updated_at: Timestamp::from_millis(1),
                },
                rejected: false,
                error: None,
                created_at: Timestamp::from_millis(1),
            }],
            drafts: vec![],
            blobs: vec![BackupBlob {
                sha256: sha256::hex(b"jpeg"),
                mime: "image/jpeg".into(),
                uploaded: false,
                base64: encode_base64(b"jpeg"),
            }],
        }
    }

    #[test]
    fn a_written_backup_parses_back() {
        let b = backup();
        let text = serde_json::to_string(&b).unwrap();
        assert_eq!(parse(&text).unwrap(), b);
    }

    #[test]
    fn bad_files_are_refused_whole() {
        assert!(matches!(parse("not json"), Err(BackupError::Malformed(_))));
        assert_eq!(
            parse(r#"{"format":"other","version":1}"#),
            Err(BackupError::WrongFormat)
        );
        assert_eq!(
            parse(r#"{"format":"tongji-backup","version":9}"#),
            Err(BackupError::UnsupportedVersion(9))
        );
        let mut b = backup();
        b.records[0].data["phone"] = json!("123");
        assert!(matches!(
            parse(&serde_json::to_string(&b).unwrap()),
            Err(BackupError::InvalidRecord { .. })
        ));
        let mut b = backup();
        b.outbox[0].mutation.data["name"] = json!("");
        assert!(matches!(
            parse(&serde_json::to_string(&b).unwrap()),
            Err(BackupError::InvalidRecord { .. })
        ));
        let mut b = backup();
        b.blobs[0].base64 = "***".into();
        assert!(matches!(
            parse(&serde_json::to_string(&b).unwrap()),
            Err(BackupError::InvalidBlob(_))
        ));
        let mut b = backup();
        b.blobs[0].base64 = encode_base64(b"other bytes");
        assert!(matches!(
            parse(&serde_json::to_string(&b).unwrap()),
            Err(BackupError::InvalidBlob(_))
        ));
        let mut v = serde_json::to_value(backup()).unwrap();
        v["extra"] = json!(1);
        assert!(matches!(
            parse(&v.to_string()),
            Err(BackupError::Malformed(_))
        ));
    }

    fn local(rev: u64, pending: bool, data: Value, at: i64) -> LocalRecord {
        LocalRecord {
            rev,
            updated_at: Timestamp::from_millis(at),
            deleted: false,
            data: data.clone(),
            base: Some(json!({"a": 0, "b": 0})),
            pending,
        }
    }

    #[test]
    fn merging_keeps_unsynced_work_and_newer_server_versions() {
        let incoming = local(1, true, json!({"a": 1, "b": 0}), 5);
        assert_eq!(merge_record(None, &incoming), Some(incoming.clone()));
        // Device empty-ish but older: the unsynced backup wins.
        assert_eq!(
            merge_record(
                Some(&local(1, false, json!({"a": 0, "b": 0}), 1)),
                &incoming
            ),
            Some(incoming.clone())
        );
        // The server moved on (rev 3, b changed): both edits kept, still pending.
        let newer = local(3, false, json!({"a": 0, "b": 7}), 9);
        let merged = merge_record(Some(&newer), &incoming).unwrap();
        assert_eq!(merged.data, json!({"a": 1, "b": 7}));
        assert_eq!((merged.rev, merged.pending), (3, true));
        // Unsynced work already on the device is not overwritten by a synced copy.
        assert_eq!(
            merge_record(
                Some(&incoming),
                &local(1, false, json!({"a": 0, "b": 0}), 1)
            ),
            None
        );
        // Two synced copies: the higher revision wins.
        assert_eq!(
            merge_record(Some(&newer), &local(2, false, json!({}), 1)),
            None
        );
    }

    #[test]
    fn only_unknown_mutations_are_imported() {
        let b = backup();
        let mut seen = HashSet::new();
        assert_eq!(new_mutations(&b, &seen).len(), 1);
        seen.insert(b.outbox[0].mutation.mutation_id.to_string());
        assert!(new_mutations(&b, &seen).is_empty());
    }

    #[test]
    fn base64_known_vectors() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode_base64(plain.as_bytes()), coded);
            assert_eq!(decode_base64(coded).unwrap(), plain.as_bytes());
        }
        assert!(decode_base64("Zm9").is_none());
        assert!(decode_base64("Z===").is_none());
        assert!(decode_base64("Zg==Zg==").is_none());
    }

    proptest! {
        #[test]
        fn base64_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            prop_assert_eq!(decode_base64(&encode_base64(&bytes)).unwrap(), bytes);
        }
    }
}
