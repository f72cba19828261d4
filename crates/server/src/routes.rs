//! The router: nests the API areas under `/api`, sends everything else to the
//! built app, and adds the layers (body limits, compression, security
//! headers, panics as JSON 500s, tracing without headers).

use std::any::Any;

use axum::extract::DefaultBodyLimit;
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::Router;
use domain::sync::PUSH_MAX_BYTES;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::trace::TraceLayer;

use crate::error::ApiError;
use crate::handlers::{auth, blobs, health, static_files, sync};
use crate::headers;
use crate::state::AppState;
use crate::store::Store;

/// Largest sign-in body.
const AUTH_MAX_BYTES: usize = 16 * 1024;

/// The whole application; `main` serves it and the tests call it directly.
pub fn app<S: Store>(state: AppState<S>) -> Router {
    let auth = Router::new()
        .route("/login", post(auth::login::<S>))
        .route("/logout", post(auth::logout::<S>))
        .layer(DefaultBodyLimit::max(AUTH_MAX_BYTES));
    let sync = Router::new()
        .route("/pull", get(sync::pull::<S>))
        .route("/push", post(sync::push::<S>))
        .layer(DefaultBodyLimit::max(PUSH_MAX_BYTES));
    let blobs = Router::new()
        .route("/{sha256}", put(blobs::put::<S>).get(blobs::get::<S>))
        .layer(DefaultBodyLimit::max(blobs::BLOB_MAX_BYTES));
    let api = Router::new()
        .route("/health", get(health::show))
        .nest("/auth", json_errors(auth))
        .nest("/sync", json_errors(sync))
        .nest("/blobs", json_errors(blobs));
    // Pull pages can be large; a fast level keeps the CPU cost low.
    let api = json_errors(api).layer(CompressionLayer::new().quality(CompressionLevel::Precise(4)));
    Router::new()
        .nest("/api", api)
        .fallback(static_files::serve::<S>)
        .layer(CatchPanicLayer::custom(panic_response))
        // Outside the panic catcher, so a panic's 500 gets the headers too.
        .layer(middleware::from_fn_with_state(
            state.dist.clone(),
            headers::security,
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Makes an API router's unknown paths and wrong methods answer in JSON
/// (call it after adding the routes: the 405 handler is set per route).
fn json_errors<S: Store>(router: Router<AppState<S>>) -> Router<AppState<S>> {
    router
        .fallback(static_files::api_not_found)
        .method_not_allowed_fallback(static_files::api_method_not_allowed)
}

fn panic_response(panic: Box<dyn Any + Send + 'static>) -> Response {
    let detail = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("unknown panic");
    ApiError::Internal(anyhow::anyhow!("handler panicked: {detail}")).into_response()
}
