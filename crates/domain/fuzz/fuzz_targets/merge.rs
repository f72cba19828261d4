//! Three JSON documents (one per line) merged both ways: no panic, and the
//! same record whichever side is local (open same-path conflicts aside, a
//! known gap: see tests/fuzz_merge.rs).
#![no_main]

use domain::collection::Collection;
use domain::merge::{merge, merge_valid, Version};
use domain::time::Timestamp;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let docs: Vec<Value> = text.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    if docs.len() < 3 {
        return;
    }
    let (base, a, b) = (&docs[0], &docs[1], &docs[2]);
    let t = |n: usize| Timestamp::from_millis((data.len() % (n + 2)) as i64);
    let va = Version { data: a, updated_at: t(1) };
    let vb = Version { data: b, updated_at: t(2) };
    let ab = merge(Some(base), va, vb);
    let ba = merge(Some(base), vb, va);
    if a.get("_conflicts").is_none() && b.get("_conflicts").is_none() {
        assert_eq!(ab.data, ba.data);
    }
    for c in Collection::ALL {
        let _ = merge_valid(c, Some(base), va, vb);
    }
});
