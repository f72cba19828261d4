//! What every handler can reach: the store, the built app and the settings.

use std::sync::Arc;

use axum::extract::FromRef;
use axum::http::HeaderName;

use crate::auth::PasswordHasherConfig;
use crate::dist::Dist;

/// Server settings fixed at startup.
#[derive(Clone, Debug)]
pub struct Config {
    /// Password hashing parameters.
    pub passwords: PasswordHasherConfig,
    /// Header holding the client address set by a trusted reverse proxy
    /// (e.g. `x-forwarded-for`; its last entry is used). `None`: the peer address.
    pub client_ip_header: Option<HeaderName>,
}

impl Config {
    /// Production settings: real argon2 parameters, peer addresses.
    pub fn production() -> Config {
        Config {
            passwords: PasswordHasherConfig::production(),
            client_ip_header: None,
        }
    }
}

/// Shared state of the router, generic over the store backend.
#[derive(Debug)]
pub struct AppState<S> {
    /// The database.
    pub store: S,
    /// The built app's files.
    pub dist: Arc<Dist>,
    /// Settings.
    pub config: Arc<Config>,
}

impl<S: Clone> Clone for AppState<S> {
    fn clone(&self) -> Self {
        AppState {
            store: self.store.clone(),
            dist: Arc::clone(&self.dist),
            config: Arc::clone(&self.config),
        }
    }
}

impl<S> AppState<S> {
    /// Bundles the parts.
    pub fn new(store: S, dist: Arc<Dist>, config: Config) -> AppState<S> {
        AppState {
            store,
            dist,
            config: Arc::new(config),
        }
    }
}

impl<S> FromRef<AppState<S>> for Arc<Dist> {
    fn from_ref(state: &AppState<S>) -> Arc<Dist> {
        Arc::clone(&state.dist)
    }
}
