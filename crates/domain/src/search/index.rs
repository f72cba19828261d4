//! The index: folded documents and the search loop.

use super::highlight::to_byte_ranges;
use super::matcher::Matcher;
use super::pinyin::{table, Table};
use super::query::{Query, Token};
use super::rank::token_score;
use super::text::{ascii_bit, is_ascii_word, literal_bit, unit, HANZI};
use super::{Document, FieldKind, Highlight, Hit, SearchResults};
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
    /// Dense, so a search is a linear scan; `remove` swaps the last one in.
    docs: Vec<Entry<K>>,
    /// Parallel to `docs` and kept apart so the prefilter scan touches only
    /// 16 bytes per document.
    masks: Vec<Mask>,
    slots: HashMap<K, usize>,
    /// Changes on every mutation, unique across indexes, so a [`Narrowing`]
    /// can tell whether its remembered slots still mean the same documents.
    ///
    /// [`Narrowing`]: super::Narrowing
    stamp: u64,
}

/// One document, folded.
#[derive(Clone)]
struct Entry<K> {
    key: K,
    /// Every field's units, back to back.
    units: Box<[u32]>,
    /// Every field's text, back to back.
    text: Box<str>,
    /// Heaviest first (stable), so a token can stop at the first weight
    /// class where it matches.
    fields: Box<[Slot]>,
}

#[derive(Clone, Copy)]
struct Slot {
    kind: FieldKind,
    /// Position in [`Document::fields`].
    index: u32,
    units: (u32, u32),
    text: (u32, u32),
}

