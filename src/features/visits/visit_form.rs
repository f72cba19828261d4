//! The visit form's state: one signal per input or list, read into a
//! `domain::forms::VisitDraft` (autosaved as-is, converted on save).

use domain::forms::{FollowUpDraft, VisitDraft};
use domain::ids::RecordId;
use domain::records::{
    Difficulty, DifficultyCategory, DifficultyStatus, FollowUpStatus, PhotoRef, Urgency,
};
use domain::time::Date;
use leptos::prelude::*;

/// The form's state.
#[derive(Clone, Copy)]
pub struct VisitForm {
    /// The enterprise visited.
    pub enterprise_id: RwSignal<Option<RecordId>>,
    /// Day of the visit (`YYYY-MM-DD` from the date input).
    pub date: RwSignal<String>,
    /// Staff.
    pub staff: RwSignal<String>,
    /// Purpose.
    pub purpose: RwSignal<String>,
    /// Guides presented.
    pub policies: RwSignal<Vec<RecordId>>,
    /// Difficulties raised.
    pub difficulties: RwSignal<Vec<Difficulty>>,
    /// Follow-up actions.
    pub follow_ups: RwSignal<Vec<FollowUpDraft>>,
    /// Photos.
    pub photos: RwSignal<Vec<PhotoRef>>,
    /// Output, 万元.
    pub output: RwSignal<String>,
    /// Revenue, 万元.
    pub revenue: RwSignal<String>,
    /// Employees.
    pub employees: RwSignal<String>,
    /// Import/export, 万元.
    pub export_volume: RwSignal<String>,
    /// Notes.
    pub notes: RwSignal<String>,
}

impl VisitForm {
    /// A form showing a draft.
    pub fn new(d: VisitDraft) -> Self {
        VisitForm {
            enterprise_id: RwSignal::new(d.enterprise_id),
            date: RwSignal::new(d.date),
            staff: RwSignal::new(d.staff),
            purpose: RwSignal::new(d.purpose),
            policies: RwSignal::new(d.policies_presented),
            difficulties: RwSignal::new(d.difficulties),
            follow_ups: RwSignal::new(d.follow_ups),
            photos: RwSignal::new(d.photos),
            output: RwSignal::new(d.output),
            revenue: RwSignal::new(d.revenue),
            employees: RwSignal::new(d.employees),
            export_volume: RwSignal::new(d.export_volume),
            notes: RwSignal::new(d.notes),
        }
    }

    /// What is typed now (tracked: an effect reading it re-runs on any change).
    pub fn draft(&self) -> VisitDraft {
        VisitDraft {
            enterprise_id: self.enterprise_id.get(),
            date: self.date.get(),
            staff: self.staff.get(),
            purpose: self.purpose.get(),
            policies_presented: self.policies.get(),
            difficulties: self.difficulties.get(),
            follow_ups: self.follow_ups.get(),
            photos: self.photos.get(),
            output: self.output.get(),
            revenue: self.revenue.get(),
            employees: self.employees.get(),
            export_volume: self.export_volume.get(),
            notes: self.notes.get(),
        }
    }
}

/// A new visit's starting point.
pub fn fresh(enterprise_id: Option<RecordId>, staff: String, today: Date) -> VisitDraft {
    VisitDraft {
        enterprise_id,
        date: today.to_string(),
        staff,
        ..VisitDraft::default()
    }
}

/// An empty difficulty row (a new item id, as the merge needs).
pub fn new_difficulty() -> Difficulty {
    Difficulty {
        id: RecordId::generate(),
        category: DifficultyCategory::Labour,
        urgency: Urgency::Medium,
        description: String::new(),
        status: DifficultyStatus::Open,
        resolution: String::new(),
    }
}

/// An empty follow-up row, owned by `owner` and due in a week.
pub fn new_follow_up(owner: String, today: Date) -> FollowUpDraft {
    FollowUpDraft {
        id: RecordId::generate(),
        action: String::new(),
        owner,
        due: today.add_days(7).to_string(),
        status: FollowUpStatus::Open,
        difficulty_id: None,
        history: Vec::new(),
    }
}

/// Changes one row of a list, found by item id.
pub fn edit_row<T: 'static + Send + Sync>(
    rows: RwSignal<Vec<T>>,
    id: RecordId,
    item_id: fn(&T) -> RecordId,
    change: impl FnOnce(&mut T),
) {
    rows.update(|list| {
        if let Some(row) = list.iter_mut().find(|r| item_id(r) == id) {
            change(row);
        }
    });
}

/// The position of a row (for its error keys and its number), if present.
pub fn row_index<T: 'static + Send + Sync>(
    rows: RwSignal<Vec<T>>,
    id: RecordId,
    item_id: fn(&T) -> RecordId,
) -> Option<usize> {
    rows.with(|list| list.iter().position(|r| item_id(r) == id))
}
