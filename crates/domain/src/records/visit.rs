//! Enterprise visit records (走访记录) with difficulties, follow-ups and photos.

use super::enterprise::check_amount;
use super::RecordData;
use crate::collection::Collection;
use crate::ids::RecordId;
use crate::lang::{Label, Lang, Text};
use crate::time::{Date, Timestamp};
use crate::validate::{Checker, Problem, ValidationResult, LONG_TEXT};
use serde::{Deserialize, Serialize};

/// Category of a difficulty an enterprise raises.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DifficultyCategory {
    /// 用工 (hiring, labour).
    Labour,
    /// 融资 (finance).
    Finance,
    /// 用地 (land, premises).
    Land,
    /// 审批 (approvals, permits).
    Approval,
    /// 市场 (market, orders).
    Market,
    /// 物流 (logistics).
    Logistics,
    /// 其他.
    Other,
}

impl DifficultyCategory {
    /// Every category, in display order.
    pub const ALL: [DifficultyCategory; 7] = [
        DifficultyCategory::Labour,
        DifficultyCategory::Finance,
        DifficultyCategory::Land,
        DifficultyCategory::Approval,
        DifficultyCategory::Market,
        DifficultyCategory::Logistics,
        DifficultyCategory::Other,
    ];
}

impl Label for DifficultyCategory {
    fn label(&self, lang: Lang) -> &'static str {
        let t = match self {
            DifficultyCategory::Labour => Text::new("用工", "Labour"),
            DifficultyCategory::Finance => Text::new("融资", "Finance"),
            DifficultyCategory::Land => Text::new("用地", "Land"),
            DifficultyCategory::Approval => Text::new("审批", "Approvals"),
            DifficultyCategory::Market => Text::new("市场", "Market"),
            DifficultyCategory::Logistics => Text::new("物流", "Logistics"),
            DifficultyCategory::Other => Text::new("其他", "Other"),
        };
        t.get(lang)
    }
}

/// How urgent a difficulty is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// 一般.
    Low,
    /// 较急.
    Medium,
    /// 紧急.
    High,
}

impl Urgency {
    /// Every level, least urgent first.
    pub const ALL: [Urgency; 3] = [Urgency::Low, Urgency::Medium, Urgency::High];
}

impl Label for Urgency {
    fn label(&self, lang: Lang) -> &'static str {
        let t = match self {
            Urgency::Low => Text::new("一般", "Normal"),
            Urgency::Medium => Text::new("较急", "Pressing"),
            Urgency::High => Text::new("紧急", "Urgent"),
        };
        t.get(lang)
    }
}

/// Whether a difficulty is still open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DifficultyStatus {
    /// Not solved yet.
    Open,
    /// Solved.
    Resolved,
}

impl Label for DifficultyStatus {
    fn label(&self, lang: Lang) -> &'static str {
        let t = match self {
            DifficultyStatus::Open => Text::new("未解决", "Open"),
            DifficultyStatus::Resolved => Text::new("已解决", "Resolved"),
        };
        t.get(lang)
    }
}

/// A difficulty raised during a visit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Difficulty {
    /// Item id (stable across edits, used by the merge).
    pub id: RecordId,
    /// Category.
    pub category: DifficultyCategory,
    /// Urgency.
    pub urgency: Urgency,
    /// What the enterprise said.
    pub description: String,
    /// Open or resolved.
    pub status: DifficultyStatus,
    /// How it was resolved.
    #[serde(default)]
    pub resolution: String,
}

/// Whether a follow-up action is done.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpStatus {
    /// To do.
    Open,
    /// Done.
    Done,
}

impl Label for FollowUpStatus {
    fn label(&self, lang: Lang) -> &'static str {
        let t = match self {
            FollowUpStatus::Open => Text::new("待办", "Open"),
            FollowUpStatus::Done => Text::new("已完成", "Done"),
        };
        t.get(lang)
    }
}

