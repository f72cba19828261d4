//! `/projects`: counts by status, slipping milestones first, milestones due
//! in 30 days, blocking issues by department, then every project.

use super::export_button::ExportButton;
use super::queries::projects;
use super::status_badge::StatusBadge;
use crate::clock::today;
use crate::error::ErrorView;
use crate::features::account::RequireStaff;
use crate::i18n::{t, use_lang};
use crate::store::records::Stored;
use crate::ui::{format, EmptyState};
use domain::lang::{Label, Lang};
use domain::records::{Project, ProjectStatus};
use domain::tracker::{
    is_slipping, milestone_state, overview, MilestoneRef, MilestoneState, Overview,
};
use leptos::prelude::*;

/// The section page.
#[component]
pub fn ProjectsPage() -> impl IntoView {
    view! {
        <section class="page">
            <div class="page__head">
                <h1 class="page__title">{t("重点项目", "Key projects")}</h1>
            </div>
            <RequireStaff>
                <ProjectOverview />
            </RequireStaff>
        </section>
    }
}

#[component]
fn ProjectOverview() -> impl IntoView {
    let list = projects();
    move || {
        list.get().map(|result| match result {
            Err(e) => view! { <ErrorView error=Some(e) /> }.into_any(),
            Ok(items) if items.is_empty() => view! {
                <EmptyState
                    title=t("还没有重点项目", "No key projects yet")
                    body=t("同步后会显示街道的重点项目；也可以新建一个。", "Projects appear after syncing; you can also add one.")
                >
                    <a class="button" href="/projects/new">{t("新建项目", "New project")}</a>
                </EmptyState>
            }
            .into_any(),
            Ok(items) => {
                let today = today();
                let o = overview(items.iter().map(|s| (s.id, &s.data)), today);
                view! {
                    <div class="toolbar">
                        <ExportButton />
                        <a class="button button--secondary" href="/projects/new">{t("新建项目", "New project")}</a>
                    </div>
                    <StatusTiles overview=o.clone() />
                    <div class="overview-grid">
                        <MilestoneList
                            title=t("滞后节点", "Slipping milestones")
                            empty=t("没有滞后的节点。", "No milestone is behind schedule.")
                            items=o.slipping.clone()
                            danger=true
                        />
                        <MilestoneList
                            title=t("30 天内到期", "Due in the next 30 days")
                            empty=t("30 天内没有到期的节点。", "Nothing is due in the next 30 days.")
                            items=o.due_soon.clone()
                            danger=false
                        />
                    </div>
                    <BlockersByDepartment overview=o />
                    <h2 class="section-title">{t("全部项目", "All projects")}</h2>
                    <ul class="project-list">
                        {items.into_iter().map(|p| view! { <ProjectCard project=p /> }).collect_view()}
                    </ul>
                }
                .into_any()
            }
        })
    }
}

#[component]
fn StatusTiles(overview: Overview) -> impl IntoView {
    let lang = use_lang();
    view! {
        <ul class="status-tiles" aria-label=t("按状态统计", "Projects by status")>
            {overview
                .by_status
                .into_iter()
                .map(|(status, count)| {
                    let class = match status {
                        ProjectStatus::Building => "status-tile status-tile--primary",
                        ProjectStatus::Preparing => "status-tile status-tile--warn",
                        ProjectStatus::OnHold => "status-tile status-tile--muted",
                        ProjectStatus::Completed => "status-tile status-tile--ok",
                    };
                    view! {
                        <li class=class>
                            <span class="status-tile__count">{count}</span>
                            <span class="status-tile__label">{move || status.label(lang.get())}</span>
                        </li>
                    }
                })
                .collect_view()}
            <li class="status-tile status-tile--danger">
                <span class="status-tile__count" data-testid="slipping-count">{overview.slipping.len()}</span>
                <span class="status-tile__label">{t("滞后节点", "Slipping")}</span>
            </li>
        </ul>
    }
}

