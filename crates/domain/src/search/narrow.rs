//! Search-as-you-type that narrows earlier hits.

use super::index::SearchIndex;
use super::query::Query;
use super::SearchResults;
use std::hash::Hash;

/// Keystrokes remembered; deeper edits fall back to a full search.
const DEPTH: usize = 32;

/// Remembers the last queries of one search box and which documents
/// matched each, so that typing one more letter searches only the previous
/// hits, and deleting one reuses the hits of the shorter query.
///
/// Sound because a document matching a longer query always matches the
/// shorter one (any prefix of a match is a match). It searches everything
/// when the text changed otherwise (an edit in the middle) or when the
/// index changed since.
///
/// ```
/// use domain::search::{Document, FieldKind, Narrowing, SearchIndex};
/// let index = SearchIndex::build([Document::new(1).field(FieldKind::Title, "服装工")]);
/// let mut typing = Narrowing::default();
/// for q in ["f", "fu", "fuz", "fuzh", "fuz", "fz"] {
///     assert_eq!(typing.search(&index, q, 10).total, 1);
/// }
/// ```
#[derive(Clone, Debug, Default)]
pub struct Narrowing {
    stamp: u64,
    /// Earlier queries, each narrowed by the next, with the positions of
    /// the documents that matched them.
    stack: Vec<(Query, Vec<u32>)>,
}

impl Narrowing {
    /// Same answer as [`SearchIndex::search`], usually faster while typing.
    pub fn search<K: Clone + Eq + Hash + Ord>(
        &mut self,
        index: &SearchIndex<K>,
        query: &str,
        limit: usize,
    ) -> SearchResults<K> {
        self.search_ranked(index, query, limit, |_, score| Some(score))
    }

    /// Same answer as [`SearchIndex::search_ranked`]. The remembered hits
    /// are the matches before `rank` filtered them, so changing the filter
    /// between keystrokes stays correct.
    pub fn search_ranked<K: Clone + Eq + Hash + Ord>(
        &mut self,
        index: &SearchIndex<K>,
        query: &str,
        limit: usize,
        rank: impl Fn(&K, u64) -> Option<u64>,
    ) -> SearchResults<K> {
        let query = index.parse(query);
        if self.stamp != index.stamp() {
            self.stack.clear();
            self.stamp = index.stamp();
        }
        // The longest remembered query the new one extends (or equals).
        let keep = self
            .stack
            .iter()
            .rposition(|(earlier, _)| earlier.is_narrowed_by(&query))
            .map_or(0, |i| i + 1);
        self.stack.truncate(keep);
        let candidates = self.stack.last().map(|(_, hits)| hits.as_slice());
        let (results, matched) = index.run(&query, candidates, limit, &rank);
        if !query.is_empty() {
            if self.stack.len() == DEPTH {
                self.stack.remove(0);
            }
            self.stack.push((query, matched));
        }
        results
    }

    /// Forgets earlier queries, e.g. when the search box is cleared.
    pub fn reset(&mut self) {
        self.stack.clear();
    }
}
