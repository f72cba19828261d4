//! Passwords, session tokens and the extractors that authenticate requests.
//!
//! Passwords are stored as argon2id PHC strings. A session token is 256
//! random bits, given to the client once; the server keeps only its SHA-256.
//! A handler that takes [`AuthUser`] only runs for a valid, unexpired
//! session; one that takes [`MaybeAuthUser`] also serves anonymous callers,
//! but a token that is present and invalid is still a 401, so the client
//! knows to sign in again instead of silently seeing less.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use domain::collection::Role;
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::sync::{Arc, OnceLock};

use crate::clock;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::{Store, StoreError};

/// How long a session lasts.
pub const SESSION_DAYS: i64 = 30;
/// Shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 8;

/// Hashes passwords with fixed argon2id parameters (the defaults in
/// production; tests use cheaper ones).
#[derive(Clone, Debug)]
pub struct PasswordHasherConfig {
    params: Params,
    /// Verified when a username is unknown, so the answer takes as long.
    /// Made on first use ([`PasswordHasherConfig::warm_up`] at startup).
    dummy_hash: Arc<OnceLock<String>>,
}

impl PasswordHasherConfig {
    /// Argon2id with the crate's recommended parameters (19 MiB, 2 passes).
    pub fn production() -> PasswordHasherConfig {
        PasswordHasherConfig::with_params(Params::default())
    }

    /// Argon2id with cheap parameters, for tests only.
    pub fn insecure_fast() -> PasswordHasherConfig {
        PasswordHasherConfig::with_params(Params::new(8, 1, 1, None).expect("valid argon2 params"))
    }

    fn with_params(params: Params) -> PasswordHasherConfig {
        PasswordHasherConfig {
            params,
            dummy_hash: Arc::new(OnceLock::new()),
        }
    }

    /// Computes the dummy hash now (blocking), so even the first sign-in of
    /// an unknown user takes the usual time.
    pub fn warm_up(&self) {
        self.dummy();
    }

    fn dummy(&self) -> &str {
        self.dummy_hash.get_or_init(|| {
            // Hashing only fails on invalid parameters, which `Params` rules
            // out; an unparsable dummy still makes `verify` answer false.
            self.hash(&random_text(24)).unwrap_or_default()
        })
    }

    fn argon2(&self) -> Argon2<'static> {
        Argon2::new(Algorithm::Argon2id, Version::V0x13, self.params.clone())
    }

    /// The PHC string of a password, with a fresh salt.
    pub fn hash(&self, password: &str) -> anyhow::Result<String> {
        let mut salt = [0u8; 16];
        rand::rng().fill_bytes(&mut salt);
        let salt = SaltString::encode_b64(&salt).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
        let hash = self
            .argon2()
            .hash_password(password.as_bytes(), &salt)
            .map_err(|e| anyhow::anyhow!("argon2: {e}"))?;
        Ok(hash.to_string())
    }

    /// Whether `password` matches `stored` (or, when `stored` is `None`,
    /// spends the same time on a dummy hash and answers `false`).
    pub fn verify(&self, stored: Option<&str>, password: &str) -> bool {
        let (phc, real) = match stored {
            Some(phc) => (phc, true),
            None => (self.dummy(), false),
        };
        let Ok(parsed) = PasswordHash::new(phc) else {
            tracing::error!("a stored password hash cannot be parsed");
            return false;
        };
        // The stored string carries its own parameters.
        let ok = Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        ok && real
    }
}

/// `len` random letters and digits (passwords shown once).
pub fn random_text(len: usize) -> String {
    use rand::distr::{Alphanumeric, SampleString};
    Alphanumeric.sample_string(&mut rand::rng(), len)
}

/// A new session token: 256 random bits, hex-encoded.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// What the server stores for a token: its SHA-256, hex-encoded.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A signed-in account (the request carried a valid bearer token).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthUser {
    /// Account id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// SHA-256 of the token used, so logout can end exactly this session.
    pub token_hash: String,
}

/// An optional [`AuthUser`]: `None` without an `Authorization` header; a bad
/// or expired token is still rejected with 401.
#[derive(Clone, Debug)]
pub struct MaybeAuthUser(pub Option<AuthUser>);

impl MaybeAuthUser {
    /// The caller's role, `None` when anonymous.
    pub fn role(&self) -> Option<Role> {
        self.0.as_ref().map(|u| u.role)
    }
}

async fn authenticate<S: Store>(
    parts: &Parts,
    state: &AppState<S>,
) -> Result<Option<AuthUser>, ApiError> {
    let Some(value) = parts.headers.get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let token = value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty() && t.len() <= 256)
        .ok_or_else(ApiError::session_required)?;
    let hash = token_hash(token);
    match state.store.get_session(&hash, clock::now()).await {
        Ok(session) => Ok(Some(AuthUser {
            id: session.user_id,
            name: session.name,
            role: session.role,
            token_hash: hash,
        })),
        Err(StoreError::NotFound) => Err(ApiError::session_required()),
        Err(other) => Err(other.into()),
    }
}

impl<S: Store> FromRequestParts<AppState<S>> for AuthUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState<S>,
    ) -> Result<Self, Self::Rejection> {
        authenticate(parts, state)
            .await?
            .ok_or_else(ApiError::session_required)
    }
}

impl<S: Store> FromRequestParts<AppState<S>> for MaybeAuthUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState<S>,
    ) -> Result<Self, Self::Rejection> {
        Ok(MaybeAuthUser(authenticate(parts, state).await?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_unknown_users_never_pass() {
        let config = PasswordHasherConfig::insecure_fast();
        let hash = config.hash("correct horse").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(!hash.contains("correct horse"));
        assert!(config.verify(Some(&hash), "correct horse"));
        assert!(!config.verify(Some(&hash), "wrong horse"));
        assert!(!config.verify(None, "correct horse"));
        assert!(!config.verify(Some("not a phc string"), "x"));
    }

    #[test]
    fn tokens_are_256_bits_and_stored_hashed() {
        let (a, b) = (new_token(), new_token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), a);
    }
}