/// One entry of a follow-up's history (closing, reopening, notes).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUpEvent {
    /// When it happened.
    pub at: Timestamp,
    /// Who did it.
    pub by: String,
    /// The status after the event.
    pub status: FollowUpStatus,
    /// Note.
    #[serde(default)]
    pub note: String,
}

/// A follow-up action agreed during a visit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    /// Item id.
    pub id: RecordId,
    /// What will be done.
    pub action: String,
    /// Who is responsible.
    pub owner: String,
    /// Due date.
    pub due: Date,
    /// Current status.
    pub status: FollowUpStatus,
    /// The difficulty it addresses, if any.
    #[serde(default)]
    pub difficulty_id: Option<RecordId>,
    /// History of status changes, oldest first; never rewritten.
    #[serde(default)]
    pub history: Vec<FollowUpEvent>,
}

/// A photo stored by content hash (uploaded to `/api/blobs/{sha256}`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhotoRef {
    /// Lower-case hex SHA-256 of the JPEG bytes.
    pub sha256: String,
    /// Size in bytes.
    pub bytes: u32,
    /// Pixel width.
    pub width: u32,
    /// Pixel height.
    pub height: u32,
    /// Caption.
    #[serde(default)]
    pub caption: String,
}

/// Most photos on one visit or progress update.
pub const MAX_PHOTOS: usize = 20;

/// Largest photo accepted (bytes), after downscaling in the browser.
pub const MAX_PHOTO_BYTES: u32 = 2 * 1024 * 1024;

impl PhotoRef {
    pub(crate) fn check(&self, c: &mut Checker, field: &str) {
        let label = Text::new("照片", "Photo");
        let hex = self.sha256.len() == 64
            && self
                .sha256
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if !hex {
            c.fail(field, label, Problem::Shape("sha256".into()));
        }
        c.range(
            field,
            label,
            i64::from(self.bytes),
            1,
            i64::from(MAX_PHOTO_BYTES),
        );
        c.max_len(field, label, &self.caption, 200);
    }
}

/// The enterprise's current indicators as reported in a visit (万元 / people).
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicators {
    /// Output value (产值), 万元.
    #[serde(default)]
    pub output: Option<f64>,
    /// Revenue (营业收入), 万元.
    #[serde(default)]
    pub revenue: Option<f64>,
    /// Employees.
    #[serde(default)]
    pub employees: Option<u32>,
    /// Import/export volume, 万元.
    #[serde(default)]
    pub export_volume: Option<f64>,
}

/// A visit to an enterprise.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Visit {
    /// The enterprise visited.
    pub enterprise_id: RecordId,
    /// Day of the visit.
    pub date: Date,
    /// Staff who made the visit.
    pub staff: String,
    /// Purpose (走访目的).
    #[serde(default)]
    pub purpose: String,
    /// Policy guides presented.
    #[serde(default)]
    pub policies_presented: Vec<RecordId>,
    /// Difficulties raised.
    #[serde(default)]
    pub difficulties: Vec<Difficulty>,
    /// Follow-up actions.
    #[serde(default)]
    pub follow_ups: Vec<FollowUp>,
    /// Photos.
    #[serde(default)]
    pub photos: Vec<PhotoRef>,
    /// Indicators reported.
    #[serde(default)]
    pub indicators: Indicators,
    /// Free notes.
    #[serde(default)]
    pub notes: String,
}

impl RecordData for Visit {
    const COLLECTION: Collection = Collection::Visits;

