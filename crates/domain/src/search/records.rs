//! How each searchable record type maps to fields, decided once here so the
//! app's lists and any server-side search rank alike. Names of related
//! records (employer, category) are passed in: the index does not resolve
//! references.

use super::{Document, FieldKind};
use crate::ids::RecordId;
use crate::lang::{Label, Lang};
use crate::records::{Enterprise, Policy, Position, Project};

/// A position: title, employer, sector, location, one tag per benefit,
/// description.
pub fn position_document(id: RecordId, position: &Position, employer: &str) -> Document<RecordId> {
    Document::new(id)
        .field(FieldKind::Title, position.title.as_str())
        .field(FieldKind::Organization, employer)
        .field(FieldKind::Category, position.sector.as_str())
        .field(FieldKind::Location, position.location.as_str())
        .fields(FieldKind::Tag, position.benefits.iter().map(String::as_str))
        .field(FieldKind::Body, position.description.as_str())
}

/// A policy guide: title, department, category, one tag per document
/// needed, summary, then eligibility and support as body text.
pub fn policy_document(id: RecordId, policy: &Policy, category: &str) -> Document<RecordId> {
    Document::new(id)
        .field(FieldKind::Title, policy.title.as_str())
        .field(FieldKind::Organization, policy.department.as_str())
        .field(FieldKind::Category, category)
        .fields(FieldKind::Tag, policy.documents.iter().map(String::as_str))
        .field(FieldKind::Summary, policy.summary.as_str())
        .field(FieldKind::Body, policy.eligibility.as_str())
        .field(FieldKind::Body, policy.support.as_str())
}

/// An enterprise: name, industry, community, its qualifications (Chinese
/// labels) and credit code as tags, notes.
pub fn enterprise_document(id: RecordId, enterprise: &Enterprise) -> Document<RecordId> {
    Document::new(id)
        .field(FieldKind::Title, enterprise.name.as_str())
        .field(FieldKind::Category, enterprise.industry.as_str())
        .field(FieldKind::Location, enterprise.community.as_str())
        .fields(
            FieldKind::Tag,
            enterprise.qualifications.iter().map(|q| q.label(Lang::Zh)),
        )
        .field(FieldKind::Tag, enterprise.credit_code.as_str())
        .field(FieldKind::Body, enterprise.notes.as_str())
}

/// A key project: name, owner unit, level (Chinese label), location,
/// description.
pub fn project_document(id: RecordId, project: &Project) -> Document<RecordId> {
    Document::new(id)
        .field(FieldKind::Title, project.name.as_str())
        .field(FieldKind::Organization, project.owner_unit.as_str())
        .field(FieldKind::Category, project.level.label(Lang::Zh))
        .field(FieldKind::Location, project.location.as_str())
        .field(FieldKind::Body, project.description.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::{Education, ProjectLevel, ProjectStatus};
    use crate::search::SearchIndex;
    use crate::time::Date;

    fn position() -> Position {
        Position {
            employer_id: RecordId::generate(),
            fair_id: None,
            title: "平缝机工".into(),
            sector: "纺织服装".into(),
            headcount: 20,
            salary_min: 4000,
            salary_max: 6000,
            education: Education::Any,
            experience_years: 0,
            location: "小李村".into(),
            benefits: vec!["五险".into(), "包午餐".into()],
            description: "熟练操作平缝机".into(),
            contact_name: "王经理".into(),
            contact_phone: "0532-88512345".into(),
            posted_on: Date::parse("2026-11-20").unwrap(),
            sample: true,
        }
    }

    #[test]
    fn position_fields_and_search() {
        let id = RecordId::generate();
        let doc = position_document(id, &position(), "即发集团");
        let kinds: Vec<FieldKind> = doc.fields.iter().map(|f| f.kind).collect();
        use FieldKind::*;
        assert_eq!(
            kinds,
            [Title, Organization, Category, Location, Tag, Tag, Body]
        );
        let index = SearchIndex::build([doc]);
        for q in ["pfjg", "jifa", "xiaolicun", "包午餐", "fzfz"] {
            assert_eq!(
                index.search(q, 5).hits.first().map(|h| h.key),
                Some(id),
                "{q}"
            );
        }
        let hit = &index.search("baowu", 5).hits[0];
        assert_eq!(hit.highlights[0].field, 5, "the second benefit");
        assert!(index.search("五险 包午餐", 5).total == 1);
        assert!(
            index.search("王经理", 5).hits.is_empty(),
            "contacts are not indexed"
        );
    }

    #[test]
    fn enterprise_and_project_labels_are_searchable() {
        let enterprise: Enterprise = serde_json::from_value(serde_json::json!({
            "name": "青岛仁成海绵有限公司", "credit_code": "91370282MA3CCYLQ6H", "industry": "海绵制品",
            "community": "小李村", "qualifications": ["high_tech"]
        }))
        .unwrap_or_else(|e| panic!("enterprise fixture: {e}"));
        let id = RecordId::generate();
        let index = SearchIndex::build([enterprise_document(id, &enterprise)]);
        assert_eq!(index.search("gaoxin", 5).total, 1);
        assert_eq!(index.search("haimian", 5).total, 1);
        assert_eq!(index.search("MA3CC", 5).total, 1);

        let project = Project {
            name: "下泊安置区片区改造".into(),
            level: ProjectLevel::ALL[0],
            owner_unit: "通济街道".into(),
            location: "下泊社区".into(),
            investment: None,
            description: String::new(),
            status: ProjectStatus::ALL[0],
            milestones: vec![],
            blockers: vec![],
            updates: vec![],
            sample: true,
        };
        let pid = RecordId::generate();
        let index = SearchIndex::build([project_document(pid, &project)]);
        assert_eq!(index.search("xbaz", 5).total, 1);
        assert_eq!(
            index.search(ProjectLevel::ALL[0].label(Lang::Zh), 5).total,
            1
        );
    }
}
