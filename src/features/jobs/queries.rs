//! Reads and writes of the jobs section, on top of `queries.rs` and
//! `store::`: the newest positions for a cold start, the catalog with its
//! search index (built after first paint and rebuilt only when positions or
//! employers change), saved positions and this device's registrations in
//! the `meta` store, and interest registrations through the outbox.

use crate::clock::now;
use crate::error::AppError;
use crate::query::Query;
use crate::store::records::{self, Stored};
use crate::store::{meta, outbox, Revisions, Topic};
use domain::collection::Collection;
use domain::ids::RecordId;
use domain::jobs::{Catalog, MyRegistration, SavedPositions};
use domain::records::{Employer, Interest, Position};
use futures::channel::oneshot;
use leptos::prelude::*;
use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

/// `meta` key of the saved positions ([`SavedPositions`]).
const SAVED_POSITIONS: &str = "saved_positions";
/// `meta` key of this device's registrations (`Vec<MyRegistration>`).
const MY_REGISTRATIONS: &str = "my_interest_registrations";

/// Index names of `store::schema` this feature reads by.
pub mod index {
    /// Positions by `posted_on`.
    pub const POSTED: &str = "posted";
    /// Positions and interests by `employer_id`.
    pub const EMPLOYER: &str = "employer";
    /// Positions by `fair_id`, employers by `fair_ids`.
    pub const FAIR: &str = "fair";
    /// Interests by `position_id`.
    pub const POSITION: &str = "position";
}

/// How many positions the landing page shows before the catalog is read.
pub const FIRST_POSITIONS: u32 = 20;

/// Resolves after the browser has painted once (a frame, then a task), so
/// reading and indexing thousands of records never delays the first screen.
pub async fn after_paint() {
    let (tx, rx) = oneshot::channel::<()>();
    request_animation_frame(move || {
        set_timeout(
            move || {
                let _ = tx.send(());
            },
            Duration::from_millis(0),
        )
    });
    // A dropped sender only means the page went away.
    let _ = rx.await;
}

/// A position as lists show it: the record and its employer's name.
#[derive(Clone, Debug, PartialEq)]
pub struct PositionRow {
    /// The stored position.
    pub position: Stored<Position>,
    /// Its employer's name (empty if the employer is not stored).
    pub employer: String,
}

/// Positions with their employers' names, reading only those employers:
/// lists of a few positions need not wait for all 1,000 employers.
async fn with_employers(positions: Vec<Stored<Position>>) -> Result<Vec<PositionRow>, AppError> {
    let employers =
        records::get_many::<Employer>(positions.iter().map(|p| p.data.employer_id)).await?;
    let names: HashMap<RecordId, String> =
        employers.into_iter().map(|e| (e.id, e.data.name)).collect();
    Ok(positions
        .into_iter()
        .map(|position| PositionRow {
            employer: names
                .get(&position.data.employer_id)
                .cloned()
                .unwrap_or_default(),
            position,
        })
        .collect())
}

/// The newest positions from the `posted` index, without reading the rest.
pub fn newest_positions(limit: u32) -> Query<Result<Vec<PositionRow>, AppError>> {
    let revisions = expect_context::<Revisions>();
    Query::new(move || {
        revisions.track(Topic::Collection(Collection::Positions));
        revisions.track(Topic::Collection(Collection::Employers));
        async move {
            let _reading = PreviewRead::start();
            let newest = records::newest::<Position>(index::POSTED, limit).await?;
            with_employers(newest).await
        }
    })
}

/// Positions at a fair, newest first.
pub fn fair_positions(fair: RecordId) -> Query<Result<Vec<PositionRow>, AppError>> {
    let revisions = expect_context::<Revisions>();
    Query::new(move || {
        revisions.track(Topic::Collection(Collection::Positions));
        revisions.track(Topic::Collection(Collection::Employers));
        async move {
            let mut list = records::list_by::<Position>(index::FAIR, &fair.to_string()).await?;
            domain::sort::sort_by_key(&mut list, |s| std::cmp::Reverse((s.data.posted_on, s.id)));
            with_employers(list).await
        }
    })
}

/// Resolves once the first screen is painted and no preview is being read:
/// reads of whole collections wait for it, so the few rows a page shows
/// first are read and painted without them.
async fn after_first_screen() {
    after_paint().await;
    PreviewRead::settled(Duration::from_secs(2)).await;
}

/// Every employer, read after the first screen (see [`after_first_screen`]).
pub fn employers() -> Query<Result<Vec<Stored<Employer>>, AppError>> {
    let revisions = expect_context::<Revisions>();
    Query::new(move || {
        revisions.track(Topic::Collection(Collection::Employers));
        async move {
            after_first_screen().await;
            records::list::<Employer>().await.map_err(AppError::from)
        }
    })
}

thread_local! {
    /// Previews being read now (see [`PreviewRead`]).
    static PREVIEWS_READING: Cell<u32> = const { Cell::new(0) };
}

/// Marks a preview read in progress. The catalog waits for it: the
/// preview's cursor takes one event-loop turn per record, and the catalog's
/// decode and index build (seconds on a slow phone with 10,000 positions)
/// would otherwise run between its first and second step, so the preview
/// meant to show first would show last.
struct PreviewRead;

