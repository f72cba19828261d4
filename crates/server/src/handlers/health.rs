//! `GET /api/health`.

use axum::Json;
use domain::api::Health;

/// Always `{"status": "ok", "version": <crate version>}` while the process serves.
pub async fn show() -> Json<Health> {
    Json(Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
    })
}
