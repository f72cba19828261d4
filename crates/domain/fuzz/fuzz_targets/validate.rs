//! Any JSON into every collection's validation: no panic, refusals explained.
#![no_main]

use domain::collection::Collection;
use domain::records::validate_data;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else { return };
    for c in Collection::ALL {
        if let Err(e) = validate_data(c, &value) {
            assert!(!e.bilingual().is_empty());
        }
    }
});
