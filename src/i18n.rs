//! The UI language: Simplified Chinese by default, English on request,
//! remembered on the device.

use domain::lang::Lang;
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;

const STORAGE_KEY: &str = "tongji.lang";

/// The current UI language (context).
#[derive(Clone, Copy)]
pub struct Locale(pub RwSignal<Lang>);

/// Reads the remembered language and provides it; keeps `<html lang>` and
/// the stored setting in step with it.
pub fn provide_locale() -> Locale {
    let stored = LocalStorage::get::<String>(STORAGE_KEY).ok();
    let lang = RwSignal::new(stored.as_deref().map(Lang::from_code).unwrap_or_default());
    Effect::new(move |_| {
        let current = lang.get();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", current.tag());
        }
        // Failing to remember the choice (private mode, quota) only loses the
        // preference, so it is not worth an error on screen.
        let _ = LocalStorage::set(STORAGE_KEY, current.code());
    });
    let locale = Locale(lang);
    provide_context(locale);
    locale
}

/// The current language.
pub fn use_lang() -> Signal<Lang> {
    let Locale(lang) = expect_context::<Locale>();
    lang.into()
}

/// A reactive text in the current language.
pub fn t(zh: &'static str, en: &'static str) -> Signal<&'static str> {
    let lang = use_lang();
    Signal::derive(move || match lang.get() {
        Lang::Zh => zh,
        Lang::En => en,
    })
}
