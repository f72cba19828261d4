//! Links to the app's pages that say when they lead to the current one.

use super::location::use_location;
use domain::route::leads_to;
use leptos::prelude::*;

/// A link (`<a>`) with `aria-current="page"` while its page, or one under
/// it unless `exact`, is shown. Clicks navigate in the app (see
/// `super::location`).
#[component]
pub fn A(
    #[prop(into)] href: String,
    #[prop(optional)] exact: bool,
    children: Children,
) -> impl IntoView {
    let location = use_location();
    let current = {
        let href = href.clone();
        move || {
            location
                .pathname
                .with(|p| leads_to(&href, p, exact))
                .then_some("page")
        }
    };
    view! { <a href=href aria-current=current>{children()}</a> }
}
