//! When a pack of stored records is worth rewriting.
//!
//! The app keeps the catalog a first sync brings in immutable packs, and
//! every later state of a packed record (the server's next revision, a
//! tombstone, a local edit) as a row of its own that hides the packed copy.
//! Hidden copies are dead weight: every full read parses them, and once they
//! crowd the head a pack keeps of an index, the first screen's newest
//! records can no longer be read from the heads and every pack is parsed.
//! A worn pack is rewritten without its hidden copies.

/// One index's head of a pack: its first rows in that index's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeadWear {
    /// Rows in the head.
    pub len: usize,
    /// Of those, rows that later rows hide.
    pub hidden: usize,
    /// Whether the head holds every row of the pack keyed in the index (a
    /// small pack), so it answers every read however many are hidden.
    pub complete: bool,
}

/// How much of a pack later rows hide.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Wear {
    /// Rows in the pack.
    pub rows: usize,
    /// Of those, rows that later rows hide.
    pub hidden: usize,
    /// The pack's head of each single-valued index.
    pub heads: Vec<HeadWear>,
}

/// Whether a pack should be rewritten without its hidden rows: when a
/// quarter of it is hidden (its parse and memory cost a third more than its
/// content needs), or when half of an incomplete head is hidden, before the
/// head can no longer give a first screen of newest records.
pub fn worn(wear: &Wear) -> bool {
    wear.hidden > 0
        && (wear.hidden * 4 >= wear.rows
            || wear
                .heads
                .iter()
                .any(|h| !h.complete && h.len > 0 && h.hidden * 2 >= h.len))
}

/// Whether a pack may be [`worn`], knowing only a lower bound of its rows
/// and an upper bound of its hidden rows (from its heads, without reading
/// the pack): never `false` for a pack that is worn. A pack has a row at
/// least, whatever its heads say.
pub fn may_be_worn(rows_at_least: usize, hidden_at_most: usize, heads: &[HeadWear]) -> bool {
    let rows = rows_at_least.max(1);
    worn(&Wear {
        rows,
        hidden: hidden_at_most.min(rows),
        heads: heads.to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn head(len: usize, hidden: usize, complete: bool) -> HeadWear {
        HeadWear {
            len,
            hidden,
            complete,
        }
    }

    fn wear(rows: usize, hidden: usize, heads: Vec<HeadWear>) -> Wear {
        Wear {
            rows,
            hidden,
            heads,
        }
    }

    #[test]
    fn a_quarter_hidden_wears_a_pack_out() {
        assert!(!worn(&wear(1000, 249, vec![head(50, 0, false)])));
        assert!(worn(&wear(1000, 250, vec![head(50, 0, false)])));
        assert!(worn(&wear(100, 100, vec![head(50, 50, false)])));
    }

    #[test]
    fn half_an_incomplete_head_hidden_wears_a_pack_out() {
        let few = |h| wear(10_000, 30, vec![head(50, 0, false), h]);
        assert!(!worn(&few(head(50, 24, false))));
        assert!(worn(&few(head(50, 25, false))));
        // A complete head answers every read from what it shows.
        assert!(!worn(&few(head(50, 30, true))));
    }

    #[test]
    fn nothing_hidden_is_never_worn() {
        assert!(!worn(&wear(0, 0, vec![])));
        assert!(!worn(&wear(1, 0, vec![head(0, 0, false)])));
    }

    proptest! {
        #[test]
        fn hiding_more_never_makes_a_pack_less_worn(
            rows in 1usize..20_000,
            hidden in 0usize..20_000,
            more in 0usize..1_000,
            heads in proptest::collection::vec((1usize..=50, 0usize..=50, any::<bool>()), 0..4),
        ) {
            let hidden = hidden.min(rows);
            let more_hidden = (hidden + more).min(rows);
            let heads_at = |extra: usize| heads
                .iter()
                .map(|&(len, h, complete)| head(len, (h + extra).min(len), complete))
                .collect::<Vec<_>>();
            let before = wear(rows, hidden, heads_at(0));
            let after = wear(rows, more_hidden, heads_at(more));
            prop_assert!(!worn(&before) || worn(&after));
        }

        #[test]
        fn bounds_never_miss_a_worn_pack(
            rows in 1usize..20_000,
            hidden in 0usize..20_000,
            fewer_rows in 0usize..20_000,
            more_hidden in 0usize..20_000,
            heads in proptest::collection::vec((1usize..=50, 0usize..=50, any::<bool>()), 0..4),
        ) {
            let hidden = hidden.min(rows);
            let heads: Vec<HeadWear> = heads
                .iter()
                .map(|&(len, h, complete)| head(len, h.min(len).min(hidden), complete))
                .collect();
            let exact = wear(rows, hidden, heads.clone());
            let rows_at_least = rows.saturating_sub(fewer_rows);
            prop_assert!(!worn(&exact) || may_be_worn(rows_at_least, hidden + more_hidden, &heads));
        }
    }
}
