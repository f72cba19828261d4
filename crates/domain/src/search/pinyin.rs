//! The hanzi → pinyin table, embedded as `pinyin.bin`.
//!
//! # Why our own table
//! The `pinyin` crate builds for wasm32 but carries readings for ~41,000
//! characters with tones in four styles: about 79 KB brotli in the bundle.
//! Search only needs toneless readings of the characters people actually
//! type, so `tools/gen_pinyin_table.py` (run once, output committed) writes
//! the 6,763 hanzi of GB 2312 plus a few name characters (6,778) in
//! 19.1 KB raw, **11.2 KB brotli** (`brotli -q 11`; 12.4 KB gzip -9).
//! Characters outside the table still match literally; they have no pinyin.
//!
//! Heteronyms keep every reading that modern words use (行 xing/hang/heng,
//! 长 zhang/chang, 重 zhong/chong): the first reading of pinyin-data plus
//! those attested in a 47k-word phrase list. pinyin-data alone also lists
//! 2,018 archaic readings for these characters (件 mou, 拔 bo/bie/fa/bei),
//! each a false hit for pinyin and initials; the generator explains more.
//!
//! # Format (`PYT1`, little-endian)
//! | bytes | content |
//! |---|---|
//! | 4 | magic `PYT1` |
//! | 2 × 5 | `S` syllables, `N` hanzi, `X` extra readings, `M` hanzi with extras, `B` blob length |
//! | `B` | the `S` syllables, ASCII, sorted, separated by one space; ü is `v` |
//! | 2,624 | bitmap over U+4E00..=U+9FFF: bit `i` set ⇔ U+4E00+`i` is in the table |
//! | 2 × `N` | each hanzi's first reading (syllable id), in code point order; bit 15 set = it has more |
//! | `M` | for each hanzi with more, in order: how many more |
//! | 2 × `X` | those extra readings' syllable ids, in order |
//!
//! A hanzi's *ordinal* is its rank among the set bits of the bitmap. A
//! bitmap beats a list of code points (2,624 bytes against 13,526 for 6,763
//! `u16`s, raw), and planes of low and high bytes did not
//! compress better than plain `u16`s (11.3 KB against 11.2 KB), so the
//! format stays this plain. Rank counts and the flattened reading lists are
//! rebuilt in well under a millisecond on first use rather than stored.
//!
//! # Embedded or installed
//! Native builds embed the file (feature `embedded-pinyin`, on by default).
//! The app leaves it out of its start bundle, where it would be 11 KB of the
//! brotli budget, fetches it once the first screen is drawn and hands it to
//! [`install`]. Until then a table with no hanzi stands in: text still
//! matches literally, pinyin does not, so whoever builds an index before
//! that builds it again once [`installed`] says so.

use std::sync::OnceLock;

#[cfg(feature = "embedded-pinyin")]
const EMBEDDED: &[u8] = include_bytes!("pinyin.bin");
const MAGIC: &[u8; 4] = b"PYT1";
const FIRST: u32 = 0x4E00;
const LAST: u32 = 0x9FFF;
const BITMAP_BYTES: usize = ((LAST - FIRST + 1) / 8) as usize;

/// Set on a reading id when the reading is a loose spelling (`nu` for nü):
/// it matches, but ranks like an abbreviation.
pub(crate) const LOOSE: u16 = 0x8000;
/// The same flag on a packed reading word (bit 63; lengths use bits 56..59).
pub(crate) const LOOSE_WORD: u64 = 1 << 63;

/// The decoded table: syllables, the code point → ordinal index and every
/// hanzi's readings flattened for the matcher.
pub(crate) struct Table {
    syllables: Vec<&'static str>,
    bitmap: &'static [u8],
    /// Ordinal of the first hanzi of each 64-code-point block.
    block_rank: Vec<u16>,
    /// `readings[starts[o]..starts[o + 1]]` are hanzi `o`'s reading ids.
    starts: Vec<u32>,
    readings: Vec<u16>,
    /// Each entry of `readings` packed: letters little-endian in bytes 0..6
    /// and the length in byte 7, so the matcher compares a whole syllable
    /// with the query in one XOR; [`LOOSE_WORD`] marks loose spellings.
    words: Vec<u64>,
    /// Per hanzi, the first letters of its readings (bit 0 = `a`).
    /// Per hanzi, the first and the second letters of its readings, side by
    /// side because the matcher reads both for one candidate.
    lead_letters: Vec<[u32; 2]>,
    /// Per hanzi, every letter of its readings (bit 0 = `a`).
    all_letters: Vec<u32>,
}

