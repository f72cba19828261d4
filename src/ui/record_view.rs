//! The body of a page about one record: reading it, a read error, "not on
//! this device" (or "still downloading" while a device's first sync runs),
//! or the record itself. Every detail and edit page shows these states the
//! same way.

use crate::error::{AppError, ErrorView};
use crate::i18n::t;
use crate::sync::SyncStatus;
use crate::ui::EmptyState;
use leptos::prelude::*;

/// A one-record read as a [`crate::query::Query`] gives it: `None` while reading.
pub type RecordRead<T> = Option<Result<Option<T>, AppError>>;

/// What to say when the record is not on this device.
#[derive(Clone, Copy)]
pub struct Missing {
    /// Headline, e.g. "Fair not found".
    pub title: Signal<&'static str>,
    /// Why it may be missing and what happens next.
    pub body: Signal<&'static str>,
    /// Where to go instead, and the link's text.
    pub back: Option<(&'static str, Signal<&'static str>)>,
}

/// Shows `children(record)` once the record is read, or the state the read
/// is in.
#[component]
pub fn RecordView<T, F, V>(
    /// The read.
    #[prop(into)]
    record: Signal<RecordRead<T>>,
    /// The not-found message.
    missing: Missing,
    /// The record's view (`let:record`).
    children: F,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let status = use_context::<SyncStatus>();
    let first_sync = move || status.is_some_and(|s| s.first_sync_running());
    move || {
        match record.get() {
        None => view! { <p class="muted" role="status">{t("正在读取…", "Loading…")}</p> }.into_any(),
        Some(Err(e)) => view! { <ErrorView error=Some(e) /> }.into_any(),
        Some(Ok(Some(r))) => children(r).into_any(),
        Some(Ok(None)) if first_sync() => view! {
            <p class="muted" role="status">
                {t("正在从服务器下载数据，请稍候…", "Downloading data from the server, one moment…")}
            </p>
        }
        .into_any(),
        Some(Ok(None)) => view! {
            <EmptyState title=missing.title body=missing.body>
                {missing.back.map(|(href, label)| view! { <a class="button" href=href>{label}</a> })}
            </EmptyState>
        }
        .into_any(),
    }
    }
}
