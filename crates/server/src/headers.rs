//! Security headers on every response (API, files and errors alike).

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use crate::dist::Dist;

/// Adds `X-Content-Type-Options`, `Referrer-Policy`, `X-Frame-Options`,
/// `Cross-Origin-Opener-Policy` and the Content-Security-Policy computed from
/// the current index.html.
pub async fn security(State(dist): State<Arc<Dist>>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(header::CONTENT_SECURITY_POLICY, dist.csp());
    response
}
