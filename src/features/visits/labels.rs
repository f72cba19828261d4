//! Small display helpers shared by the section's pages: choice lists for
//! enum selects, figures in 万元, errors of nested form rows, and what a
//! page says when its enterprise or visit is not on this device.

use crate::i18n::t;
use crate::i18n::use_lang;
use crate::ui::{Choice, Missing};
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

/// An enterprise page (detail or edit) whose record is not on this device.
pub fn missing_enterprise() -> Missing {
    Missing {
        title: t("找不到这家企业", "Enterprise not found"),
        body: t(
            "它可能已被删除，或尚未同步到本机。",
            "It may have been deleted or not synced to this device yet.",
        ),
        back: Some((
            "/visits/enterprises",
            t("返回企业台账", "Back to the ledger"),
        )),
    }
}

/// A visit page (detail or edit) whose record is not on this device.
pub fn missing_visit() -> Missing {
    Missing {
        title: t("找不到这条走访记录", "Visit not found"),
        body: t(
            "它可能已被删除，或尚未同步到本机。",
            "It may have been deleted or not synced to this device yet.",
        ),
        back: Some(("/visits", t("返回企业走访", "Back to visits"))),
    }
}
