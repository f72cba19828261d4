//! Search-as-you-type that narrows the previous hits.

use super::index::SearchIndex;
use super::query::Query;
use super::SearchResults;
use std::hash::Hash;

/// Remembers the previous query of one search box and which documents
/// matched it, so that typing one more letter searches only those.
///
/// Sound because a document matching the longer query always matched the
/// shorter one (any prefix of a match is a match). It falls back to a full
/// search when the text was not merely extended (backspace, an edit in the
/// middle) or when the index changed since.
///
/// ```
/// use domain::search::{Document, FieldKind, Narrowing, SearchIndex};
/// let index = SearchIndex::build([Document::new(1).field(FieldKind::Title, "服装工")]);
/// let mut typing = Narrowing::default();
/// for q in ["f", "fu", "fuz", "fuzh"] {
///     assert_eq!(typing.search(&index, q, 10).total, 1);
/// }
/// ```
#[derive(Clone, Debug, Default)]
pub struct Narrowing {
    previous: Option<(u64, Query, Vec<u32>)>,
}

impl Narrowing {
    /// Same answer as [`SearchIndex::search`], usually faster while typing.
    pub fn search<K: Clone + Eq + Hash + Ord>(
        &mut self,
        index: &SearchIndex<K>,
        query: &str,
        limit: usize,
    ) -> SearchResults<K> {
        let query = index.parse(query);
        let candidates = match &self.previous {
            Some((stamp, previous, slots))
                if *stamp == index.stamp() && previous.is_narrowed_by(&query) =>
            {
                Some(slots.as_slice())
            }
            _ => None,
        };
        let (results, matched) = index.run(&query, candidates, limit);
        self.previous = (!query.is_empty()).then(|| (index.stamp(), query, matched));
        results
    }

    /// Forgets the previous query, e.g. when the search box is cleared.
    pub fn reset(&mut self) {
        self.previous = None;
    }
}
