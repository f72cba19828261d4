//! `POST /api/auth/login` and `POST /api/auth/logout`.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::Json;
use domain::api::{LoginRequest, LoginResponse, User};
use domain::time::Timestamp;

use crate::auth::{new_token, token_hash, AuthUser, SESSION_DAYS};
use crate::clock;
use crate::error::{ApiError, ApiJson, ApiResult};
use crate::state::AppState;
use crate::store::{Store, StoreError};

/// Failed attempts allowed per username and per address inside the window.
pub const MAX_FAILED_ATTEMPTS: u64 = 5;
/// The rate-limit window.
pub const ATTEMPT_WINDOW_MS: i64 = 15 * 60 * 1000;
/// Longest username looked up (longer ones cannot exist).
const MAX_USERNAME_CHARS: usize = 64;

/// The client's address, for the per-address sign-in limit: the configured
/// proxy header's last entry, else the peer address, else `unknown`.
#[derive(Clone, Debug)]
pub struct ClientIp(pub String);

impl<S: Store> FromRequestParts<AppState<S>> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState<S>,
    ) -> Result<Self, Self::Rejection> {
        let from_header = state.config.client_ip_header.as_ref().and_then(|name| {
            let value = parts
                .headers
                .get_all(name)
                .iter()
                .next_back()?
                .to_str()
                .ok()?;
            let last = value.rsplit(',').next()?.trim();
            (!last.is_empty()).then(|| last.chars().take(64).collect::<String>())
        });
        let ip = from_header
            .or_else(|| {
                parts
                    .extensions
                    .get::<ConnectInfo<SocketAddr>>()
                    .map(|ConnectInfo(addr)| addr.ip().to_string())
            })
            .unwrap_or_else(|| "unknown".to_owned());
        Ok(ClientIp(ip))
    }
}

/// The username as the rate limit counts it (never fails, even for junk).
fn attempt_key(username: &str) -> String {
    username
        .chars()
        .take(MAX_USERNAME_CHARS)
        .map(|c| if c == '\0' { '\u{fffd}' } else { c })
        .collect()
}

fn wrong_credentials() -> ApiError {
    ApiError::Unauthorized("用户名或密码错误 / Wrong username or password".into())
}

/// Signs in: 401 for wrong credentials (as slow for unknown users as for
/// known ones), 429 from the 6th attempt per username or address within 15
/// minutes, counted in the database so every instance shares the limit.
pub async fn login<S: Store>(
    State(state): State<AppState<S>>,
    ClientIp(ip): ClientIp,
    ApiJson(request): ApiJson<LoginRequest>,
) -> ApiResult<Json<LoginResponse>> {
    let now = clock::now();
    let key = attempt_key(&request.username);
    // Record the attempt before counting, so concurrent attempts (on any
    // instance) see each other and at most five get through.
    let forget_before = Timestamp::from_millis(now.millis() - 24 * 3600 * 1000);
    let attempt = state
        .store
        .put_login_attempt(&key, &ip, now, forget_before)
        .await?;
    let since = Timestamp::from_millis(now.millis() - ATTEMPT_WINDOW_MS);
    let counts = state
        .store
        .get_login_attempt_counts(&key, &ip, since)
        .await?;
    if counts.by_username > MAX_FAILED_ATTEMPTS || counts.by_ip > MAX_FAILED_ATTEMPTS {
        state.store.delete_login_attempt(attempt).await?;
        tracing::warn!(%ip, "sign-in refused: too many failed attempts");
        return Err(ApiError::TooManyRequests(
            "登录失败次数过多，请 15 分钟后再试 / Too many failed sign-in attempts; try again in 15 minutes".into(),
        ));
    }
    let lookup =
        request.username.chars().count() <= MAX_USERNAME_CHARS && !request.username.contains('\0');
    let user = if lookup {
        match state.store.get_user(&request.username).await {
            Ok(user) => Some(user),
            Err(StoreError::NotFound) => None,
            Err(other) => return Err(other.into()),
        }
    } else {
        None
    };
    let hasher = state.config.passwords.clone();
    let stored = user.as_ref().map(|u| u.password_hash.clone());
    let password = request.password;
    let verified = tokio::task::spawn_blocking(move || hasher.verify(stored.as_deref(), &password))
        .await
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("password check panicked: {e}")))?;
    let Some(user) = user.filter(|_| verified) else {
        return Err(wrong_credentials());
    };
    state.store.delete_login_attempts_for(&key).await?;
    let token = new_token();
    let expires_at = Timestamp::from_millis(now.millis() + SESSION_DAYS * 24 * 3600 * 1000);
    state
        .store
        .put_session(&token_hash(&token), &user.id, expires_at)
        .await?;
    tracing::info!(user = %user.username, "signed in");
    Ok(Json(LoginResponse {
        token,
        user: User {
            id: user.id,
            name: user.name,
            role: user.role,
        },
        expires_at,
    }))
}

/// Ends the caller's session.
pub async fn logout<S: Store>(
    State(state): State<AppState<S>>,
    user: AuthUser,
) -> ApiResult<StatusCode> {
    state.store.delete_session(&user.token_hash).await?;
    Ok(StatusCode::NO_CONTENT)
}
