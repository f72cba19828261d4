//! The API's error type and the extractors that turn bad requests into it.
//!
//! Every failure leaves the server as `{"error": {"code", "message"}}`
//! ([`domain::api::ErrorBody`]) with a fitting status. Internal errors are
//! logged with their detail and answered with a generic message.

use axum::extract::rejection::{BytesRejection, JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::api::ErrorBody;

use crate::store::StoreError;

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 400: the request is malformed (bad JSON, wrong types, bad parameters).
    #[error("{0}")]
    BadRequest(String),
    /// 401: no valid session, or wrong credentials.
    #[error("{0}")]
    Unauthorized(String),
    /// 404: nothing here.
    #[error("{0}")]
    NotFound(String),
    /// 405: the path exists but not with this method.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// 413: the body is larger than this endpoint accepts.
    #[error("{0}")]
    PayloadTooLarge(String),
    /// 415: the body's content type is not accepted.
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// 429: too many failed sign-in attempts; try again later.
    #[error("{0}")]
    TooManyRequests(String),
    /// 500: a bug or an unavailable database; the detail is only logged.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// Result type of handlers.
pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    /// The HTTP status and the stable error code.
    pub fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            ApiError::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad_request"),
            ApiError::Unauthorized(_) => (StatusCode::UNAUTHORIZED, "unauthorized"),
            ApiError::NotFound(_) => (StatusCode::NOT_FOUND, "not_found"),
            ApiError::MethodNotAllowed => (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"),
            ApiError::PayloadTooLarge(_) => (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
            ApiError::UnsupportedMediaType(_) => {
                (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type")
            }
            ApiError::TooManyRequests(_) => (StatusCode::TOO_MANY_REQUESTS, "too_many_requests"),
            ApiError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }

    /// 401 for a missing, unknown or expired session.
    pub fn session_required() -> ApiError {
        ApiError::Unauthorized("请先登录（会话无效或已过期）/ Please sign in (the session is missing, invalid or expired)".into())
    }

    /// Maps an extractor rejection by its status: body-size and media-type
    /// problems keep their status, everything else is a 400.
    fn from_rejection(status: StatusCode, text: String) -> ApiError {
        match status {
            StatusCode::PAYLOAD_TOO_LARGE => {
                ApiError::PayloadTooLarge("请求内容过大 / The request body is too large".into())
            }
            StatusCode::UNSUPPORTED_MEDIA_TYPE => ApiError::UnsupportedMediaType(text),
            s if s.is_server_error() => {
                ApiError::Internal(anyhow::anyhow!("extractor failed: {text}"))
            }
            _ => ApiError::BadRequest(text),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        let message = match &self {
            ApiError::Internal(err) => {
                tracing::error!(error = ?err, "internal error");
                "服务器内部错误，请稍后重试 / Internal server error, please try again later"
                    .to_owned()
            }
            other => other.to_string(),
        };
        let mut response = (status, Json(ErrorBody::new(code, message))).into_response();
        match &self {
            ApiError::Unauthorized(_) => {
                response
                    .headers_mut()
                    .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            ApiError::TooManyRequests(_) => {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from_static("900"));
            }
            _ => {}
        }
        response
    }
}

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound => ApiError::NotFound("未找到 / Not found".into()),
            StoreError::Conflict => {
                ApiError::Internal(anyhow::anyhow!("unexpected store conflict"))
            }
            StoreError::Other(e) => ApiError::Internal(e),
        }
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        ApiError::from_rejection(rejection.status(), rejection.body_text())
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        ApiError::from_rejection(rejection.status(), rejection.body_text())
    }
}

impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> Self {
        ApiError::from_rejection(rejection.status(), rejection.body_text())
    }
}

impl From<BytesRejection> for ApiError {
    fn from(rejection: BytesRejection) -> Self {
        ApiError::from_rejection(rejection.status(), rejection.body_text())
    }
}

/// `Json` whose rejections are [`ApiError`]s (400/413/415 with the JSON error body).
#[derive(Debug, FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct ApiJson<T>(pub T);

impl<T: serde::Serialize> IntoResponse for ApiJson<T> {
    fn into_response(self) -> Response {
        Json(self.0).into_response()
    }
}

/// `Query` whose rejections are [`ApiError`]s.
#[derive(Debug, FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct ApiQuery<T>(pub T);

/// `Path` whose rejections are [`ApiError`]s.
#[derive(Debug, FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct ApiPath<T>(pub T);

/// The raw body, whose rejections (413 beyond the route's limit) are [`ApiError`]s.
pub struct ApiBytes(pub axum::body::Bytes);

impl<S: Send + Sync> FromRequest<S> for ApiBytes {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        axum::body::Bytes::from_request(req, state)
            .await
            .map(ApiBytes)
            .map_err(ApiError::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::BodyExt;

    async fn body_of(err: ApiError) -> (StatusCode, ErrorBody) {
        let response = err.into_response();
        let status = response.status();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        (
            status,
            serde_json::from_slice(&bytes).expect("error body is JSON"),
        )
    }

    #[tokio::test]
    async fn internal_details_are_not_sent() {
        let (status, body) = body_of(ApiError::Internal(anyhow::anyhow!(
            "password=hunter2 at db"
        )))
        .await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(body.error.code, "internal");
        assert!(!body.error.message.contains("hunter2"));
    }

    #[tokio::test]
    async fn client_errors_keep_their_message() {
        let (status, body) = body_of(ApiError::BadRequest("since: invalid digit".into())).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(body.error.code, "bad_request");
        assert_eq!(body.error.message, "since: invalid digit");
    }
}
