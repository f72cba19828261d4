//! Small display helpers shared by the section's pages: choice lists for
//! enum selects, figures in 万元, and errors of nested form rows.

use crate::i18n::use_lang;
use crate::ui::Choice;
use domain::forms::{code, wan_text};
use domain::lang::{Label, Lang};
use domain::validate::ValidationErrors;
use leptos::prelude::*;
use serde::Serialize;

/// The choices of an enum select, optionally led by an empty "not known" one.
pub fn choices<T>(
    all: &'static [T],
    empty: Option<(&'static str, &'static str)>,
) -> Signal<Vec<Choice>>
where
    T: Label + Serialize + Send + Sync + 'static,
{
    let lang = use_lang();
    Signal::derive(move || {
        let l = lang.get();
        let mut out: Vec<Choice> = Vec::with_capacity(all.len() + 1);
        if let Some((zh, en)) = empty {
            out.push((String::new(), Signal::stored(pick(l, zh, en).to_owned())));
        }
        out.extend(
            all.iter()
                .map(|v| (code(v), Signal::stored(v.label(l).to_owned()))),
        );
        out
    })
}

/// One of two texts by language.
pub fn pick(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// An amount in 万元, or "—" when unknown.
pub fn wan(value: Option<f64>, lang: Lang) -> String {
    value.map_or_else(|| "—".to_owned(), |v| wan_text(v).get(lang).to_owned())
}

/// A count with its unit, or "—" when unknown.
pub fn people(value: Option<u32>, lang: Lang) -> String {
    match (value, lang) {
        (None, _) => "—".to_owned(),
        (Some(n), Lang::Zh) => format!("{n} 人"),
        (Some(n), Lang::En) => format!("{n}"),
    }
}

/// The error message of one field of a form (any key, including nested
/// rows such as `difficulties.0.description`).
pub fn error_at(
    errors: Signal<Option<ValidationErrors>>,
    key: impl Fn() -> Option<String> + Send + Sync + 'static,
) -> Signal<Option<String>> {
    let lang = use_lang();
    Signal::derive(move || {
        let key = key()?;
        errors.with(|e| {
            e.as_ref()
                .and_then(|e| e.field(&key))
                .map(|e| e.message(lang.get()))
        })
    })
}
