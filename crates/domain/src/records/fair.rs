//! Job fairs and the employers taking part.

use super::RecordData;
use crate::collection::Collection;
use crate::ids::RecordId;
use crate::lang::{Label, Lang, Text};
use crate::time::{Date, TimeOfDay};
use crate::validate::{Checker, Problem, ValidationResult, LONG_TEXT, SHORT_TEXT};
use serde::{Deserialize, Serialize};

/// The kind of a fair, as the office runs them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FairKind {
    /// 春风送岗 spring fair.
    Spring,
    /// 高校毕业生就业双选会.
    Graduate,
    /// 先进制造业专场.
    Manufacturing,
    /// 纺织服装业专场.
    Textile,
    /// 服务业专场 (held online).
    Service,
    /// Any other fair.
    Other,
}

impl Label for FairKind {
    fn label(&self, lang: Lang) -> &'static str {
        let t = match self {
            FairKind::Spring => Text::new("春风送岗", "Spring fair"),
            FairKind::Graduate => Text::new("高校毕业生双选", "Graduate fair"),
            FairKind::Manufacturing => Text::new("先进制造业", "Advanced manufacturing"),
            FairKind::Textile => Text::new("纺织服装", "Textile & garment"),
            FairKind::Service => Text::new("服务业", "Services"),
            FairKind::Other => Text::new("其他", "Other"),
        };
        t.get(lang)
    }
}

/// A job fair.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fair {
    /// Name, e.g. 2026年春风送岗招聘会.
    pub name: String,
    /// Kind.
    pub kind: FairKind,
    /// Day of the fair (China Standard Time).
    pub date: Date,
    /// Opening time.
    pub start_time: TimeOfDay,
    /// Closing time.
    pub end_time: TimeOfDay,
    /// Venue address; empty for online fairs.
    #[serde(default)]
    pub venue: String,
    /// Link for online fairs; empty otherwise.
    #[serde(default)]
    pub online_url: String,
    /// Organiser.
    pub organiser: String,
    /// Sectors covered.
    #[serde(default)]
    pub sectors: Vec<String>,
    /// Free description.
    #[serde(default)]
    pub description: String,
    /// Sample content until an admin edits it.
    #[serde(default)]
    pub sample: bool,
}

impl Fair {
    /// Whether the fair is held online.
    pub fn is_online(&self) -> bool {
        !self.online_url.trim().is_empty()
    }
}

impl RecordData for Fair {
    const COLLECTION: Collection = Collection::Fairs;

    fn validate(&self) -> ValidationResult {
        let mut c = Checker::default();
        c.required("name", Text::new("名称", "Name"), &self.name, SHORT_TEXT);
        c.required(
            "organiser",
            Text::new("主办单位", "Organiser"),
            &self.organiser,
            SHORT_TEXT,
        );
        c.max_len("venue", Text::new("地点", "Venue"), &self.venue, 200);
        c.url(
            "online_url",
            Text::new("线上链接", "Online link"),
            &self.online_url,
        );
        if self.venue.trim().is_empty() && self.online_url.trim().is_empty() {
            c.fail(
                "venue",
                Text::new("地点或线上链接", "Venue or online link"),
                Problem::Required,
            );
        }
        if self.end_time < self.start_time {
            c.fail(
                "end_time",
                Text::new("结束时间", "Closing time"),
                Problem::EndBeforeStart,
            );
        }
        c.text_list("sectors", Text::new("行业", "Sectors"), &self.sectors, 30);
        c.max_len(
            "description",
            Text::new("简介", "Description"),
            &self.description,
            LONG_TEXT,
        );
        c.finish()
    }
}

/// An employer recruiting at one or more fairs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Employer {
    /// Company name.
    pub name: String,
    /// Industry / sector, e.g. 纺织服装.
    pub sector: String,
    /// Address or village/community.
    #[serde(default)]
    pub location: String,
    /// Short introduction.
    #[serde(default)]
    pub description: String,
    /// Contact person.
    #[serde(default)]
    pub contact_name: String,
    /// Contact phone (mobile or landline).
    #[serde(default)]
    pub contact_phone: String,
    /// Fairs the employer takes part in.
    #[serde(default)]
    pub fair_ids: Vec<RecordId>,
    /// Sample content until an admin edits it.
    #[serde(default)]
    pub sample: bool,
}

impl RecordData for Employer {
    const COLLECTION: Collection = Collection::Employers;

    fn validate(&self) -> ValidationResult {
        let mut c = Checker::default();
        c.required(
            "name",
            Text::new("单位名称", "Employer name"),
            &self.name,
            SHORT_TEXT,
        );
        c.required("sector", Text::new("行业", "Sector"), &self.sector, 30);
        c.max_len(
            "location",
            Text::new("地址", "Location"),
            &self.location,
            200,
        );
        c.max_len(
            "description",
            Text::new("简介", "Description"),
            &self.description,
            LONG_TEXT,
        );
        c.max_len(
            "contact_name",
            Text::new("联系人", "Contact"),
            &self.contact_name,
            50,
        );
        c.contact_phone(
            "contact_phone",
            Text::new("联系电话", "Phone"),
            &self.contact_phone,
        );
        c.list_len(
            "fair_ids",
            Text::new("参加的招聘会", "Fairs"),
            self.fair_ids.len(),
        );
        c.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fair() -> Fair {
        Fair {
            name: "春风送岗招聘会".into(),
            kind: FairKind::Spring,
            date: Date::parse("2027-02-20").unwrap(),
            start_time: TimeOfDay::parse("09:00").unwrap(),
            end_time: TimeOfDay::parse("11:30").unwrap(),
            venue: "通济街道便民服务中心广场".into(),
            online_url: String::new(),
            organiser: "通济街道办事处".into(),
            sectors: vec!["纺织服装".into()],
            description: String::new(),
            sample: true,
        }
    }

    #[test]
    fn fair_needs_a_place_and_ordered_times() {
        assert_eq!(fair().validate(), Ok(()));
        let mut f = fair();
        f.venue.clear();
        assert!(f.validate().unwrap_err().field("venue").is_some());
        f.online_url = "https://example.org/live".into();
        assert_eq!(f.validate(), Ok(()));
        assert!(f.is_online());
        f.online_url = "javascript:alert(1)".into();
        assert!(f.validate().unwrap_err().field("online_url").is_some());
        let mut f = fair();
        f.end_time = TimeOfDay::parse("08:00").unwrap();
        assert_eq!(
            f.validate().unwrap_err().field("end_time").unwrap().problem,
            Problem::EndBeforeStart
        );
    }
}