/// What a document contains, coarsely: a token needing a letter, digit or
/// hanzi the document lacks cannot match, whatever its form.
#[derive(Clone, Copy, Default)]
struct Mask {
    /// Letters (of readings and of ASCII text) and digits: `ascii_bit`.
    letters: u64,
    /// Bloom bits of non-ASCII units: `literal_bit`.
    literals: u64,
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
            slots: HashMap::new(),
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
        index
    }

    /// Adds a document, or replaces the one with the same key.
    pub fn insert(&mut self, doc: Document<K>) {
        let (entry, mask) = self.fold(doc);
        self.stamp = next_stamp();
        match self.slots.get(&entry.key) {
            Some(&slot) => {
                self.docs[slot] = entry;
                self.masks[slot] = mask;
            }
            None => {
                self.slots.insert(entry.key.clone(), self.docs.len());
                self.docs.push(entry);
                self.masks.push(mask);
            }
        }
    }

    /// Removes the document with `key`; returns whether there was one.
    pub fn remove(&mut self, key: &K) -> bool {
        let Some(slot) = self.slots.remove(key) else {
            return false;
        };
        self.stamp = next_stamp();
        self.docs.swap_remove(slot);
        self.masks.swap_remove(slot);
        if let Some(moved) = self.docs.get(slot) {
            self.slots.insert(moved.key.clone(), slot);
        }
        true
    }

    /// Whether a document with `key` is indexed.
    pub fn contains(&self, key: &K) -> bool {
        self.slots.contains_key(key)
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
        let entry = &self.docs[*self.slots.get(key)?];
        let slot = entry.fields.iter().find(|s| s.index as usize == field)?;
        Some(&entry.text[slot.text.0 as usize..slot.text.1 as usize])
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

    /// Approximate heap bytes held by the index (documents, masks, key map);
    /// excludes the shared pinyin table (see `table_bytes`) and whatever
    /// the keys own.
    pub fn memory_estimate(&self) -> usize {
        let docs: usize = self
            .docs
            .iter()
            .map(|d| {
                d.units.len() * 4 + d.text.len() + d.fields.len() * std::mem::size_of::<Slot>()
            })
            .sum();
        docs + self.docs.capacity() * std::mem::size_of::<Entry<K>>()
            + self.masks.capacity() * std::mem::size_of::<Mask>()
            + self.slots.capacity() * (std::mem::size_of::<K>() + std::mem::size_of::<usize>() + 1)
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

    /// Searches `candidates` (slots) or every document; also returns the
    /// slots of every match, for narrowing.
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
        let need = tokens.iter().fold(Mask::default(), |m, t| Mask {
            letters: m.letters | t.letters,
            literals: m.literals | t.literals,
        });

        let mut scored: Vec<(u64, u32)> = Vec::new();
        let mut consider = |slot: u32| {
            let mask = self.masks[slot as usize];
            if need.letters & !mask.letters != 0 || need.literals & !mask.literals != 0 {
                return;
            }
            if let Some(score) = self.score(&self.docs[slot as usize], &matchers) {
                scored.push((score, slot));
            }
        };
        match candidates {
            Some(slots) => slots.iter().copied().for_each(&mut consider),
            None => (0..self.docs.len() as u32).for_each(&mut consider),
        }

        let matched: Vec<u32> = scored.iter().map(|&(_, slot)| slot).collect();
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
            .map(|(score, slot)| {
                let entry = &self.docs[slot as usize];
                Hit {
                    key: entry.key.clone(),
                    score,
                    highlights: self.highlights(entry, &matchers),
                }
            })
            .collect();
        (SearchResults { hits, total }, matched)
    }

    /// The summed score of every token's best match, or `None` if a token
    /// matches nowhere.
    fn score(&self, entry: &Entry<K>, matchers: &[Matcher<'_>]) -> Option<u64> {
        let mut total = 0;
        for matcher in matchers {
            let mut best: Option<u64> = None;
            let mut class_weight = None;
            for slot in entry.fields.iter() {
                let weight = slot.kind.weight();
                if class_weight.is_some_and(|w| weight < w) {
                    break;
                }
                let units = &entry.units[slot.units.0 as usize..slot.units.1 as usize];
                if let Some(m) = matcher.best_in(units) {
                    let score = token_score(weight, m, units.len());
                    best = Some(best.map_or(score, |b| b.max(score)));
                    class_weight = Some(weight);
                }
            }
            total += best?;
        }
        Some(total)
    }

    fn highlights(&self, entry: &Entry<K>, matchers: &[Matcher<'_>]) -> Vec<Highlight> {
        let mut out: Vec<Highlight> = Vec::new();
        let mut ranges: Vec<Range<usize>> = Vec::new();
        for slot in entry.fields.iter() {
            let units = &entry.units[slot.units.0 as usize..slot.units.1 as usize];
            ranges.clear();
            for matcher in matchers {
                matcher.all_in(units, &mut ranges);
            }
            if ranges.is_empty() {
                continue;
            }
            let text = &entry.text[slot.text.0 as usize..slot.text.1 as usize];
            out.push(Highlight {
                field: slot.index as usize,
                kind: slot.kind,
                ranges: to_byte_ranges(text, std::mem::take(&mut ranges)),
            });
        }
        out.sort_by_key(|h| h.field);
        out
    }

    fn fold(&self, doc: Document<K>) -> (Entry<K>, Mask) {
        let chars: usize = doc.fields.iter().map(|f| f.text.len()).sum();
        let mut units = Vec::with_capacity(chars);
        let mut text = String::with_capacity(chars);
        let mut mask = Mask::default();
        let mut fields: Vec<Slot> = Vec::with_capacity(doc.fields.len());
        for (index, field) in doc.fields.iter().enumerate() {
            let (unit_start, text_start) = (units.len() as u32, text.len() as u32);
            for c in field.text.chars() {
                let u = unit(self.table, c);
                if u >= HANZI {
                    mask.letters |= u64::from(self.table.all_letters(u - HANZI));
                    mask.literals |= literal_bit(u);
                } else if is_ascii_word(u) {
                    mask.letters |= ascii_bit(u);
                } else {
                    mask.literals |= literal_bit(u);
                }
                units.push(u);
            }
            text.push_str(&field.text);
            fields.push(Slot {
                kind: field.kind,
                index: index as u32,
                units: (unit_start, units.len() as u32),
                text: (text_start, text.len() as u32),
            });
        }
        fields.sort_by_key(|s| std::cmp::Reverse(s.kind.weight()));
        let entry = Entry {
            key: doc.key,
            units: units.into_boxed_slice(),
            text: text.into_boxed_str(),
            fields: fields.into_boxed_slice(),
        };
        (entry, mask)
    }
}
