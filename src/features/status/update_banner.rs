//! "A new version is available": the user chooses when to reload into it.

use crate::i18n::t;
use crate::pwa::{apply_update, UpdateAvailable};
use leptos::prelude::*;

/// Banner shown while a new version waits.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let UpdateAvailable(available) = expect_context::<UpdateAvailable>();
    view! {
        <Show when=move || available.get()>
            <div class="update-banner" role="status" data-testid="update-banner">
                <span>
                    {t(
                        "新版本可用。更新不会丢失本机未同步的内容。",
                        "Update available. Updating keeps everything not yet synced.",
                    )}
                </span>
                <button class="button" type="button" on:click=move |_| apply_update()>
                    {t("立即更新", "Update now")}
                </button>
            </div>
        </Show>
    }
}
