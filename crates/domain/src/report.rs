//! The district report: visits with difficulties, open follow-ups, and
//! projects with milestones, as an .xlsx workbook with Chinese headers.

use crate::ids::RecordId;
use crate::lang::{Label, Lang};
use crate::records::{DifficultyStatus, Enterprise, FollowUpStatus, Project, Visit};
use crate::time::Date;
use crate::tracker::{milestone_state, MilestoneState};
use crate::xlsx::{workbook, Cell, Sheet};
use std::collections::HashMap;

/// Everything the report covers.
pub struct ReportInput<'a> {
    /// Enterprise ledger.
    pub enterprises: &'a [(RecordId, Enterprise)],
    /// Visit records.
    pub visits: &'a [(RecordId, Visit)],
    /// Key projects.
    pub projects: &'a [(RecordId, Project)],
    /// The report date (for overdue and slipping figures).
    pub today: Date,
}

const ZH: Lang = Lang::Zh;

fn visits_sheet(input: &ReportInput<'_>, names: &HashMap<RecordId, &Enterprise>) -> Sheet {
    let mut sheet = Sheet::new(
        "走访记录",
        &[
            ("走访日期", 12.0),
            ("企业名称", 30.0),
            ("统一社会信用代码", 22.0),
            ("所在村居", 12.0),
            ("走访人", 10.0),
            ("走访目的", 24.0),
            ("困难类别", 10.0),
            ("紧急程度", 10.0),
            ("困难描述", 40.0),
            ("办理状态", 10.0),
            ("产值（万元）", 12.0),
            ("营业收入（万元）", 14.0),
            ("从业人数", 10.0),
            ("进出口额（万元）", 14.0),
        ],
    );
    let mut visits: Vec<&(RecordId, Visit)> = input.visits.iter().collect();
    crate::sort::sort_by_key(&mut visits, |(_, v)| std::cmp::Reverse(v.date));
    for (_, v) in visits {
        let e = names.get(&v.enterprise_id);
        let common = |sheet: &mut Sheet, difficulty: [Cell; 4]| {
            let [category, urgency, description, status] = difficulty;
            sheet.push(vec![
                v.date.to_string().into(),
                e.map_or_else(|| "（未知企业）".to_owned(), |e| e.name.clone())
                    .into(),
                e.map(|e| e.credit_code.clone()).into(),
                e.map(|e| e.community.clone()).into(),
                v.staff.clone().into(),
                v.purpose.clone().into(),
                category,
                urgency,
                description,
                status,
                v.indicators.output.into(),
                v.indicators.revenue.into(),
                v.indicators.employees.into(),
                v.indicators.export_volume.into(),
            ]);
        };
        if v.difficulties.is_empty() {
            common(
                &mut sheet,
                [Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty],
            );
        }
        for d in &v.difficulties {
            let status = match d.status {
                DifficultyStatus::Open => "未解决",
                DifficultyStatus::Resolved => "已解决",
            };
            common(
                &mut sheet,
                [
                    d.category.label(ZH).into(),
                    d.urgency.label(ZH).into(),
                    d.description.clone().into(),
                    status.into(),
                ],
            );
        }
    }
    sheet
}

fn follow_ups_sheet(input: &ReportInput<'_>, names: &HashMap<RecordId, &Enterprise>) -> Sheet {
    let mut sheet = Sheet::new(
        "待办跟进",
        &[
            ("企业名称", 30.0),
            ("跟进事项", 40.0),
            ("责任人", 12.0),
            ("截止日期", 12.0),
            ("逾期天数", 10.0),
            ("走访日期", 12.0),
        ],
    );
    let mut open: Vec<_> = input
        .visits
        .iter()
        .flat_map(|(_, v)| v.follow_ups.iter().map(move |f| (v, f)))
        .filter(|(_, f)| f.status == FollowUpStatus::Open)
        .collect();
    crate::sort::sort_by_key(&mut open, |(_, f)| f.due);
    for (v, f) in open {
        let overdue = f.due.days_until(input.today);
        sheet.push(vec![
            names.get(&v.enterprise_id).map(|e| e.name.clone()).into(),
            f.action.clone().into(),
            f.owner.clone().into(),
            f.due.to_string().into(),
            if overdue > 0 {
                Cell::Number(overdue as f64)
            } else {
                Cell::Empty
            },
            v.date.to_string().into(),
        ]);
    }
    sheet
}

fn projects_sheet(input: &ReportInput<'_>) -> Sheet {
    let mut sheet = Sheet::new(
        "重点项目",
        &[
            ("项目名称", 34.0),
            ("级别", 10.0),
            ("建设单位", 24.0),
            ("建设地点", 20.0),
            ("总投资（万元）", 14.0),
            ("项目状态", 10.0),
            ("节点", 14.0),
            ("计划日期", 12.0),
            ("实际日期", 12.0),
            ("节点情况", 16.0),
            ("未解决堵点", 10.0),
        ],
    );
    for (_, p) in input.projects {
        let open_blockers = p.blockers.iter().filter(|b| !b.resolved).count() as u32;
        let row = |milestone: [Cell; 4]| {
            let [name, planned, actual, state] = milestone;
            vec![
                p.name.clone().into(),
                p.level.label(ZH).into(),
                p.owner_unit.clone().into(),
                p.location.clone().into(),
                p.investment.into(),
                p.status.label(ZH).into(),
                name,
                planned,
                actual,
                state,
                open_blockers.into(),
            ]
        };
        if p.milestones.is_empty() {
            sheet.push(row([Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty]));
        }
        for m in &p.milestones {
            let state = match milestone_state(m, input.today) {
                MilestoneState::Done { late_days } if late_days > 0 => {
                    format!("已完成（延后 {late_days} 天）")
                }
                MilestoneState::Done { .. } => "已完成".to_owned(),
                MilestoneState::Slipping { overdue_days } => format!("滞后 {overdue_days} 天"),
                MilestoneState::DueSoon { in_days } | MilestoneState::Upcoming { in_days } => {
                    format!("{in_days} 天后到期")
                }
            };
            sheet.push(row([
                m.name.clone().into(),
                m.planned.to_string().into(),
                m.actual.map(|d| d.to_string()).into(),
                state.into(),
            ]));
        }
    }
    sheet
}

