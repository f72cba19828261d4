//! Any text into the backup parser: no panic; an accepted file writes back
//! to the same backup.
#![no_main]

use domain::backup;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(b) = backup::parse(&text) {
        let again = serde_json::to_string(&b).expect("encodes");
        assert_eq!(backup::parse(&again).ok(), Some(b));
    }
    let _ = backup::decode_base64(&text);
});
