//! Serving the built app: files from [`crate::dist`], the SPA fallback, and
//! the JSON 404 for unknown API paths.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use crate::dist::asset::{looks_like_file, NO_CACHE};
use crate::dist::{clean_path, Asset, INDEX};
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::Store;

const NOT_BUILT: &str = "<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>通济通</title>\
<p>通济通应用尚未构建（请运行 <code>trunk build</code>）。接口 <code>/api</code> 可正常使用。</p>\
<p>The Tongji Connect app is not built yet (run <code>trunk build</code>). The API under <code>/api</code> works.</p></html>";

/// Any path no route matched: a file of the app, else index.html (the app's
/// router decides), but a JSON 404 under `/api`.
pub async fn serve<S: Store>(
    State(state): State<AppState<S>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let path = uri.path();
    if path == "/api" || path.starts_with("/api/") {
        return api_not_found().await.into_response();
    }
    if method != Method::GET && method != Method::HEAD {
        let mut response =
            (StatusCode::METHOD_NOT_ALLOWED, "405 Method Not Allowed").into_response();
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let head = method == Method::HEAD;
    let found = match clean_path(path) {
        Some(rel) => state.dist.get(&rel).await,
        None => None,
    };
    if let Some(asset) = found {
        return respond(&asset, &headers, head);
    }
    if looks_like_file(path) {
        return (
            StatusCode::NOT_FOUND,
            [(header::CACHE_CONTROL, NO_CACHE)],
            "404 Not Found",
        )
            .into_response();
    }
    match state.dist.get(INDEX).await {
        Some(index) => respond(&index, &headers, head),
        None => (
            StatusCode::SERVICE_UNAVAILABLE,
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (header::CACHE_CONTROL, NO_CACHE),
            ],
            NOT_BUILT,
        )
            .into_response(),
    }
}

/// The JSON 404 for paths under `/api` that no route matches.
pub async fn api_not_found() -> ApiError {
    ApiError::NotFound("没有这个接口 / No such API endpoint".into())
}

/// The JSON 405 for API paths called with the wrong method.
pub async fn api_method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

/// Which encodings the client accepts (`br`, `gzip`; `q=0` refuses).
fn accepted(headers: &HeaderMap) -> (bool, bool) {
    let mut br = false;
    let mut gzip = false;
    for value in headers.get_all(header::ACCEPT_ENCODING) {
        let Ok(text) = value.to_str() else { continue };
        for item in text.split(',') {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let refused = parts.any(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            match name.as_str() {
                "br" => br = !refused,
                "gzip" | "x-gzip" => gzip = !refused,
                _ => {}
            }
        }
    }
    (br, gzip)
}

fn respond(asset: &Arc<Asset>, headers: &HeaderMap, head: bool) -> Response {
    let (accepts_br, accepts_gzip) = accepted(headers);
    let ready =
        |cell: &std::sync::OnceLock<Option<axum::body::Bytes>>| cell.get().and_then(Clone::clone);
    let (encoding, body) = match (ready(&asset.br), ready(&asset.gzip)) {
        (Some(br), _) if accepts_br => (Encoding::Brotli, br),
        (_, Some(gz)) if accepts_gzip => (Encoding::Gzip, gz),
        _ => (Encoding::Identity, asset.bytes.clone()),
    };
    let etag = match encoding {
        Encoding::Brotli => format!("\"{}-br\"", asset.etag),
        Encoding::Gzip => format!("\"{}-gz\"", asset.etag),
        Encoding::Identity => format!("\"{}\"", asset.etag),
    };
    let not_modified = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let mut builder = Response::builder()
        .header(header::CONTENT_TYPE, asset.content_type)
        .header(header::CACHE_CONTROL, asset.cache_control)
        .header(header::ETAG, &etag);
    if asset.compressible {
        builder = builder.header(header::VARY, "Accept-Encoding");
    }
    if not_modified {
        return builder
            .status(StatusCode::NOT_MODIFIED)
            .body(Body::empty())
            .unwrap_or_default();
    }
    match encoding {
        Encoding::Brotli => builder = builder.header(header::CONTENT_ENCODING, "br"),
        Encoding::Gzip => builder = builder.header(header::CONTENT_ENCODING, "gzip"),
        Encoding::Identity => {}
    }
    builder = builder.header(header::CONTENT_LENGTH, body.len());
    let body = if head {
        Body::empty()
    } else {
        Body::from(body)
    };
    builder
        .status(StatusCode::OK)
        .body(body)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_encoding_parsing() {
        let mut h = HeaderMap::new();
        h.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("gzip, deflate, br;q=0"),
        );
        assert_eq!(accepted(&h), (false, true));
        h.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("br;q=1.0, gzip;q=0.8"),
        );
        assert_eq!(accepted(&h), (true, true));
        assert_eq!(accepted(&HeaderMap::new()), (false, false));
    }
}
