//! HTTP calls to the sync API (same origin).

use super::error::SyncError;
use domain::api::{ErrorBody, LoginRequest, LoginResponse};
use domain::sync::{PullResponse, PushRequest, PushResponse};
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

fn authorised(builder: RequestBuilder, token: Option<&str>) -> RequestBuilder {
    match token {
        Some(t) => builder.header("Authorization", &format!("Bearer {t}")),
        None => builder,
    }
}

async fn read<T: DeserializeOwned>(response: Response) -> Result<T, SyncError> {
    let status = response.status();
    if (200..300).contains(&status) {
        return response
            .json::<T>()
            .await
            .map_err(|e| SyncError::Network(e.to_string()));
    }
    let message = match response.json::<ErrorBody>().await {
        Ok(body) => body.error.message,
        Err(_) => response.status_text(),
    };
    Err(match status {
        401 => SyncError::Unauthorized,
        429 => SyncError::RateLimited,
        500..=599 => SyncError::Server { status, message },
        _ => SyncError::Refused { status, message },
    })
}

fn network(e: gloo_net::Error) -> SyncError {
    SyncError::Network(e.to_string())
}

/// A pulled page and the server's newest sequence number (for progress).
pub struct Pulled {
    /// The page, each change's data still its JSON text.
    pub page: PullResponse<Box<RawValue>>,
    /// The newest sequence number visible to this caller, if the server said.
    pub head: Option<u64>,
}

/// `GET /api/sync/pull`.
pub async fn pull(since: u64, limit: u32, token: Option<&str>) -> Result<Pulled, SyncError> {
    let url = format!("/api/sync/pull?since={since}&limit={limit}");
    let response = authorised(Request::get(&url), token)
        .send()
        .await
        .map_err(network)?;
    let head = response
        .headers()
        .get("x-sync-head")
        .and_then(|h| h.parse().ok());
    Ok(Pulled {
        page: read(response).await?,
        head,
    })
}

/// `POST /api/sync/push`.
pub async fn push(request: &PushRequest, token: Option<&str>) -> Result<PushResponse, SyncError> {
    let builder = authorised(Request::post("/api/sync/push"), token);
    let response = builder
        .json(request)
        .map_err(network)?
        .send()
        .await
        .map_err(network)?;
    read(response).await
}

/// `PUT /api/blobs/{sha256}`.
pub async fn upload_blob(
    sha256: &str,
    mime: &str,
    bytes: &[u8],
    token: &str,
) -> Result<(), SyncError> {
    let body = js_sys::Uint8Array::from(bytes);
    let response = authorised(Request::put(&format!("/api/blobs/{sha256}")), Some(token))
        .header("Content-Type", mime)
        .body(body)
        .map_err(network)?
        .send()
        .await
        .map_err(network)?;
    read::<serde_json::Value>(response).await.map(|_| ())
}

/// `GET /api/blobs/{sha256}`.
pub async fn download_blob(sha256: &str, token: &str) -> Result<Vec<u8>, SyncError> {
    let response = authorised(Request::get(&format!("/api/blobs/{sha256}")), Some(token))
        .send()
        .await
        .map_err(network)?;
    if !response.ok() {
        return Err(read::<serde_json::Value>(response)
            .await
            .err()
            .unwrap_or(SyncError::Network("blob".into())));
    }
    response.binary().await.map_err(network)
}

/// `POST /api/auth/login`.
pub async fn login(request: &LoginRequest) -> Result<LoginResponse, SyncError> {
    let response = Request::post("/api/auth/login")
        .json(request)
        .map_err(network)?
        .send()
        .await
        .map_err(network)?;
    read(response).await
}

/// `POST /api/auth/logout`.
pub async fn logout(token: &str) -> Result<(), SyncError> {
    let response = authorised(Request::post("/api/auth/logout"), Some(token))
        .send()
        .await
        .map_err(network)?;
    if response.ok() {
        Ok(())
    } else {
        read::<serde_json::Value>(response).await.map(|_| ())
    }
}
