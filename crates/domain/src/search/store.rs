//! Storage: every document's folded fields in flat arenas.
//!
//! Units, start codes, texts and field slots of all documents live in four
//! shared vectors, in insertion order, so a search walks memory front to
//! back instead of chasing a few heap pointers per document. Replacing or
//! removing a document leaves its old data behind as garbage, compacted
//! away once it outweighs the live data.

use super::pinyin::Table;
use super::text::{ascii_bit, is_ascii_word, literal_bit, start_bits, start_code, unit, HANZI};
use super::{Document, FieldKind};

/// Garbage below this many units is never worth a compaction.
pub(super) const COMPACT_MIN: usize = 4096;

/// A document's place in the arenas.
#[derive(Clone)]
pub(super) struct Doc<K> {
    pub key: K,
    /// Its first slot; its fields end at the marker slot `first + fields`.
    pub first: u32,
    pub fields: u32,
}

/// Where a field starts in the arenas; it ends where the next slot starts.
#[derive(Clone, Copy)]
pub(super) struct Slot {
    pub unit: u32,
    pub text: u32,
    /// Which token starts are possible here (`text::start_bits`).
    pub starts: u32,
    pub kind: FieldKind,
    /// `kind.weight()`, looked up once.
    pub weight: u8,
    /// Whether the field holds an ASCII letter or digit: without one a
    /// pinyin token cannot match it exactly.
    pub ascii: bool,
    /// Position in [`Document::fields`].
    pub index: u16,
}

/// What a document contains, coarsely: a token needing a letter, digit or
/// hanzi the document lacks, or starting with something that starts no
/// position of it, cannot match, whatever its form.
#[derive(Clone, Copy, Default)]
pub(super) struct Mask {
    /// Union of its fields' `starts`.
    pub starts: u32,
    /// Letters (of readings and of ASCII text) and digits: `ascii_bit`.
    pub letters: u64,
    /// Bloom bits of non-ASCII units: `literal_bit`.
    pub literals: u64,
}

impl Mask {
    /// Whether a document with this mask may hold everything `need` holds.
    #[inline]
    pub fn covers(&self, need: &Mask) -> bool {
        need.starts & !self.starts == 0
            && need.letters & !self.letters == 0
            && need.literals & !self.literals == 0
    }
}

/// One field of a document.
pub(super) struct FieldView<'a> {
    pub slot: Slot,
    pub units: &'a [u32],
    pub codes: &'a [u8],
}

/// All fields of a document at once (`slots` ends with the end marker).
pub(super) struct DocView<'a> {
    pub slots: &'a [Slot],
    pub units: &'a [u32],
    pub codes: &'a [u8],
}

#[derive(Clone, Default)]
pub(super) struct Arena {
    /// Each document's field slots, heaviest first, then one end marker.
    pub slots: Vec<Slot>,
    /// Folded units of every field (see `text.rs`).
    pub units: Vec<u32>,
    /// One start code per unit (`text::start_code`).
    pub codes: Vec<u8>,
    /// Every field's text as inserted.
    pub text: String,
    /// Units no live document refers to.
    pub garbage: usize,
}

impl Arena {
    /// Folds `doc` onto the end of the arenas, heaviest fields first.
    pub fn append<K>(&mut self, table: &Table, doc: Document<K>) -> (Doc<K>, Mask) {
        let mut order: Vec<usize> = (0..doc.fields.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(doc.fields[i].kind.weight()));
        let first = self.slots.len() as u32;
        let mut mask = Mask::default();
        for i in order {
            let field = &doc.fields[i];
            let (unit_start, text_start) = (self.units.len() as u32, self.text.len() as u32);
            let (mut starts, mut ascii) = (0, false);
            for c in field.text.chars() {
                let u = unit(table, c);
                ascii |= is_ascii_word(u);
                starts |= start_bits(table, u);
                if u >= HANZI {
                    mask.letters |= u64::from(table.all_letters(u - HANZI));
                    mask.literals |= literal_bit(u);
                } else if is_ascii_word(u) {
                    mask.letters |= ascii_bit(u);
                } else {
                    mask.literals |= literal_bit(u);
                }
                self.units.push(u);
                self.codes.push(start_code(table, u));
            }
            self.text.push_str(&field.text);
            mask.starts |= starts;
            self.slots.push(Slot {
                unit: unit_start,
                text: text_start,
                starts,
                kind: field.kind,
                weight: field.kind.weight(),
                ascii,
                index: u16::try_from(i).unwrap_or(u16::MAX),
            });
        }
        self.slots.push(Slot {
            unit: self.units.len() as u32,
            text: self.text.len() as u32,
            starts: 0,
            kind: FieldKind::Body,
            weight: 0,
            ascii: false,
            index: u16::MAX,
        });
        let entry = Doc {
            key: doc.key,
            first,
            fields: self.slots.len() as u32 - first - 1,
        };
        (entry, mask)
    }

    /// Marks `doc`'s data as garbage (it was replaced or removed).
    pub fn retire<K>(&mut self, doc: &Doc<K>) {
        let view = self.doc(doc);
        self.garbage += view.units.len();
    }

    /// All fields of `doc`.
    #[inline(always)]
    pub fn doc<K>(&self, doc: &Doc<K>) -> DocView<'_> {
        let slots = &self.slots[doc.first as usize..=(doc.first + doc.fields) as usize];
        let (start, end) = (slots[0].unit as usize, slots[slots.len() - 1].unit as usize);
        DocView {
            slots,
            units: &self.units[start..end],
            codes: &self.codes[start..end],
        }
    }

    /// Field `i` (in slot order) of `doc`. The text is left out: slicing
    /// it checks char boundaries, a cache miss that matching does not need.
    pub fn field<K>(&self, doc: &Doc<K>, i: usize) -> FieldView<'_> {
        let slot = self.slots[doc.first as usize + i];
        let end = self.slots[doc.first as usize + i + 1].unit as usize;
        FieldView {
            slot,
            units: &self.units[slot.unit as usize..end],
            codes: &self.codes[slot.unit as usize..end],
        }
    }

    /// The text of field `i` (in slot order) of `doc`.
    pub fn text<K>(&self, doc: &Doc<K>, i: usize) -> &str {
        let (slot, end) = (
            self.slots[doc.first as usize + i],
            self.slots[doc.first as usize + i + 1],
        );
        &self.text[slot.text as usize..end.text as usize]
    }

    /// Rewrites the arenas with only the data of `docs` once garbage
    /// dominates, so churn (sync replacing records all day) does not grow
    /// memory.
    pub fn compact_if_worth_it<K>(&mut self, docs: &mut [Doc<K>]) {
        if self.garbage < COMPACT_MIN || self.garbage * 2 < self.units.len() {
            return;
        }
        let mut slots = Vec::with_capacity(self.slots.len());
        let mut units = Vec::with_capacity(self.units.len() - self.garbage);
        let mut codes = Vec::with_capacity(units.capacity());
        let mut text = String::with_capacity(self.text.len());
        for doc in docs {
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

    pub fn shrink_to_fit(&mut self) {
        self.slots.shrink_to_fit();
        self.units.shrink_to_fit();
        self.codes.shrink_to_fit();
        self.text.shrink_to_fit();
    }

    pub fn heap_bytes(&self) -> usize {
        self.units.capacity() * 4
            + self.codes.capacity()
            + self.text.capacity()
            + self.slots.capacity() * std::mem::size_of::<Slot>()
    }
}
