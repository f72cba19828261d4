//! Stable sorting through one shared copy of the standard library's sort.
//!
//! Each `slice::sort_by` call with its own comparator compiles to its own
//! copy of the standard stable sort, about 3.4 KB of wasm apiece: 42 copies
//! were 145 KB of the app's bundle (BENCHMARKS.md, "Bundle"). These functions
//! sort positions `0..len` with the comparator behind `&dyn`, so that sort
//! exists once, then move the items into their places.
//!
//! Each comparison is an indirect call, so the sorts of thousands of items
//! per keystroke or per record (the search's scored results, the positions
//! list, the index's fields at load) keep the standard sorts; lists of a
//! screen's worth of items use these.

use std::cmp::Ordering;

/// Sorts `items` stably by `compare`: the same result as `slice::sort_by`.
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let order = sorted_positions(items.len(), &|a, b| compare(&items[a], &items[b]));
    permute(items, order);
}

/// Sorts `items` stably by `key`: the same result as `slice::sort_by_key`.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` ascending, stably: the same result as `slice::sort`.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// The distinct values of `items`, ascending.
pub fn distinct<T: Ord>(items: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut list: Vec<T> = items.into_iter().collect();
    sort(&mut list);
    list.dedup();
    list
}

/// The positions `0..len` in the order `compare` gives them (stable).
/// Not generic, so the standard sort inside is compiled once.
#[inline(never)]
fn sorted_positions(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Rearranges `items` so that place `k` holds what was at `order[k]`, one
/// cycle of the permutation at a time; a place is marked done by setting
/// `order[k] = k`.
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..items.len() {
        let mut at = start;
        while order[at] != at {
            let from = order[at];
            order[at] = at;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Equal keys keep their order: the second field tells them apart.
        #[test]
        fn sort_by_key_matches_the_standard_stable_sort(keys in prop::collection::vec(0u8..6, 0..200)) {
            let items: Vec<(u8, usize)> = keys.into_iter().enumerate().map(|(i, k)| (k, i)).collect();
            let mut ours = items.clone();
            sort_by_key(&mut ours, |x| x.0);
            let mut std = items;
            std.sort_by_key(|x| x.0);
            prop_assert_eq!(ours, std);
        }

        /// Two keys, the first descending; ties left keep their order.
        #[test]
        fn sort_by_matches_the_standard_stable_sort_on_two_keys(keys in prop::collection::vec(any::<i32>(), 0..200)) {
            let items: Vec<(i32, usize)> = keys.into_iter().enumerate().map(|(i, k)| (k / 1000, i)).collect();
            let mut ours = items.clone();
            let compare = |a: &(i32, usize), b: &(i32, usize)| b.0.cmp(&a.0).then_with(|| (a.1 % 3).cmp(&(b.1 % 3)));
            sort_by(&mut ours, compare);
            let mut std = items;
            std.sort_by(compare);
            prop_assert_eq!(ours, std);
        }

        /// Owned values (strings) are moved, never lost or duplicated.
        #[test]
        fn sort_moves_owned_values(words in prop::collection::vec("[a-c]{0,3}", 0..100)) {
            let mut ours = words.clone();
            sort(&mut ours);
            let mut std = words;
            std.sort();
            prop_assert_eq!(ours, std);
        }
    }

    #[test]
    fn distinct_values_come_out_once_each_ascending() {
        assert_eq!(
            distinct(["即墨", "通济", "即墨", "蓝村", "通济"]),
            ["即墨", "蓝村", "通济"]
        );
        assert_eq!(distinct(Vec::<u8>::new()), Vec::<u8>::new());
    }

    #[test]
    fn empty_and_single_lists_stay_as_they_are() {
        let mut empty: Vec<u8> = Vec::new();
        sort(&mut empty);
        assert!(empty.is_empty());
        let mut one = vec!["一"];
        sort(&mut one);
        assert_eq!(one, ["一"]);
    }

    #[test]
    fn a_reversed_list_comes_out_ascending() {
        let mut items: Vec<u32> = (0..1000).rev().collect();
        sort(&mut items);
        assert_eq!(items, (0..1000).collect::<Vec<_>>());
    }

    /// A list rotated by one place is a single cycle through every place.
    #[test]
    fn a_rotated_list_is_one_long_cycle_put_right() {
        let mut items: Vec<String> = (1..1000).chain([0]).map(|n| format!("{n:04}")).collect();
        sort(&mut items);
        assert_eq!(
            items,
            (0..1000).map(|n| format!("{n:04}")).collect::<Vec<_>>()
        );
    }
}
