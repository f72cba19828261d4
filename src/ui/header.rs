//! The top bar: product name, connectivity and the language toggle.

use super::{Icon, IconKind};
use crate::i18n::{t, Locale};
use crate::online::Online;
use leptos::prelude::*;

/// The header shown on every page.
#[component]
pub fn Header(
    /// Extra status indicators (the sync badge).
    children: Children,
) -> impl IntoView {
    let Locale(lang) = expect_context::<Locale>();
    let Online(online) = expect_context::<Online>();
    let online_label = t("在线", "Online");
    let offline_label = t("离线", "Offline");
    let toggle_label = t("Switch to English", "切换到中文");

    view! {
        <header class="header">
            <a class="brand" href="/jobs">
                <img class="brand__logo" src="/icons/logo.svg" alt="" width="32" height="32" />
                <span class="brand__name">{t("通济通", "Tongji Connect")}</span>
            </a>
            <div class="header__status">
                <span
                    class="pill"
                    class:pill--ok=move || online.get()
                    class:pill--warn=move || !online.get()
                    role="status"
                    data-testid="online-state"
                >
                    <span class="pill__dot" aria-hidden="true"></span>
                    {move || if online.get() { online_label.get() } else { offline_label.get() }}
                </span>
                {children()}
            </div>
            <button
                class="button button--ghost lang-toggle"
                type="button"
                aria-label=toggle_label
                data-testid="lang-toggle"
                on:click=move |_| lang.update(|l| *l = l.other())
            >
                <Icon kind=IconKind::Language />
                <span>{move || if lang.get() == domain::lang::Lang::Zh { "EN" } else { "中文" }}</span>
            </button>
        </header>
    }
}
