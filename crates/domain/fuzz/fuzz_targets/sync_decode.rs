//! Any bytes into the sync protocol's messages and the time types: no panic,
//! and what decodes re-encodes to the same message.
#![no_main]

use domain::sync::{Change, Mutation, PullQuery, PullResponse, PushRequest};
use domain::time::{Date, TimeOfDay, Timestamp};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(push) = serde_json::from_slice::<PushRequest>(data) {
        let text = serde_json::to_vec(&push).expect("encodes");
        assert_eq!(serde_json::from_slice::<PushRequest>(&text).expect("decodes"), push);
    }
    let _ = serde_json::from_slice::<Mutation>(data);
    let _ = serde_json::from_slice::<PullQuery>(data);
    let _ = serde_json::from_slice::<PullResponse>(data);
    let _ = serde_json::from_slice::<Change>(data);
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(t) = Timestamp::parse(text) {
            assert!(Timestamp::parse(&t.to_string()).is_ok());
        }
        let _ = Date::parse(text);
        let _ = TimeOfDay::parse(text);
    }
});
