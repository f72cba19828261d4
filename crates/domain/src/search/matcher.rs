//! Matching one token against one field.
//!
//! A token matches a contiguous run of field chars. Each char is consumed
//! either literally (the same hanzi, letter or digit) or, for a hanzi, by a
//! non-empty prefix of one of its readings. So `fuzhuang`, `fz`, `fzhuang`,
//! `fuzh` and `服zh` all match 服装, and `纺织nv` matches 纺织女工. Which
//! prefixes were taken decides the quality:
//!
//! * [`EXACT`]: every char literal (a hanzi substring, `cnc` in "CNC").
//! * [`PINYIN`]: full syllables, except that the last one may still be being
//!   typed (`fuzh`).
//! * [`ABBREVIATED`]: initials or other cut syllables before the last
//!   (`fz`, `fzhuang`), or a loose spelling (`nu` for 女).
//!
//! Several parses can exist (heteronyms, `xian` = 先 or 西安), so the matcher
//! runs a small dynamic programme over (field char, token offset) keeping the
//! best quality per state, rather than backtracking: cost is bounded by
//! chars × token length × readings, whatever the input.

use super::pinyin::{letter_bit, Table, LOOSE_WORD};
use super::query::Token;
use super::text::{ascii_code, token_start_bit, CODE_MULTI, HANZI};
use std::ops::Range;

/// Initials or cut syllables.
pub(crate) const ABBREVIATED: u8 = 1;
/// Full pinyin syllables.
pub(crate) const PINYIN: u8 = 2;
/// A literal substring.
pub(crate) const EXACT: u8 = 3;

/// The best a token does in one field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct FieldMatch {
    /// [`ABBREVIATED`], [`PINYIN`] or [`EXACT`].
    pub quality: u8,
    /// 2 at the field start, 1 at a word start, 0 elsewhere.
    pub start: u8,
}

/// Matches one token; cheap to build per search.
pub(crate) struct Matcher<'a> {
    table: &'a Table,
    token: &'a Token,
    /// The first two units, and their letter bits (0 unless a letter).
    t0: u32,
    t0_letter: u32,
    t1: Option<u32>,
    t1_letter: u32,
    /// `text::start_code` to scan for when the token starts with an ASCII
    /// letter or digit.
    code: Option<u8>,
    start_bit: u32,
    /// The token's units, padded: 64 entries, so indexing by a bit
    /// position of a `u64` state set needs no bounds check.
    tok: [u32; 64],
    /// For each token offset k, units k..k+7 as bytes like
    /// `Table::packed` (a non-letter is 0xFF, past the end 0xFE), so one
    /// XOR finds how many letters a syllable shares with the rest.
    packed: [u64; 64],
}

const ONES: u64 = 0x0101_0101_0101_0101;
/// Bytes 0..7 of a packed syllable or token word (byte 7 is a length).
const LETTER_BYTES: u64 = 0x00FF_FFFF_FFFF_FFFF;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// High bit set in each zero byte of `v` (and maybe in bytes above one):
/// the lowest set bit always marks a true zero byte.
#[inline(always)]
fn zero_bytes(v: u64) -> u64 {
    v.wrapping_sub(ONES) & !v & HIGHS
}

impl<'a> Matcher<'a> {
    pub(crate) fn new(table: &'a Table, token: &'a Token) -> Self {
        let letter = |u: u32| if u < 128 { letter_bit(u as u8) } else { 0 };
        let t0 = token.units[0];
        let t1 = token.units.get(1).copied();
        Matcher {
            table,
            token,
            t0,
            t0_letter: letter(t0),
            t1,
            t1_letter: t1.map_or(0, letter),
            code: ascii_code(t0),
            start_bit: token_start_bit(t0),
            tok: std::array::from_fn(|k| token.units.get(k).copied().unwrap_or(u32::MAX)),
            packed: std::array::from_fn(|k| {
                let mut word = [0xFEu8; 8];
                let rest = token.units.get(k..).unwrap_or_default();
                for (byte, &u) in word.iter_mut().zip(rest).take(7) {
                    *byte = if u < 128 && (u as u8).is_ascii_lowercase() {
                        u as u8
                    } else {
                        0xFF
                    };
                }
                u64::from_le_bytes(word)
            }),
        }
    }

