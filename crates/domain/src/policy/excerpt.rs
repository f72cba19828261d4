//! A short window of a long text around its first search match, so a guide
//! found by a word deep in its eligibility text shows that word.

use std::ops::Range;

/// A piece of a text with the match ranges moved into it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Excerpt {
    /// The window, with "…" where text was cut off.
    pub text: String,
    /// Byte ranges of [`Excerpt::text`] to mark (sorted, disjoint, on char
    /// boundaries), ready for [`crate::search::segments`].
    pub ranges: Vec<Range<usize>>,
}

/// At most `max_chars` chars of `text` (plus ellipses), starting a few
/// chars before the first of `ranges` (byte ranges as search highlights give
/// them). Ranges falling outside the window are dropped, ones crossing its
/// edge are clipped.
pub fn excerpt(text: &str, ranges: &[Range<usize>], max_chars: usize) -> Excerpt {
    const LEAD: usize = 8;
    let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    let total = starts.len();
    let byte_at = |char_index: usize| starts.get(char_index).copied().unwrap_or(text.len());
    let first = ranges
        .iter()
        .find(|r| r.start < r.end && r.end <= text.len())
        .map(|r| starts.partition_point(|&b| b < r.start))
        .unwrap_or(0);
    let mut from = first.saturating_sub(LEAD.min(max_chars / 3));
    let to = (from + max_chars).min(total);
    // Near the end, show a full window rather than a short tail.
    from = from.min(to.saturating_sub(max_chars));
    let (start, end) = (byte_at(from), byte_at(to));
    let prefix = if from > 0 { "…" } else { "" };
    let suffix = if to < total { "…" } else { "" };
    let shift = prefix.len();
    let ranges = ranges
        .iter()
        .filter(|r| r.start < end && r.end > start && r.start < r.end)
        .filter(|r| {
            text.is_char_boundary(r.start) && r.end <= text.len() && text.is_char_boundary(r.end)
        })
        .map(|r| (r.start.max(start) - start + shift)..(r.end.min(end) - start + shift))
        .collect();
    Excerpt {
        text: format!("{prefix}{}{suffix}", &text[start..end]),
        ranges,
    }
}

#[cfg(test)]
// Lists of one range are what search highlights hold, not a typo for `vec![a; n]`.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;
    use crate::search::segments;

    #[test]
    fn short_texts_are_kept_whole() {
        let e = excerpt("纺织服装", &[3..6], 20);
        assert_eq!(e.text, "纺织服装");
        assert_eq!(
            segments(&e.text, &e.ranges),
            [("纺", false), ("织", true), ("服装", false)]
        );
    }

    #[test]
    fn a_deep_match_is_brought_into_view() {
        let text = "一二三四五六七八九十一二三四五六七八九十高新技术企业一二三四五六七八九十";
        let start = text.find("高新").unwrap();
        let e = excerpt(text, &[start..start + "高新".len()], 14);
        assert!(
            e.text.starts_with('…') && e.text.ends_with('…'),
            "{}",
            e.text
        );
        let marked: Vec<&str> = segments(&e.text, &e.ranges)
            .into_iter()
            .filter(|(_, m)| *m)
            .map(|(s, _)| s)
            .collect();
        assert_eq!(marked, ["高新"]);
        assert_eq!(e.text.chars().count(), 14 + 2);
    }

    #[test]
    fn matches_near_the_end_show_a_full_window() {
        let text = "一二三四五六七八九十结尾";
        let start = text.find("结尾").unwrap();
        let e = excerpt(text, &[start..text.len()], 6);
        assert_eq!(e.text, "…七八九十结尾");
        let e = excerpt(text, &[], 4);
        assert_eq!(e.text, "一二三四…");
        assert!(e.ranges.is_empty());
    }

    #[test]
    fn ranges_outside_the_window_are_dropped_and_bad_ones_ignored() {
        let text = "abcdefghijklmnopqrstuvwxyz";
        let e = excerpt(text, &[10..12, 25..26, 30..40], 5);
        assert_eq!(e.text, "…jklmn…");
        let marked: Vec<&str> = segments(&e.text, &e.ranges)
            .into_iter()
            .filter(|(_, m)| *m)
            .map(|(s, _)| s)
            .collect();
        assert_eq!(marked, ["kl"], "the match stays in view; 25..26 is outside");
    }
}
