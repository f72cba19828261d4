//! Key projects (重点项目) with milestones, blocking issues and progress updates.

use super::enterprise::check_amount;
use super::visit::{PhotoRef, MAX_PHOTOS};
use super::RecordData;
use crate::collection::Collection;
use crate::ids::RecordId;
use crate::lang::{Label, Lang, Text};
use crate::time::Date;
use crate::validate::{Checker, ValidationResult, LONG_TEXT, SHORT_TEXT};
use serde::{Deserialize, Serialize};

/// Level or type of a key project.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectLevel {
    /// 市重点.
    CityKey,
    /// 区重点.
    DistrictKey,
    /// 准备项目 (key preparatory project).
    Preparatory,
    /// 公益性 (public welfare).
    PublicWelfare,
    /// 国债 (national-bond funded).
    NationalBond,
    /// 其他 (other tracked works).
    Other,
}

impl ProjectLevel {
    /// Every level.
    pub const ALL: [ProjectLevel; 6] = [
        ProjectLevel::CityKey,
        ProjectLevel::DistrictKey,
        ProjectLevel::Preparatory,
        ProjectLevel::PublicWelfare,
        ProjectLevel::NationalBond,
        ProjectLevel::Other,
    ];
}

impl Label for ProjectLevel {
    fn label(&self, lang: Lang) -> &'static str {
        let t = match self {
            ProjectLevel::CityKey => Text::new("市重点", "City key project"),
            ProjectLevel::DistrictKey => Text::new("区重点", "District key project"),
            ProjectLevel::Preparatory => Text::new("准备项目", "Preparatory"),
            ProjectLevel::PublicWelfare => Text::new("公益性", "Public welfare"),
            ProjectLevel::NationalBond => Text::new("国债", "National bond"),
            ProjectLevel::Other => Text::new("其他", "Other"),
        };
        t.get(lang)
    }
}

/// Overall status of a project.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectStatus {
    /// 前期 (preparing).
    Preparing,
    /// 在建 (under construction).
    Building,
    /// 暂缓 (on hold).
    OnHold,
    /// 已完工 (completed).
    Completed,
}

impl ProjectStatus {
    /// Every status.
    pub const ALL: [ProjectStatus; 4] = [
        ProjectStatus::Preparing,
        ProjectStatus::Building,
        ProjectStatus::OnHold,
        ProjectStatus::Completed,
    ];
}

impl Label for ProjectStatus {
    fn label(&self, lang: Lang) -> &'static str {
        let t = match self {
            ProjectStatus::Preparing => Text::new("前期", "Preparing"),
            ProjectStatus::Building => Text::new("在建", "Under construction"),
            ProjectStatus::OnHold => Text::new("暂缓", "On hold"),
            ProjectStatus::Completed => Text::new("已完工", "Completed"),
        };
        t.get(lang)
    }
}

/// A milestone with planned and actual dates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// Item id.
    pub id: RecordId,
    /// Name, e.g. 土地手续, 开工, 主体完工, 竣工投用.
    pub name: String,
    /// Planned date.
    pub planned: Date,
    /// Actual date, once reached.
    #[serde(default)]
    pub actual: Option<Date>,
}

/// A blocking issue and the department responsible.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Blocker {
    /// Item id.
    pub id: RecordId,
    /// What blocks the project.
    pub description: String,
    /// Department responsible for solving it.
    pub department: String,
    /// When it was raised.
    pub raised_on: Date,
    /// Whether it is solved.
    #[serde(default)]
    pub resolved: bool,
}

/// A dated progress update.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgressUpdate {
    /// Item id.
    pub id: RecordId,
    /// Day of the update.
    pub date: Date,
    /// What happened.
    pub text: String,
    /// Who wrote it.
    #[serde(default)]
    pub author: String,
    /// Photos.
    #[serde(default)]
    pub photos: Vec<PhotoRef>,
}

