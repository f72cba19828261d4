//! Search as you type over Chinese text, in hanzi or pinyin.
//!
//! One index serves every list the app searches (positions, policy guides,
//! enterprises, projects): a [`Document`] is a key plus a few text fields,
//! each of a [`FieldKind`] that carries its rank weight. This module owns
//! matching and ranking; it knows nothing of storage or rendering beyond the
//! [`segments`] helper, and must stay pure (it builds for wasm32).
//!
//! ```
//! use domain::search::{Document, FieldKind, SearchIndex, segments};
//!
//! let mut index = SearchIndex::new();
//! index.insert(Document::new(1).field(FieldKind::Title, "纺织女工").field(FieldKind::Tag, "包食宿"));
//! index.insert(Document::new(2).field(FieldKind::Title, "服装设计师"));
//!
//! for query in ["服装", "fuzhuang", "fzsj", "fuzh", "纺织 nv", "baoshisu"] {
//!     assert_eq!(index.search(query, 10).total, 1, "{query}");
//! }
//! // `fz` is also the initials of 纺织; the shorter title ranks first.
//! let results = index.search("fz", 10);
//! assert_eq!(results.hits.iter().map(|h| h.key).collect::<Vec<_>>(), [1, 2]);
//! let hit = &results.hits[1];
//! let title = &hit.highlights[0];
//! assert_eq!(segments("服装设计师", &title.ranges), [("服装", true), ("设计师", false)]);
//! ```
//!
//! # What matches
//! The query is folded (lowercase, full-width to half-width, ü to `v`) and
//! split into tokens on whitespace and punctuation; **every** token must
//! match some field (AND). A token matches a contiguous run of a field's
//! chars, each char taken literally or, for a hanzi, by a prefix of one of
//! its readings (see `matcher.rs`): hanzi substrings, full pinyin
//! (`fuzhuang`), initials (`fz`), mixtures (`fzhuang`, `fuzh`), every
//! reading of a heteronym (银行 `yinhang`), ASCII words case-insensitively
//! (`cnc`), digits as digits, and mixed tokens (`纺织nv` matches 纺织女工,
//! because a user who typed 纺织 and then switched the IME off means one
//! word). `lue`/`nue` stand for lüe/nüe; `lu`/`nu` are also accepted for
//! lü/nü but rank as abbreviations, since they are also 路/奴.
//!
//! # Ranking
//! Field weight first, then hanzi substring above full pinyin above
//! initials, then a match at the start of the field or of a word, then the
//! shorter field, then the key (stable). See `rank.rs`.
//!
//! # Speed
//! There is no inverted index: with short fields and prefix pinyin, almost
//! every keystroke would have to merge many posting lists, and the first
//! letters (`f`, `fu`) match most documents anyway. Instead each document
//! is folded once, on insert, into `u32` units (a hanzi becomes its ordinal
//! in the pinyin table, so its readings are one index away) plus one *start
//! code* byte per unit (the letter its readings start with), stored in flat
//! arenas, and a keystroke is a linear scan:
//!
//! 1. a 24-byte mask per document (letters, hanzi, possible first chars)
//!    rejects documents that lack something the query needs;
//! 2. the start codes are scanned eight per `u64` step (SWAR) for the
//!    token's first letter, and the first two letters are checked against
//!    per-hanzi letter sets before any matching runs;
//! 3. only then a small bit-set automaton (`matcher.rs`) matches the token;
//! 4. fields are stored heaviest first, so after a match the scan ends
//!    with that match's weight class: lighter fields cannot outrank it;
//! 5. highlights are computed for the returned hits only.
//!
//! [`Narrowing`] then searches only the previous hits while the user types
//! (and reuses a shorter query's hits on backspace). On 10,000 synthetic
//! positions (`cargo run --release -p domain --example search_bench`) a
//! keystroke takes about 1.5 ms (fresh) and 0.8 ms (narrowing) at the
//! median natively on a busy 2-core VM, 1 to 3 times a plain
//! `str::contains` over the titles alone; compiled to wasm and run in V8
//! (node 20), 2 to 3 ms fresh and 1.5 ms narrowing at `opt-level = "z"`,
//! about a third less with this crate at `opt-level = 3`.

