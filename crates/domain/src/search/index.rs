//! The index: the public API over the arenas of `store.rs`, and the
//! search loop.

use super::highlight::to_byte_ranges;
use super::matcher::Matcher;
use super::pinyin::{table, Table};
use super::query::{Query, Token};
use super::rank::best_match;
use super::store::{Arena, Doc, Mask};
use super::{Document, Highlight, Hit, SearchResults};
use std::cmp::Ordering;
use std::collections::HashMap;
use std::fmt;
use std::hash::Hash;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};

/// A searchable set of documents, keyed by `K`.
///
/// Build it once from the collection (`build`), keep it current with
/// `insert`/`remove` as records change, and call `search` on each
/// keystroke.
#[derive(Clone)]
pub struct SearchIndex<K = crate::ids::RecordId> {
    table: &'static Table,
    /// Live documents, dense; `remove` swaps the last one in.
    docs: Vec<Doc<K>>,
    /// Parallel to `docs`, apart so the prefilter touches 24 bytes each.
    masks: Vec<Mask>,
    by_key: HashMap<K, usize>,
    arena: Arena,
    /// Changes on every mutation, unique across indexes, so a [`Narrowing`]
    /// can tell whether its remembered positions still mean the same
    /// documents.
    ///
    /// [`Narrowing`]: super::Narrowing
    stamp: u64,
}

fn next_stamp() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, AtomicOrdering::Relaxed)
}

impl<K: Clone + Eq + Hash + Ord> Default for SearchIndex<K> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K> fmt::Debug for SearchIndex<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SearchIndex")
            .field("documents", &self.docs.len())
            .finish()
    }
}

impl<K: Clone + Eq + Hash + Ord> SearchIndex<K> {
    /// An empty index. The first one decodes the pinyin table (well under a
    /// millisecond).
    pub fn new() -> Self {
        Self::with_table(table())
    }

    /// An empty index that reads `table` (tests use a table with no hanzi).
    pub(crate) fn with_table(table: &'static Table) -> Self {
        SearchIndex {
            table,
            docs: Vec::new(),
            masks: Vec::new(),
            by_key: HashMap::new(),
            arena: Arena::default(),
            stamp: next_stamp(),
        }
    }

    /// An index of `docs`; a later document replaces an earlier one with
    /// the same key.
    pub fn build(docs: impl IntoIterator<Item = Document<K>>) -> Self {
        let mut index = Self::new();
        for doc in docs {
            index.insert(doc);
        }
        index.shrink_to_fit();
        index
    }

    /// Releases spare capacity, e.g. after a bulk load.
    pub fn shrink_to_fit(&mut self) {
        self.docs.shrink_to_fit();
        self.masks.shrink_to_fit();
        self.by_key.shrink_to_fit();
        self.arena.shrink_to_fit();
    }

    /// Adds a document, or replaces the one with the same key.
    pub fn insert(&mut self, doc: Document<K>) {
        self.stamp = next_stamp();
        let (entry, mask) = self.arena.append(self.table, doc);
        match self.by_key.get(&entry.key) {
            Some(&at) => {
                self.arena.retire(&self.docs[at]);
                self.docs[at] = entry;
                self.masks[at] = mask;
                self.arena.compact_if_worth_it(&mut self.docs);
            }
            None => {
                self.by_key.insert(entry.key.clone(), self.docs.len());
                self.docs.push(entry);
                self.masks.push(mask);
            }
        }
    }

    /// Removes the document with `key`; returns whether there was one.
    pub fn remove(&mut self, key: &K) -> bool {
        let Some(at) = self.by_key.remove(key) else {
            return false;
        };
        self.stamp = next_stamp();
        self.arena.retire(&self.docs[at]);
        self.docs.swap_remove(at);
        self.masks.swap_remove(at);
        if let Some(moved) = self.docs.get(at) {
            self.by_key.insert(moved.key.clone(), at);
        }
        self.arena.compact_if_worth_it(&mut self.docs);
        true
    }

