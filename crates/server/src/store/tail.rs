//! The newest part of the changes feed, kept in memory so that the pulls
//! devices make most (a checkpoint near the head, a handful of changes) are
//! answered without a database round trip.
//!
//! The tail holds the latest version of every record whose latest change is
//! after `floor`, which is exactly the feed for any `since >= floor`. Since
//! commits happen in sequence order (see [`super`]), a refresh that reads
//! the feed after the tail's head, page by page, only ever extends that
//! prefix: the tail can be behind the database but never has a hole. Older
//! checkpoints (a first sync) and every pull while the tail is not trusted
//! go to the database as before.
//!
//! Freshness: every commit that may write a record bumps a counter after it
//! ends (this process's own writes directly, other server instances' writes
//! through the backend's notifications), and a pull first catches the tail
//! up if the counter moved since the last refresh. A push's answer is sent
//! after its bump, so a device always sees its own writes in its next pull.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::RwLock;

use async_trait::async_trait;
use domain::collection::Collection;
use domain::ids::RecordId;

use super::{FeedChange, StoreResult};

/// How far behind the head (in sequence numbers) the first fill reaches.
const FIRST_FILL_SEQS: u64 = 2_000;
/// Most changes kept; the oldest go first.
const MAX_CHANGES: usize = 4_000;
/// Most bytes of record data kept (a visit with long notes is a few KB).
const MAX_BYTES: usize = 8 << 20;
/// Changes read per database query while catching up.
const PAGE: u32 = 1_000;

/// The database side of the tail: the uncached feed query of a backend.
#[async_trait]
pub trait FeedSource: Sync {
    /// Latest versions with `seq > since` in `collections`, ascending, at most `limit`.
    async fn query_changes(
        &self,
        since: u64,
        limit: u32,
        collections: &[Collection],
    ) -> StoreResult<Vec<FeedChange>>;
    /// The highest sequence number in the feed.
    async fn query_head(&self) -> StoreResult<u64>;
}

/// The cached tail of the feed, shared by a store's clones.
#[derive(Debug)]
pub struct FeedTail {
    /// Bumped after every commit that may have written a record.
    writes: AtomicU64,
    /// Whether every write is being counted. A PostgreSQL instance whose
    /// notification connection is down cannot know of other instances'
    /// writes, so its pulls read the database until it listens again.
    watching: AtomicBool,
    cached: RwLock<Cached>,
    /// One refresh at a time; the others wait for it and then find the tail fresh.
    refreshing: tokio::sync::Mutex<()>,
    limits: Limits,
}

#[derive(Clone, Copy, Debug)]
struct Limits {
    first_fill_seqs: u64,
    max_changes: usize,
    max_bytes: usize,
}

impl FeedTail {
    /// An empty tail, filled by the first pull. `watching` says whether the
    /// store already learns of every write (true for a store no other
    /// process writes to).
    pub fn new(watching: bool) -> FeedTail {
        FeedTail {
            writes: AtomicU64::new(0),
            watching: AtomicBool::new(watching),
            cached: RwLock::new(Cached::default()),
            refreshing: tokio::sync::Mutex::new(()),
            limits: Limits {
                first_fill_seqs: FIRST_FILL_SEQS,
                max_changes: MAX_CHANGES,
                max_bytes: MAX_BYTES,
            },
        }
    }

    /// Notes that records may have been written (after the commit,
    /// successful or not: a commit that reported an error may still have
    /// happened).
    pub fn note_write(&self) {
        self.writes.fetch_add(1, Ordering::AcqRel);
    }

