//! `/projects/:id`: a project's facts, milestone timeline, milestones with
//! "record the actual date", blocking issues and dated progress updates.
//! Every edit is saved locally first and synced like any other.

use super::milestone_timeline::MilestoneTimeline;
use super::queries::project;
use super::status_badge::StatusBadge;
use crate::clock::today;
use crate::error::{AppError, ErrorView};
use crate::features::account::{CurrentSession, RequireStaff};
use crate::i18n::{t, use_lang};
use crate::queries;
use crate::routing::use_params_map;
use crate::store::records::Stored;
use crate::ui::{format, Missing, PhotoGallery, PhotoPicker, RecordView, TextArea, TextField};
use domain::ids::RecordId;
use domain::lang::{Label, Lang};
use domain::records::{Blocker, PhotoRef, ProgressUpdate, Project, ProjectStatus};
use domain::time::Date;
use domain::tracker::{is_slipping, milestone_state};
use leptos::prelude::*;

/// The project page.
#[component]
pub fn ProjectPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<RecordId>().ok())
    };
    let record = project(id);
    let typed = Typed::new();
    let missing = Missing {
        title: t("找不到这个项目", "Project not found"),
        body: t(
            "它可能已被删除，或尚未同步到本机。",
            "It may have been deleted, or not synced to this device yet.",
        ),
        back: Some(("/projects", t("返回重点项目", "Back to key projects"))),
    };
    view! {
        <section class="page">
            <p class="breadcrumb"><a href="/projects">{t("← 重点项目", "← Key projects")}</a></p>
            <RequireStaff>
                <RecordView record=Signal::derive(move || record.get()) missing=missing let:p>
                    <ProjectDetail project=p typed=typed />
                </RecordView>
            </RequireStaff>
        </section>
    }
}

/// What is typed into the page's forms and not yet saved. The page owns
/// it: the detail below is rebuilt whenever the record changes (this
/// device's own saves and push results, pulled changes), and a rebuild must
/// not empty a form someone is filling in.
#[derive(Clone, Copy)]
struct Typed {
    update_text: RwSignal<String>,
    update_date: RwSignal<String>,
    update_photos: RwSignal<Vec<PhotoRef>>,
    blocker: RwSignal<String>,
    department: RwSignal<String>,
}

impl Typed {
    fn new() -> Typed {
        Typed {
            update_text: RwSignal::new(String::new()),
            update_date: RwSignal::new(today().to_string()),
            update_photos: RwSignal::new(Vec::new()),
            blocker: RwSignal::new(String::new()),
            department: RwSignal::new(String::new()),
        }
    }
}

/// Saves an edited copy of a project (an edit clears the sample mark).
async fn save_project(id: RecordId, mut project: Project) -> Result<(), AppError> {
    project.sample = false;
    queries::save(id, &project).await
}

/// Saves an edited copy of a project.
fn saver(id: RecordId) -> Action<Project, Result<(), AppError>> {
    Action::new_local(move |p: &Project| save_project(id, p.clone()))
}

/// Saves a project with something added from a form, then runs `clear`:
/// what was typed goes only once it is stored, so a failed save keeps it
/// (and says why in `problem`).
fn add_and_clear(
    id: RecordId,
    next: Project,
    problem: WriteSignal<Option<String>>,
    lang: Lang,
    clear: impl FnOnce() + 'static,
) {
    leptos::task::spawn_local(async move {
        match save_project(id, next).await {
            Ok(()) => {
                problem.set(None);
                clear();
            }
            Err(e) => problem.set(Some(e.message(lang))),
        }
    });
}

