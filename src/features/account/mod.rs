//! Staff accounts: the session context, the login page, the account panel
//! with logout, and the gate that asks for a login in front of staff pages.
//! Talks to the server only through `sync::session`.

mod account_panel;
mod login_page;
mod require_staff;

pub use account_panel::AccountPanel;
pub use login_page::LoginPage;
pub use require_staff::RequireStaff;

use crate::clock::now;
use crate::error::AppError;
use crate::query::Query;
use crate::store::{Revisions, Topic};
use crate::sync::session::{self, Session};
use leptos::prelude::*;

/// The stored session (context), re-read whenever sync metadata changes.
#[derive(Clone, Copy)]
pub struct CurrentSession(pub Query<Result<Option<Session>, AppError>>);

impl CurrentSession {
    /// The session if it is still valid; `None` while loading or signed out.
    pub fn active(&self) -> Option<Session> {
        self.0
            .get()
            .and_then(|r| r.ok())
            .flatten()
            .filter(|s| s.is_active(now()))
    }

    /// Whether the session has been read yet.
    pub fn loaded(&self) -> bool {
        self.0.get().is_some()
    }
}

/// Provides [`CurrentSession`].
pub fn provide_session(revisions: Revisions) -> CurrentSession {
    let resource = Query::new(move || {
        revisions.track(Topic::Meta);
        async move { session::stored().await.map_err(AppError::from) }
    });
    let current = CurrentSession(resource);
    provide_context(current);
    current
}
