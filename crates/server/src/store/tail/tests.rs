//! The tail against a model of the feed: whatever was written and however
//! small the limits, a page the tail answers is the page the database would.

use super::*;
use domain::ids::RecordId;
use proptest::prelude::*;
use serde_json::value::RawValue;

/// The database side, as the model sees it: each record's latest version.
#[derive(Default)]
struct Feed {
    seq: u64,
    latest: HashMap<(Collection, RecordId), FeedChange>,
}

impl Feed {
    fn write(&mut self, collection: Collection, id: RecordId, data_len: usize) {
        self.seq += 1;
        let data = (data_len > 0).then(|| {
            RawValue::from_string(format!("\"{}\"", "x".repeat(data_len))).expect("json string")
        });
        self.latest.insert(
            (collection, id),
            FeedChange {
                collection,
                id,
                rev: self.seq,
                seq: self.seq,
                updated_at: domain::time::Timestamp::from_millis(0),
                deleted: data.is_none(),
                data,
            },
        );
    }

    /// What the backends' query returns.
    fn query(&self, since: u64, limit: u32, collections: &[Collection]) -> Vec<FeedChange> {
        let mut found: Vec<&FeedChange> = self
            .latest
            .values()
            .filter(|c| c.seq > since && collections.contains(&c.collection))
            .collect();
        found.sort_by_key(|c| c.seq);
        found.into_iter().take(limit as usize).cloned().collect()
    }
}

fn seqs(changes: &[FeedChange]) -> Vec<(u64, RecordId)> {
    changes.iter().map(|c| (c.seq, c.id)).collect()
}

#[derive(Clone, Debug)]
enum Op {
    /// Writes record `n` of collection `public`/staff with data of this length (0: a tombstone).
    Write(bool, usize, usize),
    /// Reads what was written since the tail's head, as a refresh does.
    Refresh,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (any::<bool>(), 0..6usize, 0..300usize).prop_map(|(p, n, len)| Op::Write(p, n, len)),
        1 => Just(Op::Refresh),
    ]
}

const PUBLIC: Collection = Collection::Employers;
const STAFF: Collection = Collection::Visits;

proptest! {
    #[test]
    fn every_page_the_tail_answers_is_the_feeds_page(
        before in 0..12usize,
        ops in prop::collection::vec(op(), 0..60),
        max_changes in 1..8usize,
        max_bytes in 100..3_000usize,
        first_fill_seqs in 0..10u64,
    ) {
        let limits = Limits { first_fill_seqs, max_changes, max_bytes };
        let ids: Vec<RecordId> = (0..6).map(|_| RecordId::generate()).collect();
        let mut feed = Feed::default();
        for n in 0..before {
            feed.write(PUBLIC, ids[n % 6], 10);
        }
        // The first fill: everything after `head - first_fill_seqs`.
        let mut tail = Cached::starting_at(feed.seq.saturating_sub(first_fill_seqs));
        let refresh = |tail: &mut Cached, feed: &Feed| {
            for change in feed.query(tail.head, u32::MAX, &[PUBLIC, STAFF]) {
                tail.insert(change, limits);
            }
            tail.seen = Some(0);
        };
        refresh(&mut tail, &feed);
        for op in ops {
            match op {
                Op::Write(public, n, len) => feed.write(if public { PUBLIC } else { STAFF }, ids[n], len),
                Op::Refresh => refresh(&mut tail, &feed),
            }
        }
        refresh(&mut tail, &feed);

        prop_assert!(tail.changes.len() <= max_changes);
        prop_assert!(tail.floor <= tail.head && tail.head == feed.seq.max(tail.floor));
        for since in 0..=feed.seq + 1 {
            for collections in [&[PUBLIC][..], &[PUBLIC, STAFF][..]] {
                for limit in [1, 3, 1_000] {
                    match tail.page(since, limit, collections) {
                        Some(page) => prop_assert_eq!(
                            seqs(&page),
                            seqs(&feed.query(since, limit, collections)),
                            "since {}", since
                        ),
                        None => prop_assert!(since < tail.floor, "since {} floor {}", since, tail.floor),
                    }
                }
            }
        }
    }
}

#[test]
fn an_unfilled_tail_answers_nothing() {
    let tail = Cached::starting_at(0);
    assert!(tail.page(0, 10, &[PUBLIC]).is_none());
}

#[test]
fn an_update_replaces_the_records_older_version_and_its_bytes() {
    let limits = Limits {
        first_fill_seqs: 0,
        max_changes: 10,
        max_bytes: 1 << 20,
    };
    let id = RecordId::generate();
    let mut feed = Feed::default();
    let mut tail = Cached::starting_at(0);
    feed.write(PUBLIC, id, 100);
    tail.insert(feed.latest[&(PUBLIC, id)].clone(), limits);
    feed.write(PUBLIC, id, 10);
    tail.insert(feed.latest[&(PUBLIC, id)].clone(), limits);
    tail.seen = Some(0);
    assert_eq!(tail.changes.len(), 1);
    assert_eq!(tail.bytes, 64 + 12);
    let page = tail.page(0, 10, &[PUBLIC]).expect("covered");
    assert_eq!(seqs(&page), vec![(2, id)]);
}