    fn validate(&self) -> ValidationResult {
        let mut c = Checker::default();
        c.required("staff", Text::new("走访人", "Visited by"), &self.staff, 50);
        c.max_len(
            "purpose",
            Text::new("走访目的", "Purpose"),
            &self.purpose,
            500,
        );
        c.max_len("notes", Text::new("备注", "Notes"), &self.notes, LONG_TEXT);
        c.list_len(
            "policies_presented",
            Text::new("宣传的政策", "Policies presented"),
            self.policies_presented.len(),
        );
        c.list_len(
            "difficulties",
            Text::new("困难问题", "Difficulties"),
            self.difficulties.len(),
        );
        c.list_len(
            "follow_ups",
            Text::new("跟进事项", "Follow-ups"),
            self.follow_ups.len(),
        );
        c.max_items(
            "photos",
            Text::new("照片", "Photos"),
            self.photos.len(),
            MAX_PHOTOS,
        );
        for (i, d) in self.difficulties.iter().enumerate() {
            let mut n = Checker::nested(format!("difficulties.{i}"));
            n.required(
                "description",
                Text::new("困难描述", "Description"),
                &d.description,
                1000,
            );
            n.max_len(
                "resolution",
                Text::new("解决情况", "Resolution"),
                &d.resolution,
                1000,
            );
            c.merge(n);
        }
        for (i, f) in self.follow_ups.iter().enumerate() {
            let mut n = Checker::nested(format!("follow_ups.{i}"));
            n.required("action", Text::new("跟进事项", "Action"), &f.action, 500);
            n.required("owner", Text::new("责任人", "Owner"), &f.owner, 50);
            n.list_len("history", Text::new("记录", "History"), f.history.len());
            for e in &f.history {
                n.max_len("history", Text::new("记录", "History"), &e.note, 1000);
            }
            c.merge(n);
        }
        for (i, p) in self.photos.iter().enumerate() {
            p.check(&mut c, &format!("photos.{i}"));
        }
        let ind = &self.indicators;
        check_amount(
            &mut c,
            "indicators.output",
            Text::new("产值", "Output"),
            ind.output,
        );
        check_amount(
            &mut c,
            "indicators.revenue",
            Text::new("营业收入", "Revenue"),
            ind.revenue,
        );
        check_amount(
            &mut c,
            "indicators.export_volume",
            Text::new("进出口额", "Import/export"),
            ind.export_volume,
        );
        c.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visit() -> Visit {
        Visit {
            enterprise_id: RecordId::generate(),
            date: Date::parse("2026-11-26").unwrap(),
            staff: "王磊".into(),
            purpose: "政策宣传".into(),
            policies_presented: vec![],
            difficulties: vec![Difficulty {
                id: RecordId::generate(),
                category: DifficultyCategory::Labour,
                urgency: Urgency::High,
                description: "缝纫工缺口 30 人".into(),
                status: DifficultyStatus::Open,
                resolution: String::new(),
            }],
            follow_ups: vec![FollowUp {
                id: RecordId::generate(),
                action: "推荐参加纺织服装业专场招聘会".into(),
                owner: "就业服务站".into(),
                due: Date::parse("2026-12-05").unwrap(),
                status: FollowUpStatus::Open,
                difficulty_id: None,
                history: vec![],
            }],
            photos: vec![PhotoRef {
                sha256: "a".repeat(64),
                bytes: 120_000,
                width: 1600,
                height: 1200,
                caption: String::new(),
            }],
            indicators: Indicators::default(),
            notes: String::new(),
        }
    }

    #[test]
    fn nested_items_are_checked_with_their_path() {
        assert_eq!(visit().validate(), Ok(()));
        let mut v = visit();
        v.follow_ups[0].owner.clear();
        v.difficulties[0].description.clear();
        v.photos[0].sha256 = "XYZ".into();
        let errs = v.validate().unwrap_err();
        assert!(errs.field("follow_ups.0.owner").is_some());
        assert!(errs.field("difficulties.0.description").is_some());
        assert!(errs.field("photos.0").is_some());
    }

    #[test]
    fn photo_size_is_capped() {
        let mut v = visit();
        v.photos[0].bytes = MAX_PHOTO_BYTES + 1;
        assert!(v.validate().is_err());
    }
}
