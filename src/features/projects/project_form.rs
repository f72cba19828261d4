//! `/projects/new`: register a key project with its standard milestones.

use crate::features::account::RequireStaff;
use crate::i18n::{t, use_lang};
use crate::queries;
use crate::routing::use_navigate;
use crate::ui::{field_error, SelectField, TextArea, TextField};
use domain::ids::RecordId;
use domain::lang::Label;
use domain::records::{Milestone, Project, ProjectLevel, ProjectStatus};
use domain::time::Date;
use domain::validate::{Problem, ValidationError, ValidationErrors};
use leptos::prelude::*;

/// The usual milestones of a construction project.
const STANDARD_MILESTONES: [&str; 4] = ["土地手续", "开工", "主体完工", "竣工投用"];

/// The new-project page.
#[component]
pub fn NewProjectPage() -> impl IntoView {
    view! {
        <section class="page page--narrow">
            <p class="breadcrumb"><a href="/projects">{t("← 重点项目", "← Key projects")}</a></p>
            <h1 class="page__title">{t("新建重点项目", "New key project")}</h1>
            <RequireStaff>
                <ProjectForm />
            </RequireStaff>
        </section>
    }
}

fn enum_choices<T: Label + Copy + std::fmt::Debug + Send + Sync + 'static>(
    all: &'static [T],
) -> Signal<Vec<crate::ui::Choice>> {
    let lang = use_lang();
    Signal::derive(move || {
        all.iter()
            .map(|v| {
                (
                    format!("{v:?}"),
                    Signal::derive(move || v.label(lang.get()).to_owned()),
                )
            })
            .collect()
    })
}

fn pick<T: Copy + std::fmt::Debug>(all: &[T], chosen: &str) -> T {
    all.iter()
        .copied()
        .find(|v| format!("{v:?}") == chosen)
        .unwrap_or(all[0])
}

#[component]
fn ProjectForm() -> impl IntoView {
    let name = RwSignal::new(String::new());
    let level = RwSignal::new(format!("{:?}", ProjectLevel::DistrictKey));
    let owner = RwSignal::new(String::new());
    let location = RwSignal::new(String::new());
    let investment = RwSignal::new(String::new());
    let status = RwSignal::new(format!("{:?}", ProjectStatus::Preparing));
    let description = RwSignal::new(String::new());
    let milestones: Vec<(RwSignal<String>, RwSignal<String>)> = STANDARD_MILESTONES
        .iter()
        .map(|m| (RwSignal::new((*m).to_owned()), RwSignal::new(String::new())))
        .collect();
    let (errors, set_errors) = signal(None::<ValidationErrors>);
    let errors: Signal<Option<ValidationErrors>> = errors.into();
    let navigate = use_navigate();
    let save = Action::new_local(|(id, p): &(RecordId, Project)| {
        let (id, p) = (*id, p.clone());
        async move { queries::save(id, &p).await.map(|_| id) }
    });
    let rows = milestones.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut problems = Vec::new();
        let investment_value = match investment.get_untracked().trim() {
            "" => None,
            text => match text.parse::<f64>() {
                Ok(v) => Some(v),
                Err(_) => {
                    problems.push(ValidationError::new(
                        "investment",
                        domain::lang::Text::new("总投资", "Investment"),
                        Problem::OutOfRange {
                            min: 0,
                            max: 10_000_000,
                        },
                    ));
                    None
                }
            },
        };
        let mut ms = Vec::new();
        for (i, (m_name, m_date)) in rows.iter().enumerate() {
            let (n, d) = (m_name.get_untracked(), m_date.get_untracked());
            // A milestone without a planned date is not planned yet.
            if d.is_empty() {
                continue;
            }
            match Date::parse(&d) {
                Ok(planned) => ms.push(Milestone {
                    id: RecordId::generate(),
                    name: n.trim().to_owned(),
                    planned,
                    actual: None,
                }),
                Err(_) => problems.push(ValidationError::new(
                    format!("milestones.{i}.planned"),
                    domain::lang::Text::new("计划日期", "Planned date"),
                    Problem::Date,
                )),
            }
        }
        let project = Project {
            name: name.get_untracked().trim().to_owned(),
            level: pick(&ProjectLevel::ALL, &level.get_untracked()),
            owner_unit: owner.get_untracked().trim().to_owned(),
            location: location.get_untracked().trim().to_owned(),
            investment: investment_value,
            description: description.get_untracked().trim().to_owned(),
            status: pick(&ProjectStatus::ALL, &status.get_untracked()),
            milestones: ms,
            blockers: vec![],
            updates: vec![],
            sample: false,
        };
        if let Err(e) = domain::records::RecordData::validate(&project) {
            problems.extend(e.0);
        }
        if problems.is_empty() {
            set_errors.set(None);
            save.dispatch((RecordId::generate(), project));
        } else {
            set_errors.set(Some(ValidationErrors(problems)));
        }
    };
    Effect::new(move |_| {
        if let Some(Ok(id)) = save.value().get() {
            navigate(&format!("/projects/{id}"), Default::default());
        }
    });
    let store_error = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    let lang = use_lang();
    view! {
        <form class="card form" on:submit=on_submit novalidate>
            <TextField label=t("项目名称", "Project name") value=name name="name" required=true error=field_error(errors, "name") />
            <SelectField label=t("级别", "Level") value=level choices=enum_choices(&ProjectLevel::ALL) name="level" />
            <TextField label=t("建设单位", "Owner unit") value=owner name="owner_unit" required=true error=field_error(errors, "owner_unit") />
            <TextField label=t("建设地点", "Location") value=location name="location" required=true error=field_error(errors, "location") />
            <TextField label=t("总投资（万元）", "Investment (10,000 yuan)") value=investment name="investment" inputmode="decimal" error=field_error(errors, "investment") />
            <SelectField label=t("项目状态", "Status") value=status choices=enum_choices(&ProjectStatus::ALL) name="status" />
            <TextArea label=t("建设内容", "Scope") value=description name="description" error=field_error(errors, "description") />
            <fieldset class="fieldset">
                <legend>{t("节点计划", "Planned milestones")}</legend>
                {milestones
                    .into_iter()
                    .enumerate()
                    .map(|(i, (m_name, m_date))| {
                        let key: &'static str = ["milestones.0.planned", "milestones.1.planned", "milestones.2.planned", "milestones.3.planned"][i];
                        view! {
                            <div class="milestone-input">
                                <TextField label=t("节点", "Milestone") value=m_name />
                                <TextField label=t("计划日期", "Planned date") value=m_date kind="date" error=field_error(errors, key) />
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>
            {move || errors.get().map(|e| view! { <div class="alert alert--error" role="alert">{e.message(lang.get())}</div> })}
            <crate::error::ErrorView error=store_error />
            <button class="button button--block" type="submit">{t("保存项目", "Save project")}</button>
        </form>
    }
}
