//! "Export report": builds the district workbook (visits with difficulties,
//! open follow-ups, projects with milestones) from this device's data, in
//! the browser, offline, with a progress bar.

use crate::clock::today;
use crate::error::AppError;
use crate::i18n::t;
use crate::store::records;
use crate::ui::download::download;
use domain::records::{Enterprise, Project, Visit};
use domain::report::{district_report, ReportInput};
use leptos::prelude::*;
use leptos::task::spawn_local;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async fn build(step: impl Fn(u32)) -> Result<(Vec<u8>, String), AppError> {
    step(1);
    let enterprises: Vec<_> = records::list::<Enterprise>()
        .await?
        .into_iter()
        .map(|s| (s.id, s.data))
        .collect();
    step(2);
    let visits: Vec<_> = records::list::<Visit>()
        .await?
        .into_iter()
        .map(|s| (s.id, s.data))
        .collect();
    step(3);
    let projects: Vec<_> = records::list::<Project>()
        .await?
        .into_iter()
        .map(|s| (s.id, s.data))
        .collect();
    step(4);
    let today = today();
    let bytes = district_report(&ReportInput {
        enterprises: &enterprises,
        visits: &visits,
        projects: &projects,
        today,
    });
    Ok((bytes, format!("通济街道工作报表-{today}.xlsx")))
}

/// The export button with its progress bar.
#[component]
pub fn ExportButton() -> impl IntoView {
    const STEPS: u32 = 5;
    let (step, set_step) = signal(None::<u32>);
    let (error, set_error) = signal(None::<AppError>);
    let export = move |_| {
        set_error.set(None);
        spawn_local(async move {
            let result = build(|s| set_step.set(Some(s))).await;
            match result {
                Ok((bytes, name)) => {
                    set_step.set(Some(STEPS));
                    if let Err(e) = download(&name, XLSX, &bytes) {
                        set_error.set(Some(AppError::Store(crate::store::StoreError::Other(e))));
                    }
                }
                Err(e) => set_error.set(Some(e)),
            }
            set_step.set(None);
        });
    };
    view! {
        <div class="export">
            <button class="button" type="button" data-testid="export-report" on:click=export disabled=move || step.get().is_some()>
                {t("导出报表（Excel）", "Export report (Excel)")}
            </button>
            {move || step.get().map(|s| view! {
                <progress max=STEPS.to_string() value=s.to_string() aria-label=t("正在生成报表", "Building the report")></progress>
            })}
            <crate::error::ErrorView error=error />
        </div>
    }
}
