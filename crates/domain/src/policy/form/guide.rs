//! The guide editor's form: texts as typed, steps and documents one per
//! line, dates as `YYYY-MM-DD`, structured condition rows and the amount rule.

use super::{AmountForm, ConditionRow};
use crate::ids::RecordId;
use crate::lang::Text;
use crate::records::{Policy, RecordData};
use crate::time::Date;
use crate::validate::{Checker, Problem, ValidationErrors};
use serde::{Deserialize, Serialize};

/// A guide as edited.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GuideForm {
    /// Category id (from a select).
    pub category_id: String,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Who is eligible, in words.
    pub eligibility: String,
    /// Conditions as rows.
    pub conditions: Vec<ConditionRow>,
    /// Support, in words.
    pub support: String,
    /// The amount rule.
    pub amount: AmountForm,
    /// How to apply, one step per line.
    pub steps: String,
    /// Documents needed, one per line.
    pub documents: String,
    /// Valid from (`YYYY-MM-DD` or empty).
    pub valid_from: String,
    /// Valid until (`YYYY-MM-DD` or empty for open-ended).
    pub valid_until: String,
    /// Department.
    pub department: String,
    /// Contact phone.
    pub contact_phone: String,
}

/// Lines of a list field, trimmed, blank ones dropped, and a leading
/// number the user typed ("1.", "2、", "（3）") removed, because the page
/// numbers the steps itself.
pub(crate) fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| strip_number(line.trim()).trim().to_owned())
        .filter(|line| !line.is_empty())
        .collect()
}

fn strip_number(line: &str) -> &str {
    let inner = line
        .strip_prefix(['(', '（'])
        .map(|rest| rest.trim_start_matches(|c: char| c.is_ascii_digit()))
        .and_then(|rest| rest.strip_prefix([')', '）']));
    if let Some(rest) = inner {
        return rest;
    }
    let digits = line.trim_start_matches(|c: char| c.is_ascii_digit());
    if digits.len() == line.len() {
        return line;
    }
    match digits.strip_prefix(['.', '、', '．', ')', '）']) {
        // "2.5 万元" is a figure, not step 2.
        Some(rest) if !rest.starts_with(|c: char| c.is_ascii_digit()) => rest,
        _ => line,
    }
}

fn date(c: &mut Checker, field: &str, label: Text, text: &str) -> Option<Date> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    match Date::parse(t) {
        Ok(d) => Some(d),
        Err(_) => {
            c.fail(field, label, Problem::Date);
            None
        }
    }
}

impl GuideForm {
    /// The form showing an existing guide.
    pub fn from_policy(p: &Policy) -> GuideForm {
        GuideForm {
            category_id: p.category_id.to_string(),
            title: p.title.clone(),
            summary: p.summary.clone(),
            eligibility: p.eligibility.clone(),
            conditions: p
                .conditions
                .iter()
                .map(ConditionRow::from_condition)
                .collect(),
            support: p.support.clone(),
            amount: AmountForm::from_amount(p.amount.as_ref()),
            steps: p.steps.join("\n"),
            documents: p.documents.join("\n"),
            valid_from: p.valid_from.map(|d| d.to_string()).unwrap_or_default(),
            valid_until: p.valid_until.map(|d| d.to_string()).unwrap_or_default(),
            department: p.department.clone(),
            contact_phone: p.contact_phone.clone(),
        }
    }

