//! The top bar: product name, connectivity and the language toggle.

use super::{Icon, IconKind};
use crate::i18n::{t, Locale};
use crate::online::Online;
use leptos::prelude::*;

/// The logo, drawn inline: as an `<img>` it would be decoded as a separate SVG
/// document, which at the start costs the main thread more than the page's
/// first layout of it (BENCHMARKS.md, stop 32).
const LOGO: &str = include_str!("../../public/icons/logo.svg");

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
                <span class="brand__logo" aria-hidden="true" inner_html=LOGO></span>
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
