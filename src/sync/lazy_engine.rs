//! The sync client and engine's code (when to sync, push, pull, and what
//! only they use of the store and `domain::replica`) in a split file of its
//! own, downloaded when the client starts instead of before the first screen.
//!
//! The client starts at the browser's first idle moment (`scheduler`), so the
//! file arrives when the first screen is up; under a service worker it comes
//! from its cache. Only the release build is split (`scripts/wasm-bundle` sets
//! `--cfg tongji_split`, see `crate::ui::lazy_page`); the other builds call
//! the code directly.

use super::client;
use super::engine::{sync_once, SyncReport};
use super::error::SyncError;
use super::status::{Phase, SyncStatus};
use crate::store::Revisions;
use leptos::prelude::{Owner, Set};
use std::future::Future;
use std::pin::Pin;

/// Whether the client's code was there to start it.
type Started = Result<(), SyncError>;

/// Starts the sync client (`client::start`) under `owner`.
#[cfg(tongji_split)]
#[leptos::wasm_split::wasm_split(sync_engine, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn start_client(owner: Owner, status: SyncStatus, revisions: Revisions) -> Started {
    owner.with(|| client::start(status, revisions));
    Ok(())
}

#[cfg(not(tongji_split))]
pub async fn start_client(owner: Owner, status: SyncStatus, revisions: Revisions) -> Started {
    owner.with(|| client::start(status, revisions));
    Ok(())
}

type Run = Pin<Box<dyn Future<Output = Result<SyncReport, SyncError>>>>;

/// One sync run, its progress shown in `status`. A split file that cannot
/// be fetched fails the run as a network error, retried with backoff like one.
pub async fn run_once(status: SyncStatus) -> Result<SyncReport, SyncError> {
    start(status).await?.await
}

// A split function cannot be `async`: it hands back the run as a boxed future.
#[cfg(tongji_split)]
#[leptos::wasm_split::wasm_split(sync_engine, wasm_split_path = ::leptos::wasm_split, fallible)]
fn start(status: SyncStatus) -> Result<Run, SyncError> {
    Ok(run(status))
}

#[cfg(not(tongji_split))]
async fn start(status: SyncStatus) -> Result<Run, SyncError> {
    Ok(run(status))
}

fn run(status: SyncStatus) -> Run {
    Box::pin(async move { sync_once(&|p| status.phase.set(Phase::Syncing(Some(p)))).await })
}

impl From<leptos::wasm_split::SplitLoaderError> for SyncError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        SyncError::Network("the sync code could not be downloaded".into())
    }
}
