//! What the sync client is doing, for the header and the sync page. The
//! syncing tab owns it and shares it with the app's other tabs.

use super::engine::{Progress, SyncReport};
use super::error::SyncError;
use domain::time::Timestamp;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The current activity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    /// Nothing to do right now.
    #[default]
    Idle,
    /// A run is under way.
    Syncing(Option<Progress>),
    /// The last run failed; retrying at this time.
    Retrying {
        /// When the next attempt starts.
        at: Timestamp,
    },
    /// The session expired; waiting for a login.
    NeedsLogin,
    /// The browser is offline.
    Offline,
}

/// Sync status (context), updated by the syncing tab.
#[derive(Clone, Copy)]
pub struct SyncStatus {
    /// Activity.
    pub phase: RwSignal<Phase>,
    /// The last successful run.
    pub last_sync: RwSignal<Option<Timestamp>>,
    /// The error of the last run, cleared by a successful one.
    pub last_error: RwSignal<Option<SyncError>>,
    /// What the last successful run did.
    pub last_report: RwSignal<Option<SyncReport>>,
    /// Whether this tab is the one that syncs.
    pub leader: RwSignal<bool>,
}

/// The part of the status shared between tabs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct Snapshot {
    pub phase: Phase,
    pub last_sync: Option<Timestamp>,
    pub last_error: Option<SyncError>,
    pub last_report: Option<SyncReport>,
}

impl SyncStatus {
    pub(crate) fn new() -> Self {
        SyncStatus {
            phase: RwSignal::new(Phase::Idle),
            last_sync: RwSignal::new(None),
            last_error: RwSignal::new(None),
            last_report: RwSignal::new(None),
            leader: RwSignal::new(false),
        }
    }

    /// Never synced on this device, and a run is under way: a record that
    /// is not here yet may be on its way (a shared link opened on a new
    /// device).
    pub fn first_sync_running(&self) -> bool {
        self.last_sync.get().is_none() && matches!(self.phase.get(), Phase::Syncing(_))
    }

    pub(crate) fn snapshot(&self) -> Snapshot {
        Snapshot {
            phase: self.phase.get_untracked(),
            last_sync: self.last_sync.get_untracked(),
            last_error: self.last_error.get_untracked(),
            last_report: self.last_report.get_untracked(),
        }
    }

    pub(crate) fn apply(&self, s: Snapshot) {
        self.phase.set(s.phase);
        self.last_sync.set(s.last_sync);
        self.last_error.set(s.last_error);
        self.last_report.set(s.last_report);
    }
}