/// The installed table, if any.
static INSTALLED: OnceLock<Table> = OnceLock::new();

/// The process-wide table: the installed one, else the embedded one
/// (decoded on first use), else one with no hanzi.
pub(crate) fn table() -> &'static Table {
    if let Some(table) = INSTALLED.get() {
        return table;
    }
    #[cfg(feature = "embedded-pinyin")]
    {
        INSTALLED.get_or_init(|| {
            Table::decode(EMBEDDED).expect("the embedded pinyin.bin is well-formed")
        })
    }
    #[cfg(not(feature = "embedded-pinyin"))]
    {
        static EMPTY: OnceLock<Table> = OnceLock::new();
        EMPTY.get_or_init(Table::empty)
    }
}

/// Why [`install`] refused a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum InstallError {
    /// The bytes are not a `pinyin.bin` of this format.
    #[error("not a pinyin table of format PYT1")]
    Malformed,
    /// A table is already in use (installed, or the embedded one decoded).
    #[error("a pinyin table is already in use")]
    AlreadyInstalled,
}

/// Makes the bytes of `pinyin.bin` the process's table. A table refused
/// changes nothing: the one in use stays.
pub fn install(bytes: Vec<u8>) -> Result<(), InstallError> {
    if INSTALLED.get().is_some() {
        return Err(InstallError::AlreadyInstalled);
    }
    // The syllables borrow from the bytes for the life of the process; a
    // table is installed once, so this leaks one file's worth at most once
    // (and once per malformed file offered, which only a broken server does).
    let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
    let table = Table::decode(bytes).ok_or(InstallError::Malformed)?;
    INSTALLED
        .set(table)
        .map_err(|_| InstallError::AlreadyInstalled)
}

/// Whether a table with readings is in use (always, with the embedded one).
pub fn installed() -> bool {
    cfg!(feature = "embedded-pinyin") || INSTALLED.get().is_some()
}

/// The toneless readings of `c`, most common first (ü written `v`), or none
/// when `c` is not in the table.
///
/// ```
/// use domain::search::pinyin::readings;
/// assert_eq!(readings('服'), ["fu"]);
/// assert!(readings('行').contains(&"hang"));
/// assert!(readings('A').is_empty());
/// ```
pub fn readings(c: char) -> Vec<&'static str> {
    let t = table();
    t.ordinal(c)
        .map(|o| {
            t.readings_of(o)
                .iter()
                .filter(|&&r| r & LOOSE == 0)
                .map(|&r| t.syllable(r))
                .collect()
        })
        .unwrap_or_default()
}

/// How many hanzi the embedded table covers.
pub fn coverage() -> usize {
    table().starts.len() - 1
}

impl Table {
    /// A table with no hanzi: nothing has readings.
    #[cfg_attr(feature = "embedded-pinyin", allow(dead_code))]
    fn empty() -> Table {
        static NO_HANZI: [u8; BITMAP_BYTES] = [0; BITMAP_BYTES];
        Table {
            syllables: Vec::new(),
            bitmap: &NO_HANZI,
            block_rank: vec![0; BITMAP_BYTES / 8],
            starts: vec![0],
            readings: Vec::new(),
            words: Vec::new(),
            lead_letters: Vec::new(),
            all_letters: Vec::new(),
        }
    }

    fn decode(bytes: &'static [u8]) -> Option<Table> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(4)? != MAGIC {
            return None;
        }
        let [s, n, x, m, b] = [r.u16()?, r.u16()?, r.u16()?, r.u16()?, r.u16()?].map(usize::from);
        let blob = std::str::from_utf8(r.take(b)?).ok()?;
        let mut syllables: Vec<&'static str> = blob.split(' ').collect();
        let bitmap = r.take(BITMAP_BYTES)?;
        let (primary, counts, extras) = (r.take(2 * n)?, r.take(m)?, r.take(2 * x)?);
        if syllables.len() != s
            || r.at != bytes.len()
            || syllables.iter().any(|s| s.is_empty() || s.len() > 6)
        {
            return None;
        }