    /// Whether the token has no ASCII letter, so it matches literally only.
    pub(crate) fn is_literal(&self) -> bool {
        self.token.literal
    }

    /// The bit a field's start mask needs for this token to start in it
    /// (see `text::start_bits`).
    pub(crate) fn start_bit(&self) -> u32 {
        self.start_bit
    }

    /// The first position at or after `i` whose start code fits the token's
    /// first char, eight codes per step; `can_start` has the last word.
    #[inline(always)]
    pub(crate) fn next_start(&self, units: &[u32], codes: &[u8], mut i: usize) -> Option<usize> {
        let Some(code) = self.code else {
            return units
                .get(i..)?
                .iter()
                .position(|&u| u == self.t0)
                .map(|p| i + p);
        };
        let (want, multi) = (ONES * u64::from(code), ONES * u64::from(CODE_MULTI));
        while i + 8 <= codes.len() {
            let word = u64::from_le_bytes(codes[i..i + 8].try_into().unwrap_or([0; 8]));
            let hits = zero_bytes(word ^ want) | zero_bytes(word ^ multi);
            if hits != 0 {
                return Some(i + (hits.trailing_zeros() / 8) as usize);
            }
            i += 8;
        }
        while i < codes.len() {
            if codes[i] == code || codes[i] == CODE_MULTI {
                return Some(i);
            }
            i += 1;
        }
        None
    }

    /// Whether a match can start at `units[i]`, a position `next_start`
    /// returned, judged from the first two token chars: it rejects almost
    /// every position with a few loads, before the automaton runs.
    #[inline(always)]
    pub(crate) fn can_start(&self, units: &[u32], codes: &[u8], i: usize) -> bool {
        let u = units[i];
        if u == self.t0 {
            return true;
        }
        // `next_start` matched the first letter already, unless the hanzi's
        // readings start with several letters.
        if u < HANZI
            || self.t0_letter == 0
            || (codes[i] == CODE_MULTI && self.table.first_letters(u - HANZI) & self.t0_letter == 0)
        {
            return false;
        }
        let Some(t1) = self.t1 else {
            return true;
        };
        let next = units.get(i + 1).copied();
        if self.t1_letter == 0 {
            // Only a letter can continue a reading; anything else must be
            // the next char itself.
            return next == Some(t1);
        }
        self.table.second_letters(u - HANZI) & self.t1_letter != 0
            || next.is_some_and(|v| {
                v == t1 || (v >= HANZI && self.table.first_letters(v - HANZI) & self.t1_letter != 0)
            })
    }

    /// Quality of a match at `start` (which passed `can_start`) and its end.
    #[inline(always)]
    pub(crate) fn match_from(&self, units: &[u32], start: usize) -> Option<(u8, usize)> {
        if self.t1.is_none() {
            // One char: `can_start` already decided; a lone letter is a
            // (possibly complete) first syllable.
            let quality = if units[start] == self.t0 {
                EXACT
            } else {
                PINYIN
            };
            return Some((quality, start + 1));
        }
        self.match_at(units, start)
    }

