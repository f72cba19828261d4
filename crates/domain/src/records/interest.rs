//! A job seeker's registration of interest in a position (意向登记).

use super::RecordData;
use crate::collection::Collection;
use crate::ids::RecordId;
use crate::lang::Text;
use crate::time::Timestamp;
use crate::validate::{Checker, ValidationResult};
use serde::{Deserialize, Serialize};

/// A registration of interest. Anyone may create one; only staff can read them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Interest {
    /// The position.
    pub position_id: RecordId,
    /// The position's employer, so staff can list registrations per employer.
    #[serde(default)]
    pub employer_id: Option<RecordId>,
    /// Job seeker's name.
    pub name: String,
    /// Mainland mobile number.
    pub phone: String,
    /// Optional message to the employer.
    #[serde(default)]
    pub message: String,
    /// When the job seeker submitted it (device time).
    pub created_at: Timestamp,
}

impl RecordData for Interest {
    const COLLECTION: Collection = Collection::Interests;

    fn validate(&self) -> ValidationResult {
        let mut c = Checker::default();
        c.required("name", Text::new("姓名", "Name"), &self.name, 30);
        c.mobile("phone", Text::new("手机号", "Mobile number"), &self.phone);
        c.max_len("message", Text::new("留言", "Message"), &self.message, 500);
        c.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn needs_name_and_mobile() {
        let mut i = Interest {
            position_id: RecordId::generate(),
            employer_id: None,
            name: "李娜".into(),
            phone: "13912345678".into(),
            message: String::new(),
            created_at: Timestamp::from_millis(0),
        };
        assert_eq!(i.validate(), Ok(()));
        i.name = " ".into();
        i.phone = "0532-88888888".into();
        let errs = i.validate().unwrap_err();
        assert!(errs.field("name").is_some() && errs.field("phone").is_some());
    }
}