#[component]
fn ProjectDetail(project: Stored<Project>, typed: Typed) -> impl IntoView {
    let lang = use_lang();
    let today = today();
    let id = project.id;
    let p = project.data.clone();
    let save = saver(id);
    let error = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    let slipping = is_slipping(&p, today);
    let current = p.clone();
    let change_status = move |ev: leptos::ev::Event| {
        let chosen = event_target_value(&ev);
        if let Some(status) = ProjectStatus::ALL
            .into_iter()
            .find(|s| format!("{s:?}") == chosen)
        {
            let mut next = current.clone();
            next.status = status;
            save.dispatch(next);
        }
    };

    view! {
        <header class="detail-head">
            <h1 class="page__title">{p.name.clone()}</h1>
            <div class="badges">
                <StatusBadge status=p.status slipping=slipping />
                {project.pending.then(|| view! { <span class="badge badge--warn">{t("待同步", "Not yet synced")}</span> })}
                {(!project.conflicts.is_empty()).then(|| view! { <a class="badge badge--danger" href="/status">{t("有冲突", "Conflict")}</a> })}
                {p.sample.then(|| view! { <span class="badge badge--muted">{t("示例", "Sample")}</span> })}
            </div>
        </header>
        <ErrorView error=error />
        <section class="card">
            <dl class="facts">
                <div><dt>{t("级别", "Level")}</dt><dd>{move || p.level.label(lang.get())}</dd></div>
                <div><dt>{t("建设单位", "Owner unit")}</dt><dd>{p.owner_unit.clone()}</dd></div>
                <div><dt>{t("建设地点", "Location")}</dt><dd>{p.location.clone()}</dd></div>
                <div>
                    <dt>{t("总投资", "Investment")}</dt>
                    <dd>{p.investment.map_or("—".to_owned(), |i| format!("{} 万元", format::yuan(i).trim_start_matches('¥')))}</dd>
                </div>
            </dl>
            <label class="field">
                <span class="field__label">{t("项目状态", "Status")}</span>
                <select class="input" name="status" on:change=change_status>
                    {ProjectStatus::ALL
                        .into_iter()
                        .map(|s| view! {
                            <option value=format!("{s:?}") selected=s == p.status>{move || s.label(lang.get())}</option>
                        })
                        .collect_view()}
                </select>
            </label>
            {(!p.description.is_empty()).then(|| view! { <p class="prose">{p.description.clone()}</p> })}
        </section>
        <section class="card">
            <h2>{t("节点进度", "Milestones")}</h2>
            <MilestoneTimeline milestones=p.milestones.clone() today=today />
            <MilestoneTable project=p.clone() save=save />
        </section>
        <BlockerSection id=id project=p.clone() save=save typed=typed />
        <UpdateSection id=id project=p typed=typed />
    }
}

#[component]
fn MilestoneTable(project: Project, save: Action<Project, Result<(), AppError>>) -> impl IntoView {
    let lang = use_lang();
    let today = today();
    let rows = project.milestones.clone().into_iter().enumerate().map(|(i, m)| {
        let state = milestone_state(&m, today);
        let date = RwSignal::new(today.to_string());
        let project = project.clone();
        let record = move |_| {
            if let Ok(actual) = Date::parse(&date.get_untracked()) {
                let mut next = project.clone();
                next.milestones[i].actual = Some(actual);
                save.dispatch(next);
            }
        };
        view! {
            <tr class:row--danger=matches!(state, domain::tracker::MilestoneState::Slipping { .. })>
                <th scope="row">{m.name.clone()}</th>
                <td data-label=t("计划", "Planned")>{m.planned.to_string()}</td>
                <td data-label=t("实际", "Actual")>
                    {match m.actual {
                        Some(a) => view! { <span>{a.to_string()}</span> }.into_any(),
                        None => view! {
                            <div class="inline-form">
                                <label class="visually-hidden" for=format!("actual-{i}")>{t("实际完成日期", "Actual date")}</label>
                                <input class="input input--date" type="date" id=format!("actual-{i}") prop:value=date
                                    on:input=move |ev| date.set(event_target_value(&ev)) />
                                <button class="button button--secondary" type="button" on:click=record>{t("记录完成", "Mark done")}</button>
                            </div>
                        }
                        .into_any(),
                    }}
                </td>
                <td class="milestone-state" data-label=t("情况", "State")>{move || super::milestone_timeline::describe(state, lang.get())}</td>
            </tr>
        }
    });
    view! {
        <div class="table-wrap">
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">{t("节点", "Milestone")}</th>
                        <th scope="col">{t("计划日期", "Planned")}</th>
                        <th scope="col">{t("实际日期", "Actual")}</th>
                        <th scope="col">{t("情况", "State")}</th>
                    </tr>
                </thead>
                <tbody>{rows.collect_view()}</tbody>
            </table>
        </div>
    }
}

