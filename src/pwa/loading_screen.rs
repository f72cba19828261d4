//! The loading screen that `index.html` shows until the app has drawn. On a
//! first visit over a slow network the bundle's download can take many
//! seconds, and a blank page would look broken. A start with a start
//! snapshot shows the snapshot instead: the boot script, which runs before
//! the screen's markup is parsed, marks the page so that the screen is hidden
//! from the start, and unmarks it if the snapshot goes before the app has
//! drawn.

use leptos::prelude::*;

/// The element `index.html` shows it in.
const ID: &str = "app-loading";

/// Removes the loading screen once the app's first render is in the page:
/// an effect runs after that render, before the browser paints it.
pub fn end_loading_screen() {
    Effect::new(|_| {
        if let Some(screen) = document().get_element_by_id(ID) {
            screen.remove();
        }
    });
}
