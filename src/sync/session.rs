//! The staff session: logging in (online), keeping the token for offline use
//! until it expires, and logging out (which removes staff data from the
//! device).

use super::error::SyncError;
use super::transport;
use crate::clock::now;
use crate::store::{meta, records, StoreResult};
use domain::api::{LoginRequest, User};
use domain::time::Timestamp;
use serde::{Deserialize, Serialize};

/// A signed-in staff member or admin.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// Bearer token.
    pub token: String,
    /// The account.
    pub user: User,
    /// When the token stops working.
    pub expires_at: Timestamp,
}

impl Session {
    /// Whether the token is still valid at `at`.
    pub fn is_active(&self, at: Timestamp) -> bool {
        self.expires_at > at
    }
}

/// The stored session, expired or not.
pub async fn stored() -> StoreResult<Option<Session>> {
    meta::get::<Session>(meta::SESSION).await
}

/// The stored session if it has not expired.
pub async fn active() -> StoreResult<Option<Session>> {
    Ok(stored().await?.filter(|s| s.is_active(now())))
}

/// Logs in (needs the network). Staff data that was skipped while anonymous
/// is pulled on the next sync, which starts again from the beginning.
pub async fn login(username: &str, password: &str) -> Result<Session, SyncError> {
    let response = transport::login(&LoginRequest {
        username: username.trim().to_owned(),
        password: password.to_owned(),
    })
    .await?;
    let session = Session {
        token: response.token,
        user: response.user,
        expires_at: response.expires_at,
    };
    meta::start_session(&session).await?;
    // The next start must not show the screen as the last user saw it.
    crate::pwa::forget_start_snapshots();
    super::request_sync();
    Ok(session)
}

/// Logs out: ends the session on the server when reachable, then removes
/// every staff record, draft and photo from this device. Unsynced staff
/// changes are removed only when `discard_unsynced` (the caller asks first).
pub async fn logout(discard_unsynced: bool) -> Result<(), SyncError> {
    if let Some(session) = stored().await? {
        // Offline or already expired: the server forgets the token on its own.
        let _ = transport::logout(&session.token).await;
    }
    records::wipe_staff_data(discard_unsynced).await?;
    crate::pwa::forget_start_snapshots();
    Ok(())
}
