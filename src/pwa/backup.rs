//! Export everything on this device to a file, and import it back:
//! protection against a browser evicting site storage. The file format and
//! its rules live in `domain::backup`.

use crate::clock::now;
use crate::error::AppError;
use crate::store::outbox::{self, Entry, OutboxState};
use crate::store::{blobs, drafts, records};
use domain::backup::{
    self as format, Backup, BackupBlob, BackupDraft, BackupMutation, BackupRecord,
};
use domain::collection::Collection;
use domain::lang::Lang;

/// Progress of a long backup step: done out of total.
pub type OnProgress<'a> = &'a dyn Fn(usize, usize);

/// Reads the whole local store into a backup.
pub async fn export(on_progress: OnProgress<'_>) -> Result<Backup, AppError> {
    let steps = Collection::ALL.len() + 3;
    let mut backup = Backup {
        format: format::FORMAT.into(),
        version: format::VERSION,
        created_at: now(),
        records: Vec::new(),
        outbox: Vec::new(),
        drafts: Vec::new(),
        blobs: Vec::new(),
    };
    for (i, collection) in Collection::ALL.into_iter().enumerate() {
        on_progress(i, steps);
        for (id, record) in records::all_local(collection).await? {
            backup
                .records
                .push(BackupRecord::new(collection, id, &record));
        }
    }
    on_progress(steps - 3, steps);
    backup.outbox = outbox::all()
        .await?
        .into_iter()
        .map(|e| BackupMutation {
            mutation: e.mutation,
            rejected: e.state == OutboxState::Rejected,
            error: e.error,
            created_at: e.created_at,
        })
        .collect();
    on_progress(steps - 2, steps);
    backup.drafts = drafts::all()
        .await?
        .into_iter()
        .map(|d| BackupDraft {
            key: d.key,
            data: d.data,
            updated_at: d.updated_at,
        })
        .collect();
    on_progress(steps - 1, steps);
    backup.blobs = blobs::all()
        .await?
        .into_iter()
        .map(|b| BackupBlob {
            base64: format::encode_base64(&b.bytes),
            sha256: b.sha256,
            mime: b.mime,
            uploaded: b.uploaded,
        })
        .collect();
    on_progress(steps, steps);
    Ok(backup)
}

/// What an import did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Records written (new or newer than the device's).
    pub records: usize,
    /// Unsynced changes queued again.
    pub changes: usize,
    /// Drafts restored.
    pub drafts: usize,
    /// Photos restored.
    pub photos: usize,
}

/// Why an import failed, in plain words.
#[derive(Clone, Debug)]
pub enum ImportError {
    /// The file was refused; nothing changed.
    Refused(format::BackupError),
    /// Storing failed part-way.
    Store(AppError),
}

impl ImportError {
    /// A message for the user.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ImportError::Refused(e) => e.text().get(lang).to_owned(),
            ImportError::Store(e) => e.message(lang),
        }
    }
}

impl From<crate::store::StoreError> for ImportError {
    fn from(e: crate::store::StoreError) -> Self {
        ImportError::Store(e.into())
    }
}

/// Validates a backup file and merges it into this device without
/// duplicates. A refused file changes nothing.
pub async fn import(text: &str, on_progress: OnProgress<'_>) -> Result<ImportReport, ImportError> {
    let backup = format::parse(text).map_err(ImportError::Refused)?;
    let mut report = ImportReport::default();
    let total = backup.records.len() + 3;
    for (i, r) in backup.records.iter().enumerate() {
        if i % 50 == 0 {
            on_progress(i, total);
        }
        let existing = records::all_local_one(r.collection, r.id).await?;
        if let Some(record) = format::merge_record(existing.as_ref(), &r.local()) {
            records::put_local(r.collection, r.id, &record).await?;
            report.records += 1;
        }
    }
    on_progress(total - 3, total);
    let entries: Vec<Entry> = backup
        .outbox
        .iter()
        .map(|m| Entry {
            seq: 0,
            mutation: m.mutation.clone(),
            state: if m.rejected {
                OutboxState::Rejected
            } else {
                OutboxState::Pending
            },
            error: m.error.clone(),
            created_at: m.created_at,
        })
        .collect();
    report.changes = outbox::import(&entries).await?;
    on_progress(total - 2, total);
    for d in &backup.drafts {
        let newer = match drafts::load::<serde_json::Value>(&d.key).await? {
            Some(existing) => existing.updated_at < d.updated_at,
            None => true,
        };
        if newer {
            drafts::save(&d.key, &d.data, d.updated_at).await?;
            report.drafts += 1;
        }
    }
    on_progress(total - 1, total);
    for b in &backup.blobs {
        if blobs::get_blob(&b.sha256).await?.is_none() {
            let bytes = format::decode_base64(&b.base64).unwrap_or_default();
            blobs::put(&b.sha256, &b.mime, &bytes).await?;
            if b.uploaded {
                blobs::mark_uploaded(&b.sha256).await?;
            }
            report.photos += 1;
        }
    }
    on_progress(total, total);
    crate::sync::request_sync();
    Ok(report)
}
