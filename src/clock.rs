//! The device clock, read in one place so the domain stays clock-free.

use domain::time::{Date, Timestamp};

/// Now, from the browser's clock.
pub fn now() -> Timestamp {
    Timestamp::from_millis(js_sys::Date::now() as i64)
}

/// Today in China Standard Time.
pub fn today() -> Date {
    now().local_date()
}
