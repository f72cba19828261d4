//! Text with search matches marked.

use domain::search::segments;
use leptos::prelude::*;
use std::ops::Range;

/// `text` with the byte `ranges` wrapped in `<mark>`.
#[component]
pub fn Highlighted(
    /// The text as stored.
    #[prop(into)]
    text: String,
    /// Byte ranges to mark (from a search hit).
    #[prop(optional)]
    ranges: Vec<Range<usize>>,
) -> impl IntoView {
    segments(&text, &ranges)
        .into_iter()
        .map(|(piece, marked)| {
            let piece = piece.to_owned();
            if marked {
                view! { <mark>{piece}</mark> }.into_any()
            } else {
                piece.into_any()
            }
        })
        .collect_view()
}