#[component]
fn MilestoneList(
    title: Signal<&'static str>,
    empty: Signal<&'static str>,
    items: Vec<MilestoneRef>,
    danger: bool,
) -> impl IntoView {
    let lang = use_lang();
    let today = today();
    view! {
        <section class=if danger { "card card--danger" } else { "card" } data-testid=if danger { "slipping" } else { "due-soon" }>
            <h2>{title}</h2>
            {if items.is_empty() {
                view! { <p class="muted">{empty}</p> }.into_any()
            } else {
                view! {
                    <ul class="list">
                        {items
                            .into_iter()
                            .map(|r| {
                                let when = match r.state {
                                    MilestoneState::Slipping { overdue_days } => (overdue_days, true),
                                    MilestoneState::DueSoon { in_days } => (in_days, false),
                                    _ => (0, false),
                                };
                                view! {
                                    <li class="list__item milestone-row">
                                        <a href=format!("/projects/{}", r.project_id)>{r.project.clone()}</a>
                                        <span class="milestone-row__name">{r.milestone.name.clone()}</span>
                                        <span class="muted">
                                            {move || format!(
                                                "{} {}",
                                                if lang.get() == Lang::Zh { "计划" } else { "planned" },
                                                format::date_short(r.milestone.planned, today, lang.get()),
                                            )}
                                        </span>
                                        <span class=if when.1 { "badge badge--danger" } else { "badge" }>
                                            {move || match (when.1, lang.get()) {
                                                (true, Lang::Zh) => format!("滞后 {} 天", when.0),
                                                (true, Lang::En) => format!("{} days behind", when.0),
                                                (false, Lang::Zh) => format!("{} 天后", when.0),
                                                (false, Lang::En) => format!("in {} days", when.0),
                                            }}
                                        </span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}

#[component]
fn BlockersByDepartment(overview: Overview) -> impl IntoView {
    view! {
        <section class="card">
            <h2>{t("堵点问题（按责任部门）", "Blocking issues by responsible department")}</h2>
            {if overview.blockers.is_empty() {
                view! { <p class="muted">{t("没有未解决的堵点。", "No open blocking issues.")}</p> }.into_any()
            } else {
                view! {
                    <div class="departments">
                        {overview
                            .blockers
                            .into_iter()
                            .map(|d| {
                                view! {
                                    <div class="department">
                                        <h3>{d.department.clone()} " " <span class="badge badge--warn">{d.issues.len()}</span></h3>
                                        <ul>
                                            {d.issues
                                                .into_iter()
                                                .map(|(id, project, issue)| view! {
                                                    <li><a href=format!("/projects/{id}")>{project}</a> "：" {issue}</li>
                                                })
                                                .collect_view()}
                                        </ul>
                                    </div>
                                }
                            })
                            .collect_view()}
                    </div>
                }
                .into_any()
            }}
        </section>
    }
}

#[component]
fn ProjectCard(project: Stored<Project>) -> impl IntoView {
    let lang = use_lang();
    let today = today();
    let p = project.data;
    let done = p.milestones.iter().filter(|m| m.actual.is_some()).count();
    let total = p.milestones.len();
    let slipping = is_slipping(&p, today);
    let next = p
        .milestones
        .iter()
        .filter(|m| m.actual.is_none())
        .min_by_key(|m| m.planned)
        .map(|m| (m.name.clone(), milestone_state(m, today), m.planned));
    let level = p.level;
    view! {
        <li class="project-card" class:project-card--slipping=slipping>
            <a class="project-card__link" href=format!("/projects/{}", project.id)>
                <div class="project-card__head">
                    <strong class="project-card__name">{p.name.clone()}</strong>
                    <StatusBadge status=p.status slipping=slipping />
                </div>
                <p class="muted inline-facts">
                    <span>{move || level.label(lang.get())}</span>
                    <span>{p.owner_unit.clone()}</span>
                    {p.investment.map(|i| view! { <span>{format::yuan(i * 10_000.0)}</span> })}
                </p>
                <div class="progress-line" role="img" aria-label=move || format!("{done}/{total}")>
                    <svg viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true">
                        <rect width="100" height="8" rx="4" fill="#e3e8ee" />
                        <rect width=if total == 0 { 0.0 } else { 100.0 * done as f64 / total as f64 } height="8" rx="4"
                            fill=if slipping { "#b3261e" } else { "#1e6b34" } />
                    </svg>
                    <span class="muted">
                        {move || match lang.get() {
                            Lang::Zh => format!("节点 {done}/{total}"),
                            Lang::En => format!("milestones {done}/{total}"),
                        }}
                    </span>
                </div>
                {next.map(|(name, state, planned)| view! {
                    <p class=if matches!(state, MilestoneState::Slipping { .. }) { "project-card__next inline-facts danger" } else { "project-card__next inline-facts" }>
                        <span>{move || if lang.get() == Lang::Zh { "下一节点：" } else { "Next: " }} {name.clone()}</span>
                        <span>{move || format::date_short(planned, today, lang.get())}</span>
                    </p>
                })}
                {p.sample.then(|| view! { <span class="badge badge--muted">{t("示例", "Sample")}</span> })}
            </a>
        </li>
    }
}