/// The district report workbook.
pub fn district_report(input: &ReportInput<'_>) -> Vec<u8> {
    let names: HashMap<RecordId, &Enterprise> =
        input.enterprises.iter().map(|(id, e)| (*id, e)).collect();
    workbook(&[
        visits_sheet(input, &names),
        follow_ups_sheet(input, &names),
        projects_sheet(input),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::{
        Difficulty, DifficultyCategory, FollowUp, Indicators, Milestone, ProjectLevel,
        ProjectStatus, Urgency,
    };
    use calamine::{Data, Reader, Xlsx};
    use std::io::Cursor;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn the_report_has_chinese_headers_and_one_row_per_difficulty_follow_up_and_milestone() {
        let eid = RecordId::generate();
        let enterprise: Enterprise = serde_json::from_value(serde_json::json!({
            "name": "即发集团有限公司", "credit_code": "91350100M000100Y43",
            "industry": "纺织服装", "community": "即发阳光城社区"
        }))
        .unwrap();
        let difficulty = |c, text: &str| Difficulty {
            id: RecordId::generate(),
            category: c,
            urgency: Urgency::High,
            description: text.into(),
            status: DifficultyStatus::Open,
            resolution: String::new(),
        };
        let visit = Visit {
            enterprise_id: eid,
            date: d("2026-11-20"),
            staff: "王磊".into(),
            purpose: "政策宣传".into(),
            policies_presented: vec![],
            difficulties: vec![
                difficulty(DifficultyCategory::Labour, "缺缝纫工 30 人"),
                difficulty(DifficultyCategory::Finance, "=cmd|' /C calc'!A0"),
            ],
            follow_ups: vec![FollowUp {
                id: RecordId::generate(),
                action: "对接纺织服装业专场招聘会".into(),
                owner: "就业服务站".into(),
                due: d("2026-11-22"),
                status: FollowUpStatus::Open,
                difficulty_id: None,
                history: vec![],
            }],
            photos: vec![],
            indicators: Indicators {
                output: Some(52000.0),
                ..Indicators::default()
            },
            notes: String::new(),
        };
        let project = Project {
            name: "墨水河流域防洪减灾治理".into(),
            level: ProjectLevel::DistrictKey,
            owner_unit: "即墨区水务局".into(),
            location: "西流峰河、小李村河、龙湾河".into(),
            investment: Some(12000.0),
            description: String::new(),
            status: ProjectStatus::Building,
            milestones: vec![
                Milestone {
                    id: RecordId::generate(),
                    name: "河道疏浚".into(),
                    planned: d("2026-10-31"),
                    actual: None,
                },
                Milestone {
                    id: RecordId::generate(),
                    name: "开工".into(),
                    planned: d("2026-03-01"),
                    actual: Some(d("2026-03-05")),
                },
            ],
            blockers: vec![],
            updates: vec![],
            sample: true,
        };
        let bytes = district_report(&ReportInput {
            enterprises: &[(eid, enterprise)],
            visits: &[(RecordId::generate(), visit)],
            projects: &[(RecordId::generate(), project)],
            today: d("2026-11-26"),
        });
        let mut book = Xlsx::new(Cursor::new(bytes)).unwrap();
        assert_eq!(book.sheet_names(), ["走访记录", "待办跟进", "重点项目"]);

        let visits = book.worksheet_range("走访记录").unwrap();
        assert_eq!(visits.height(), 3, "header + one row per difficulty");
        assert_eq!(visits.get((0, 0)), Some(&Data::String("走访日期".into())));
        assert_eq!(
            visits.get((1, 1)),
            Some(&Data::String("即发集团有限公司".into()))
        );
        assert_eq!(visits.get((1, 6)), Some(&Data::String("用工".into())));
        assert_eq!(
            visits.get((2, 8)),
            Some(&Data::String("=cmd|' /C calc'!A0".into())),
            "kept as text"
        );
        assert_eq!(visits.get((1, 10)), Some(&Data::Float(52000.0)));

        let follow = book.worksheet_range("待办跟进").unwrap();
        assert_eq!(follow.height(), 2);
        assert_eq!(
            follow.get((1, 4)),
            Some(&Data::Float(4.0)),
            "4 days overdue"
        );

        let projects = book.worksheet_range("重点项目").unwrap();
        assert_eq!(projects.height(), 3, "header + one row per milestone");
        assert_eq!(
            projects.get((1, 9)),
            Some(&Data::String("滞后 26 天".into()))
        );
        assert_eq!(
            projects.get((2, 9)),
            Some(&Data::String("已完成（延后 4 天）".into()))
        );
        assert_eq!(projects.get((1, 1)), Some(&Data::String("区重点".into())));
    }
}
