//! `seed-bench`: deterministic generated positions (and their employers) for
//! benchmarks, written as admin pushes through the normal store path.
//!
//! Ids are derived from the index, so running it twice yields duplicates,
//! not twice the data. (When `domain` grows a demo-data generator, this can
//! use it instead.)

use domain::collection::{Collection, Role};
use domain::ids::{MutationId, RecordId};
use domain::sync::{Mutation, Op, Status};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::apply::PreparedMutation;
use crate::clock;
use crate::store::Store;

/// Positions per generated employer.
pub const POSITIONS_PER_EMPLOYER: u32 = 10;

const TITLES: [&str; 12] = [
    "平缝机工",
    "质检员",
    "仓库管理员",
    "电工",
    "叉车司机",
    "数控车床操作工",
    "销售代表",
    "会计",
    "外贸业务员",
    "厨师",
    "保洁员",
    "装配工",
];
const SECTORS: [&str; 5] = ["纺织服装", "先进制造", "物流", "服务业", "商贸"];
const PLACES: [&str; 6] = [
    "小李村",
    "通济新区",
    "下泊社区",
    "郭庄社区",
    "庄头村",
    "黄家埠",
];
const BENEFITS: [&str; 5] = ["五险一金", "包食宿", "年终奖", "带薪年假", "班车接送"];
const EDUCATION: [&str; 5] = ["any", "junior_high", "high_school", "associate", "bachelor"];

fn id(kind: u128, index: u32) -> Uuid {
    // Fixed prefix "bench" + kind + index: stable across runs.
    Uuid::from_u128((0x0062_656e_6368_u128 << 88) | (kind << 64) | u128::from(index))
}

/// The employer record for employer number `e`.
pub fn employer(e: u32) -> (RecordId, Value) {
    let sector = SECTORS[e as usize % SECTORS.len()];
    let data = json!({
        "name": format!("青岛测试企业{e:05}有限公司"),
        "sector": sector,
        "location": PLACES[e as usize % PLACES.len()],
        "description": "基准测试生成的企业 / generated for benchmarks",
        "contact_name": "王经理",
        "contact_phone": format!("0532-8{:07}", e % 10_000_000),
        "sample": true,
    });
    (RecordId::from_uuid(id(1, e)), data)
}

/// The position record number `p` (its employer is `p / POSITIONS_PER_EMPLOYER`).
pub fn position(p: u32) -> (RecordId, Value) {
    let employer_id = RecordId::from_uuid(id(1, p / POSITIONS_PER_EMPLOYER));
    let i = p as usize;
    let salary_min = 3000 + (p % 20) * 250;
    let data = json!({
        "employer_id": employer_id,
        "title": format!("{}（{}号）", TITLES[i % TITLES.len()], p),
        "sector": SECTORS[(i / 10) % SECTORS.len()],
        "headcount": 1 + p % 30,
        "salary_min": salary_min,
        "salary_max": salary_min + 1500 + (p % 7) * 300,
        "education": EDUCATION[i % EDUCATION.len()],
        "experience_years": p % 6,
        "location": PLACES[i % PLACES.len()],
        "benefits": [BENEFITS[i % BENEFITS.len()], BENEFITS[(i + 2) % BENEFITS.len()]],
        "description": "负责本岗位日常工作，服从安排，吃苦耐劳。",
        "contact_name": "李女士",
        "contact_phone": format!("138{:08}", p % 100_000_000),
        "posted_on": format!("2026-{:02}-{:02}", 1 + p % 12, 1 + p % 28),
        "sample": true,
    });
    (RecordId::from_uuid(id(2, p)), data)
}

fn mutation(
    kind: u128,
    index: u32,
    collection: Collection,
    id: RecordId,
    data: Value,
) -> PreparedMutation {
    PreparedMutation::new(Mutation {
        mutation_id: MutationId::from_uuid(self::id(kind + 8, index)),
        collection,
        id,
        base_rev: 0,
        op: Op::Upsert,
        data,
        updated_at: clock::now(),
    })
}

/// Summary of a `seed-bench` run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BenchSeeded {
    /// Employers written now.
    pub employers: u32,
    /// Positions written now.
    pub positions: u32,
    /// Mutations that had been applied by an earlier run.
    pub duplicates: u32,
}

/// Writes `positions` generated positions and the employers they need.
pub async fn seed_positions<S: Store>(store: &S, positions: u32) -> anyhow::Result<BenchSeeded> {
    let employers = positions.div_ceil(POSITIONS_PER_EMPLOYER);
    let mut summary = BenchSeeded::default();
    let work = (0..employers)
        .map(|e| {
            let (rid, data) = employer(e);
            (mutation(1, e, Collection::Employers, rid, data), true)
        })
        .chain((0..positions).map(|p| {
            let (rid, data) = position(p);
            (mutation(2, p, Collection::Positions, rid, data), false)
        }));
    for (m, is_employer) in work {
        let result = store.put_mutation(Some(Role::Admin), &m).await?;
        match result.status {
            Status::Applied | Status::Conflict if is_employer => summary.employers += 1,
            Status::Applied | Status::Conflict => summary.positions += 1,
            Status::Duplicate => summary.duplicates += 1,
            Status::Rejected => anyhow::bail!(
                "generated record rejected: {}",
                result.error.unwrap_or_default()
            ),
        }
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::records::validate_data;

    #[test]
    fn generated_records_validate_and_are_stable() {
        for p in [0, 1, 9, 10, 12345, 99_999] {
            let (id, data) = position(p);
            assert_eq!(
                validate_data(Collection::Positions, &data),
                Ok(()),
                "position {p}"
            );
            assert_eq!(position(p).0, id);
        }
        for e in [0, 7, 10_000] {
            assert_eq!(
                validate_data(Collection::Employers, &employer(e).1),
                Ok(()),
                "employer {e}"
            );
        }
        assert_ne!(position(1).0, position(2).0);
        assert_ne!(position(1).0, employer(1).0);
    }
}
