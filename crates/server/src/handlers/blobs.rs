//! `PUT /api/blobs/{sha256}` and `GET /api/blobs/{sha256}`: visit photos,
//! addressed by the SHA-256 of their bytes, for staff only.

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use sha2::{Digest, Sha256};

use crate::auth::AuthUser;
use crate::error::{ApiBytes, ApiError, ApiPath, ApiResult};
use crate::state::AppState;
use crate::store::{Store, StoreError};

/// Largest blob accepted (413 beyond it).
pub const BLOB_MAX_BYTES: usize = 2 * 1024 * 1024;
/// Content type assumed when the upload names none.
pub const DEFAULT_CONTENT_TYPE: &str = "image/jpeg";
const ACCEPTED_TYPES: [&str; 7] = [
    "image/jpeg",
    "image/png",
    "image/webp",
    "image/gif",
    "image/avif",
    "image/heic",
    "image/heif",
];

fn parse_hash(text: &str) -> ApiResult<String> {
    if text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(text.to_ascii_lowercase())
    } else {
        Err(ApiError::BadRequest(
            "地址应为 64 位十六进制的 SHA-256 / The path must be a 64-digit hex SHA-256".into(),
        ))
    }
}

/// Only image types are stored (anything else could be served as a page).
fn content_type(headers: &HeaderMap) -> ApiResult<String> {
    let Some(value) = headers.get(header::CONTENT_TYPE) else {
        return Ok(DEFAULT_CONTENT_TYPE.to_owned());
    };
    let essence = value
        .to_str()
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match essence.as_str() {
        "" | "application/octet-stream" => Ok(DEFAULT_CONTENT_TYPE.to_owned()),
        t if ACCEPTED_TYPES.contains(&t) => Ok(essence),
        _ => Err(ApiError::UnsupportedMediaType(
            "只能上传图片（JPEG、PNG、WebP 等）/ Only images (JPEG, PNG, WebP...) can be uploaded"
                .into(),
        )),
    }
}

/// Stores a photo if its bytes hash to the path (idempotent: 201 when new, 200 when known).
pub async fn put<S: Store>(
    State(state): State<AppState<S>>,
    _user: AuthUser,
    ApiPath(hash): ApiPath<String>,
    headers: HeaderMap,
    ApiBytes(body): ApiBytes,
) -> ApiResult<Response> {
    let hash = parse_hash(&hash)?;
    let content_type = content_type(&headers)?;
    if body.len() > BLOB_MAX_BYTES {
        return Err(ApiError::PayloadTooLarge(
            "图片不能超过 2 MiB / Photos are limited to 2 MiB".into(),
        ));
    }
    let actual = hex::encode(Sha256::digest(&body));
    if actual != hash {
        return Err(ApiError::BadRequest(
            "内容与地址中的 SHA-256 不符 / The content does not match the SHA-256 in the path"
                .into(),
        ));
    }
    let created = state.store.put_blob(&hash, &content_type, &body).await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        Json(serde_json::json!({ "sha256": hash, "size": body.len() })),
    )
        .into_response())
}

/// Returns a stored photo with its content type; it never changes, so it may be cached forever.
pub async fn get<S: Store>(
    State(state): State<AppState<S>>,
    _user: AuthUser,
    ApiPath(hash): ApiPath<String>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let hash = parse_hash(&hash)?;
    let etag = format!("\"{hash}\"");
    let blob = match state.store.get_blob(&hash).await {
        Ok(blob) => blob,
        Err(StoreError::NotFound) => {
            return Err(ApiError::NotFound("没有这张图片 / No such photo".into()))
        }
        Err(other) => return Err(other.into()),
    };
    let builder = Response::builder()
        .header(header::CONTENT_TYPE, &blob.content_type)
        .header(
            header::CACHE_CONTROL,
            "private, max-age=31536000, immutable",
        )
        .header(header::ETAG, &etag);
    let not_modified = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    let response = if not_modified {
        builder.status(StatusCode::NOT_MODIFIED).body(Body::empty())
    } else {
        builder
            .header(header::CONTENT_LENGTH, blob.bytes.len())
            .body(Body::from(blob.bytes))
    };
    response.map_err(|e| ApiError::Internal(e.into()))
}