mod highlight;
mod index;
mod matcher;
mod narrow;
pub mod pinyin;
mod query;
mod rank;
mod records;
mod store;
mod text;

pub use highlight::segments;
pub use index::SearchIndex;
pub use narrow::Narrowing;
pub use records::{enterprise_document, policy_document, position_document, project_document};

use std::ops::Range;

/// What a field holds, which sets its rank weight: a match in a heavier
/// field ranks first. Several fields of one kind are allowed (one per
/// benefit, say).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FieldKind {
    /// The name of the thing: position title, policy title, enterprise or
    /// project name.
    Title,
    /// Who offers or owns it: employer, policy department, project owner unit.
    Organization,
    /// Its classification: sector, policy category, industry, project level.
    Category,
    /// Village, community or address.
    Location,
    /// Short labels: benefits, qualifications, documents needed.
    Tag,
    /// A one-paragraph summary.
    Summary,
    /// Longer text: duties, eligibility, notes.
    Body,
}

impl FieldKind {
    /// Rank weight, higher first: Title 7, Organization 6, Category 5,
    /// Location 4, Tag 3, Summary 2, Body 1.
    pub fn weight(self) -> u8 {
        match self {
            FieldKind::Title => 7,
            FieldKind::Organization => 6,
            FieldKind::Category => 5,
            FieldKind::Location => 4,
            FieldKind::Tag => 3,
            FieldKind::Summary => 2,
            FieldKind::Body => 1,
        }
    }
}

/// One searchable text of a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// What it holds.
    pub kind: FieldKind,
    /// The text as displayed.
    pub text: String,
}

/// Something to search: a key (a [`RecordId`](crate::ids::RecordId) or any
/// other) and its fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document<K> {
    /// Identifies the document in hits and in [`SearchIndex::remove`].
    pub key: K,
    /// Searchable texts; [`Highlight::field`] indexes into this list.
    pub fields: Vec<Field>,
}

impl<K> Document<K> {
    /// A document with no fields yet.
    pub fn new(key: K) -> Self {
        Document {
            key,
            fields: Vec::new(),
        }
    }

    /// Adds a field; empty texts are kept so field indexes stay predictable.
    pub fn field(mut self, kind: FieldKind, text: impl Into<String>) -> Self {
        self.fields.push(Field {
            kind,
            text: text.into(),
        });
        self
    }

    /// Adds one field per text, e.g. one per benefit, so a match never
    /// spans two of them.
    pub fn fields<T: Into<String>>(
        mut self,
        kind: FieldKind,
        texts: impl IntoIterator<Item = T>,
    ) -> Self {
        self.fields.extend(texts.into_iter().map(|t| Field {
            kind,
            text: t.into(),
        }));
        self
    }
}

/// Where a hit matched within one field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Highlight {
    /// Index of the field in [`Document::fields`].
    pub field: usize,
    /// Its kind.
    pub kind: FieldKind,
    /// Byte ranges of the field's text to mark: sorted, disjoint, on char
    /// boundaries. Every token's every match is included.
    pub ranges: Vec<Range<usize>>,
}

/// One matching document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit<K> {
    /// The document's key.
    pub key: K,
    /// Higher ranks first; only comparable within one search.
    pub score: u64,
    /// Matched fields in field order; fields without a match are left out.
    pub highlights: Vec<Highlight>,
}

/// The answer to a search.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchResults<K> {
    /// The best hits, best first, at most the requested number.
    pub hits: Vec<Hit<K>>,
    /// How many documents matched in all (for "找到 N 个").
    pub total: usize,
}

impl<K> Default for SearchResults<K> {
    fn default() -> Self {
        SearchResults {
            hits: Vec::new(),
            total: 0,
        }
    }
}

/// Whether `query` has anything to search for. A query of only spaces or
/// punctuation has none, and [`SearchIndex::search`] returns no hits for
/// it: the caller shows its unfiltered list instead.
pub fn has_terms(query: &str) -> bool {
    query
        .chars()
        .any(|c| text::is_word(u32::from(text::fold(c))))
}

#[cfg(test)]
mod tests;
