//! Reads and writes of the visits section, on top of the shared queries and
//! the local store: enterprises, visits, guides, visit drafts.

use crate::clock::now;
use crate::error::AppError;
use crate::features::account::CurrentSession;
use crate::queries;
use crate::query::Query;
use crate::store::drafts::{self, Draft};
use crate::store::records::{self, Stored};
use crate::store::{Revisions, Topic};
use domain::forms::VisitDraft;
use domain::ids::RecordId;
use domain::records::{Enterprise, Policy, PolicyCategory, Visit};
use domain::search::{enterprise_document, FieldKind, SearchIndex};
use leptos::prelude::*;

/// The visits store's index over `enterprise_id` (see `store::schema`).
const VISITS_BY_ENTERPRISE: &str = "enterprise";

/// Prefix of every visit-form draft key.
const DRAFT_PREFIX: &str = "visit:";

/// A loaded collection, shared by the pages of the section.
pub type Records<T> = Query<Result<Vec<Stored<T>>, AppError>>;

/// Every enterprise in the ledger.
pub fn enterprises() -> Records<Enterprise> {
    queries::all::<Enterprise>()
}

/// Every visit.
pub fn visits() -> Records<Visit> {
    queries::all::<Visit>()
}

/// Every policy guide.
pub fn policies() -> Records<Policy> {
    queries::all::<Policy>()
}

/// Every policy category (to name a guide's category).
pub fn policy_categories() -> Records<PolicyCategory> {
    queries::all::<PolicyCategory>()
}

/// One enterprise.
pub fn enterprise(
    id: impl Fn() -> Option<RecordId> + 'static,
) -> Query<Result<Option<Stored<Enterprise>>, AppError>> {
    queries::one::<Enterprise>(id)
}

/// One visit.
pub fn visit(
    id: impl Fn() -> Option<RecordId> + 'static,
) -> Query<Result<Option<Stored<Visit>>, AppError>> {
    queries::one::<Visit>(id)
}

/// The visits of one enterprise, newest first.
pub fn visits_of(id: impl Fn() -> Option<RecordId> + 'static) -> Records<Visit> {
    let revisions = expect_context::<Revisions>();
    Query::new(move || {
        revisions.track(Topic::Collection(domain::collection::Collection::Visits));
        let id = id();
        async move {
            let Some(id) = id else { return Ok(Vec::new()) };
            let mut list = records::list_by::<Visit>(VISITS_BY_ENTERPRISE, &id.to_string()).await?;
            newest_first(&mut list);
            Ok(list)
        }
    })
}

/// Sorts visits newest first (by date, then by last write).
pub fn newest_first(list: &mut [Stored<Visit>]) {
    domain::sort::sort_by_key(list, |v| {
        std::cmp::Reverse((v.data.date, v.updated_at, v.id))
    });
}

/// The enterprise search index: the ledger's fields plus the contact
/// person and phone, which staff also search by. Tracks the pinyin table:
/// a memo that builds it before the table arrives builds it again.
pub fn enterprise_index(list: &[Stored<Enterprise>]) -> SearchIndex<RecordId> {
    crate::pinyin::track();
    SearchIndex::build(list.iter().map(|e| {
        enterprise_document(e.id, &e.data)
            .field(FieldKind::Body, e.data.contact_name.as_str())
            .field(FieldKind::Body, e.data.contact_phone.as_str())
    }))
}

/// The distinct non-empty values of one field over the ledger, ascending:
/// the options of the list's filters and the form's suggestions
/// (communities, industries).
pub fn field_values(list: &[Stored<Enterprise>], field: fn(&Enterprise) -> &str) -> Vec<String> {
    domain::sort::distinct(
        list.iter()
            .map(|e| field(&e.data).trim().to_owned())
            .filter(|s| !s.is_empty()),
    )
}

/// Saves an enterprise (validated by the domain) and queues it for sync.
pub async fn save_enterprise(id: RecordId, enterprise: Enterprise) -> Result<(), AppError> {
    queries::save(id, &enterprise).await
}

/// Saves a visit (validated by the domain) and queues it for sync.
pub async fn save_visit(id: RecordId, visit: Visit) -> Result<(), AppError> {
    queries::save(id, &visit).await
}

/// Where a visit form's draft lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DraftKey {
    /// A new visit that will be saved under this id.
    New(RecordId),
    /// Changes to an existing visit.
    Edit(RecordId),
}

impl DraftKey {
    /// The store key: `visit:new:<id>` or `visit:<id>`.
    pub fn key(self) -> String {
        match self {
            DraftKey::New(id) => format!("{DRAFT_PREFIX}new:{id}"),
            DraftKey::Edit(id) => format!("{DRAFT_PREFIX}{id}"),
        }
    }

