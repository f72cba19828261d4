//! Fault injection for the process tests, off unless its environment
//! variable is set: `TONGJI_FAULT_PUSH_PAUSE_MS` makes a push wait that long
//! per mutation after its writes, before its commit, so a test can `kill -9`
//! the server in the middle of a push deterministically.

use std::sync::OnceLock;
use std::time::Duration;

fn push_pause() -> Option<Duration> {
    static PAUSE: OnceLock<Option<Duration>> = OnceLock::new();
    *PAUSE.get_or_init(|| {
        std::env::var("TONGJI_FAULT_PUSH_PAUSE_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .map(Duration::from_millis)
    })
}

/// Called after a push of `mutations` has written them, before it commits.
pub async fn pushed_uncommitted(mutations: usize) {
    if let Some(pause) = push_pause() {
        tokio::time::sleep(pause * u32::try_from(mutations).unwrap_or(u32::MAX)).await;
    }
}
