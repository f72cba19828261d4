//! The frame of every jobs page: the section tabs, the shared data, and
//! the sample-data note.

use super::queries;
use super::routes::prefetch_pages;
use crate::error::AppError;
use crate::features::account::CurrentSession;
use crate::i18n::t;
use crate::idle::first_idle;
use crate::query::Query;
use crate::routing::Outlet;
use crate::routing::A;
use crate::store::records::Stored;
use domain::ids::RecordId;
use domain::jobs::{Catalog, MyRegistration, SavedPositions};
use domain::records::{Employer, Fair};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashSet;
use std::sync::Arc;

/// Data shared by the section's pages (context), read once per visit to
/// the section rather than once per page.
#[derive(Clone, Copy)]
pub struct JobsData {
    /// Every position and the search index (ready shortly after first paint).
    pub catalog: Query<Result<Arc<Catalog>, AppError>>,
    /// Every fair.
    pub fairs: Query<Result<Vec<Stored<Fair>>, AppError>>,
    /// Every employer (read after the first screen).
    pub employers: Query<Result<Vec<Stored<Employer>>, AppError>>,
    /// Saved positions.
    pub saved: Query<Result<SavedPositions, AppError>>,
    /// This device's registrations.
    pub registrations: Query<Result<Vec<MyRegistration>, AppError>>,
    /// Registrations still waiting to be sent.
    pub unsent: Query<Result<HashSet<RecordId>, AppError>>,
}

impl JobsData {
    /// The catalog once built.
    pub fn catalog(&self) -> Option<Arc<Catalog>> {
        self.catalog.get().and_then(Result::ok)
    }

    /// Whether a position is saved on this device.
    pub fn is_saved(&self, id: RecordId) -> bool {
        self.saved
            .get()
            .and_then(Result::ok)
            .is_some_and(|s| s.contains(id))
    }

    /// The fairs once read (empty before).
    pub fn fair_list(&self) -> Vec<Stored<Fair>> {
        self.fairs.get().and_then(Result::ok).unwrap_or_default()
    }

    /// Whether the fairs were read and this device has none at all (before
    /// the first download): not the same as none coming up.
    pub fn no_fairs_yet(&self) -> bool {
        matches!(self.fairs.read().as_ref(), Some(Ok(all)) if all.is_empty())
    }
}

/// The longest wait for an idle moment before the section's other pages load.
const PREFETCH_IDLE_TIMEOUT_MS: u32 = 2_000;

/// Section frame: tabs, the page, and the sample-data note.
#[component]
pub fn JobsSection() -> impl IntoView {
    let data = JobsData {
        catalog: queries::catalog(),
        fairs: crate::queries::all::<Fair>(),
        employers: queries::employers(),
        saved: queries::saved_positions(),
        registrations: queries::my_registrations(),
        unsent: queries::unsent_interests(),
    };
    provide_context(data);
    // Once the positions are searchable, the section's other pages load in
    // the background (see `prefetch_pages`); the effect is done after that.
    Effect::new(move |started: Option<bool>| {
        if started == Some(true) {
            return true;
        }
        let ready = data.catalog.with(Option::is_some);
        if ready {
            spawn_local(async {
                first_idle(PREFETCH_IDLE_TIMEOUT_MS).await;
                let _ = prefetch_pages().await;
            });
        }
        ready
    });
    let session = expect_context::<CurrentSession>();
    let has_sample = move || data.fair_list().iter().any(|f| f.data.sample);
    view! {
        <nav class="jobs-tabs" aria-label=t("招聘栏目", "Jobs section")>
            <A href="/jobs" exact=true attr:class="jobs-tabs__link">{t("首页", "Home")}</A>
            <A href="/jobs/fairs" attr:class="jobs-tabs__link">{t("招聘会", "Fairs")}</A>
            <A href="/jobs/positions" attr:class="jobs-tabs__link">{t("岗位", "Positions")}</A>
            <A href="/jobs/saved" attr:class="jobs-tabs__link">{t("我的收藏", "Saved")}</A>
            <Show when=move || session.active().is_some()>
                <A href="/jobs/interests" attr:class="jobs-tabs__link">{t("意向登记", "Registrations")}</A>
            </Show>
        </nav>
        <Outlet />
        <Show when=has_sample>
            <p class="jobs-sample-note" role="note">
                <span class="badge badge--sample">{t("示例数据", "Sample data")}</span>
                {t(
                    "本栏目的招聘会和岗位为演示用的示例数据，不是真实招聘信息。",
                    "The fairs and positions here are sample data for demonstration, not real vacancies.",
                )}
            </p>
        </Show>
    }
}
