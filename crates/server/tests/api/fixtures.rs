//! Request bodies and valid records of every collection for the tests.

use domain::collection::Collection;
use domain::records::validate_data;
use serde_json::{json, Value};

/// A mutation message.
pub fn mutation(
    collection: Collection,
    id: &str,
    base_rev: u64,
    op: &str,
    data: Value,
    updated_at: &str,
) -> Value {
    json!({
        "mutation_id": uuid::Uuid::now_v7().to_string(),
        "collection": collection.as_str(),
        "id": id,
        "base_rev": base_rev,
        "op": op,
        "data": data,
        "updated_at": updated_at,
    })
}

pub fn upsert(collection: Collection, id: &str, base_rev: u64, data: Value) -> Value {
    mutation(
        collection,
        id,
        base_rev,
        "upsert",
        data,
        "2026-11-26T10:00:00.000Z",
    )
}

pub fn delete(collection: Collection, id: &str, base_rev: u64) -> Value {
    mutation(
        collection,
        id,
        base_rev,
        "delete",
        Value::Null,
        "2026-11-26T10:00:00.000Z",
    )
}

pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

fn first_seed(text: &str) -> Value {
    let mut items: Vec<Value> = serde_json::from_str(text).expect("seed file");
    let mut item = items.drain(..).next().expect("seed file has a record");
    item.as_object_mut().expect("object").remove("id");
    item
}

/// A valid record of each collection.
pub fn valid(collection: Collection) -> Value {
    let any_id = "01936f3e-7a3c-7cc0-8000-000000000001";
    let data = match collection {
        Collection::Fairs => {
            json!({"name": "春风送岗招聘会", "kind": "spring", "date": "2027-02-20",
            "start_time": "09:00", "end_time": "11:30", "venue": "通济街道便民服务中心", "organiser": "通济街道办事处"})
        }
        Collection::Employers => json!({"name": "青岛即发集团", "sector": "纺织服装"}),
        Collection::Positions => {
            json!({"employer_id": any_id, "title": "缝纫工", "sector": "纺织服装",
            "headcount": 5, "salary_min": 4000, "salary_max": 6000, "education": "any",
            "location": "小李村", "posted_on": "2026-11-01"})
        }
        Collection::PolicyCategories => {
            first_seed(include_str!("../../seed/policy_categories.json"))
        }
        Collection::Policies => first_seed(include_str!("../../seed/policies.json")),
        Collection::Enterprises => first_seed(include_str!("../../seed/enterprises.json")),
        Collection::Projects => first_seed(include_str!("../../seed/projects.json")),
        Collection::Visits => {
            json!({"enterprise_id": any_id, "date": "2026-11-20", "staff": "王芳"})
        }
        Collection::Interests => {
            json!({"position_id": any_id, "name": "张三", "phone": "13812345678",
            "message": "", "created_at": "2026-11-26T10:00:00.000Z"})
        }
    };
    if let Err(e) = validate_data(collection, &data) {
        panic!("fixture for {collection} is invalid: {}", e.bilingual());
    }
    data
}
