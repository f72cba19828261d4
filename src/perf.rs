//! Performance marks for the benchmark suite (`scripts/bench` reads them with
//! `performance.getEntriesByName`). A mark costs microseconds, so they stay
//! in release builds.

/// Records a named point in time (`performance.mark`).
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}