        let mut block_rank = Vec::with_capacity(BITMAP_BYTES / 8);
        let mut seen = 0u32;
        for block in bitmap.chunks(8) {
            block_rank.push(u16::try_from(seen).ok()?);
            seen += block.iter().map(|b| b.count_ones()).sum::<u32>();
        }
        if seen as usize != n {
            return None;
        }

        // Only nü/lü are spelled with v, and people type them with u. The
        // `-e` forms are unambiguous; bare `nu`/`lu` are real syllables
        // (奴, 路), so those spellings are marked loose and rank lower.
        let mut v_ids: Vec<(u16, Option<u16>)> = Vec::with_capacity(s);
        for i in 0..s {
            let id = u16::try_from(i).ok()?;
            if !syllables[i].contains('v') {
                v_ids.push((id, None));
                continue;
            }
            let u = syllables[i].replace('v', "u");
            let alt = match syllables.iter().position(|&t| t == u) {
                Some(j) => j,
                None => {
                    syllables.push(match u.as_str() {
                        "lue" => "lue",
                        "nue" => "nue",
                        _ => return None,
                    });
                    syllables.len() - 1
                }
            };
            let loose = if matches!(u.as_str(), "lu" | "nu") {
                LOOSE
            } else {
                0
            };
            v_ids.push((id, Some(u16::try_from(alt).ok()? | loose)));
        }

        let mut starts = Vec::with_capacity(n + 1);
        let mut readings = Vec::with_capacity(n + x + n / 64);
        let mut lead_letters = Vec::with_capacity(n);
        let mut all_letters = Vec::with_capacity(n);
        let (mut next_count, mut next_extra) = (0usize, 0usize);
        for o in 0..n {
            starts.push(u32::try_from(readings.len()).ok()?);
            let first = le16(primary, o)?;
            let mut ids = vec![first & 0x7FFF];
            if first & 0x8000 != 0 {
                let more = usize::from(*counts.get(next_count)?);
                next_count += 1;
                for _ in 0..more {
                    ids.push(le16(extras, next_extra)?);
                    next_extra += 1;
                }
            }
            let (mut first_mask, mut second_mask, mut all_mask) = (0u32, 0u32, 0u32);
            for id in ids {
                let (id, alt) = *v_ids.get(usize::from(id))?;
                for r in std::iter::once(id).chain(alt) {
                    let text = syllables[usize::from(r & !LOOSE)];
                    first_mask |= letter_bit(text.as_bytes()[0]);
                    second_mask |= text.as_bytes().get(1).map_or(0, |&b| letter_bit(b));
                    all_mask |= text.bytes().map(letter_bit).fold(0, |a, b| a | b);
                    readings.push(r);
                }
            }
            lead_letters.push([first_mask, second_mask]);
            all_letters.push(all_mask);
        }
        starts.push(u32::try_from(readings.len()).ok()?);
        if next_count != m || next_extra != x {
            return None;
        }
        let packed: Vec<u64> = syllables
            .iter()
            .map(|s| {
                let mut word = [0u8; 8];
                word[..s.len()].copy_from_slice(s.as_bytes());
                word[7] = s.len() as u8;
                u64::from_le_bytes(word)
            })
            .collect();
        let words = readings
            .iter()
            .map(|&r| {
                let word: u64 = packed[usize::from(r & !LOOSE)];
                if r & LOOSE != 0 {
                    word | LOOSE_WORD
                } else {
                    word
                }
            })
            .collect();
        Some(Table {
            syllables,
            words,
            bitmap,
            block_rank,
            starts,
            readings,
            lead_letters,
            all_letters,
        })
    }

    /// The ordinal of `c` in the table, if it has readings.
    pub(crate) fn ordinal(&self, c: char) -> Option<u32> {
        let offset = u32::from(c)
            .checked_sub(FIRST)
            .filter(|&o| o <= LAST - FIRST)? as usize;
        let block = offset / 64;
        let bytes = &self.bitmap[block * 8..block * 8 + 8];
        let word = u64::from_le_bytes(bytes.try_into().ok()?);
        let bit = offset % 64;
        (word >> bit & 1 == 1)
            .then(|| u32::from(self.block_rank[block]) + (word & ((1u64 << bit) - 1)).count_ones())
    }

    /// Reading ids of hanzi `ordinal`, possibly with [`LOOSE`] set.
    #[inline(always)]
    pub(crate) fn readings_of(&self, ordinal: u32) -> &[u16] {
        let o = ordinal as usize;
        &self.readings[self.starts[o] as usize..self.starts[o + 1] as usize]
    }

    /// Packed readings of hanzi `ordinal` (see `words`).
    #[inline(always)]
    pub(crate) fn reading_words(&self, ordinal: u32) -> &[u64] {
        let o = ordinal as usize;
        &self.words[self.starts[o] as usize..self.starts[o + 1] as usize]
    }

    /// The text of a reading id (ignoring [`LOOSE`]).
    pub(crate) fn syllable(&self, id: u16) -> &'static str {
        self.syllables[usize::from(id & !LOOSE)]
    }

    /// Bit set of the first letters of hanzi `ordinal`'s readings.
    #[inline(always)]
    pub(crate) fn first_letters(&self, ordinal: u32) -> u32 {
        self.lead_letters[ordinal as usize][0]
    }

    /// Bit set of the second letters of hanzi `ordinal`'s readings.
    #[inline(always)]
    pub(crate) fn second_letters(&self, ordinal: u32) -> u32 {
        self.lead_letters[ordinal as usize][1]
    }

    /// Bit set of all letters in hanzi `ordinal`'s readings.
    pub(crate) fn all_letters(&self, ordinal: u32) -> u32 {
        self.all_letters[ordinal as usize]
    }

    /// Heap bytes held by the decoded table.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.syllables.capacity() * std::mem::size_of::<&str>()
            + (self.block_rank.capacity() + self.readings.capacity()) * 2
            + self.words.capacity() * 8
            + (self.starts.capacity()
                + self.lead_letters.capacity() * 2
                + self.all_letters.capacity())
                * 4
    }
}

