//! A text with its search matches marked.

use domain::search::segments;
use leptos::prelude::*;
use std::ops::Range;

/// Renders `text`, wrapping the byte `ranges` in `<mark>`.
#[component]
pub fn Highlighted(text: String, ranges: Vec<Range<usize>>) -> impl IntoView {
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
