//! Key-project tracking rules: which milestones slip, which are due soon,
//! and the overview a leader reads in ten seconds.

use crate::ids::RecordId;
use crate::records::{Milestone, Project, ProjectStatus};
use crate::time::Date;

/// Days ahead that count as "due soon" on the overview.
pub const DUE_SOON_DAYS: i64 = 30;

/// Where a milestone stands on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MilestoneState {
    /// Reached; `late_days` > 0 when after the planned date.
    Done {
        /// Days after the planned date (0 or negative = on time or early).
        late_days: i64,
    },
    /// Planned date passed without an actual date: slipping.
    Slipping {
        /// Days since the planned date.
        overdue_days: i64,
    },
    /// Due within [`DUE_SOON_DAYS`] (today counts).
    DueSoon {
        /// Days until the planned date.
        in_days: i64,
    },
    /// Further ahead.
    Upcoming {
        /// Days until the planned date.
        in_days: i64,
    },
}

/// The state of a milestone on `today`.
pub fn milestone_state(m: &Milestone, today: Date) -> MilestoneState {
    match m.actual {
        Some(actual) => MilestoneState::Done {
            late_days: m.planned.days_until(actual),
        },
        None => {
            let in_days = today.days_until(m.planned);
            if in_days < 0 {
                MilestoneState::Slipping {
                    overdue_days: -in_days,
                }
            } else if in_days <= DUE_SOON_DAYS {
                MilestoneState::DueSoon { in_days }
            } else {
                MilestoneState::Upcoming { in_days }
            }
        }
    }
}

/// A milestone with its project, for overview lists.
#[derive(Clone, Debug, PartialEq)]
pub struct MilestoneRef {
    /// The project.
    pub project_id: RecordId,
    /// Project name.
    pub project: String,
    /// The milestone.
    pub milestone: Milestone,
    /// Its state.
    pub state: MilestoneState,
}

/// Open blocking issues of one responsible department.
#[derive(Clone, Debug, PartialEq)]
pub struct DepartmentBlockers {
    /// Department.
    pub department: String,
    /// (project id, project name, blocker description), oldest first.
    pub issues: Vec<(RecordId, String, String)>,
}

/// What a leader sees first.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Overview {
    /// Projects per status, in status order, including zero counts.
    pub by_status: Vec<(ProjectStatus, usize)>,
    /// Slipping milestones, most overdue first.
    pub slipping: Vec<MilestoneRef>,
    /// Milestones due in the next 30 days, soonest first.
    pub due_soon: Vec<MilestoneRef>,
    /// Open blocking issues grouped by department, departments with most first.
    pub blockers: Vec<DepartmentBlockers>,
}

/// Whether a project has a slipping milestone on `today`.
pub fn is_slipping(project: &Project, today: Date) -> bool {
    project.status != ProjectStatus::Completed
        && project
            .milestones
            .iter()
            .any(|m| matches!(milestone_state(m, today), MilestoneState::Slipping { .. }))
}