    /// The best quality of a match starting at `start`, with the earliest
    /// end reaching it.
    fn match_at(&self, units: &[u32], start: usize) -> Option<(u8, usize)> {
        let n = self.token.units.len();
        if self.token.literal {
            return units[start..]
                .starts_with(&self.token.units)
                .then_some((EXACT, start + n));
        }
        // The states are token offsets k, as bit k of three masks: bit k of
        // `cur[q - 1]` is set when k units can be consumed with quality at
        // least q. Bit sets keep a step free of array clearing.
        let mut cur = [1u64, 1, 1];
        let mut best: Option<(u8, usize)> = None;
        for (pos, &u) in units.iter().enumerate().skip(start) {
            let mut next = [0u64; 3];
            let mut reach = |end: usize, q: u8| {
                if end == n {
                    if best.is_none_or(|(b, _)| q > b) {
                        best = Some((q, pos + 1));
                    }
                } else {
                    let bit = 1u64 << end;
                    next[0] |= bit;
                    if q >= PINYIN {
                        next[1] |= bit;
                    }
                    if q >= EXACT {
                        next[2] |= bit;
                    }
                }
            };
            let mut states = cur[0];
            while states != 0 {
                let k = states.trailing_zeros() as usize;
                states &= states - 1;
                let q = 1 + ((cur[1] >> k) & 1) as u8 + ((cur[2] >> k) & 1) as u8;
                if u == self.tok[k] {
                    reach(k + 1, q);
                } else if u >= HANZI && self.packed[k] & 0xFF != 0xFF {
                    for &syllable in self.table.reading_words(u - HANZI) {
                        let len = (syllable >> 56) as usize & 0x7;
                        let diff = (self.packed[k] ^ syllable) & LETTER_BYTES;
                        let same = diff.trailing_zeros() as usize / 8;
                        for l in 1..=same.min(len) {
                            let (end, whole) = (k + l, l == len);
                            let step = match (whole, end == n) {
                                (true, _) if syllable & LOOSE_WORD != 0 => ABBREVIATED,
                                (true, _) | (false, true) => PINYIN,
                                (false, false) => ABBREVIATED,
                            };
                            reach(end, q.min(step));
                        }
                    }
                }
            }
            if next[0] == 0 || best.is_some_and(|(b, _)| b == EXACT) {
                break;
            }
            cur = next;
        }
        best
    }

    /// The best match anywhere in `units` (whose start codes are `codes`),
    /// or `None`. The index runs the same loop over all fields of a
    /// document at once.
    #[cfg(test)]
    pub(crate) fn best_in(&self, units: &[u32], codes: &[u8]) -> Option<FieldMatch> {
        use super::text::start_class;
        let mut best: Option<FieldMatch> = None;
        let top = FieldMatch {
            quality: EXACT,
            start: 2,
        };
        let mut from = 0;
        while let Some(start) = self.next_start(units, codes, from) {
            from = start + 1;
            if !self.can_start(units, codes, start) {
                continue;
            }
            if let Some((quality, _)) = self.match_from(units, start) {
                let m = FieldMatch {
                    quality,
                    start: start_class(units, start),
                };
                if best.is_none_or(|b| m > b) {
                    best = Some(m);
                    if m == top {
                        break;
                    }
                }
            }
        }
        best
    }

    /// Every non-overlapping match in `units`, leftmost first, as char
    /// ranges, appended to `out`.
    pub(crate) fn all_in(&self, units: &[u32], codes: &[u8], out: &mut Vec<Range<usize>>) {
        let mut from = 0;
        while let Some(start) = self.next_start(units, codes, from) {
            from = start + 1;
            if self.can_start(units, codes, start) {
                if let Some((_, end)) = self.match_from(units, start) {
                    out.push(start..end);
                    from = end;
                }
            }
        }
    }
}

