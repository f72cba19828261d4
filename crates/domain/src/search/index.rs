//! The index: folded documents in flat arenas, and the search loop.
//!
//! Every document's units, start codes, texts and field slots live in four
//! shared vectors, in insertion order, so a search walks memory front to
//! back instead of chasing a few heap pointers per document. Removing or
//! replacing a document leaves its old data behind as garbage, compacted
//! away once it outweighs the live data.

use super::highlight::to_byte_ranges;
use super::matcher::{FieldMatch, Matcher, EXACT};
use super::pinyin::{table, Table};
use super::query::{Query, Token};
use super::rank::token_score;
use super::text::{
    ascii_bit, is_ascii_word, literal_bit, start_bits, start_class, start_code, unit, HANZI,
};
use super::{Document, FieldKind, Highlight, Hit, SearchResults};
use std::cmp::Ordering;
use std::collections::HashMap;
use std::fmt;
use std::hash::Hash;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};

/// Garbage below this many units is never worth a compaction.
const COMPACT_MIN: usize = 4096;

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
    /// Each document's field slots, heaviest first, then one end marker.
    slots: Vec<Slot>,
    /// Folded units of every field (see `text.rs`).
    units: Vec<u32>,
    /// One start code per unit (`text::start_code`).
    codes: Vec<u8>,
    /// Every field's text as inserted.
    text: String,
    /// Units no live document refers to.
    garbage: usize,
    /// Changes on every mutation, unique across indexes, so a [`Narrowing`]
    /// can tell whether its remembered positions still mean the same
    /// documents.
    ///
    /// [`Narrowing`]: super::Narrowing
    stamp: u64,
}

#[derive(Clone)]
struct Doc<K> {
    key: K,
    /// Its first slot; its fields end at the marker slot `first + fields`.
    first: u32,
    fields: u32,
}

/// Where a field starts in the arenas; it ends where the next slot starts.
#[derive(Clone, Copy)]
struct Slot {
    unit: u32,
    text: u32,
    /// Which token starts are possible here (`text::start_bits`).
    starts: u32,
    kind: FieldKind,
    /// Position in [`Document::fields`].
    index: u16,
}

/// What a document contains, coarsely: a token needing a letter, digit or
/// hanzi the document lacks, or starting with something that starts no
/// position of it, cannot match, whatever its form.
#[derive(Clone, Copy, Default)]
struct Mask {
    /// Union of its fields' `starts`.
    starts: u32,
    /// Letters (of readings and of ASCII text) and digits: `ascii_bit`.
    letters: u64,
    /// Bloom bits of non-ASCII units: `literal_bit`.
    literals: u64,
}

/// One field of a document during a search.
struct FieldView<'a> {
    slot: Slot,
    units: &'a [u32],
    codes: &'a [u8],
}

