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

use super::pinyin::{Table, LOOSE};
use super::query::{Token, MAX_TOKEN};
use super::text::{start_class, HANZI};
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
}

impl<'a> Matcher<'a> {
    pub(crate) fn new(table: &'a Table, token: &'a Token) -> Self {
        Matcher { table, token }
    }

    /// Whether a match can start at unit `u`: checked before running the
    /// programme, it rejects almost every position with one or two loads.
    #[inline]
    fn can_start(&self, u: u32) -> bool {
        let t = self.token.units[0];
        u == t
            || (u >= HANZI
                && t < 128
                && (t as u8).is_ascii_lowercase()
                && self.table.first_letters(u - HANZI) & (1 << (t - u32::from(b'a'))) != 0)
    }

    /// The best quality of a match starting at `start`, with the earliest
    /// end reaching it.
    pub(crate) fn match_at(&self, units: &[u32], start: usize) -> Option<(u8, usize)> {
        let tok = &self.token.units;
        if self.token.literal {
            return units[start..]
                .starts_with(tok)
                .then_some((EXACT, start + tok.len()));
        }
        let n = tok.len();
        // best[k]: best quality with k token units consumed; 0 = unreachable.
        let mut cur = [0u8; MAX_TOKEN + 1];
        cur[0] = EXACT;
        let (mut lo, mut hi) = (0, 0);
        let mut best: Option<(u8, usize)> = None;
        for (pos, &u) in units.iter().enumerate().skip(start) {
            let mut next = [0u8; MAX_TOKEN + 1];
            let (mut next_lo, mut next_hi) = (usize::MAX, 0);
            let mut reach = |k: usize, q: u8| {
                if k == n {
                    if best.is_none_or(|(b, _)| q > b) {
                        best = Some((q, pos + 1));
                    }
                } else if q > next[k] {
                    next[k] = q;
                    next_lo = next_lo.min(k);
                    next_hi = next_hi.max(k);
                }
            };
            for k in lo..=hi {
                let q = cur[k];
                if q == 0 {
                    continue;
                }
                let t = tok[k];
                if u == t {
                    reach(k + 1, q.min(EXACT));
                } else if u >= HANZI && t < 128 {
                    for &r in self.table.readings_of(u - HANZI) {
                        let syllable = self.table.syllable(r).as_bytes();
                        for (l, &b) in syllable.iter().enumerate() {
                            if tok.get(k + l) != Some(&u32::from(b)) {
                                break;
                            }
                            let (end, whole) = (k + l + 1, l + 1 == syllable.len());
                            let step = match (whole, end == n) {
                                (true, _) if r & LOOSE != 0 => ABBREVIATED,
                                (true, _) | (false, true) => PINYIN,
                                (false, false) => ABBREVIATED,
                            };
                            reach(end, q.min(step));
                        }
                    }
                }
            }
            if next_lo == usize::MAX || best.is_some_and(|(b, _)| b == EXACT) {
                break;
            }
            cur = next;
            (lo, hi) = (next_lo, next_hi);
        }
        best
    }

    /// The best match anywhere in `units`, or `None`.
    pub(crate) fn best_in(&self, units: &[u32]) -> Option<FieldMatch> {
        let mut best: Option<FieldMatch> = None;
        let top = FieldMatch {
            quality: EXACT,
            start: 2,
        };
        for start in 0..units.len() {
            if !self.can_start(units[start]) {
                continue;
            }
            if let Some((quality, _)) = self.match_at(units, start) {
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
    pub(crate) fn all_in(&self, units: &[u32], out: &mut Vec<Range<usize>>) {
        let mut start = 0;
        while start < units.len() {
            if self.can_start(units[start]) {
                if let Some((_, end)) = self.match_at(units, start) {
                    out.push(start..end);
                    start = end;
                    continue;
                }
            }
            start += 1;
        }
    }
}

#[cfg(test)]
// Lists of one range are what the code returns, not a typo for `vec![a; n]`.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;
    use crate::search::pinyin::table;
    use crate::search::query::Query;
    use crate::search::text::unit;

    fn units(text: &str) -> Vec<u32> {
        text.chars().map(|c| unit(table(), c)).collect()
    }

    /// Quality of the best match of a one-token query in `field`.
    fn quality(query: &str, field: &str) -> Option<u8> {
        let q = Query::parse(table(), query);
        Matcher::new(table(), &q.tokens[0])
            .best_in(&units(field))
            .map(|m| m.quality)
    }

    fn ranges(query: &str, field: &str) -> Vec<Range<usize>> {
        let q = Query::parse(table(), query);
        let mut out = Vec::new();
        Matcher::new(table(), &q.tokens[0]).all_in(&units(field), &mut out);
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
        assert_eq!(m.best_in(&units("包吃住")).map(|m| m.start), Some(2));
        assert_eq!(m.best_in(&units("五险、包吃住")).map(|m| m.start), Some(1));
        assert_eq!(m.best_in(&units("免费包吃住")).map(|m| m.start), Some(0));
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
    fn pathological_input_stays_bounded() {
        let field = "啊".repeat(2000);
        let query = "a".repeat(MAX_TOKEN);
        assert_eq!(quality(&query, &field), Some(PINYIN));
        assert_eq!(ranges(&query, &field).len(), 2000 / MAX_TOKEN);
    }
}