#[cfg(test)]
// Lists of one range are what the code returns, not a typo for `vec![a; n]`.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;
    use crate::search::pinyin::table;
    use crate::search::query::{Query, MAX_TOKEN};
    use crate::search::text::{start_code, unit};

    fn units(text: &str) -> Vec<u32> {
        text.chars().map(|c| unit(table(), c)).collect()
    }

    fn codes(units: &[u32]) -> Vec<u8> {
        units.iter().map(|&u| start_code(table(), u)).collect()
    }

    fn best(m: &Matcher<'_>, field: &str) -> Option<FieldMatch> {
        let u = units(field);
        m.best_in(&u, &codes(&u))
    }

    /// Quality of the best match of a one-token query in `field`.
    fn quality(query: &str, field: &str) -> Option<u8> {
        let q = Query::parse(table(), query);
        best(&Matcher::new(table(), &q.tokens[0]), field).map(|m| m.quality)
    }

    fn ranges(query: &str, field: &str) -> Vec<Range<usize>> {
        let q = Query::parse(table(), query);
        let mut out = Vec::new();
        let u = units(field);
        Matcher::new(table(), &q.tokens[0]).all_in(&u, &codes(&u), &mut out);
        out
    }

    #[test]
    fn qualities() {
        assert_eq!(quality("服装", "服装厂"), Some(EXACT));
        assert_eq!(quality("fuzhuang", "服装厂"), Some(PINYIN));
        assert_eq!(
            quality("fuzh", "服装厂"),
            Some(PINYIN),
            "last syllable still being typed"
        );
        assert_eq!(quality("fuz", "服装厂"), Some(PINYIN));
        assert_eq!(quality("fz", "服装厂"), Some(ABBREVIATED));
        assert_eq!(quality("fzhuang", "服装厂"), Some(ABBREVIATED));
        assert_eq!(quality("fuzhuangc", "服装厂"), Some(PINYIN));
        assert_eq!(quality("fzc", "服装厂"), Some(ABBREVIATED));
        assert_eq!(quality("cnc", "CNC操作工"), Some(EXACT));
        assert_eq!(quality("cncczg", "CNC操作工"), Some(ABBREVIATED));
        assert_eq!(quality("纺织nv", "纺织女工"), Some(PINYIN));
        assert_eq!(quality("nvgong", "纺织女工"), Some(PINYIN));
        assert_eq!(
            quality("nugong", "纺织女工"),
            Some(ABBREVIATED),
            "loose nu for nü"
        );
        assert_eq!(quality("lue", "策略"), Some(PINYIN), "lue is unambiguous");
        assert_eq!(
            quality("fuzhuang", "服 装"),
            None,
            "a gap breaks contiguity"
        );
        assert_eq!(quality("fuzhuangx", "服装厂"), None);
        assert_eq!(quality("zf", "服装"), None, "order matters");
    }

    #[test]
    fn heteronyms() {
        assert_eq!(quality("yinhang", "中国银行"), Some(PINYIN));
        assert_eq!(
            quality("yinxing", "中国银行"),
            Some(PINYIN),
            "every reading is accepted"
        );
        assert_eq!(quality("chongqing", "重庆路"), Some(PINYIN));
        assert_eq!(quality("zhongyao", "重要客户"), Some(PINYIN));
        assert_eq!(quality("czhang", "车间厂长"), Some(ABBREVIATED));
    }

    #[test]
    fn best_quality_wins_over_first_parse() {
        // 西安 reads xi+an; 先 reads xian: both are full pinyin.
        assert_eq!(quality("xian", "西安"), Some(PINYIN));
        // `an` fully matches 安 even though `a` alone is also a prefix.
        assert_eq!(quality("anquan", "安全员"), Some(PINYIN));
    }

    #[test]
    fn start_classes() {
        let q = Query::parse(table(), "bao");
        let m = Matcher::new(table(), &q.tokens[0]);
        assert_eq!(best(&m, "包吃住").map(|m| m.start), Some(2));
        assert_eq!(best(&m, "五险、包吃住").map(|m| m.start), Some(1));
        assert_eq!(best(&m, "免费包吃住").map(|m| m.start), Some(0));
    }

    #[test]
    fn all_matches_are_leftmost_and_disjoint() {
        assert_eq!(ranges("fz", "服装 服装"), [0..2, 3..5]);
        assert_eq!(ranges("服", "服装服饰"), [0..1, 2..3]);
        assert_eq!(ranges("aa", "aaaaa"), [0..2, 2..4]);
        assert_eq!(ranges("fuzh", "服装"), [0..2]);
        assert!(ranges("x", "服装").is_empty());
    }

    #[test]
    fn the_start_scan_finds_every_start() {
        // Long enough for whole eight-code words plus a tail, with starts
        // in both, next to heteronyms (CODE_MULTI) and ASCII.
        let field = "重庆路服装城a服装1服 装、重重服装服装x服装";
        let expected: Vec<usize> = field
            .chars()
            .collect::<Vec<_>>()
            .windows(2)
            .enumerate()
            .filter(|(_, w)| w == &['服', '装'])
            .map(|(i, _)| i)
            .collect();
        let starts: Vec<usize> = ranges("fz", field).iter().map(|r| r.start).collect();
        assert_eq!(starts, expected);
        assert_eq!(ranges("cq", field), [0..2]);
        assert_eq!(ranges("a", field), [6..7]);
        assert_eq!(ranges("1", field), [9..10]);
    }

    #[test]
    fn pathological_input_stays_bounded() {
        let field = "啊".repeat(2000);
        let query = "a".repeat(MAX_TOKEN);
        assert_eq!(quality(&query, &field), Some(PINYIN));
        assert_eq!(ranges(&query, &field).len(), 2000 / MAX_TOKEN);
    }
}