/// The best score of one token over a document's fields (`slots`, with
/// the end marker; `units` and `codes` span them all). One scan covers
/// every field, which beats a call per field for short fields; a match is
/// still confined to its field. Fields come heaviest first, so the scan
/// stops at the first lighter field after a match: it cannot outrank it.
#[inline]
fn best_match(matcher: &Matcher<'_>, units: &[u32], codes: &[u8], slots: &[Slot]) -> Option<u64> {
    let base = slots[0].unit as usize;
    let top = FieldMatch {
        quality: EXACT,
        start: 2,
    };
    let mut best: Option<u64> = None;
    let mut class = 0;
    let (mut field, mut field_start, mut field_end) = (0, 0, slots[1].unit as usize - base);
    let mut from = 0;
    while let Some(at) = matcher.next_start(units, codes, from) {
        while at >= field_end {
            field += 1;
            field_start = field_end;
            field_end = slots[field + 1].unit as usize - base;
        }
        let weight = slots[field].kind.weight();
        if weight < class {
            break;
        }
        from = at + 1;
        let (field_units, local) = (&units[field_start..field_end], at - field_start);
        if !matcher.can_start(field_units, local) {
            continue;
        }
        if let Some((quality, _)) = matcher.match_from(field_units, local) {
            let m = FieldMatch {
                quality,
                start: start_class(field_units, local),
            };
            let score = token_score(weight, m, field_units.len());
            best = Some(best.map_or(score, |b| b.max(score)));
            class = weight;
            if m == top {
                from = field_end;
            }
        }
    }
    best
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
        SearchIndex {
            table: table(),
            docs: Vec::new(),
            masks: Vec::new(),
            by_key: HashMap::new(),
            slots: Vec::new(),
            units: Vec::new(),
            codes: Vec::new(),
            text: String::new(),
            garbage: 0,
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
        self.slots.shrink_to_fit();
        self.units.shrink_to_fit();
        self.codes.shrink_to_fit();
        self.text.shrink_to_fit();
    }

    /// Adds a document, or replaces the one with the same key.
    pub fn insert(&mut self, doc: Document<K>) {
        self.stamp = next_stamp();
        let (entry, mask) = self.append(doc);
        match self.by_key.get(&entry.key) {
            Some(&at) => {
                self.garbage += self.unit_count(at);
                self.docs[at] = entry;
                self.masks[at] = mask;
                self.maybe_compact();
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
        self.garbage += self.unit_count(at);
        self.docs.swap_remove(at);
        self.masks.swap_remove(at);
        if let Some(moved) = self.docs.get(at) {
            self.by_key.insert(moved.key.clone(), at);
        }
        self.maybe_compact();
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
            .find(|&i| usize::from(self.slots[doc.first as usize + i].index) == field)
            .map(|i| self.text(doc, i))
    }

    /// The best `limit` documents matching every token of `query`, best
    /// first, with highlights, and the number of matches in all. A query
    /// without letters, digits or hanzi (see [`has_terms`]) matches nothing.
    ///
    /// [`has_terms`]: super::has_terms
    pub fn search(&self, query: &str, limit: usize) -> SearchResults<K> {
        let query = Query::parse(self.table, query);
        self.run(&query, None, limit).0
    }

    /// Approximate heap bytes held by the index, excluding the shared
    /// pinyin table (see `table_bytes`) and whatever the keys own.
    pub fn memory_estimate(&self) -> usize {
        self.units.capacity() * 4
            + self.codes.capacity()
            + self.text.capacity()
            + self.slots.capacity() * std::mem::size_of::<Slot>()
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
    /// returns the positions of every match, for narrowing.
    pub(crate) fn run(
        &self,
        query: &Query,
        candidates: Option<&[u32]>,
        limit: usize,
    ) -> (SearchResults<K>, Vec<u32>) {
        if query.is_empty() {
            return (SearchResults::default(), Vec::new());
        }
        // Tokens least likely to match first, so most documents are
        // rejected after one token; longer tokens are rarer.
        let mut tokens: Vec<&Token> = query.tokens.iter().collect();
        tokens.sort_by_key(|t| std::cmp::Reverse(t.units.len()));
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
        let mut consider = |at: u32| {
            let mask = self.masks[at as usize];
            if need.starts & !mask.starts != 0
                || need.letters & !mask.letters != 0
                || need.literals & !mask.literals != 0
            {
                return;
            }
            if let Some(score) = self.score(&self.docs[at as usize], &matchers) {
                scored.push((score, at));
            }
        };
        match candidates {
            Some(list) => list.iter().copied().for_each(&mut consider),
            None => (0..self.docs.len() as u32).for_each(&mut consider),
        }

        let matched: Vec<u32> = scored.iter().map(|&(_, at)| at).collect();
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
        let slots = &self.slots[doc.first as usize..=(doc.first + doc.fields) as usize];
        let (start, end) = (slots[0].unit as usize, slots[slots.len() - 1].unit as usize);
        let (units, codes) = (&self.units[start..end], &self.codes[start..end]);
        let mut total = 0;
        for matcher in matchers {
            total += best_match(matcher, units, codes, slots)?;
        }
        Some(total)
    }

    fn highlights(&self, doc: &Doc<K>, matchers: &[Matcher<'_>]) -> Vec<Highlight> {
        let mut out: Vec<Highlight> = Vec::new();
        for i in 0..doc.fields as usize {
            let field = self.field(doc, i);
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
                    ranges: to_byte_ranges(self.text(doc, i), ranges),
                });
            }
        }
        out.sort_by_key(|h| h.field);
        out
    }

    /// Field `i` (in slot order) of `doc`. The text is left out: slicing
    /// it checks char boundaries, a cache miss per field that scoring does
    /// not need.
    #[inline(always)]
    fn field(&self, doc: &Doc<K>, i: usize) -> FieldView<'_> {
        let slot = self.slots[doc.first as usize + i];
        let end = self.slots[doc.first as usize + i + 1].unit as usize;
        FieldView {
            slot,
            units: &self.units[slot.unit as usize..end],
            codes: &self.codes[slot.unit as usize..end],
        }
    }

    /// The text of field `i` (in slot order) of `doc`.
    fn text(&self, doc: &Doc<K>, i: usize) -> &str {
        let (slot, end) = (
            self.slots[doc.first as usize + i],
            self.slots[doc.first as usize + i + 1],
        );
        &self.text[slot.text as usize..end.text as usize]
    }

    fn unit_count(&self, at: usize) -> usize {
        let doc = &self.docs[at];
        let (first, end) = (
            self.slots[doc.first as usize],
            self.slots[(doc.first + doc.fields) as usize],
        );
        (end.unit - first.unit) as usize
    }

    /// Folds `doc` onto the end of the arenas.
    fn append(&mut self, doc: Document<K>) -> (Doc<K>, Mask) {
        let mut order: Vec<usize> = (0..doc.fields.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(doc.fields[i].kind.weight()));
        let first = self.slots.len() as u32;
        let mut mask = Mask::default();
        for i in order {
            let field = &doc.fields[i];
            let (unit_start, text_start) = (self.units.len() as u32, self.text.len() as u32);
            let mut starts = 0;
            for c in field.text.chars() {
                let u = unit(self.table, c);
                starts |= start_bits(self.table, u);
                if u >= HANZI {
                    mask.letters |= u64::from(self.table.all_letters(u - HANZI));
                    mask.literals |= literal_bit(u);
                } else if is_ascii_word(u) {
                    mask.letters |= ascii_bit(u);
                } else {
                    mask.literals |= literal_bit(u);
                }
                self.units.push(u);
                self.codes.push(start_code(self.table, u));
            }
            self.text.push_str(&field.text);
            mask.starts |= starts;
            self.slots.push(Slot {
                unit: unit_start,
                text: text_start,
                starts,
                kind: field.kind,
                index: u16::try_from(i).unwrap_or(u16::MAX),
            });
        }
        self.slots.push(Slot {
            unit: self.units.len() as u32,
            text: self.text.len() as u32,
            starts: 0,
            kind: FieldKind::Body,
            index: u16::MAX,
        });
        let entry = Doc {
            key: doc.key,
            first,
            fields: self.slots.len() as u32 - first - 1,
        };
        (entry, mask)
    }

    /// Rewrites the arenas with only live documents once garbage dominates,
    /// so churn (sync replacing records all day) does not grow memory.
    fn maybe_compact(&mut self) {
        if self.garbage < COMPACT_MIN || self.garbage * 2 < self.units.len() {
            return;
        }
        let mut slots = Vec::with_capacity(self.slots.len());
        let mut units = Vec::with_capacity(self.units.len() - self.garbage);
        let mut codes = Vec::with_capacity(units.capacity());
        let mut text = String::with_capacity(self.text.len());
        for doc in &mut self.docs {
            let old = doc.first as usize..(doc.first + doc.fields + 1) as usize;
            let (unit_base, text_base) = (self.slots[old.start].unit, self.slots[old.start].text);
            let (unit_end, text_end) = (self.slots[old.end - 1].unit, self.slots[old.end - 1].text);
            let first = slots.len() as u32;
            for slot in &self.slots[old] {
                slots.push(Slot {
                    unit: slot.unit - unit_base + units.len() as u32,
                    text: slot.text - text_base + text.len() as u32,
                    ..*slot
                });
            }
            units.extend_from_slice(&self.units[unit_base as usize..unit_end as usize]);
            codes.extend_from_slice(&self.codes[unit_base as usize..unit_end as usize]);
            text.push_str(&self.text[text_base as usize..text_end as usize]);
            doc.first = first;
        }
        (self.slots, self.units, self.codes, self.text) = (slots, units, codes, text);
        self.garbage = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            index.units.len() < 2 * COMPACT_MIN + 1000,
            "{}",
            index.units.len()
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
