//! The deadline badge: valid, approaching (≤ 180 days), closing soon
//! (≤ 30 days) or expired, with the days.

use crate::i18n::{t, use_lang};
use domain::policy::Expiry;
use leptos::prelude::*;

/// A coloured badge for a guide's deadline status.
#[component]
pub fn ExpiryBadge(expiry: Expiry) -> impl IntoView {
    let lang = use_lang();
    let class = match expiry {
        Expiry::OpenEnded | Expiry::Valid { .. } => "badge badge--ok",
        Expiry::Warning { .. } => "badge badge--warn",
        Expiry::Urgent { .. } => "badge badge--danger",
        Expiry::Expired { .. } => "badge badge--muted",
    };
    let text = move || {
        let lang = lang.get();
        match expiry {
            Expiry::OpenEnded => expiry.label(lang).to_owned(),
            Expiry::Expired { .. } | Expiry::Urgent { days_left: 0 } => {
                expiry.describe().get(lang).to_owned()
            }
            _ => format!("{} · {}", expiry.label(lang), expiry.describe().get(lang)),
        }
    };
    view! { <span class=class data-testid="expiry-badge">{text}</span> }
}

/// The 示例 mark of sample content.
#[component]
pub fn SampleMark() -> impl IntoView {
    view! {
        <span
            class="badge badge--sample"
            data-testid="sample-mark"
            title=t("示例内容，以主管部门正式文件为准", "Sample content; the department's official documents prevail")
        >
            {t("示例", "Sample")}
        </span>
    }
}
