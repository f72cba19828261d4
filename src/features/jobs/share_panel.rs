//! Share a fair or a position: its link and a QR code to scan from
//! another phone (encoded on the device by `domain::qr`).

use super::labels::absolute;
use crate::i18n::t;
use domain::qr::QrCode;
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// A collapsible panel with the page's link, a copy button and a QR code.
#[component]
pub fn SharePanel(
    /// The app path to share, e.g. `/jobs/positions/<id>`.
    #[prop(into)]
    path: String,
) -> impl IntoView {
    let link = absolute(&path);
    let code = QrCode::encode(link.as_bytes()).ok();
    let copied = RwSignal::new(None::<bool>);
    let to_copy = link.clone();
    let copy = move |_| {
        let text = to_copy.clone();
        leptos::task::spawn_local(async move {
            let promise = window().navigator().clipboard().write_text(&text);
            copied.set(Some(JsFuture::from(promise).await.is_ok()));
        });
    };
    let qr = code.map(|code| {
        let quiet: i32 = 4;
        let size = code.size() as i32 + 2 * quiet;
        view! {
            <svg
                class="share__qr"
                viewBox=format!("-{quiet} -{quiet} {size} {size}")
                role="img"
                aria-label=t("本页二维码，用手机扫码打开", "QR code of this page; scan it with a phone")
                shape-rendering="crispEdges"
                data-testid="share-qr"
            >
                <rect x=-quiet y=-quiet width=size height=size fill="#fff" />
                <path d=code.svg_path() fill="#000" />
            </svg>
        }
    });
    view! {
        <details class="share card">
            <summary class="share__summary">{t("分享：链接和二维码", "Share: link and QR code")}</summary>
            <div class="share__body">
                {qr}
                <div class="share__link">
                    <label class="field">
                        <span class="field__label">{t("本页链接", "Link to this page")}</span>
                        <input class="input" readonly prop:value=link.clone() data-testid="share-link" on:focus=|ev| {
                            use wasm_bindgen::JsCast;
                            if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                input.select();
                            }
                        } />
                    </label>
                    <button type="button" class="button button--secondary" on:click=copy>
                        {t("复制链接", "Copy link")}
                    </button>
                    <p class="muted" role="status">
                        {move || match copied.get() {
                            Some(true) => t("已复制。", "Copied.").get(),
                            Some(false) => t("无法自动复制，请长按链接手动复制。", "Could not copy; press and hold the link to copy it.").get(),
                            None => "",
                        }}
                    </p>
                </div>
            </div>
        </details>
    }
}