/// Builds the overview of all projects on `today`.
pub fn overview<'a>(
    projects: impl IntoIterator<Item = (RecordId, &'a Project)>,
    today: Date,
) -> Overview {
    let mut out = Overview {
        by_status: ProjectStatus::ALL.iter().map(|s| (*s, 0)).collect(),
        ..Overview::default()
    };
    let mut departments: Vec<DepartmentBlockers> = Vec::new();
    for (id, p) in projects {
        if let Some(slot) = out.by_status.iter_mut().find(|(s, _)| *s == p.status) {
            slot.1 += 1;
        }
        for m in &p.milestones {
            let state = milestone_state(m, today);
            let r = || MilestoneRef {
                project_id: id,
                project: p.name.clone(),
                milestone: m.clone(),
                state,
            };
            match state {
                MilestoneState::Slipping { .. } if p.status != ProjectStatus::Completed => {
                    out.slipping.push(r())
                }
                MilestoneState::DueSoon { .. } => out.due_soon.push(r()),
                _ => {}
            }
        }
        let mut open: Vec<_> = p.blockers.iter().filter(|b| !b.resolved).collect();
        crate::sort::sort_by_key(&mut open, |b| b.raised_on);
        for b in open {
            let name = b.department.trim().to_owned();
            let entry = (id, p.name.clone(), b.description.clone());
            match departments.iter_mut().find(|d| d.department == name) {
                Some(d) => d.issues.push(entry),
                None => departments.push(DepartmentBlockers {
                    department: name,
                    issues: vec![entry],
                }),
            }
        }
    }
    let overdue = |r: &MilestoneRef| match r.state {
        MilestoneState::Slipping { overdue_days } => overdue_days,
        _ => 0,
    };
    crate::sort::sort_by(&mut out.slipping, |a, b| {
        overdue(b)
            .cmp(&overdue(a))
            .then_with(|| a.project.cmp(&b.project))
    });
    crate::sort::sort_by(&mut out.due_soon, |a, b| {
        a.milestone
            .planned
            .cmp(&b.milestone.planned)
            .then_with(|| a.project.cmp(&b.project))
    });
    crate::sort::sort_by(&mut departments, |a, b| {
        b.issues
            .len()
            .cmp(&a.issues.len())
            .then_with(|| a.department.cmp(&b.department))
    });
    out.blockers = departments;
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::{Blocker, ProjectLevel};

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn m(name: &str, planned: &str, actual: Option<&str>) -> Milestone {
        Milestone {
            id: RecordId::generate(),
            name: name.into(),
            planned: d(planned),
            actual: actual.map(d),
        }
    }

    fn project(
        name: &str,
        status: ProjectStatus,
        milestones: Vec<Milestone>,
        blockers: Vec<Blocker>,
    ) -> Project {
        Project {
            name: name.into(),
            level: ProjectLevel::DistrictKey,
            owner_unit: "通济街道".into(),
            location: "通济".into(),
            investment: None,
            description: String::new(),
            status,
            milestones,
            blockers,
            updates: vec![],
            sample: false,
        }
    }

    #[test]
    fn milestone_states_at_the_edges() {
        let today = d("2026-11-26");
        assert_eq!(
            milestone_state(&m("开工", "2026-11-25", None), today),
            MilestoneState::Slipping { overdue_days: 1 }
        );
        assert_eq!(
            milestone_state(&m("开工", "2026-11-26", None), today),
            MilestoneState::DueSoon { in_days: 0 }
        );
        assert_eq!(
            milestone_state(&m("开工", "2026-12-26", None), today),
            MilestoneState::DueSoon { in_days: 30 }
        );
        assert_eq!(
            milestone_state(&m("开工", "2026-12-27", None), today),
            MilestoneState::Upcoming { in_days: 31 }
        );
        assert_eq!(
            milestone_state(&m("开工", "2026-10-01", Some("2026-10-11")), today),
            MilestoneState::Done { late_days: 10 }
        );
        assert_eq!(
            milestone_state(&m("开工", "2026-10-01", Some("2026-09-30")), today),
            MilestoneState::Done { late_days: -1 }
        );
    }

    #[test]
    fn overview_orders_slipping_first_and_groups_blockers() {
        let today = d("2026-11-26");
        let blocker = |dep: &str, desc: &str, resolved| Blocker {
            id: RecordId::generate(),
            description: desc.into(),
            department: dep.into(),
            raised_on: d("2026-09-01"),
            resolved,
        };
        let a = project(
            "甲",
            ProjectStatus::Building,
            vec![
                m("土地手续", "2026-10-01", None),
                m("开工", "2026-12-01", None),
            ],
            vec![
                blocker("自然资源局即墨分局", "土地指标", false),
                blocker("住建局", "已解决", true),
            ],
        );
        let b = project(
            "乙",
            ProjectStatus::Preparing,
            vec![m("开工", "2026-11-20", None)],
            vec![
                blocker("自然资源局即墨分局", "规划调整", false),
                blocker("住建局", "管线迁改", false),
            ],
        );
        let c = project(
            "丙",
            ProjectStatus::Completed,
            vec![m("竣工", "2026-01-01", None)],
            vec![],
        );
        let (ia, ib, ic) = (
            RecordId::generate(),
            RecordId::generate(),
            RecordId::generate(),
        );
        let o = overview([(ia, &a), (ib, &b), (ic, &c)], today);
        assert_eq!(
            o.by_status,
            vec![
                (ProjectStatus::Preparing, 1),
                (ProjectStatus::Building, 1),
                (ProjectStatus::OnHold, 0),
                (ProjectStatus::Completed, 1)
            ]
        );
        let slipping: Vec<(&str, i64)> = o
            .slipping
            .iter()
            .map(|r| {
                (
                    r.project.as_str(),
                    if let MilestoneState::Slipping { overdue_days } = r.state {
                        overdue_days
                    } else {
                        0
                    },
                )
            })
            .collect();
        assert_eq!(
            slipping,
            [("甲", 56), ("乙", 6)],
            "most overdue first; completed projects never slip"
        );
        assert_eq!(o.due_soon.len(), 1);
        assert_eq!(o.due_soon[0].milestone.name, "开工");
        assert_eq!(o.blockers[0].department, "自然资源局即墨分局");
        assert_eq!(o.blockers[0].issues.len(), 2);
        assert_eq!(
            o.blockers[1].issues.len(),
            1,
            "resolved issues are left out"
        );
        assert!(is_slipping(&a, today) && !is_slipping(&c, today));
    }
}
