//! `/jobs/interests` (staff only): registrations of interest per employer
//! and per position.

use super::jobs_section::JobsData;
use super::registrations_list::RegistrationsList;
use crate::error::ErrorView;
use crate::features::account::RequireStaff;
use crate::i18n::{t, use_lang};
use crate::queries::all;
use crate::ui::EmptyState;
use domain::ids::RecordId;
use domain::lang::Lang;
use domain::records::Interest;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// The staff page of registrations.
#[component]
pub fn InterestsPage() -> impl IntoView {
    view! {
        <section class="page jobs-page">
            <h1 class="page__title">{t("意向登记", "Registrations of interest")}</h1>
            <RequireStaff>
                <InterestsByEmployer />
            </RequireStaff>
        </section>
    }
}

#[component]
fn InterestsByEmployer() -> impl IntoView {
    let data = expect_context::<JobsData>();
    let lang = use_lang();
    let interests = all::<Interest>();
    let error = Signal::derive(move || interests.get().and_then(|r| r.err()));
    let groups = move || {
        let list = interests.get()?.ok()?;
        if list.is_empty() {
            return Some(view! {
                <EmptyState
                    title=t("还没有意向登记", "No registrations yet")
                    body=t("求职者在岗位页提交登记后，会在同步后出现在这里。", "Registrations made on position pages appear here after syncing.")
                />
            }.into_any());
        }
        let catalog = data.catalog();
        let employer_name = |id: Option<RecordId>| {
            id.and_then(|id| {
                catalog
                    .as_ref()
                    .and_then(|c| c.employer_name(id).map(str::to_owned))
            })
            .unwrap_or_else(|| t("未知单位", "Unknown employer").get().to_owned())
        };
        // employer name -> position id -> registrations
        let mut by_employer: BTreeMap<String, BTreeMap<RecordId, Vec<_>>> = BTreeMap::new();
        for s in list {
            by_employer
                .entry(employer_name(s.data.employer_id))
                .or_default()
                .entry(s.data.position_id)
                .or_default()
                .push(s);
        }
        Some(view! {
            <div class="stack">
                {by_employer.into_iter().map(|(employer, positions)| {
                    let total: usize = positions.values().map(Vec::len).sum();
                    view! {
                        <section class="card">
                            <h2>{employer}" "<span class="badge">{move || match lang.get() { Lang::Zh => format!("{total} 人"), Lang::En => format!("{total}") }}</span></h2>
                            {positions.into_iter().map(|(pid, regs)| {
                                let title = catalog.as_ref().and_then(|c| c.position(pid).map(|p| p.title.clone())).unwrap_or_else(|| pid.to_string());
                                let regs = Signal::derive(move || Some(Ok(regs.clone())));
                                view! {
                                    <h3><a href=format!("/jobs/positions/{pid}")>{title}</a></h3>
                                    <RegistrationsList interests=regs />
                                }
                            }).collect_view()}
                        </section>
                    }
                }).collect_view()}
            </div>
        }.into_any())
    };
    view! {
        <ErrorView error=error />
        {move || groups().unwrap_or_else(|| view! { <p class="muted" role="status">{t("正在读取…", "Loading…")}</p> }.into_any())}
    }
}