#[component]
fn BlockerSection(
    id: RecordId,
    project: Project,
    save: Action<Project, Result<(), AppError>>,
    typed: Typed,
) -> impl IntoView {
    let today = today();
    let (description, department) = (typed.blocker, typed.department);
    let (problem, set_problem) = signal(None::<String>);
    let lang = use_lang();
    let base = project.clone();
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut next = base.clone();
        next.blockers.push(Blocker {
            id: RecordId::generate(),
            description: description.get_untracked().trim().to_owned(),
            department: department.get_untracked().trim().to_owned(),
            raised_on: today,
            resolved: false,
        });
        match domain::records::RecordData::validate(&next) {
            Ok(()) => add_and_clear(id, next, set_problem, lang.get_untracked(), move || {
                description.set(String::new());
                department.set(String::new());
            }),
            Err(e) => set_problem.set(Some(e.message(lang.get_untracked()))),
        }
    };
    let items = project.blockers.clone().into_iter().enumerate().map(|(i, b)| {
        let project = project.clone();
        let resolve = move |_| {
            let mut next = project.clone();
            next.blockers[i].resolved = true;
            save.dispatch(next);
        };
        view! {
            <li class="list__item blocker" class:blocker--resolved=b.resolved>
                <p><strong>{b.description.clone()}</strong></p>
                <p class="muted">
                    {t("责任部门：", "Department: ")} {b.department.clone()} " · "
                    {move || format::date_short(b.raised_on, today, lang.get())}
                </p>
                {if b.resolved {
                    view! { <span class="badge badge--ok">{t("已解决", "Resolved")}</span> }.into_any()
                } else {
                    view! { <button class="button button--secondary" type="button" on:click=resolve>{t("标记已解决", "Mark resolved")}</button> }.into_any()
                }}
            </li>
        }
    });
    view! {
        <section class="card">
            <h2>{t("堵点问题", "Blocking issues")}</h2>
            <ul class="list">{items.collect_view()}</ul>
            {project.blockers.is_empty().then(|| view! { <p class="muted">{t("暂无堵点。", "No blocking issues.")}</p> })}
            <form class="form form--inline" on:submit=add>
                <TextField label=t("新堵点", "New blocking issue") value=description name="blocker" required=true />
                <TextField label=t("责任部门", "Responsible department") value=department name="department" required=true />
                <button class="button" type="submit">{t("添加堵点", "Add issue")}</button>
            </form>
            {move || problem.get().map(|p| view! { <div class="alert alert--error" role="alert">{p}</div> })}
        </section>
    }
}

#[component]
fn UpdateSection(id: RecordId, project: Project, typed: Typed) -> impl IntoView {
    let today = today();
    let lang = use_lang();
    let session = expect_context::<CurrentSession>();
    let (text, date, photos) = (typed.update_text, typed.update_date, typed.update_photos);
    let (problem, set_problem) = signal(None::<String>);
    let base = project.clone();
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(day) = Date::parse(&date.get_untracked()) else {
            set_problem.set(Some(
                t("请选择日期", "Choose a date").get_untracked().to_owned(),
            ));
            return;
        };
        let mut next = base.clone();
        next.updates.push(ProgressUpdate {
            id: RecordId::generate(),
            date: day,
            text: text.get_untracked().trim().to_owned(),
            author: session.active().map(|s| s.user.name).unwrap_or_default(),
            photos: photos.get_untracked(),
        });
        match domain::records::RecordData::validate(&next) {
            Ok(()) => add_and_clear(id, next, set_problem, lang.get_untracked(), move || {
                text.set(String::new());
                photos.set(Vec::new());
            }),
            Err(e) => set_problem.set(Some(e.message(lang.get_untracked()))),
        }
    };
    let mut updates = project.updates.clone();
    domain::sort::sort_by_key(&mut updates, |u| std::cmp::Reverse(u.date));
    view! {
        <section class="card">
            <h2>{t("进展情况", "Progress updates")}</h2>
            <form class="form" on:submit=add>
                <TextField label=t("日期", "Date") value=date name="update-date" kind="date" />
                <TextArea label=t("进展内容", "What happened") value=text name="update-text" required=true />
                <PhotoPicker photos=photos label=t("拍照或选择照片", "Take or choose photos") />
                <button class="button" type="submit">{t("添加进展", "Add update")}</button>
                {move || problem.get().map(|p| view! { <div class="alert alert--error" role="alert">{p}</div> })}
            </form>
            <ol class="updates">
                {updates
                    .into_iter()
                    .map(|u| view! {
                        <li class="update">
                            <p class="muted">
                                {move || format::date_short(u.date, today, lang.get())}
                                {(!u.author.is_empty()).then(|| format!(" · {}", u.author))}
                            </p>
                            <p>{u.text.clone()}</p>
                            {(!u.photos.is_empty()).then(|| view! { <PhotoGallery photos=u.photos.clone() /> })}
                        </li>
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}
