//! "Add to calendar": an iCalendar file made on the device and downloaded
//! through a Blob object URL (works offline, no server round trip).

use super::labels::absolute;
use crate::clock::now;
use crate::i18n::t;
use domain::ics::{fair_event, file_name};
use domain::ids::RecordId;
use domain::records::Fair;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// Saves `text` as a file called `name` through a temporary link.
fn download(name: &str, text: &str, mime: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let link: HtmlAnchorElement = document().create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // Revoking at once can cancel the download in some browsers.
    set_timeout(
        move || {
            let _ = Url::revoke_object_url(&url);
        },
        Duration::from_secs(10),
    );
    Ok(())
}

/// A button that downloads the fair as an `.ics` file.
#[component]
pub fn CalendarButton(id: RecordId, fair: Fair) -> impl IntoView {
    let failed = RwSignal::new(false);
    let fair = StoredValue::new(fair);
    let on_click = move |_| {
        let result = fair.with_value(|f| {
            let text = fair_event(id, f, now(), &absolute(&format!("/jobs/fairs/{id}")));
            download(&file_name(f), &text, "text/calendar;charset=utf-8")
        });
        failed.set(result.is_err());
    };
    view! {
        <button type="button" class="button" on:click=on_click>
            <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
                <path d="M4 6h16v14H4zM4 10h16M8 3v4M16 3v4M12 13v5M9.5 15.5h5" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" />
            </svg>
            {t("加入日历", "Add to calendar")}
        </button>
        <Show when=move || failed.get()>
            <p class="alert alert--error" role="alert">
                {t("无法生成日历文件，请记下日期和时间。", "Could not make the calendar file; please note the date and time.")}
            </p>
        </Show>
    }
}
