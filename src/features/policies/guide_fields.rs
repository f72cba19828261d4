//! The guide editor's inputs as signals, filled from and read back into a
//! `GuideForm` (the domain's form data).

use super::condition_editor::{entries, RowEntry};
use domain::policy::form::{AmountForm, AmountKind, GuideForm};
use leptos::prelude::*;

/// One signal per input.
#[derive(Clone, Copy)]
pub struct GuideFields {
    pub category_id: RwSignal<String>,
    pub title: RwSignal<String>,
    pub summary: RwSignal<String>,
    pub eligibility: RwSignal<String>,
    pub rows: RwSignal<Vec<RowEntry>>,
    pub support: RwSignal<String>,
    pub amount_kind: RwSignal<AmountKind>,
    pub amount_first: RwSignal<String>,
    pub amount_second: RwSignal<String>,
    pub steps: RwSignal<String>,
    pub documents: RwSignal<String>,
    pub valid_from: RwSignal<String>,
    pub valid_until: RwSignal<String>,
    pub department: RwSignal<String>,
    pub contact_phone: RwSignal<String>,
}

impl GuideFields {
    /// Inputs showing a form.
    pub fn new(form: &GuideForm) -> GuideFields {
        let s = |v: &String| RwSignal::new(v.clone());
        GuideFields {
            category_id: s(&form.category_id),
            title: s(&form.title),
            summary: s(&form.summary),
            eligibility: s(&form.eligibility),
            rows: RwSignal::new(entries(form.conditions.clone())),
            support: s(&form.support),
            amount_kind: RwSignal::new(form.amount.kind),
            amount_first: s(&form.amount.first),
            amount_second: s(&form.amount.second),
            steps: s(&form.steps),
            documents: s(&form.documents),
            valid_from: s(&form.valid_from),
            valid_until: s(&form.valid_until),
            department: s(&form.department),
            contact_phone: s(&form.contact_phone),
        }
    }

    /// Puts a whole form back into the inputs (discarding a draft).
    pub fn fill(&self, form: &GuideForm) {
        self.category_id.set(form.category_id.clone());
        self.title.set(form.title.clone());
        self.summary.set(form.summary.clone());
        self.eligibility.set(form.eligibility.clone());
        self.rows.set(entries(form.conditions.clone()));
        self.support.set(form.support.clone());
        self.amount_kind.set(form.amount.kind);
        self.amount_first.set(form.amount.first.clone());
        self.amount_second.set(form.amount.second.clone());
        self.steps.set(form.steps.clone());
        self.documents.set(form.documents.clone());
        self.valid_from.set(form.valid_from.clone());
        self.valid_until.set(form.valid_until.clone());
        self.department.set(form.department.clone());
        self.contact_phone.set(form.contact_phone.clone());
    }

    /// What the inputs hold, tracking every one of them (for autosave).
    pub fn read(&self) -> GuideForm {
        GuideForm {
            category_id: self.category_id.get(),
            title: self.title.get(),
            summary: self.summary.get(),
            eligibility: self.eligibility.get(),
            conditions: self.rows.with(|r| r.iter().map(|e| e.row.get()).collect()),
            support: self.support.get(),
            amount: AmountForm {
                kind: self.amount_kind.get(),
                first: self.amount_first.get(),
                second: self.amount_second.get(),
            },
            steps: self.steps.get(),
            documents: self.documents.get(),
            valid_from: self.valid_from.get(),
            valid_until: self.valid_until.get(),
            department: self.department.get(),
            contact_phone: self.contact_phone.get(),
        }
    }
}
