//! Pulling: the changes feed after the checkpoint, page by page.

use super::engine::{Progress, Stage};
use super::error::SyncError;
use super::transport::{self, Pulled};
use crate::store::replica::{self, PageGuard, PulledChange};
use crate::store::{StoreError, StoreResult};

use domain::collection::Collection;
use futures::channel::oneshot;
use std::collections::BTreeSet;
use std::rc::Rc;

/// Changes asked for per pull request (the server's maximum).
const PULL_PAGE: u32 = 1000;

/// What a pull brought.
#[derive(Debug, Default)]
pub(super) struct PullOutcome {
    /// How many changes landed.
    pub changes: usize,
    /// The collections those changes are in.
    pub collections: BTreeSet<Collection>,
}

/// Pulls and applies every change after the checkpoint.
/// `stored_token` is the stored session's token (expired or not) when the
/// run began: a login or logout replaces it, and the pages of this pull
/// then refuse to land (see `PageGuard`).
pub(super) async fn pull_changes(
    token: Option<&str>,
    stored_token: Option<&str>,
    on_progress: &dyn Fn(Progress),
) -> Result<PullOutcome, SyncError> {
    let mut landed = PullOutcome::default();
    let stored_token = stored_token.map(str::to_owned);
    let start = replica::checkpoint().await?;
    let _announce_together = crate::store::batch_announcements();
    let mut pulled = transport::pull(start, PULL_PAGE, token).await?;
    // A long pull (a first sync, a device long offline) reads the keys this
    // device holds once, so that its pages skip reading absent records.
    let present = if pulled.page.more {
        Some(Rc::new(replica::present().await?))
    } else {
        None
    };
    // Three things overlap: the page before committing, this page's writes
    // being prepared, and the next page being fetched. Each page still
    // commits in its own transaction, in order, and only on top of the
    // checkpoint of the page before (`apply_pull_page_after`), so an
    // interrupted run resumes exactly where the last commit left it.
    let mut after = start;
    let mut applying: Option<(Applying, PageEnd)> = None;
    loop {
        let page = pulled.page;
        let (next, more) = (page.next, page.more);
        let collections = page.changes.iter().map(|c| c.collection).collect();
        let this = spawn_apply(
            page.changes,
            (after, stored_token.clone()),
            next,
            present.clone(),
        );
        after = next;
        let previous = applying.replace((this, PageEnd { next, collections }));
        let fetch = async {
            if more {
                transport::pull(next, PULL_PAGE, token).await.map(Some)
            } else {
                Ok(None)
            }
        };
        let (committed, fetched) = futures::join!(committed(previous), fetch);
        match committed? {
            Landed::Page(count, page) => {
                on_progress(pull_progress(start, page.next, pulled.head));
                landed.add(count, page);
            }
            // Overtaken by a login or logout: the run it asked for pulls.
            Landed::Refused => return Ok(landed),
            Landed::Nothing => {}
        }
        match fetched? {
            Some(n) => {
                pulled = Pulled {
                    head: n.head.or(pulled.head),
                    ..n
                }
            }
            None => break,
        }
    }
    if let Landed::Page(count, page) = committed(applying).await? {
        on_progress(pull_progress(start, page.next, pulled.head));
        landed.add(count, page);
    }
    Ok(landed)
}

impl PullOutcome {
    fn add(&mut self, count: usize, page: PageEnd) {
        self.changes += count;
        if count > 0 {
            self.collections.extend(page.collections);
        }
    }
}

/// A page being applied in its own task (see [`spawn_apply`]).
type Applying = oneshot::Receiver<StoreResult<Option<usize>>>;

/// What a page leaves behind once it lands.
struct PageEnd {
    /// The page's `next`: the checkpoint after it.
    next: u64,
    /// The collections of its changes.
    collections: BTreeSet<Collection>,
}

/// Applies a page in a task of its own, which starts at once and runs on
/// even if this run stops early (its guard decides whether it lands).
fn spawn_apply(
    changes: Vec<PulledChange>,
    (after, token): (u64, Option<String>),
    next: u64,
    present: Option<Rc<replica::Present>>,
) -> Applying {
    let (done, applying) = oneshot::channel();
    wasm_bindgen_futures::spawn_local(async move {
        let guard = PageGuard {
            after,
            token: token.as_deref(),
        };
        let applied =
            replica::apply_pull_page_after(&changes, guard, next, present.as_deref()).await;
        let _ = done.send(applied);
    });
    applying
}

/// How a page's application ended.
enum Landed {
    /// No page was being applied.
    Nothing,
    /// Committed: how many changes, and what the page leaves behind.
    Page(usize, PageEnd),
    /// Refused by its guard: a login or logout overtook the pull.
    Refused,
}

/// Waits for a page's commit.
async fn committed(applying: Option<(Applying, PageEnd)>) -> Result<Landed, SyncError> {
    let Some((applying, page)) = applying else {
        return Ok(Landed::Nothing);
    };
    let applied = applying
        .await
        .map_err(|_| SyncError::Store(StoreError::Other("page application stopped".into())))??;
    Ok(match applied {
        Some(count) => Landed::Page(count, page),
        None => Landed::Refused,
    })
}

fn pull_progress(start: u64, next: u64, head: Option<u64>) -> Progress {
    Progress {
        stage: Stage::Pulling,
        done: next.saturating_sub(start),
        total: head.map(|h| h.saturating_sub(start)),
    }
}