/// A key project.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// Name.
    pub name: String,
    /// Level / type.
    pub level: ProjectLevel,
    /// Owner unit (建设单位).
    pub owner_unit: String,
    /// Location.
    pub location: String,
    /// Total investment, 万元.
    #[serde(default)]
    pub investment: Option<f64>,
    /// Scope and key figures.
    #[serde(default)]
    pub description: String,
    /// Status.
    pub status: ProjectStatus,
    /// Milestones.
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    /// Blocking issues.
    #[serde(default)]
    pub blockers: Vec<Blocker>,
    /// Progress updates, newest last.
    #[serde(default)]
    pub updates: Vec<ProgressUpdate>,
    /// Sample content until someone edits it.
    #[serde(default)]
    pub sample: bool,
}

impl RecordData for Project {
    const COLLECTION: Collection = Collection::Projects;

    fn validate(&self) -> ValidationResult {
        let mut c = Checker::default();
        c.required(
            "name",
            Text::new("项目名称", "Project name"),
            &self.name,
            SHORT_TEXT,
        );
        c.required(
            "owner_unit",
            Text::new("建设单位", "Owner unit"),
            &self.owner_unit,
            SHORT_TEXT,
        );
        c.required(
            "location",
            Text::new("建设地点", "Location"),
            &self.location,
            200,
        );
        check_amount(
            &mut c,
            "investment",
            Text::new("总投资", "Investment"),
            self.investment,
        );
        c.max_len(
            "description",
            Text::new("建设内容", "Scope"),
            &self.description,
            LONG_TEXT,
        );
        c.list_len(
            "milestones",
            Text::new("节点", "Milestones"),
            self.milestones.len(),
        );
        c.list_len(
            "blockers",
            Text::new("堵点问题", "Blocking issues"),
            self.blockers.len(),
        );
        c.max_items(
            "updates",
            Text::new("进展", "Updates"),
            self.updates.len(),
            1000,
        );
        for (i, m) in self.milestones.iter().enumerate() {
            let mut n = Checker::nested(format!("milestones.{i}"));
            n.required("name", Text::new("节点名称", "Milestone"), &m.name, 50);
            c.merge(n);
        }
        for (i, b) in self.blockers.iter().enumerate() {
            let mut n = Checker::nested(format!("blockers.{i}"));
            n.required(
                "description",
                Text::new("问题描述", "Description"),
                &b.description,
                1000,
            );
            n.required(
                "department",
                Text::new("责任部门", "Department"),
                &b.department,
                50,
            );
            c.merge(n);
        }
        for (i, u) in self.updates.iter().enumerate() {
            let mut n = Checker::nested(format!("updates.{i}"));
            n.required("text", Text::new("进展内容", "Update"), &u.text, 2000);
            n.max_len("author", Text::new("填报人", "Author"), &u.author, 50);
            n.max_items(
                "photos",
                Text::new("照片", "Photos"),
                u.photos.len(),
                MAX_PHOTOS,
            );
            for (j, p) in u.photos.iter().enumerate() {
                p.check(&mut n, &format!("photos.{j}"));
            }
            c.merge(n);
        }
        c.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn milestones_and_blockers_need_names_and_departments() {
        let mut p = Project {
            name: "墨水河流域防洪减灾治理工程".into(),
            level: ProjectLevel::DistrictKey,
            owner_unit: "即墨区水务局".into(),
            location: "西流峰河、小李村河、龙湾河".into(),
            investment: Some(12_000.0),
            description: String::new(),
            status: ProjectStatus::Building,
            milestones: vec![Milestone {
                id: RecordId::generate(),
                name: "河道疏浚".into(),
                planned: Date::parse("2026-10-31").unwrap(),
                actual: None,
            }],
            blockers: vec![],
            updates: vec![],
            sample: true,
        };
        assert_eq!(p.validate(), Ok(()));
        p.milestones[0].name.clear();
        p.blockers.push(Blocker {
            id: RecordId::generate(),
            description: "沿线管线迁改".into(),
            department: String::new(),
            raised_on: Date::parse("2026-09-01").unwrap(),
            resolved: false,
        });
        let errs = p.validate().unwrap_err();
        assert!(errs.field("milestones.0.name").is_some());
        assert!(errs.field("blockers.0.department").is_some());
    }
}
