//! Policy support categories and policy guides.

use super::RecordData;
use crate::collection::Collection;
use crate::ids::RecordId;
use crate::lang::Text;
use crate::policy::{Amount, Condition};
use crate::time::Date;
use crate::validate::{Checker, Problem, ValidationResult, LONG_TEXT, SHORT_TEXT};
use serde::{Deserialize, Serialize};

/// A support category (资金扶持, 人才补贴, ...). The list is data, editable by admins.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyCategory {
    /// Chinese name.
    pub name: String,
    /// English name.
    #[serde(default)]
    pub name_en: String,
    /// Display order.
    #[serde(default)]
    pub order: u32,
    /// One-line description.
    #[serde(default)]
    pub description: String,
    /// Sample content until an admin edits it.
    #[serde(default)]
    pub sample: bool,
}

impl RecordData for PolicyCategory {
    const COLLECTION: Collection = Collection::PolicyCategories;

    fn validate(&self) -> ValidationResult {
        let mut c = Checker::default();
        c.required(
            "name",
            Text::new("类别名称", "Category name"),
            &self.name,
            30,
        );
        c.max_len(
            "name_en",
            Text::new("英文名称", "English name"),
            &self.name_en,
            60,
        );
        c.max_len(
            "description",
            Text::new("说明", "Description"),
            &self.description,
            500,
        );
        c.finish()
    }
}

/// A policy guide (政策指南).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Its category.
    pub category_id: RecordId,
    /// Title.
    pub title: String,
    /// One-paragraph summary.
    #[serde(default)]
    pub summary: String,
    /// Who is eligible, in words.
    #[serde(default)]
    pub eligibility: String,
    /// Eligibility conditions as data, evaluated by the matcher.
    #[serde(default)]
    pub conditions: Vec<Condition>,
    /// What support is given, in words (amounts, rates, caps).
    pub support: String,
    /// Estimated amount, where the guide defines one.
    #[serde(default)]
    pub amount: Option<Amount>,
    /// How to apply, step by step.
    #[serde(default)]
    pub steps: Vec<String>,
    /// Documents needed.
    #[serde(default)]
    pub documents: Vec<String>,
    /// Valid from.
    #[serde(default)]
    pub valid_from: Option<Date>,
    /// Valid until (deadline); `None` = open-ended.
    #[serde(default)]
    pub valid_until: Option<Date>,
    /// Responsible department.
    pub department: String,
    /// Contact phone.
    #[serde(default)]
    pub contact_phone: String,
    /// Sample content (示例) until an admin edits it.
    #[serde(default)]
    pub sample: bool,
}

impl RecordData for Policy {
    const COLLECTION: Collection = Collection::Policies;

    fn validate(&self) -> ValidationResult {
        let mut c = Checker::default();
        c.required(
            "title",
            Text::new("政策名称", "Title"),
            &self.title,
            SHORT_TEXT,
        );
        c.max_len("summary", Text::new("摘要", "Summary"), &self.summary, 1000);
        c.max_len(
            "eligibility",
            Text::new("申报条件", "Eligibility"),
            &self.eligibility,
            LONG_TEXT,
        );
        c.list_len(
            "conditions",
            Text::new("条件", "Conditions"),
            self.conditions.len(),
        );
        // The matcher trusts these, so nonsense (a negative threshold, an
        // empty list of qualifications) is rejected here, on every push.
        for (i, condition) in self.conditions.iter().enumerate() {
            if let Err(problem) = condition.check() {
                c.fail(
                    &format!("conditions.{i}"),
                    Text::new("条件", "Condition"),
                    problem,
                );
            }
        }
        c.required(
            "support",
            Text::new("支持内容", "Support"),
            &self.support,
            LONG_TEXT,
        );
        if let Some(Err(problem)) = self.amount.as_ref().map(Amount::check) {
            c.fail("amount", Text::new("金额规则", "Amount rule"), problem);
        }
        c.text_list(
            "steps",
            Text::new("申报流程", "How to apply"),
            &self.steps,
            500,
        );
        c.text_list(
            "documents",
            Text::new("所需材料", "Documents"),
            &self.documents,
            200,
        );
        if let (Some(from), Some(until)) = (self.valid_from, self.valid_until) {
            if until < from {
                c.fail(
                    "valid_until",
                    Text::new("有效期至", "Valid until"),
                    Problem::EndBeforeStart,
                );
            }
        }
        c.required(
            "department",
            Text::new("主管部门", "Department"),
            &self.department,
            SHORT_TEXT,
        );
        c.contact_phone(
            "contact_phone",
            Text::new("咨询电话", "Contact phone"),
            &self.contact_phone,
        );
        c.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::validate_data;
    use serde_json::json;

    fn guide() -> serde_json::Value {
        json!({
            "category_id": "01936f3e-7a3c-7cc0-8000-000000000001",
            "title": "高新技术企业认定奖励",
            "conditions": [
                {"kind": "qualification", "any_of": ["high_tech"]},
                {"kind": "any_of", "conditions": [
                    {"kind": "enrolled", "required": true},
                    {"kind": "revenue_at_least", "wan_yuan": 2000}
                ]}
            ],
            "support": "首次认定奖励 10 万元",
            "amount": {"kind": "fixed", "yuan": 100000},
            "valid_from": "2026-01-01",
            "valid_until": "2026-12-10",
            "department": "即墨区科学技术局",
            "contact_phone": "0532-88553160",
            "sample": true
        })
    }

    #[test]
    fn a_guide_with_rules_validates() {
        assert_eq!(validate_data(Collection::Policies, &guide()), Ok(()));
    }

    #[test]
    fn nonsense_rules_are_rejected_on_the_field() {
        let mut g = guide();
        g["conditions"][1]["conditions"][1]["wan_yuan"] = json!(-5);
        g["amount"] = json!({"kind": "range", "min_yuan": 9, "max_yuan": 1});
        g["valid_until"] = json!("2025-12-31");
        let errors = validate_data(Collection::Policies, &g).unwrap_err();
        assert!(errors.field("conditions.1").is_some(), "{errors}");
        assert_eq!(
            errors.field("amount").unwrap().problem,
            Problem::MinAboveMax
        );
        assert_eq!(
            errors.field("valid_until").unwrap().problem,
            Problem::EndBeforeStart
        );
        let mut g = guide();
        g["conditions"][0] = json!({"kind": "qualification", "any_of": []});
        let errors = validate_data(Collection::Policies, &g).unwrap_err();
        assert_eq!(
            errors.field("conditions.0").unwrap().problem,
            Problem::Required
        );
        let mut g = guide();
        g["conditions"][0] = json!({"kind": "revenue_above", "wan_yuan": 1});
        assert!(
            validate_data(Collection::Policies, &g).is_err(),
            "unknown kinds are shape errors"
        );
    }
}
