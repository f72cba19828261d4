//! What the job pages show while this device has no positions at all (the
//! first visit's download has not finished, or there is no network for it).

use crate::i18n::t;
use crate::ui::EmptyState;
use leptos::prelude::*;

/// The empty state of a device without positions.
#[component]
pub fn NoPositionsYet() -> impl IntoView {
    view! {
        <EmptyState
            title=t("还没有岗位", "No positions yet")
            body=t("第一次使用需要联网下载岗位信息，之后没有网络也能浏览。", "The first visit needs a connection to download positions; after that they work offline.")
        />
    }
}