    /// Notes a write when dropped: hold it across a write transaction, so
    /// the write is counted however the transaction ends.
    pub fn write_guard(&self) -> WriteGuard<'_> {
        WriteGuard(self)
    }

    /// Whether writes by other processes are being counted (see [`Self::note_write`]).
    pub fn set_watching(&self, watching: bool) {
        self.watching.store(watching, Ordering::Release);
        // Whatever was written while nobody watched is read on the next pull.
        self.note_write();
    }

    /// A page of the feed: from the tail when it covers `since`, else from the database.
    pub async fn list(
        &self,
        source: &impl FeedSource,
        since: u64,
        limit: u32,
        collections: &[Collection],
    ) -> StoreResult<Vec<FeedChange>> {
        if self.watching.load(Ordering::Acquire) {
            self.catch_up(source).await?;
            let cached = self.cached.read().expect("feed tail lock");
            if let Some(page) = cached.page(since, limit, collections) {
                return Ok(page);
            }
        }
        source.query_changes(since, limit, collections).await
    }

    /// Reads what was committed since the last refresh, if anything may have been.
    async fn catch_up(&self, source: &impl FeedSource) -> StoreResult<()> {
        let current = || self.writes.load(Ordering::Acquire);
        // Every write counted before this pull began must be in the tail.
        let wanted = Some(current());
        if self.read_seen() >= wanted {
            return Ok(());
        }
        let _one_at_a_time = self.refreshing.lock().await;
        // A refresh that ran while this pull waited may have done the work:
        // under a stream of writes, waiting pulls share one refresh each
        // instead of running one after the other.
        let seen = self.read_seen();
        if seen >= wanted {
            return Ok(());
        }
        // Read before the queries: a write counted later is read by a later refresh.
        let writes = current();
        let mut after = match seen {
            Some(_) => self.cached.read().expect("feed tail lock").head,
            None => {
                let head = source.query_head().await?;
                let floor = head.saturating_sub(self.limits.first_fill_seqs);
                *self.cached.write().expect("feed tail lock") = Cached::starting_at(floor);
                floor
            }
        };
        loop {
            let page = source.query_changes(after, PAGE, &Collection::ALL).await?;
            let full = page.len() == PAGE as usize;
            let mut cached = self.cached.write().expect("feed tail lock");
            for change in page {
                cached.insert(change, self.limits);
            }
            after = cached.head;
            if !full {
                cached.seen = Some(writes);
                return Ok(());
            }
        }
    }

    /// Whether a pull after `since` would be answered from memory right now
    /// (if nothing is written first); for tests and diagnostics.
    pub fn covers(&self, since: u64) -> bool {
        let cached = self.cached.read().expect("feed tail lock");
        self.watching.load(Ordering::Acquire)
            && cached.seen >= Some(self.writes.load(Ordering::Acquire))
            && since >= cached.floor
    }

    fn read_seen(&self) -> Option<u64> {
        self.cached.read().expect("feed tail lock").seen
    }
}

/// See [`FeedTail::write_guard`].
#[must_use = "the write is counted when the guard is dropped"]
pub struct WriteGuard<'a>(&'a FeedTail);

impl Drop for WriteGuard<'_> {
    fn drop(&mut self) {
        self.0.note_write();
    }
}

/// What the tail holds.
#[derive(Debug, Default)]
struct Cached {
    /// The write count read before the last completed refresh's queries
    /// (`None`: never filled); write counts only grow.
    seen: Option<u64>,
    /// The tail is the whole feed after this sequence number.
    floor: u64,
    /// Highest sequence number read.
    head: u64,
    changes: BTreeMap<u64, FeedChange>,
    seq_of: HashMap<(Collection, RecordId), u64>,
    bytes: usize,
}

impl Cached {
    fn starting_at(floor: u64) -> Cached {
        Cached {
            floor,
            head: floor,
            ..Cached::default()
        }
    }

    /// Adds a change read after `head`: the record's newer version replaces
    /// its older one, as in the feed itself.
    fn insert(&mut self, change: FeedChange, limits: Limits) {
        let seq = change.seq;
        self.head = self.head.max(seq);
        if let Some(old) = self.seq_of.insert((change.collection, change.id), seq) {
            if let Some(old) = self.changes.remove(&old) {
                self.bytes -= size(&old);
            }
        }
        self.bytes += size(&change);
        self.changes.insert(seq, change);
        while self.changes.len() > limits.max_changes || self.bytes > limits.max_bytes {
            let Some((seq, oldest)) = self.changes.pop_first() else {
                break;
            };
            self.bytes -= size(&oldest);
            self.seq_of.remove(&(oldest.collection, oldest.id));
            // Everything after it is still here, so the tail is the feed after it.
            self.floor = seq;
        }
    }

    /// The feed after `since` in `collections`, at most `limit`, if the tail covers it.
    fn page(&self, since: u64, limit: u32, collections: &[Collection]) -> Option<Vec<FeedChange>> {
        if self.seen.is_none() || since < self.floor {
            return None;
        }
        Some(
            self.changes
                .range(since.saturating_add(1)..)
                .map(|(_, change)| change)
                .filter(|change| collections.contains(&change.collection))
                .take(limit as usize)
                .cloned()
                .collect(),
        )
    }
}

/// Memory a cached change takes, roughly: its data plus the fixed fields.
fn size(change: &FeedChange) -> usize {
    64 + change.data.as_ref().map_or(0, |raw| raw.get().len())
}

#[cfg(test)]
mod tests;
