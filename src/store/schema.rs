//! The IndexedDB schema: object-store and index names, the database version,
//! and the upgrade steps. Nothing else in the app spells a store name.
//!
//! Structure changes (new stores, new indexes) are declared per version and
//! applied by IndexedDB's upgrade; data changes run right after opening, each
//! in one transaction, recorded in `meta` so they run once.

use domain::collection::Collection;
use rexie::{Index, ObjectStore, Rexie};

/// Database name.
pub const DB_NAME: &str = "tongji";
/// Current schema version.
pub const VERSION: u32 = 3;

/// Outbox of pending mutations (auto-increment key `seq`, in write order).
pub const OUTBOX: &str = "outbox";
/// Sync metadata and small settings, keyed by `key`.
pub const META: &str = "meta";
/// Records that carry unresolved conflicts, keyed `collection/id`.
pub const CONFLICTS: &str = "conflicts";
/// Autosaved form drafts, keyed by form key.
pub const DRAFTS: &str = "drafts";
/// Photos, keyed by SHA-256.
pub const BLOBS: &str = "blobs";
/// Server records stored a thousand to an object (see `packs.rs`), keyed
/// `collection/unique id`.
pub const PACKS: &str = "packs";
/// Each pack's first rows in the order of each of its collection's
/// single-valued indexes, under the pack's key: the newest positions
/// without reading every pack.
pub const PACK_HEADS: &str = "pack_heads";

/// Outbox index over `[collection, record_id]`: a record's pending mutations.
pub const OUTBOX_BY_RECORD: &str = "by_record";
/// Blob index over `uploaded` (0/1): photos still to upload.
pub const BLOBS_BY_UPLOADED: &str = "by_uploaded";

/// A secondary index of a collection's store: an index name and the record
/// field (top-level in `data`) whose value is copied to `ix_<name>` on write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IndexSpec {
    /// Index name, also the suffix of the copied property.
    pub name: &'static str,
    /// Field of the record data it indexes.
    pub field: &'static str,
    /// Whether the field is a list and each entry is indexed.
    pub multi: bool,
    /// The schema version that introduced it.
    pub since: u32,
}

const fn ix(name: &'static str, field: &'static str, since: u32) -> IndexSpec {
    IndexSpec {
        name,
        field,
        multi: false,
        since,
    }
}

const FAIR_INDEXES: &[IndexSpec] = &[ix("date", "date", 1)];
const EMPLOYER_INDEXES: &[IndexSpec] = &[IndexSpec {
    name: "fair",
    field: "fair_ids",
    multi: true,
    since: 2,
}];
const POSITION_INDEXES: &[IndexSpec] = &[
    ix("employer", "employer_id", 1),
    ix("fair", "fair_id", 1),
    ix("posted", "posted_on", 2),
];
const POLICY_INDEXES: &[IndexSpec] = &[ix("category", "category_id", 1)];
const ENTERPRISE_INDEXES: &[IndexSpec] = &[ix("community", "community", 2)];
const VISIT_INDEXES: &[IndexSpec] = &[ix("enterprise", "enterprise_id", 1), ix("date", "date", 2)];
const INTEREST_INDEXES: &[IndexSpec] = &[
    ix("position", "position_id", 1),
    ix("employer", "employer_id", 2),
];

/// The indexes of each collection's store (what the views query by).
pub fn indexes(collection: Collection) -> &'static [IndexSpec] {
    match collection {
        Collection::Fairs => FAIR_INDEXES,
        Collection::Employers => EMPLOYER_INDEXES,
        Collection::Positions => POSITION_INDEXES,
        Collection::PolicyCategories | Collection::Projects => &[],
        Collection::Policies => POLICY_INDEXES,
        Collection::Enterprises => ENTERPRISE_INDEXES,
        Collection::Visits => VISIT_INDEXES,
        Collection::Interests => INTEREST_INDEXES,
    }
}

/// The property of a stored record that holds an index's key.
pub fn index_property(spec: &IndexSpec) -> String {
    index_property_named(spec.name)
}

/// The property that holds the keys of the index named `name`.
pub fn index_property_named(name: &str) -> String {
    format!("ix_{name}")
}

/// Every object store and index as of `version`.
fn stores(version: u32) -> Vec<ObjectStore> {
    let mut out = Vec::new();
    for c in Collection::ALL {
        let mut store = ObjectStore::new(c.as_str()).key_path("id");
        for spec in indexes(c).iter().filter(|s| s.since <= version) {
            store = store
                .add_index(Index::new(spec.name, &index_property(spec)).multi_entry(spec.multi));
        }
        out.push(store);
    }
    out.push(
        ObjectStore::new(OUTBOX)
            .key_path("seq")
            .auto_increment(true)
            .add_index(Index::new_array(
                OUTBOX_BY_RECORD,
                ["collection", "record_id"],
            )),
    );
    out.push(ObjectStore::new(META).key_path("key"));
    out.push(ObjectStore::new(DRAFTS).key_path("key"));
    out.push(
        ObjectStore::new(BLOBS)
            .key_path("sha256")
            .add_index(Index::new(BLOBS_BY_UPLOADED, "uploaded")),
    );
    if version >= 2 {
        out.push(ObjectStore::new(CONFLICTS).key_path("key"));
    }
    if version >= 3 {
        out.push(ObjectStore::new(PACKS).key_path("key"));
        out.push(ObjectStore::new(PACK_HEADS).key_path("key"));
    }
    out
}

/// Opens (creating or upgrading) the database at a given schema version.
/// Only tests open an old version, to check that upgrades keep data.
pub async fn open_version(version: u32) -> rexie::Result<Rexie> {
    let mut builder = Rexie::builder(DB_NAME).version(version);
    for store in stores(version) {
        builder = builder.add_object_store(store);
    }
    builder.build().await
}

/// Every store name, for transactions that touch the whole database.
pub fn all_store_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Collection::ALL.iter().map(|c| c.as_str()).collect();
    names.extend([OUTBOX, META, CONFLICTS, DRAFTS, BLOBS, PACKS, PACK_HEADS]);
    names
}

/// Data migrations: (version, what it does). Each runs once after opening
/// when the stored data version is older. Version 2 added indexes whose keys
/// live in `ix_*` properties, so every existing record is rewritten with them.
/// Packs (version 3) carry their rows' index keys and heads too: a version
/// that adds an index to a packed collection must rewrite its packs as well,
/// as a compaction does (`compaction.rs`), or reads by that index miss them.
pub const DATA_MIGRATIONS: &[(u32, &str)] = &[(2, "copy index keys into ix_* properties")];