    /// The guide the form describes, validated with the guide rules. An
    /// edited guide is no longer sample content, so `sample` is always false.
    /// Errors are keyed like [`Policy::validate`]'s (`conditions.2`,
    /// `amount`, `valid_until`), so one form shows both kinds.
    pub fn to_policy(&self) -> Result<Policy, ValidationErrors> {
        let mut c = Checker::default();
        let category_id = match self.category_id.trim().parse::<RecordId>() {
            Ok(id) => Some(id),
            Err(_) => {
                c.fail(
                    "category_id",
                    Text::new("政策类别", "Category"),
                    Problem::MissingReference,
                );
                None
            }
        };
        let mut conditions = Vec::with_capacity(self.conditions.len());
        for (i, row) in self.conditions.iter().enumerate() {
            match row.to_condition() {
                Ok(condition) => conditions.push(condition),
                Err(problem) => c.fail(
                    &format!("conditions.{i}"),
                    Text::new("条件", "Condition"),
                    problem,
                ),
            }
        }
        let amount = self.amount.to_amount().unwrap_or_else(|problem| {
            c.fail("amount", Text::new("金额规则", "Amount rule"), problem);
            None
        });
        let valid_from = date(
            &mut c,
            "valid_from",
            Text::new("有效期自", "Valid from"),
            &self.valid_from,
        );
        let valid_until = date(
            &mut c,
            "valid_until",
            Text::new("有效期至", "Valid until"),
            &self.valid_until,
        );
        let policy = Policy {
            // A placeholder only while other fields are still checked; an
            // invalid category never leaves this function.
            category_id: category_id.unwrap_or(RecordId::from_uuid(uuid::Uuid::nil())),
            title: self.title.trim().to_owned(),
            summary: self.summary.trim().to_owned(),
            eligibility: self.eligibility.trim().to_owned(),
            conditions,
            support: self.support.trim().to_owned(),
            amount,
            steps: lines(&self.steps),
            documents: lines(&self.documents),
            valid_from,
            valid_until,
            department: self.department.trim().to_owned(),
            contact_phone: self.contact_phone.trim().to_owned(),
            sample: false,
        };
        let parse_errors = c.finish().err().unwrap_or_default();
        let rule_errors = policy.validate().err().unwrap_or_default();
        // A field that did not parse is reported once, by the parser.
        let mut all = parse_errors.0;
        for e in rule_errors.0 {
            if !all.iter().any(|p| p.field == e.field) {
                all.push(e);
            }
        }
        if all.is_empty() {
            Ok(policy)
        } else {
            Err(ValidationErrors(all))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::form::{AmountKind, ConditionKind};
    use crate::policy::{Amount, Condition};
    use crate::records::Qualification;

    fn guide() -> Policy {
        Policy {
            category_id: "01936f3e-7a3c-7cc0-8000-000000000001".parse().unwrap(),
            title: "高新技术企业认定奖励".into(),
            summary: "对首次认定的高新技术企业给予奖励。（示例）".into(),
            eligibility: "首次通过认定的高新技术企业。".into(),
            conditions: vec![
                Condition::Qualification {
                    any_of: vec![Qualification::HighTech],
                },
                Condition::AnyOf {
                    conditions: vec![
                        Condition::Enrolled { required: true },
                        Condition::RevenueAtLeast { wan_yuan: 2000.0 },
                    ],
                },
            ],
            support: "首次认定奖励 10 万元".into(),
            amount: Some(Amount::Fixed { yuan: 100_000.0 }),
            steps: vec!["登录系统填报".into(), "提交材料".into(), "审核拨付".into()],
            documents: vec!["营业执照".into(), "高企证书".into()],
            valid_from: Some(Date::parse("2026-01-01").unwrap()),
            valid_until: Some(Date::parse("2026-12-10").unwrap()),
            department: "即墨区科学技术局".into(),
            contact_phone: "0532-88553160".into(),
            sample: true,
        }
    }

    #[test]
    fn a_guide_round_trips_and_loses_its_sample_mark() {
        let g = guide();
        let back = GuideForm::from_policy(&g).to_policy().unwrap();
        assert_eq!(back, Policy { sample: false, ..g });
    }

    #[test]
    fn list_fields_take_one_entry_per_line() {
        assert_eq!(
            lines("1. 领取申请表\n\n 2、填写并盖章 \n（3）报送街道\n4）公示\n2026 年起执行\n2.5 寸照片\n无编号"),
            ["领取申请表", "填写并盖章", "报送街道", "公示", "2026 年起执行", "2.5 寸照片", "无编号"]
        );
    }

    #[test]
    fn parse_and_rule_errors_arrive_together_per_field() {
        let mut f = GuideForm::from_policy(&guide());
        f.title = "  ".into();
        f.category_id = "nonsense".into();
        f.valid_from = "2026-13-01".into();
        f.valid_until = String::new();
        f.amount.kind = AmountKind::Range;
        f.amount.first = "9".into();
        f.amount.second = "1".into();
        f.conditions
            .push(ConditionRow::new(ConditionKind::InsuredAtLeast));
        f.contact_phone = "phone".into();
        let errors = f.to_policy().unwrap_err();
        for field in [
            "title",
            "category_id",
            "valid_from",
            "amount",
            "conditions.2",
            "contact_phone",
        ] {
            assert_eq!(
                errors.0.iter().filter(|e| e.field == field).count(),
                1,
                "{field}: {errors}"
            );
        }
        assert_eq!(
            errors.field("amount").unwrap().problem,
            Problem::MinAboveMax
        );
    }

    #[test]
    fn dates_in_the_wrong_order_are_refused_by_the_guide_rule() {
        let mut f = GuideForm::from_policy(&guide());
        f.valid_until = "2025-12-31".into();
        let errors = f.to_policy().unwrap_err();
        assert_eq!(
            errors.field("valid_until").unwrap().problem,
            Problem::EndBeforeStart
        );
    }

    #[test]
    fn drafts_serialise() {
        let f = GuideForm::from_policy(&guide());
        let json = serde_json::to_string(&f).unwrap();
        assert_eq!(serde_json::from_str::<GuideForm>(&json).unwrap(), f);
    }
}
