//! Pages whose code is downloaded when first opened.
//!
//! The release build splits the wasm at each lazy page (`scripts/wasm-bundle`,
//! which sets `--cfg tongji_split`): the page's own code, and code only lazy
//! pages use, go into separate files fetched the first time such a route is
//! shown. Job seekers start on the position list, so the other sections need
//! not delay their first screen. The service worker precaches every split
//! file, so the pages open offline, and the app prefetches the sections'
//! files when idle (`crate::app`).

use crate::i18n::t;
use leptos::prelude::*;

/// Declares a page whose code is split off:
/// `lazy_page!(group: name => view)` defines the module `name` with
/// `name::page()`, the [`Page`](crate::routing::Page) to give its route, and
/// `name::prefetch()`, which loads the split file without showing anything.
/// Pages of one `group` share one split file, loaded when the first of them
/// opens. Per-page files made the splitter cut ~300 tiny files of code
/// shared by some pages and not others; a handful of groups keeps that to a
/// few dozen.
///
/// A split file that cannot be fetched (no network before the service worker
/// has cached it) shows [`PageLoadFailed`] instead of aborting the app, which
/// is what a failed load does to Leptos's own `#[lazy]`.
#[macro_export]
macro_rules! lazy_page {
    ($group:ident: $name:ident => $view:expr) => {
        pub mod $name {
            use super::*;
            use ::leptos::prelude::{AnyView, IntoAny};
            #[cfg(tongji_split)]
            use ::leptos::wasm_split::wasm_split;
            use ::leptos::wasm_split::SplitLoaderError;
            use $crate::routing::{BuildView, Page};

            fn view() -> AnyView {
                ($view).into_any()
            }

            // Named after the module: the splitter's symbols must differ
            // between the pages of a group. It hands back the page's view
            // function, which is in the split file.
            #[cfg(tongji_split)]
            #[wasm_split($group, wasm_split_path = ::leptos::wasm_split, fallible, preload(prefetch))]
            pub fn $name() -> Result<BuildView, SplitLoaderError> {
                Ok(view)
            }

            // Builds that are not split (tests, clippy) have no split loader
            // to import from: the page is part of the one module.
            #[cfg(not(tongji_split))]
            pub async fn $name() -> Result<BuildView, SplitLoaderError> {
                Ok(view)
            }

            // Only some pages are prefetched (`crate::app`).
            #[cfg(not(tongji_split))]
            #[allow(dead_code)]
            pub async fn prefetch() -> Result<(), SplitLoaderError> {
                Ok(())
            }

            /// The route's page: downloaded when first shown.
            pub fn page() -> Page {
                Page::Lazy(|| {
                    Box::pin(async {
                        match $name().await {
                            Ok(view) => view,
                            Err(_) => || $crate::ui::PageLoadFailed().into_any(),
                        }
                    })
                })
            }
        }
    };
}

thread_local! {
    /// How many lazy pages a navigation is waiting for. Not owned by any
    /// component: the routes' loaders run outside the shell's reactive scope.
    static OPENING: ArcRwSignal<u32> = ArcRwSignal::new(0);
}

/// Runs the download of a page the user navigated to; [`PageOpening`]
/// shows a bar meanwhile (`crate::routing` calls it). The app's background
/// prefetches do not use it.
pub async fn while_opening<F: std::future::Future>(load: F) -> F::Output {
    /// Counts down also when the navigation is abandoned and the load dropped.
    struct Opening(ArcRwSignal<u32>);
    impl Drop for Opening {
        fn drop(&mut self) {
            self.0.update(|n| *n = n.saturating_sub(1));
        }
    }
    let opening = Opening(OPENING.with(Clone::clone));
    opening.0.update(|n| *n += 1);
    load.await
}

/// A bar at the top of the page while a page's code is being downloaded
/// (up to a second on a slow phone), so that a tap does not look ignored.
/// The bar fades in after a moment, so a page already loaded shows none.
#[component]
pub fn PageOpening() -> impl IntoView {
    let opening = OPENING.with(Clone::clone);
    view! {
        <Show when=move || { opening.get() > 0 }>
            <div class="page-opening" role="progressbar" aria-label=t("正在打开页面", "Opening the page")></div>
        </Show>
    }
}

/// What a lazy page shows when its code could not be downloaded.
#[component]
pub fn PageLoadFailed() -> impl IntoView {
    view! {
        <section class="page">
            <div class="empty-state" role="alert">
                <h2 class="empty-state__title">{t("这个页面没能打开", "This page could not be opened")}</h2>
                <p class="empty-state__body">
                    {t(
                        "页面的程序文件还没有保存到本机，下载时网络中断了。联网后重试即可；打开过一次后，离线也能使用。",
                        "The page's program file is not on this device yet and the download failed. Try again when online; once opened, it also works offline.",
                    )}
                </p>
                <button class="button button--primary" type="button" on:click=|_| {
                    let _ = window().location().reload();
                }>{t("重试", "Try again")}</button>
            </div>
        </section>
    }
}
