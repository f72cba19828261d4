//! The category editor's form.

use super::whole_in;
use crate::lang::Text;
use crate::records::{PolicyCategory, RecordData};
use crate::validate::{Checker, Problem, ValidationErrors};
use serde::{Deserialize, Serialize};

/// A support category as edited.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CategoryForm {
    /// Chinese name.
    pub name: String,
    /// English name.
    pub name_en: String,
    /// Display order, as typed.
    pub order: String,
    /// One-line description.
    pub description: String,
}

impl CategoryForm {
    /// The form showing an existing category.
    pub fn from_category(c: &PolicyCategory) -> CategoryForm {
        CategoryForm {
            name: c.name.clone(),
            name_en: c.name_en.clone(),
            order: c.order.to_string(),
            description: c.description.clone(),
        }
    }

    /// The category the form describes, validated; edited means no longer
    /// sample content.
    pub fn to_category(&self) -> Result<PolicyCategory, ValidationErrors> {
        let mut c = Checker::default();
        let order = if self.order.trim().is_empty() {
            Ok(0)
        } else {
            whole_in(&self.order, 0, 999)
        };
        let order = order.unwrap_or_else(|problem: Problem| {
            c.fail("order", Text::new("显示顺序", "Display order"), problem);
            0
        });
        let category = PolicyCategory {
            name: self.name.trim().to_owned(),
            name_en: self.name_en.trim().to_owned(),
            order,
            description: self.description.trim().to_owned(),
            sample: false,
        };
        let mut all = c.finish().err().unwrap_or_default().0;
        all.extend(category.validate().err().unwrap_or_default().0);
        if all.is_empty() {
            Ok(category)
        } else {
            Err(ValidationErrors(all))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_errors() {
        let cat = PolicyCategory {
            name: "资金扶持".into(),
            name_en: "Funding support".into(),
            order: 1,
            description: "直接奖励与补助。".into(),
            sample: true,
        };
        let back = CategoryForm::from_category(&cat).to_category().unwrap();
        assert_eq!(
            back,
            PolicyCategory {
                sample: false,
                ..cat
            }
        );
        let bad = CategoryForm {
            name: " ".into(),
            order: "first".into(),
            ..CategoryForm::default()
        };
        let errors = bad.to_category().unwrap_err();
        assert!(errors.field("name").is_some() && errors.field("order").is_some());
    }
}