/// Bit of an ASCII lowercase letter (bit 0 = `a`); 0 for anything else.
pub(crate) fn letter_bit(b: u8) -> u32 {
    if b.is_ascii_lowercase() {
        1 << (b - b'a')
    } else {
        0
    }
}

/// The `i`-th little-endian `u16` of `bytes`.
fn le16(bytes: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes([
        *bytes.get(2 * i)?,
        *bytes.get(2 * i + 1)?,
    ]))
}

struct Reader {
    bytes: &'static [u8],
    at: usize,
}

impl Reader {
    fn take(&mut self, n: usize) -> Option<&'static [u8]> {
        let out = self.bytes.get(self.at..self.at + n)?;
        self.at += n;
        Some(out)
    }

    fn u16(&mut self) -> Option<u16> {
        le16(self.take(2)?, 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str) -> Vec<Vec<&'static str>> {
        text.chars().map(readings).collect()
    }

    fn reads(text: &str, spelled: &[&str]) -> bool {
        word(text).iter().zip(spelled).all(|(r, s)| r.contains(s))
            && text.chars().count() == spelled.len()
    }

    #[test]
    fn a_table_without_hanzi_matches_text_but_no_pinyin() {
        use crate::search::{Document, FieldKind, SearchIndex};
        let empty: &'static Table = Box::leak(Box::new(Table::empty()));
        assert_eq!(empty.ordinal('服'), None);
        let mut index = SearchIndex::with_table(empty);
        index.insert(Document::new(1u32).field(FieldKind::Title, "服装工 sewing"));
        let found = |q: &str| index.search(q, 10).hits.len();
        assert_eq!(found("服装"), 1, "hanzi match literally");
        assert_eq!(found("sewing"), 1);
        assert_eq!(found("fuzhuang"), 0, "no readings, so no pinyin");
        assert_eq!(found("fzg"), 0);
        let mut full = SearchIndex::new();
        full.insert(Document::new(1u32).field(FieldKind::Title, "服装工 sewing"));
        assert_eq!(full.search("fuzhuang", 10).hits.len(), 1);
    }

    #[test]
    fn table_decodes_and_covers_gb2312() {
        assert_eq!(coverage(), 6778);
        assert!(readings('件') == ["jian"], "archaic readings are dropped");
        assert!(table().heap_bytes() > 0);
    }

    #[test]
    fn known_words() {
        for (text, spelled) in [
            ("服装", &["fu", "zhuang"][..]),
            ("纺织", &["fang", "zhi"]),
            ("即墨", &["ji", "mo"]),
            ("通济", &["tong", "ji"]),
            ("海绵", &["hai", "mian"]),
            ("银行", &["yin", "hang"]),
            ("行政", &["xing", "zheng"]),
            ("重庆", &["chong", "qing"]),
            ("重要", &["zhong", "yao"]),
            ("长度", &["chang", "du"]),
            ("厂长", &["chang", "zhang"]),
            ("青岛", &["qing", "dao"]),
            ("绿色", &["lv", "se"]),
            ("略", &["lve"]),
            ("仁成", &["ren", "cheng"]),
        ] {
            assert!(reads(text, spelled), "{text}: {:?}", word(text));
        }
    }

    #[test]
    fn u_umlaut_is_v() {
        assert_eq!(readings('女')[0], "nv");
        assert!(
            !readings('女').contains(&"nu"),
            "the loose alias is not a reading"
        );
        assert_eq!(
            readings('居')[0],
            "ju",
            "ü after j/q/x/y is already written u"
        );
    }

    #[test]
    fn heteronyms_list_every_reading() {
        let hang = readings('行');
        assert!(hang.contains(&"xing") && hang.contains(&"hang"));
        let zhong = readings('重');
        assert!(zhong.contains(&"zhong") && zhong.contains(&"chong"));
    }

    #[test]
    fn ordinals_are_dense_and_ordered() {
        let t = table();
        assert_eq!(
            t.ordinal('一'),
            Some(0),
            "U+4E00 is the first GB 2312 hanzi by code point"
        );
        assert_eq!(t.ordinal('A'), None);
        assert_eq!(t.ordinal('\u{4E02}'), None, "丂 is not in GB 2312");
        let mut last = None;
        for c in ['丁', '服', '装', '齄'] {
            let o = t.ordinal(c).expect("in GB 2312");
            assert!(last < Some(o));
            last = Some(o);
        }
        assert_eq!(
            t.ordinal('龠'),
            Some(coverage() as u32 - 1),
            "U+9FA0 is the last by code point"
        );
    }

    #[test]
    fn loose_aliases_for_nv_and_lv() {
        let t = table();
        let nv = t.ordinal('女').unwrap();
        let spelled: Vec<(&str, bool)> = t
            .readings_of(nv)
            .iter()
            .map(|&r| (t.syllable(r), r & LOOSE != 0))
            .collect();
        assert!(spelled.contains(&("nv", false)));
        assert!(spelled.contains(&("nu", true)));
        assert!(t.reading_words(nv).iter().any(|w| w & LOOSE_WORD != 0));
        let lve = t.ordinal('略').unwrap();
        let spelled: Vec<(&str, bool)> = t
            .readings_of(lve)
            .iter()
            .map(|&r| (t.syllable(r), r & LOOSE != 0))
            .collect();
        assert!(
            spelled.contains(&("lue", false)),
            "lüe has no other reading spelled lue"
        );
    }

    #[test]
    fn letter_masks() {
        let t = table();
        let o = t.ordinal('装').unwrap();
        assert_eq!(t.first_letters(o), letter_bit(b'z'));
        let all = t.all_letters(o);
        for b in b"zhuang" {
            assert_ne!(all & letter_bit(*b), 0);
        }
        assert_eq!(all & letter_bit(b'x'), 0);
        assert_eq!(t.second_letters(o), letter_bit(b'h'));
        let packed = t.reading_words(o)[0].to_le_bytes();
        assert_eq!(&packed[..6], b"zhuang");
        assert_eq!(packed[7], 6);
    }
}
