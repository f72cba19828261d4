//! Fault injection for the process tests, off unless its environment
//! variable is set: `TONGJI_FAULT_PUSH_PAUSE_MS` makes every pushed mutation
//! wait inside the push's transaction, so a test can `kill -9` the server
//! in the middle of a push deterministically.

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

/// Called between the mutations of a push (inside its transaction).
pub async fn between_mutations() {
    if let Some(pause) = push_pause() {
        tokio::time::sleep(pause).await;
    }
}
