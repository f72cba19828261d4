//! Scores: one number per hit, so ranking is a plain sort.
//!
//! Each token's best match is scored by, in order of importance: the field's
//! weight (a title match beats an employer match), the match quality (hanzi
//! substring, then full pinyin, then initials), where it starts (field start,
//! word start, elsewhere) and the field's shortness (a match in "服装工"
//! beats one in a long name). These four are packed into disjoint bit ranges
//! of a `u64`, so comparing packed values compares them lexicographically,
//! and a document's score is the sum over its tokens: the ranges are wide
//! enough that [`MAX_TOKENS`](super::query::MAX_TOKENS) sums never carry
//! into the next one. Ties are broken by the document key.

use super::matcher::{FieldMatch, Matcher, EXACT, PINYIN};
use super::store::DocView;
use super::text::start_class;

/// Longest field length that still earns a shortness bonus.
const SHORTNESS_CAP: usize = 255;

/// The packed score of one token's match.
#[inline]
pub(crate) fn token_score(weight: u8, m: FieldMatch, field_chars: usize) -> u64 {
    let shortness = (SHORTNESS_CAP - field_chars.min(SHORTNESS_CAP)) as u64;
    (u64::from(weight) << 40)
        | (u64::from(m.quality) << 32)
        | (u64::from(m.start) << 24)
        | shortness
}

/// The best score of one token over all fields of a document, or `None`.
///
/// One scan covers every field, which beats a call per field for short
/// fields; a match is still confined to its field. Fields come heaviest
/// first, so after the first match the scan ends with that match's weight
/// class: lighter fields cannot outrank it. Within a field it stops at a
/// match that nothing in the field can beat.
#[inline]
pub(crate) fn best_match(matcher: &Matcher<'_>, doc: &DocView<'_>) -> Option<u64> {
    let (slots, units, codes) = (doc.slots, doc.units, doc.codes);
    let fields = slots.len() - 1;
    let base = slots[0].unit as usize;
    let end_of = |f: usize| slots[f + 1].unit as usize - base;
    let mut best: Option<u64> = None;
    let mut limit = units.len();
    let (mut field, mut from) = (0, 0);
    while let Some(at) = matcher.next_start(&units[..limit], &codes[..limit], from) {
        from = at + 1;
        // Judged on the whole document first (a superset: the next char
        // may belong to the next field), so most candidates never need
        // their field looked up.
        if !matcher.can_start(units, codes, at) {
            continue;
        }
        while at >= end_of(field) {
            field += 1;
        }
        let slot = slots[field];
        let (start, end) = (slot.unit as usize - base, end_of(field));
        let (field_units, local) = (&units[start..end], at - start);
        let Some((quality, _)) = matcher.match_from(field_units, local) else {
            continue;
        };
        let m = FieldMatch {
            quality,
            start: start_class(field_units, local),
        };
        let score = token_score(slot.weight, m, end - start);
        if best.is_none() {
            let mut last = field;
            while last + 1 < fields && slots[last + 1].weight == slot.weight {
                last += 1;
            }
            limit = end_of(last);
        }
        best = Some(best.map_or(score, |b| b.max(score)));
        let ceiling = if matcher.is_literal() || slot.ascii {
            EXACT
        } else {
            PINYIN
        };
        if m.start == 2 && quality == ceiling {
            from = end;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::matcher::ABBREVIATED;
    use crate::search::query::MAX_TOKENS;

    fn m(quality: u8, start: u8) -> FieldMatch {
        FieldMatch { quality, start }
    }

    #[test]
    fn order_is_weight_then_quality_then_start_then_length() {
        assert!(token_score(7, m(ABBREVIATED, 0), 200) > token_score(6, m(EXACT, 2), 1));
        assert!(token_score(7, m(EXACT, 0), 200) > token_score(7, m(PINYIN, 2), 1));
        assert!(token_score(7, m(PINYIN, 2), 200) > token_score(7, m(PINYIN, 1), 1));
        assert!(token_score(7, m(PINYIN, 1), 3) > token_score(7, m(PINYIN, 1), 4));
        assert_eq!(
            token_score(7, m(PINYIN, 1), 300),
            token_score(7, m(PINYIN, 1), 255)
        );
    }

    #[test]
    fn sums_never_carry_between_components() {
        let low = token_score(1, m(ABBREVIATED, 2), 0);
        let sum = low * MAX_TOKENS as u64;
        assert!(sum < token_score(1 + MAX_TOKENS as u8, m(ABBREVIATED, 0), 255));
        assert_eq!(sum >> 40, MAX_TOKENS as u64);
        assert_eq!((sum >> 24) & 0xFF, 2 * MAX_TOKENS as u64);
    }
}
