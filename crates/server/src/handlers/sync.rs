//! `GET /api/sync/pull` and `POST /api/sync/push`.

use axum::extract::State;
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::collection::Collection;
use domain::sync::{PullQuery, PullResponse, PushRequest, PushResponse, PUSH_MAX_MUTATIONS};

use crate::apply::PreparedMutation;
use crate::auth::MaybeAuthUser;
use crate::error::{ApiError, ApiJson, ApiQuery, ApiResult};
use crate::state::AppState;
use crate::store::Store;

/// Header giving the feed's newest sequence number when more pages wait, so
/// a client can show a determinate progress bar on its first sync. Small
/// deltas (no more pages) skip the extra query.
pub const HEAD_HEADER: &str = "x-sync-head";

/// A page of the changes feed after `since`, limited to what the caller may
/// read (public collections when anonymous).
pub async fn pull<S: Store>(
    State(state): State<AppState<S>>,
    auth: MaybeAuthUser,
    ApiQuery(query): ApiQuery<PullQuery>,
) -> ApiResult<Response> {
    if i64::try_from(query.since).is_err() {
        return Err(ApiError::BadRequest(
            "since 超出范围 / since is out of range".into(),
        ));
    }
    let limit = query.effective_limit();
    let readable: Vec<Collection> = Collection::ALL
        .into_iter()
        .filter(|c| c.readable_by(auth.role()))
        .collect();
    // One more than asked tells whether another page is waiting.
    let mut rows = state
        .store
        .list_changes(query.since, limit + 1, &readable)
        .await?;
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next = rows.last().map_or(query.since, |r| r.seq);
    let head = if more {
        Some(state.store.get_head_seq().await?)
    } else {
        None
    };
    let mut response = Json(PullResponse {
        changes: rows,
        next,
        more,
    })
    .into_response();
    if let Some(head) = head {
        response
            .headers_mut()
            .insert(HEAD_HEADER, HeaderValue::from(head));
    }
    Ok(response)
}

/// Applies up to [`PUSH_MAX_MUTATIONS`] mutations in order, in one
/// transaction, and answers for each one.
pub async fn push<S: Store>(
    State(state): State<AppState<S>>,
    auth: MaybeAuthUser,
    ApiJson(request): ApiJson<PushRequest>,
) -> ApiResult<Json<PushResponse>> {
    let count = request.mutations.len();
    if count > PUSH_MAX_MUTATIONS {
        return Err(ApiError::BadRequest(format!(
            "一次最多提交 {PUSH_MAX_MUTATIONS} 条修改（收到 {count} 条）/ At most {PUSH_MAX_MUTATIONS} mutations per push (got {count})"
        )));
    }
    // Validation is pure CPU work; keep it off the async threads.
    let prepared = tokio::task::spawn_blocking(move || {
        request
            .mutations
            .into_iter()
            .map(PreparedMutation::new)
            .collect::<Vec<_>>()
    })
    .await
    .map_err(|e| ApiError::Internal(anyhow::anyhow!("validation panicked: {e}")))?;
    let results = state.store.put_mutations(auth.role(), &prepared).await?;
    Ok(Json(PushResponse { results }))
}
