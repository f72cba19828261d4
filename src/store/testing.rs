//! Hooks for the in-browser tests. A fault-injection point: the next
//! transaction that would commit is aborted instead, as a crash or a full
//! disk would do, so tests can check that a write leaves nothing half-done.
//! And a look at this tab's parsed packs, so tests can check that a read
//! that should not parse them did not.

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

/// How many packs this tab holds parsed.
pub fn parsed_packs() -> usize {
    super::packs::parsed_count()
}

/// Forgets the packs this tab has parsed, as a new tab starts.
pub fn forget_parsed_packs() {
    super::packs::forget_parsed();
}