    /// Whether a document with `key` is indexed.
    pub fn contains(&self, key: &K) -> bool {
        self.by_key.contains_key(key)
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether there are no documents.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The text of field `field` of the document with `key`, as inserted:
    /// what [`Highlight::ranges`] index into.
    pub fn field_text(&self, key: &K, field: usize) -> Option<&str> {
        let doc = &self.docs[*self.by_key.get(key)?];
        (0..doc.fields as usize)
            .find(|&i| usize::from(self.arena.field(doc, i).slot.index) == field)
            .map(|i| self.arena.text(doc, i))
    }

    /// The best `limit` documents matching every token of `query`, best
    /// first, with highlights, and the number of matches in all. A query
    /// without letters, digits or hanzi (see [`has_terms`]) matches nothing.
    ///
    /// [`has_terms`]: super::has_terms
    pub fn search(&self, query: &str, limit: usize) -> SearchResults<K> {
        let query = Query::parse(self.table, query);
        self.run(&query, None, limit, &|_, score| Some(score)).0
    }

    /// Like [`search`](Self::search), but `rank` sees each match's key and
    /// relevance score first: `None` drops the match (a filter), `Some(s)`
    /// ranks it by `s` instead (an order such as salary), higher first,
    /// ties by key. `total` counts the kept matches, and highlights are
    /// still computed for the returned hits only, so a filtered or
    /// re-ordered search costs about as much as a plain one.
    pub fn search_ranked(
        &self,
        query: &str,
        limit: usize,
        rank: impl Fn(&K, u64) -> Option<u64>,
    ) -> SearchResults<K> {
        let query = Query::parse(self.table, query);
        self.run(&query, None, limit, &rank).0
    }

    /// Approximate heap bytes held by the index, excluding the shared
    /// pinyin table (see `table_bytes`) and whatever the keys own.
    pub fn memory_estimate(&self) -> usize {
        self.arena.heap_bytes()
            + self.docs.capacity() * std::mem::size_of::<Doc<K>>()
            + self.masks.capacity() * std::mem::size_of::<Mask>()
            + self.by_key.capacity() * (std::mem::size_of::<(K, usize)>() + 1)
    }

    /// Heap bytes of the decoded pinyin table, shared by every index.
    pub fn table_bytes(&self) -> usize {
        self.table.heap_bytes()
    }

    pub(crate) fn stamp(&self) -> u64 {
        self.stamp
    }

    pub(crate) fn parse(&self, query: &str) -> Query {
        Query::parse(self.table, query)
    }

    /// Searches `candidates` (positions in `docs`) or every document; also
    /// returns the positions of every match before `rank` dropped any, for
    /// narrowing (which must stay sound when the filter changes).
    pub(crate) fn run(
        &self,
        query: &Query,
        candidates: Option<&[u32]>,
        limit: usize,
        rank: &dyn Fn(&K, u64) -> Option<u64>,
    ) -> (SearchResults<K>, Vec<u32>) {
        if query.is_empty() {
            return (SearchResults::default(), Vec::new());
        }
        // Tokens least likely to match first, so most documents are
        // rejected after one token; longer tokens are rarer.
        let mut tokens: Vec<&Token> = query.tokens.iter().collect();
        crate::sort::sort_by_key(&mut tokens, |t| std::cmp::Reverse(t.units.len()));
        let matchers: Vec<Matcher<'_>> =
            tokens.iter().map(|t| Matcher::new(self.table, t)).collect();
        let need = tokens
            .iter()
            .zip(&matchers)
            .fold(Mask::default(), |m, (t, matcher)| Mask {
                starts: m.starts | matcher.start_bit(),
                letters: m.letters | t.letters,
                literals: m.literals | t.literals,
            });

        let mut scored: Vec<(u64, u32)> = Vec::new();
        let mut matched: Vec<u32> = Vec::new();
        let mut consider = |at: u32| {
            if !self.masks[at as usize].covers(&need) {
                return;
            }
            let doc = &self.docs[at as usize];
            if let Some(score) = self.score(doc, &matchers) {
                matched.push(at);
                if let Some(ranked) = rank(&doc.key, score) {
                    scored.push((ranked, at));
                }
            }
        };
        match candidates {
            Some(list) => list.iter().copied().for_each(&mut consider),
            None => (0..self.docs.len() as u32).for_each(&mut consider),
        }

        let total = scored.len();
        let order = |a: &(u64, u32), b: &(u64, u32)| -> Ordering {
            b.0.cmp(&a.0).then_with(|| {
                self.docs[a.1 as usize]
                    .key
                    .cmp(&self.docs[b.1 as usize].key)
            })
        };
        if limit == 0 {
            scored.clear();
        } else if scored.len() > limit {
            scored.select_nth_unstable_by(limit - 1, order);
            scored.truncate(limit);
        }
        scored.sort_unstable_by(order);
        let hits = scored
            .into_iter()
            .map(|(score, at)| {
                let doc = &self.docs[at as usize];
                Hit {
                    key: doc.key.clone(),
                    score,
                    highlights: self.highlights(doc, &matchers),
                }
            })
            .collect();
        (SearchResults { hits, total }, matched)
    }

    /// The summed score of every token's best match, or `None` if a token
    /// matches nowhere.
    fn score(&self, doc: &Doc<K>, matchers: &[Matcher<'_>]) -> Option<u64> {
        let view = self.arena.doc(doc);
        let mut total = 0;
        for matcher in matchers {
            total += best_match(matcher, &view)?;
        }
        Some(total)
    }

    fn highlights(&self, doc: &Doc<K>, matchers: &[Matcher<'_>]) -> Vec<Highlight> {
        let mut out: Vec<Highlight> = Vec::new();
        for i in 0..doc.fields as usize {
            let field = self.arena.field(doc, i);
            let mut ranges: Vec<Range<usize>> = Vec::new();
            for matcher in matchers {
                if field.slot.starts & matcher.start_bit() != 0 {
                    matcher.all_in(field.units, field.codes, &mut ranges);
                }
            }
            if !ranges.is_empty() {
                out.push(Highlight {
                    field: usize::from(field.slot.index),
                    kind: field.slot.kind,
                    ranges: to_byte_ranges(self.arena.text(doc, i), ranges),
                });
            }
        }
        crate::sort::sort_by_key(&mut out, |h| h.field);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::store::COMPACT_MIN;
    use crate::search::FieldKind;

    #[test]
    fn ranked_search_filters_and_reorders_and_narrowing_survives_a_filter_change() {
        let titles = ["服装工", "服装设计师", "纺织女工", "缝纫工"];
        let index = SearchIndex::build(
            titles
                .iter()
                .enumerate()
                .map(|(k, t)| Document::new(k as u32).field(FieldKind::Title, *t)),
        );
        let keys = |r: &crate::search::SearchResults<u32>| {
            r.hits.iter().map(|h| h.key).collect::<Vec<_>>()
        };
        // Drop key 0, rank the rest by key descending.
        let ranked = index.search_ranked("fz", 10, |k, _| (*k != 0).then_some(100 - u64::from(*k)));
        assert_eq!(keys(&ranked), [1, 2]);
        assert_eq!(ranked.total, 2);
        assert_eq!(ranked.hits[0].highlights[0].ranges, vec![0..6]);
        let mut typing = crate::search::Narrowing::default();
        let odd = |k: &u32, s: u64| (k % 2 == 1).then_some(s);
        assert_eq!(
            keys(&typing.search_ranked(&index, "f", 10, odd)),
            [3, 1],
            "the shorter title first"
        );
        // The filter changes between keystrokes: key 0 must come back.
        assert_eq!(
            keys(&typing.search_ranked(&index, "fu", 10, |_, s| Some(s))),
            [0, 1]
        );
        assert_eq!(keys(&typing.search(&index, "fuz", 10)), [0, 1]);
    }

    #[test]
    fn churn_compacts_and_keeps_every_document_searchable() {
        let mut index = SearchIndex::new();
        for round in 0..40u32 {
            for key in 0..100u32 {
                let title = if key % 2 == 0 {
                    "服装设计师"
                } else {
                    "纺织女工"
                };
                index.insert(Document::new(key).field(FieldKind::Title, format!("{title}{round}")));
            }
        }
        // 40 rounds wrote about 28,000 units; only the live 700 or so and
        // less than a compaction's worth of garbage remain.
        assert!(
            index.arena.units.len() < 2 * COMPACT_MIN + 1000,
            "{}",
            index.arena.units.len()
        );
        assert_eq!(index.search("fzsjs39", 200).total, 50);
        assert_eq!(index.search("纺织女工 39", 200).total, 50);
        assert_eq!(index.search("38", 200).total, 0);
        for key in (0..100).step_by(3) {
            index.remove(&key);
        }
        assert_eq!(index.len(), 66);
        assert_eq!(index.field_text(&1, 0), Some("纺织女工39"));
        let mut keys: Vec<u32> = index.search("39", 200).hits.iter().map(|h| h.key).collect();
        keys.sort();
        assert_eq!(keys, (0..100).filter(|k| k % 3 != 0).collect::<Vec<_>>());
    }
}
