//! Reads and writes of the policy section, on top of the shared queries:
//! categories and guides from the local store, the signed-in role, and
//! validated saves (record and outbox in one transaction; sync pushes them).

use crate::clock::now;
use crate::error::AppError;
use crate::features::account::CurrentSession;
use crate::queries;
use crate::query::Query;
use crate::routing::use_params_map;
use crate::store::drafts::{self, Draft};
use crate::store::records::Stored;
use domain::collection::Role;
use domain::ids::RecordId;
use domain::lang::Lang;
use domain::policy::form::{CategoryForm, GuideForm};
use domain::records::{Enterprise, Policy, PolicyCategory};
use leptos::prelude::*;

/// A loaded list of guides.
pub type Guides = Vec<Stored<Policy>>;
/// A loaded list of categories.
pub type Categories = Vec<Stored<PolicyCategory>>;

/// Every category, in display order.
pub fn categories() -> Query<Result<Categories, AppError>> {
    queries::all::<PolicyCategory>()
}

/// Every guide.
pub fn guides() -> Query<Result<Guides, AppError>> {
    queries::all::<Policy>()
}

/// The guides of one category.
pub fn guides_in(
    category: impl Fn() -> Option<RecordId> + 'static,
) -> Query<Result<Guides, AppError>> {
    queries::by_index::<Policy>("category", move || category().map(|id| id.to_string()))
}

/// One guide.
pub fn guide(
    id: impl Fn() -> Option<RecordId> + 'static,
) -> Query<Result<Option<Stored<Policy>>, AppError>> {
    queries::one::<Policy>(id)
}

/// One category.
pub fn category(
    id: impl Fn() -> Option<RecordId> + 'static,
) -> Query<Result<Option<Stored<PolicyCategory>>, AppError>> {
    queries::one::<PolicyCategory>(id)
}

/// The enterprise ledger (staff data: present only on a signed-in device).
pub fn enterprises() -> Query<Result<Vec<Stored<Enterprise>>, AppError>> {
    queries::all::<Enterprise>()
}

/// One enterprise of the ledger.
pub fn enterprise(
    id: impl Fn() -> Option<RecordId> + 'static,
) -> Query<Result<Option<Stored<Enterprise>>, AppError>> {
    queries::one::<Enterprise>(id)
}

/// Reorders a list by a key computed once per item; equal keys keep their
/// order. Every list of the section sorts through this one concrete sort,
/// because each `sort_by` closure would compile its own copy of the sort
/// (several KB of wasm each).
pub fn sort_by_key<T>(list: &mut Vec<T>, key: impl Fn(&T) -> (i64, String)) {
    let mut keyed: Vec<((i64, String), usize)> = list
        .iter()
        .enumerate()
        .map(|(i, item)| (key(item), i))
        .collect();
    keyed.sort_unstable();
    let mut slots: Vec<Option<T>> = std::mem::take(list).into_iter().map(Some).collect();
    list.extend(keyed.into_iter().filter_map(|(_, i)| slots[i].take()));
}

/// Sorts categories by their display order, then name.
pub fn sort_categories(list: &mut Categories) {
    sort_by_key(list, |c| (i64::from(c.data.order), c.data.name.clone()));
}

/// A category's name in a language (the Chinese one when no English is given).
pub fn category_name(c: &PolicyCategory, lang: Lang) -> String {
    match lang {
        Lang::En if !c.name_en.trim().is_empty() => c.name_en.clone(),
        _ => c.name.clone(),
    }
}

/// The `:id` route parameter as a record id.
pub fn id_param() -> Memo<Option<RecordId>> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get("id")).and_then(|s| s.parse().ok()))
}

/// The signed-in role, if any.
pub fn role() -> Signal<Option<Role>> {
    let session = expect_context::<CurrentSession>();
    Signal::derive(move || session.active().map(|s| s.user.role))
}

/// Whether an admin is signed in (edit buttons are shown only then; the
/// server refuses anyone else's writes anyway).
pub fn is_admin() -> Signal<bool> {
    let role = role();
    Signal::derive(move || role.get() == Some(Role::Admin))
}

/// The draft key of a guide editor (`policy:<id>`, or `policy:new`).
pub fn guide_draft_key(id: Option<RecordId>) -> String {
    match id {
        Some(id) => format!("policy:{id}"),
        None => "policy:new".to_owned(),
    }
}

/// The autosaved draft of a guide editor, read when the editor opens.
pub fn guide_draft(
    key: impl Fn() -> String + 'static,
) -> Query<Result<Option<Draft<GuideForm>>, AppError>> {
    Query::new(move || {
        let key = key();
        async move {
            drafts::load::<GuideForm>(&key)
                .await
                .map_err(AppError::from)
        }
    })
}

/// Autosaves what the editor holds, so a closed tab loses nothing.
pub async fn keep_guide_draft(key: String, form: GuideForm) -> Result<(), AppError> {
    drafts::save(&key, &form, now()).await?;
    Ok(())
}

/// Forgets a guide editor's draft.
pub async fn discard_guide_draft(key: String) -> Result<(), AppError> {
    drafts::remove(&key).await?;
    Ok(())
}

/// Validates an edited guide and saves it locally (it syncs when it can),
/// then drops the editor's draft.
pub async fn save_guide(
    id: RecordId,
    form: GuideForm,
    draft_key: String,
) -> Result<RecordId, AppError> {
    let policy = form.to_policy()?;
    queries::save(id, &policy).await?;
    // The guide is saved; a draft left behind would only be offered again
    // next time, so failing to remove it is not worth an error.
    let _ = drafts::remove(&draft_key).await;
    Ok(id)
}

/// Validates an edited category and saves it locally.
pub async fn save_category(id: RecordId, form: CategoryForm) -> Result<RecordId, AppError> {
    let category = form.to_category()?;
    queries::save(id, &category).await?;
    Ok(id)
}