impl PreviewRead {
    fn start() -> PreviewRead {
        PREVIEWS_READING.with(|n| n.set(n.get() + 1));
        PreviewRead
    }

    fn any() -> bool {
        PREVIEWS_READING.with(|n| n.get() > 0)
    }

    /// Resolves once no preview is being read (or after `limit`, so a stuck
    /// read never keeps the catalog away), then once more after a paint so
    /// the preview is on screen first.
    async fn settled(limit: Duration) {
        let step = Duration::from_millis(10);
        let mut waited = Duration::ZERO;
        while PreviewRead::any() && waited < limit {
            gloo_timers::future::sleep(step).await;
            waited += step;
        }
        after_paint().await;
    }
}

impl Drop for PreviewRead {
    fn drop(&mut self) {
        PREVIEWS_READING.with(|n| n.set(n.get().saturating_sub(1)));
    }
}

/// Every position with its employer's name and the search index over them.
/// Re-read (and re-indexed) only when positions or employers change.
pub fn catalog() -> Query<Result<Arc<Catalog>, AppError>> {
    let revisions = expect_context::<Revisions>();
    Query::new(move || {
        revisions.track(Topic::Collection(Collection::Positions));
        revisions.track(Topic::Collection(Collection::Employers));
        async move {
            after_first_screen().await;
            // The pinyin table arrives while the records are read. The
            // catalog waits for it rather than tracking it: an index of
            // 10,000 positions is not built twice.
            let rows = async {
                futures::try_join!(records::list::<Position>(), records::list::<Employer>())
            };
            let (_, rows) = futures::join!(crate::pinyin::ready(), rows);
            let (positions, employers) = rows?;
            Ok(Arc::new(Catalog::build(
                positions.into_iter().map(|s| (s.id, s.data)),
                employers.into_iter().map(|s| (s.id, s.data.name)),
            )))
        }
    })
}

/// The saved positions, re-read when `meta` changes.
pub fn saved_positions() -> Query<Result<SavedPositions, AppError>> {
    let revisions = expect_context::<Revisions>();
    Query::new(move || {
        revisions.track(Topic::Meta);
        async move {
            Ok(meta::get::<SavedPositions>(SAVED_POSITIONS)
                .await?
                .unwrap_or_default())
        }
    })
}

/// Saves or unsaves a position on this device; returns whether it is saved.
pub async fn toggle_saved(id: RecordId) -> Result<bool, AppError> {
    let mut saved = meta::get::<SavedPositions>(SAVED_POSITIONS)
        .await?
        .unwrap_or_default();
    let now_saved = saved.toggle(id);
    meta::put(SAVED_POSITIONS, &saved).await?;
    Ok(now_saved)
}

/// The saved positions that are still stored (a withdrawn one drops out),
/// in the order they were saved.
pub fn saved_records(
    saved: Query<Result<SavedPositions, AppError>>,
) -> Query<Result<Vec<PositionRow>, AppError>> {
    let revisions = expect_context::<Revisions>();
    Query::new(move || {
        revisions.track(Topic::Collection(Collection::Positions));
        revisions.track(Topic::Collection(Collection::Employers));
        let ids = saved.get().and_then(Result::ok).unwrap_or_default();
        async move {
            let mut found: HashMap<RecordId, Stored<Position>> =
                records::get_many::<Position>(ids.0.iter().copied())
                    .await?
                    .into_iter()
                    .map(|p| (p.id, p))
                    .collect();
            let in_order = ids.0.iter().filter_map(|id| found.remove(id)).collect();
            with_employers(in_order).await
        }
    })
}

/// This device's registrations of interest.
pub fn my_registrations() -> Query<Result<Vec<MyRegistration>, AppError>> {
    let revisions = expect_context::<Revisions>();
    Query::new(move || {
        revisions.track(Topic::Meta);
        async move {
            Ok(meta::get::<Vec<MyRegistration>>(MY_REGISTRATIONS)
                .await?
                .unwrap_or_default())
        }
    })
}

/// Ids of interest registrations still waiting in the outbox (not yet on
/// the server).
pub fn unsent_interests() -> Query<Result<HashSet<RecordId>, AppError>> {
    let revisions = expect_context::<Revisions>();
    Query::new(move || {
        revisions.track(Topic::Outbox);
        async move {
            Ok(outbox::all()
                .await?
                .into_iter()
                .filter(|e| e.mutation.collection == Collection::Interests)
                .map(|e| e.mutation.id)
                .collect())
        }
    })
}

/// Saves a registration (validated by the domain; queued for the server)
/// and remembers on this device that it was sent.
pub async fn register_interest(interest: Interest) -> Result<(), AppError> {
    let id = RecordId::generate();
    crate::queries::save(id, &interest).await?;
    let mut mine = meta::get::<Vec<MyRegistration>>(MY_REGISTRATIONS)
        .await?
        .unwrap_or_default();
    mine.push(MyRegistration {
        interest_id: id,
        position_id: interest.position_id,
        at: now(),
    });
    meta::put(MY_REGISTRATIONS, &mine).await?;
    crate::sync::request_sync();
    Ok(())
}
