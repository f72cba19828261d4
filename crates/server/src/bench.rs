//! `seed-bench`: deterministic generated positions (and the employers they
//! need) for benchmarks, written as admin pushes through the normal store
//! path (validation, write lock, history, idempotency).
//!
//! Records come from [`domain::demo`] with a fixed seed, and mutation ids are
//! derived from record ids, so running it twice yields duplicates, not twice
//! the data.

use domain::collection::{Collection, Role};
use domain::demo::{generate_employers, generate_positions};
use domain::ids::{MutationId, RecordId};
use domain::records::{encode, RecordData};
use domain::sync::{Mutation, Op, Status};
use uuid::Uuid;

use crate::apply::PreparedMutation;
use crate::clock;
use crate::store::Store;

/// Positions per generated employer.
pub const POSITIONS_PER_EMPLOYER: usize = 10;
/// Seed of the generator (any fixed value).
pub const BENCH_SEED: u64 = 20_261_126;

/// A stable mutation id for writing `record` in `seed-bench`.
fn mutation_id(record: RecordId) -> MutationId {
    // Distinct from the record id, stable across runs.
    let salt: u128 = 0x7365_6564_2d62_656e_6368_0000_0000_0000; // "seed-bench"
    MutationId::from_uuid(Uuid::from_u128(record.as_uuid().as_u128() ^ salt))
}

fn upsert<T: RecordData>(id: RecordId, record: &T) -> PreparedMutation {
    PreparedMutation::new(Mutation {
        mutation_id: mutation_id(id),
        collection: T::COLLECTION,
        id,
        base_rev: 0,
        op: Op::Upsert,
        data: encode(record),
        updated_at: clock::now(),
    })
}

/// Summary of a `seed-bench` run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BenchSeeded {
    /// Employers written now.
    pub employers: usize,
    /// Positions written now.
    pub positions: usize,
    /// Mutations that an earlier run had applied already.
    pub duplicates: usize,
}

/// Writes `positions` generated positions and the employers they need.
pub async fn seed_positions<S: Store>(store: &S, positions: usize) -> anyhow::Result<BenchSeeded> {
    let employers = generate_employers(positions.div_ceil(POSITIONS_PER_EMPLOYER), BENCH_SEED, &[]);
    let employer_ids: Vec<RecordId> = employers.iter().map(|(id, _)| *id).collect();
    let generated = generate_positions(positions, BENCH_SEED, &employer_ids, &[]);
    let work = employers
        .iter()
        .map(|(id, e)| upsert(*id, e))
        .chain(generated.iter().map(|(id, p)| upsert(*id, p)));
    let work: Vec<PreparedMutation> = work.collect();
    let mut summary = BenchSeeded::default();
    for chunk in work.chunks(domain::sync::PUSH_MAX_MUTATIONS) {
        let results = store.put_mutations(Some(Role::Admin), chunk).await?;
        for (m, result) in chunk.iter().zip(results) {
            match (result.status, m.mutation.collection) {
                (Status::Duplicate, _) => summary.duplicates += 1,
                (Status::Rejected, _) => anyhow::bail!(
                    "generated record rejected: {}",
                    result.error.unwrap_or_default()
                ),
                (_, Collection::Employers) => summary.employers += 1,
                _ => summary.positions += 1,
            }
        }
    }
    Ok(summary)
}