    /// Reads a store key back.
    pub fn parse(key: &str) -> Option<DraftKey> {
        let rest = key.strip_prefix(DRAFT_PREFIX)?;
        match rest.strip_prefix("new:") {
            Some(id) => id.parse().ok().map(DraftKey::New),
            None => rest.parse().ok().map(DraftKey::Edit),
        }
    }

    /// The record id the form saves to.
    pub fn id(self) -> RecordId {
        match self {
            DraftKey::New(id) | DraftKey::Edit(id) => id,
        }
    }

    /// The page that continues this draft.
    pub fn href(self) -> String {
        match self {
            DraftKey::New(id) => format!("/visits/new?draft={id}"),
            DraftKey::Edit(id) => format!("/visits/{id}/edit"),
        }
    }
}

/// The unfinished visit drafts on the device.
pub type VisitDrafts = Vec<(DraftKey, Draft<VisitDraft>)>;

/// Every unfinished visit draft, newest first; re-read when drafts change.
pub fn visit_drafts() -> Query<Result<VisitDrafts, AppError>> {
    let revisions = expect_context::<Revisions>();
    Query::new(move || {
        revisions.track(Topic::Drafts);
        async move {
            let mut out = Vec::new();
            for (key, _) in drafts::keys(DRAFT_PREFIX).await? {
                let (Some(parsed), Some(draft)) = (
                    DraftKey::parse(&key),
                    drafts::load::<VisitDraft>(&key).await?,
                ) else {
                    continue;
                };
                out.push((parsed, draft));
            }
            Ok(out)
        }
    })
}

/// Loads one visit draft.
pub async fn load_draft(key: DraftKey) -> Result<Option<Draft<VisitDraft>>, AppError> {
    Ok(drafts::load::<VisitDraft>(&key.key()).await?)
}

/// Autosaves a visit draft.
pub async fn save_draft(key: DraftKey, draft: VisitDraft) -> Result<(), AppError> {
    Ok(drafts::save(&key.key(), &draft, now()).await?)
}

/// Removes a visit draft (saved or discarded).
pub async fn remove_draft(key: DraftKey) -> Result<(), AppError> {
    Ok(drafts::remove(&key.key()).await?)
}

/// A read collection as a plain list (empty while loading or on error; the
/// page shows the error through [`error_of`]).
pub fn list_of<T: Clone + Send + Sync + 'static>(records: Records<T>) -> Vec<Stored<T>>
where
    Stored<T>: Clone,
{
    records.get().and_then(Result::ok).unwrap_or_default()
}

/// The error of a read collection, if it failed.
pub fn error_of<T: Clone + 'static>(records: Records<T>) -> Option<AppError> {
    records.get().and_then(Result::err)
}

/// The first loaded value of a query, kept when the query reads again (a
/// form must not be reset under the user's fingers by a sync).
pub fn first_load<T: Clone + Send + Sync + 'static>(query: Query<T>) -> Memo<Option<T>> {
    Memo::new_with_compare(
        move |_| query.get(),
        |old, _| matches!(old, None | Some(None)),
    )
}

/// Closes a follow-up of a visit with a note, appending to its history
/// (re-read first, so an edit made meanwhile in another tab is kept). A
/// follow-up someone already closed stays as it is.
pub async fn close_follow_up(
    visit_id: RecordId,
    follow_up_id: RecordId,
    by: String,
    note: String,
) -> Result<(), AppError> {
    let Some(mut stored) = records::get::<Visit>(visit_id).await? else {
        return Ok(());
    };
    let Some(item) = stored
        .data
        .follow_ups
        .iter_mut()
        .find(|f| f.id == follow_up_id)
    else {
        return Ok(());
    };
    if domain::followup::close(item, &by, &note, now()).is_err() {
        return Ok(());
    }
    queries::save(visit_id, &stored.data).await
}

/// The signed-in staff member's name, read once (not tracked): it fills
/// "visited by" and the history of a closed follow-up.
pub fn signed_in_name(session: CurrentSession) -> String {
    session
        .0
        .get_untracked()
        .and_then(Result::ok)
        .flatten()
        .filter(|s| s.is_active(now()))
        .map(|s| s.user.name)
        .unwrap_or_default()
}

/// A collection read through [`settled`].
pub type Settled<T> = Memo<Option<Result<Vec<Stored<T>>, AppError>>>;

/// A query's value that only notifies when it really changed: a sync
/// re-reads whole collections, and a page showing one record must not be
/// rebuilt (closing an open note box) when other records changed.
pub fn settled<T: PartialEq + Clone + Send + Sync + 'static>(
    query: Query<Result<T, AppError>>,
) -> Memo<Option<Result<T, AppError>>> {
    Memo::new_with_compare(
        move |_| query.get(),
        |old, new| !matches!((old, new), (Some(Some(Ok(a))), Some(Some(Ok(b)))) if a == b),
    )
}
