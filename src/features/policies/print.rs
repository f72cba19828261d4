//! Print sheets: the button, and the header that only paper shows (office,
//! sheet title, date printed, and the 示例 note for sample content).

use crate::clock::today;
use crate::i18n::{t, use_lang};
use domain::lang::Lang;
use leptos::prelude::*;

/// Opens the browser's print dialog (the print stylesheet lays out A4).
#[component]
pub fn PrintButton() -> impl IntoView {
    view! {
        <button
            class="button button--secondary no-print"
            type="button"
            on:click=|_| {
                // Printing is refused only inside sandboxed frames; nothing to tell.
                let _ = window().print();
            }
        >
            {t("打印", "Print")}
        </button>
    }
}

/// The header of a printed sheet; hidden on screen.
#[component]
pub fn PrintHeader(
    /// The sheet's kind ("惠企政策指南", "政策匹配结果").
    #[prop(into)]
    sheet: Signal<&'static str>,
    /// Whether the sheet holds sample content.
    #[prop(into)]
    sample: Signal<bool>,
) -> impl IntoView {
    let lang = use_lang();
    let date = move || {
        let d = today();
        match lang.get() {
            Lang::Zh => format!("打印日期：{}年{}月{}日", d.year(), d.month(), d.day()),
            Lang::En => format!("Printed on {d}"),
        }
    };
    view! {
        <div class="print-header" data-testid="print-header">
            <div class="print-header__office">
                <strong>{t("即墨区通济街道办事处", "Tongji Sub-district Office, Jimo District")}</strong>
                <span>{sheet}</span>
            </div>
            <div class="print-header__meta">
                <span>{date}</span>
                {move || sample.get().then(|| view! {
                    <span class="print-header__sample">
                        {t("示例内容，仅供参考，以主管部门正式文件为准", "Sample content for reference only; official documents prevail")}
                    </span>
                })}
            </div>
        </div>
    }
}
