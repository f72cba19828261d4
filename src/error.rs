//! The app's error type and the one view that shows errors.

use crate::i18n::use_lang;
use crate::store::StoreError;
use crate::sync::SyncError;
use domain::lang::Lang;
use domain::validate::ValidationErrors;
use leptos::prelude::*;
use thiserror::Error;

/// Anything a feature can fail with.
#[derive(Clone, Debug, Error)]
pub enum AppError {
    /// The local store failed.
    #[error("{0}")]
    Store(#[from] StoreError),
    /// Talking to the server failed.
    #[error("{0}")]
    Sync(#[from] SyncError),
    /// The user's input breaks a rule.
    #[error("{0}")]
    Invalid(#[from] ValidationErrors),
}

impl AppError {
    /// A plain-words message in one language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            AppError::Store(e) => e.user_message().get(lang).to_owned(),
            AppError::Sync(e) => e.message(lang),
            AppError::Invalid(e) => e.message(lang),
        }
    }
}

/// Shows an error in plain words.
#[component]
pub fn ErrorView(
    /// The error.
    #[prop(into)]
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let lang = use_lang();
    move || {
        error.get().map(|e| {
            view! {
                <div class="alert alert--error" role="alert">
                    {e.message(lang.get())}
                </div>
            }
        })
    }
}
