//! A fault-injection point for the in-browser tests: the next transaction
//! that would commit is aborted instead, as a crash or a full disk would do,
//! so tests can check that a write leaves nothing half-done.

use std::cell::Cell;

thread_local! {
    static FAIL_NEXT_COMMIT: Cell<bool> = const { Cell::new(false) };
}

/// Makes the next store transaction abort instead of committing.
pub fn fail_next_commit() {
    FAIL_NEXT_COMMIT.with(|f| f.set(true));
}

pub(crate) fn take_fault() -> bool {
    FAIL_NEXT_COMMIT.with(|f| f.replace(false))
}
