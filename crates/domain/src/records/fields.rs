//! What record fields are called and how their stored values read, for the
//! places that show a field outside its own form. The conflict view names a
//! merge path such as `milestones[<id>].actual` as "里程碑「开工」 · 实际日期"
//! and shows `"building"` as "在建", not as codes.

use super::{
    DifficultyCategory, DifficultyStatus, Education, EnterpriseSize, FairKind, FollowUpStatus,
    ProjectLevel, ProjectStatus, Qualification, RevenueBand, Urgency,
};
use crate::collection::Collection;
use crate::lang::{Label, Lang, Text};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// One step of a merge path: a field, or an item of a list by its id.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Step<'a> {
    Field(&'a str),
    Item(&'a str),
}

/// Splits `a.b[id].c` into its steps.
fn steps(path: &str) -> Vec<Step<'_>> {
    let mut out = Vec::new();
    for part in path.split('.') {
        match part.split_once('[') {
            Some((field, rest)) => {
                if !field.is_empty() {
                    out.push(Step::Field(field));
                }
                out.push(Step::Item(rest.trim_end_matches(']')));
            }
            None => out.push(Step::Field(part)),
        }
    }
    out
}

/// The field names of a path without item ids: `milestones.actual`.
fn pattern(steps: &[Step<'_>]) -> String {
    steps
        .iter()
        .filter_map(|s| match s {
            Step::Field(f) => Some(*f),
            Step::Item(_) => None,
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// The label of a field pattern of a collection, if it has one.
pub fn field_label(collection: Collection, pattern: &str) -> Option<Text> {
    let own = match (collection, pattern) {
        (Collection::Fairs, "kind") => Text::new("形式", "Format"),
        (Collection::Fairs, "date") => Text::new("日期", "Date"),
        (Collection::Fairs, "start_time") => Text::new("开始时间", "Starts"),
        (Collection::Fairs, "end_time") => Text::new("结束时间", "Ends"),
        (Collection::Fairs, "venue") => Text::new("地点", "Venue"),
        (Collection::Fairs, "online_url") => Text::new("线上链接", "Online link"),
        (Collection::Fairs, "organiser") => Text::new("主办单位", "Organiser"),
        (Collection::Fairs, "sectors") => Text::new("行业", "Sectors"),
        (Collection::Employers, "fair_ids") => Text::new("参加的招聘会", "Fairs"),
        (Collection::Positions, "employer_id") => Text::new("用人单位", "Employer"),
        (Collection::Positions, "fair_id") => Text::new("招聘会", "Fair"),
        (Collection::Positions, "headcount") => Text::new("招聘人数", "Openings"),
        (Collection::Positions, "salary_min") => Text::new("最低月薪", "Minimum salary"),
        (Collection::Positions, "salary_max") => Text::new("最高月薪", "Maximum salary"),
        (Collection::Positions, "education") => Text::new("学历要求", "Education"),
        (Collection::Positions, "experience_years") => {
            Text::new("经验要求（年）", "Experience (years)")
        }
        (Collection::Positions, "benefits") => Text::new("福利", "Benefits"),
        (Collection::Positions, "posted_on") => Text::new("发布日期", "Posted on"),
        (Collection::PolicyCategories, "name_en") => Text::new("英文名称", "English name"),
        (Collection::PolicyCategories, "order") => Text::new("排序", "Order"),
        (Collection::Policies, "category_id") => Text::new("类别", "Category"),
        (Collection::Policies, "summary") => Text::new("摘要", "Summary"),
        (Collection::Policies, "eligibility") => Text::new("适用对象", "Who is eligible"),
        (Collection::Policies, "conditions") => Text::new("申报条件", "Conditions"),
        (Collection::Policies, "support") => Text::new("支持内容", "Support"),
        (Collection::Policies, "amount") => Text::new("支持金额", "Amount"),
        (Collection::Policies, "steps") => Text::new("办理流程", "How to apply"),
        (Collection::Policies, "documents") => Text::new("申报材料", "Documents"),
        (Collection::Policies, "valid_from") => Text::new("生效日期", "Valid from"),
        (Collection::Policies, "valid_until") => Text::new("有效期至", "Valid until"),
        (Collection::Policies, "department") => Text::new("主管部门", "Department"),
        (Collection::Enterprises, "credit_code") => {
            Text::new("统一社会信用代码", "Unified social credit code")
        }
        (Collection::Enterprises, "industry") => Text::new("行业", "Industry"),
        (Collection::Enterprises, "community") => {
            Text::new("所在村居/社区", "Village or community")
        }
        (Collection::Enterprises, "size") => Text::new("企业规模", "Size"),
        (Collection::Enterprises, "enrolled") => Text::new("纳统", "In statistics"),
        (Collection::Enterprises, "revenue_band") => Text::new("营收区间", "Revenue band"),
        (Collection::Enterprises, "annual_revenue") => Text::new("年营业收入", "Annual revenue"),
        (Collection::Enterprises, "employees") => Text::new("从业人数", "Employees"),
        (Collection::Enterprises, "insured_headcount") => {
            Text::new("参保人数", "Insured headcount")
        }
        (Collection::Enterprises, "founded_year") => Text::new("成立年份", "Year founded"),
        (Collection::Enterprises, "rd_spend") => Text::new("研发投入", "R&D spend"),
        (Collection::Enterprises, "export_volume") => Text::new("进出口额", "Import/export volume"),
        (Collection::Enterprises, "qualifications") => Text::new("资质", "Qualifications"),
        (Collection::Visits, "enterprise_id") => Text::new("企业", "Enterprise"),
        (Collection::Visits, "date") => Text::new("走访日期", "Visit date"),
        (Collection::Visits, "staff") => Text::new("走访人员", "Staff"),
        (Collection::Visits, "purpose") => Text::new("走访事由", "Purpose"),
        (Collection::Visits, "policies_presented") => Text::new("宣讲的政策", "Policies presented"),
        (Collection::Visits, "difficulties") => Text::new("困难诉求", "Difficulty"),
        (Collection::Visits, "difficulties.category") => Text::new("类别", "Category"),
        (Collection::Visits, "difficulties.urgency") => Text::new("紧急程度", "Urgency"),
        (Collection::Visits, "difficulties.status") => Text::new("状态", "Status"),
        (Collection::Visits, "difficulties.resolution") => Text::new("解决情况", "Resolution"),
        (Collection::Visits, "follow_ups") => Text::new("跟进事项", "Follow-up"),
        (Collection::Visits, "follow_ups.action") => Text::new("事项", "Action"),
        (Collection::Visits, "follow_ups.owner") => Text::new("责任人", "Owner"),
        (Collection::Visits, "follow_ups.due") => Text::new("期限", "Due"),
        (Collection::Visits, "follow_ups.status") => Text::new("状态", "Status"),
        (Collection::Visits, "follow_ups.history") => Text::new("跟进记录", "History"),
        (Collection::Visits, "indicators") => Text::new("企业指标", "Indicators"),
        (Collection::Visits, "indicators.output") => Text::new("产值", "Output"),
        (Collection::Visits, "indicators.revenue") => Text::new("营业收入", "Revenue"),
        (Collection::Visits, "indicators.employees") => Text::new("从业人数", "Employees"),
        (Collection::Visits, "indicators.export_volume") => {
            Text::new("进出口额", "Import/export volume")
        }
        (Collection::Projects, "level") => Text::new("项目类别", "Level"),
        (Collection::Projects, "owner_unit") => Text::new("责任单位", "Owner unit"),
        (Collection::Projects, "investment") => Text::new("总投资", "Investment"),
        (Collection::Projects, "status") => Text::new("项目状态", "Project status"),
        (Collection::Projects, "milestones") => Text::new("里程碑", "Milestone"),
        (Collection::Projects, "milestones.planned") => Text::new("计划日期", "Planned"),
        (Collection::Projects, "milestones.actual") => Text::new("实际日期", "Actual"),
        (Collection::Projects, "blockers") => Text::new("堵点问题", "Blocking issue"),
        (Collection::Projects, "blockers.department") => {
            Text::new("责任部门", "Responsible department")
        }
        (Collection::Projects, "blockers.raised_on") => Text::new("提出日期", "Raised on"),
        (Collection::Projects, "blockers.resolved") => Text::new("已解决", "Resolved"),
        (Collection::Projects, "updates") => Text::new("进展", "Progress update"),
        (Collection::Projects, "updates.date") => Text::new("日期", "Date"),
        (Collection::Projects, "updates.text") => Text::new("内容", "Text"),
        (Collection::Projects, "updates.author") => Text::new("填报人", "Author"),
        (Collection::Visits, "follow_ups.difficulty_id") => {
            Text::new("对应的困难", "For difficulty")
        }
        (Collection::Interests, "name") => Text::new("姓名", "Name"),
        (Collection::Interests, "employer_id") => Text::new("用人单位", "Employer"),
        (Collection::Interests, "created_at") => Text::new("登记时间", "Registered at"),
        (Collection::Interests, "position_id") => Text::new("岗位", "Position"),
        (Collection::Interests, "phone") => Text::new("手机号", "Mobile"),
        (Collection::Interests, "message") => Text::new("留言", "Message"),
        _ => return shared_label(pattern).or_else(|| nested_shared_label(pattern)),
    };
    Some(own)
}

/// Labels that mean the same in every collection.
fn shared_label(key: &str) -> Option<Text> {
    Some(match key {
        "name" => Text::new("名称", "Name"),
        "title" => Text::new("标题", "Title"),
        "description" => Text::new("说明", "Description"),
        "location" => Text::new("地点", "Location"),
        "contact_name" => Text::new("联系人", "Contact"),
        "contact_phone" => Text::new("联系电话", "Contact phone"),
        "notes" => Text::new("备注", "Notes"),
        "sample" => Text::new("示例数据", "Sample data"),
        "photos" => Text::new("照片", "Photos"),
        "sector" => Text::new("行业", "Sector"),
        _ => return None,
    })
}

/// A list item's field with a shared meaning (`milestones.name` is a name).
fn nested_shared_label(pattern: &str) -> Option<Text> {
    let (_, last) = pattern.rsplit_once('.')?;
    let shared_in_items = matches!(
        last,
        "name" | "title" | "description" | "location" | "notes" | "photos"
    );
    shared_in_items.then(|| shared_label(last)).flatten()
}

/// How a list item is called: its name, action, description or text,
/// shortened.
fn item_name(data: &Value, list: &str, id: &str) -> Option<String> {
    let item = data
        .get(list)?
        .as_array()?
        .iter()
        .find(|v| v.get("id").and_then(Value::as_str) == Some(id))?;
    let text = ["name", "action", "description", "text", "title"]
        .iter()
        .find_map(|k| {
            item.get(*k)
                .and_then(Value::as_str)
                .filter(|s| !s.trim().is_empty())
        })?;
    let short: String = text.chars().take(16).collect();
    Some(if short.chars().count() < text.chars().count() {
        format!("{short}…")
    } else {
        short
    })
}

/// A merge path as readable text, e.g. "里程碑「开工」 · 实际日期". `data` is
/// the record (for the names of list items). Unknown fields keep their key.
pub fn describe_path(collection: Collection, path: &str, data: &Value, lang: Lang) -> String {
    let steps = steps(path);
    let mut parts: Vec<String> = Vec::new();
    let mut fields: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < steps.len() {
        match steps[i] {
            Step::Field(f) => {
                fields.push(f);
                let label = field_label(collection, &fields.join("."))
                    .map_or_else(|| f.to_owned(), |t| t.get(lang).to_owned());
                match steps.get(i + 1) {
                    // Only top-level lists hold the data to name their items.
                    Some(Step::Item(id)) if fields.len() == 1 => {
                        parts.push(match item_name(data, f, id) {
                            Some(name) => match lang {
                                Lang::Zh => format!("{label}「{name}」"),
                                Lang::En => format!("{label} “{name}”"),
                            },
                            None => label,
                        });
                        i += 1;
                    }
                    _ => parts.push(label),
                }
            }
            Step::Item(_) => {}
        }
        i += 1;
    }
    parts.join(" · ")
}

fn enum_label<E: DeserializeOwned + Label>(value: &Value, lang: Lang) -> Option<String> {
    serde_json::from_value::<E>(value.clone())
        .ok()
        .map(|e| e.label(lang).to_owned())
}

/// A stored value of the field at `path` as readable text: enum codes as
/// their labels, yes/no for flags, lists joined, "—" for nothing.
pub fn describe_value(collection: Collection, path: &str, value: &Value, lang: Lang) -> String {
    let pattern = pattern(&steps(path));
    let label = match (collection, pattern.as_str()) {
        (Collection::Projects, "status") => enum_label::<ProjectStatus>(value, lang),
        (Collection::Projects, "level") => enum_label::<ProjectLevel>(value, lang),
        (Collection::Visits, "difficulties.category") => {
            enum_label::<DifficultyCategory>(value, lang)
        }
        (Collection::Visits, "difficulties.urgency") => enum_label::<Urgency>(value, lang),
        (Collection::Visits, "difficulties.status") => enum_label::<DifficultyStatus>(value, lang),
        (Collection::Visits, "follow_ups.status") => enum_label::<FollowUpStatus>(value, lang),
        (Collection::Enterprises, "size") => enum_label::<EnterpriseSize>(value, lang),
        (Collection::Enterprises, "revenue_band") => enum_label::<RevenueBand>(value, lang),
        (Collection::Enterprises, "qualifications") => value.as_array().map(|items| {
            items
                .iter()
                .map(|q| enum_label::<Qualification>(q, lang).unwrap_or_else(|| plain(q, lang)))
                .collect::<Vec<_>>()
                .join("、")
        }),
        (Collection::Positions, "education") => enum_label::<Education>(value, lang),
        (Collection::Fairs, "kind") => enum_label::<FairKind>(value, lang),
        _ => None,
    };
    label.unwrap_or_else(|| plain(value, lang))
}

/// Any JSON value as text.
fn plain(value: &Value, lang: Lang) -> String {
    match value {
        Value::Null => "—".into(),
        Value::Bool(b) => match (b, lang) {
            (true, Lang::Zh) => "是".into(),
            (false, Lang::Zh) => "否".into(),
            (true, Lang::En) => "yes".into(),
            (false, Lang::En) => "no".into(),
        },
        Value::String(s) if s.is_empty() => "—".into(),
        Value::String(s) => s.clone(),
        Value::Array(items) if items.is_empty() => "—".into(),
        Value::Array(items) => items
            .iter()
            .map(|v| plain(v, lang))
            .collect::<Vec<_>>()
            .join("、"),
        Value::Number(n) => n.to_string(),
        // A whole item (added on one side, edited on the other): its name.
        Value::Object(map) => ["name", "action", "description", "text", "title"]
            .iter()
            .find_map(|k| map.get(*k).and_then(Value::as_str))
            .map_or_else(|| Value::Object(map.clone()).to_string(), str::to_owned),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn project() -> Value {
        json!({
            "name": "通济新经济区产业园",
            "status": "building",
            "milestones": [
                {"id": "m1", "name": "开工", "planned": "2026-03-01"},
                {"id": "m2", "name": "", "planned": "2026-09-01"}
            ]
        })
    }

    #[test]
    fn paths_name_the_field_and_the_item() {
        let data = project();
        let zh = |p: &str| describe_path(Collection::Projects, p, &data, Lang::Zh);
        assert_eq!(zh("status"), "项目状态");
        assert_eq!(zh("milestones[m1].actual"), "里程碑「开工」 · 实际日期");
        // An item without a name, or no longer in the data: just the list.
        assert_eq!(zh("milestones[m2].planned"), "里程碑 · 计划日期");
        assert_eq!(zh("milestones[gone].planned"), "里程碑 · 计划日期");
        assert_eq!(
            describe_path(
                Collection::Projects,
                "milestones[m1].actual",
                &data,
                Lang::En
            ),
            "Milestone “开工” · Actual"
        );
        assert_eq!(
            describe_path(
                Collection::Visits,
                "indicators.revenue",
                &json!({}),
                Lang::Zh
            ),
            "企业指标 · 营业收入"
        );
        // A field this table does not know keeps its key rather than vanish.
        assert_eq!(zh("mystery_field"), "mystery_field");
    }

    /// Every key a record of each type serialises, and every key of its
    /// lists' items (where merge paths go), has a label: a field added later
    /// without one fails here.
    #[test]
    fn every_field_of_every_record_type_has_a_label() {
        let seeds = [
            (
                Collection::Fairs,
                include_str!("../../../server/seed/fairs.json"),
            ),
            (
                Collection::Employers,
                include_str!("../../../server/seed/employers.json"),
            ),
            (
                Collection::Positions,
                include_str!("../../../server/seed/positions.json"),
            ),
            (
                Collection::PolicyCategories,
                include_str!("../../../server/seed/policy_categories.json"),
            ),
            (
                Collection::Policies,
                include_str!("../../../server/seed/policies.json"),
            ),
            (
                Collection::Enterprises,
                include_str!("../../../server/seed/enterprises.json"),
            ),
            (
                Collection::Projects,
                include_str!("../../../server/seed/projects.json"),
            ),
        ];
        let mut records: Vec<(Collection, Value)> = Vec::new();
        for (collection, text) in seeds {
            let list: Vec<Value> = serde_json::from_str(text).unwrap();
            records.extend(list.into_iter().map(|v| (collection, v)));
        }
        // Not seeded: one written the way the app writes them (serde fills in
        // every field, so a new one shows up here too).
        let visit: super::super::Visit = serde_json::from_value(json!({
            "enterprise_id": "0190a000-0000-7000-8000-000000000001", "date": "2026-11-20",
            "staff": "王磊",
            "difficulties": [{"id": "0190a000-0000-7000-8000-000000000002", "category": "labour",
                "urgency": "high", "description": "缺缝纫工", "status": "open"}],
            "follow_ups": [{"id": "0190a000-0000-7000-8000-000000000003", "action": "对接招聘会",
                "owner": "李娜", "due": "2026-12-01", "status": "open"}]
        }))
        .unwrap();
        records.push((Collection::Visits, serde_json::to_value(visit).unwrap()));
        let interest: super::super::Interest = serde_json::from_value(json!({
            "position_id": "0190a000-0000-7000-8000-000000000004", "name": "张三",
            "phone": "13812345678", "created_at": "2026-11-26T10:00:00.000Z"
        }))
        .unwrap();
        records.push((
            Collection::Interests,
            serde_json::to_value(interest).unwrap(),
        ));

        let mut seen = 0;
        for (collection, data) in &records {
            let Value::Object(map) = data else {
                panic!("{collection:?} is not an object")
            };
            for (key, value) in map.iter().filter(|(k, _)| *k != "id") {
                assert!(
                    field_label(*collection, key).is_some(),
                    "{collection:?}.{key} has no label"
                );
                seen += 1;
                let items = value
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_object);
                for item in items.filter(|i| i.contains_key("id")) {
                    for sub in item.keys().filter(|k| *k != "id") {
                        let pattern = format!("{key}.{sub}");
                        assert!(
                            field_label(*collection, &pattern).is_some(),
                            "{collection:?}.{pattern} has no label"
                        );
                    }
                }
            }
        }
        assert!(
            seen > 80,
            "the seeds hold every record type ({seen} fields)"
        );
    }

    #[test]
    fn values_read_as_labels_not_codes() {
        let v = |c, p: &str, value: Value| describe_value(c, p, &value, Lang::Zh);
        assert_eq!(
            v(Collection::Projects, "status", json!("building")),
            ProjectStatus::Building.label(Lang::Zh)
        );
        assert_eq!(
            v(
                Collection::Visits,
                "difficulties[d1].urgency",
                json!("high")
            ),
            Urgency::High.label(Lang::Zh)
        );
        assert_eq!(
            v(Collection::Visits, "follow_ups[f1].status", json!("done")),
            "已完成"
        );
        assert_eq!(v(Collection::Enterprises, "enrolled", json!(true)), "是");
        assert_eq!(v(Collection::Enterprises, "notes", json!("")), "—");
        assert_eq!(
            v(
                Collection::Positions,
                "benefits",
                json!(["五险一金", "包吃住"])
            ),
            "五险一金、包吃住"
        );
        // An unknown code is shown as stored, never dropped.
        assert_eq!(v(Collection::Projects, "status", json!("paused")), "paused");
    }
}
