//! What the fair pages show while this device has no fairs at all (the
//! first visit's download has not finished, or there is no network for it):
//! not "no upcoming fairs", which would say the office holds none.

use crate::i18n::t;
use crate::ui::EmptyState;
use leptos::prelude::*;

/// The empty state of a device without fairs, for the fair list.
#[component]
pub fn NoFairsYet() -> impl IntoView {
    view! {
        <EmptyState
            title=t("还没有招聘会信息", "No fairs on this device yet")
            body=t("第一次使用需要联网下载招聘会信息，之后没有网络也能浏览。", "The first visit needs a connection to download the fairs; after that they work offline.")
        />
    }
}

/// The same in one line, for the jobs start page (whose positions say more).
#[component]
pub fn NoFairsYetLine() -> impl IntoView {
    view! {
        <p class="muted" data-testid="no-fairs-yet">
            {t("还没有招聘会信息，联网同步后显示。", "No fairs on this device yet; they arrive with the first sync.")}
        </p>
    }
}
