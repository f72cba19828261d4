//! Highlight ranges and the helper that cuts a text at them for rendering.

use std::ops::Range;

/// Sorts and merges overlapping or touching char ranges, then turns them
/// into byte ranges of `text` (whose n-th char is the n-th unit).
pub(crate) fn to_byte_ranges(text: &str, mut chars: Vec<Range<usize>>) -> Vec<Range<usize>> {
    crate::sort::sort_by_key(&mut chars, |r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(chars.len());
    for r in chars {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    let offsets: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let byte_of = |c: usize| offsets.get(c).copied().unwrap_or(text.len());
    merged
        .into_iter()
        .map(|r| byte_of(r.start)..byte_of(r.end))
        .collect()
}

/// Cuts `text` into `(piece, is_match)` segments at the given byte ranges
/// (as in [`Highlight::ranges`](super::Highlight::ranges)), for wrapping
/// matches in `<mark>`. Never panics: ranges that are out of order, out of
/// bounds or not on char boundaries are skipped, and the pieces always
/// concatenate back to `text`.
///
/// ```
/// use domain::search::segments;
/// assert_eq!(segments("纺织女工", &[3..6]), [("纺", false), ("织", true), ("女工", false)]);
/// ```
pub fn segments<'t>(text: &'t str, ranges: &[Range<usize>]) -> Vec<(&'t str, bool)> {
    let mut out = Vec::with_capacity(ranges.len() * 2 + 1);
    let mut at = 0;
    for r in ranges {
        let valid = at <= r.start
            && r.start < r.end
            && r.end <= text.len()
            && text.is_char_boundary(r.start)
            && text.is_char_boundary(r.end);
        if !valid {
            continue;
        }
        if at < r.start {
            out.push((&text[at..r.start], false));
        }
        out.push((&text[r.start..r.end], true));
        at = r.end;
    }
    if at < text.len() {
        out.push((&text[at..], false));
    }
    out
}

#[cfg(test)]
// Lists of one range are what the code returns, not a typo for `vec![a; n]`.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn char_ranges_become_merged_byte_ranges() {
        let text = "CNC数控车工";
        assert_eq!(to_byte_ranges(text, vec![3..5, 0..3]), [0..9]);
        assert_eq!(to_byte_ranges(text, vec![5..7, 0..1]), [0..1, 9..15]);
        assert_eq!(to_byte_ranges(text, vec![]), Vec::<Range<usize>>::new());
    }

    #[test]
    fn segments_of_nothing_and_everything() {
        assert_eq!(segments("服装", &[]), [("服装", false)]);
        assert_eq!(segments("服装", &[0..6]), [("服装", true)]);
        assert!(segments("", &[]).is_empty());
        assert_eq!(
            segments("服装", &[1..2, 3..99, 3..6]),
            [("服", false), ("装", true)]
        );
    }

    proptest! {
        #[test]
        fn segments_reassemble_the_text(text in "[a-z服装纺织 ]{0,12}", cuts in proptest::collection::vec((0usize..40, 0usize..40), 0..5)) {
            let ranges: Vec<Range<usize>> = cuts.into_iter().map(|(a, b)| a..b).collect();
            let joined: String = segments(&text, &ranges).into_iter().map(|(s, _)| s).collect();
            prop_assert_eq!(joined, text);
        }

        #[test]
        fn byte_ranges_land_on_the_same_chars(text in "[a-z服装纺织、 ]{1,12}", a in 0usize..12, len in 1usize..4) {
            let n = text.chars().count();
            let start = a.min(n - 1);
            let end = (start + len).min(n);
            let bytes = to_byte_ranges(&text, vec![start..end]);
            let expect: String = text.chars().skip(start).take(end - start).collect();
            prop_assert_eq!(&text[bytes[0].clone()], expect.as_str());
        }
    }
}
