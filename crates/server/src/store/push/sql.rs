//! The statements of a pushed batch, written once for both backends.
//!
//! `QueryBuilder` spells each backend's placeholders, so the SQL is the same
//! text for both; a macro rather than a generic function instantiates it,
//! since sqlx's bounds for "any backend that binds strings, integers and
//! booleans" would have to be repeated on every function.

/// Implements [`super::PushTx`] for a backend's connection:
/// `impl_push_tx!(sqlx::Sqlite, sqlx::SqliteConnection, rows)`, where `rows`
/// is the backend's row mapping (`RECORD_COLUMNS` and `record`).
macro_rules! impl_push_tx {
    ($db:ty, $conn:ty, $rows:ident) => {
        impl $crate::store::push::PushTx for $conn {
            async fn seen(
                &mut self,
                ids: &[domain::ids::MutationId],
            ) -> $crate::store::StoreResult<
                std::collections::HashMap<domain::ids::MutationId, Option<u64>>,
            > {
                use sqlx::Row;
                let mut out = std::collections::HashMap::new();
                for chunk in ids.chunks($crate::store::push::ROWS_PER_STATEMENT) {
                    let mut q = sqlx::QueryBuilder::<$db>::new(
                        "SELECT mutation_id, rev FROM mutations WHERE mutation_id IN (",
                    );
                    let mut list = q.separated(", ");
                    for id in chunk {
                        list.push_bind(id.to_string());
                    }
                    q.push(")");
                    for row in q.build().fetch_all(&mut *self).await? {
                        let id: String = row.try_get("mutation_id")?;
                        let rev: Option<i64> = row.try_get("rev")?;
                        out.insert(
                            $crate::store::convert::mutation_id(&id)?,
                            rev.map($crate::store::convert::from_sql_int).transpose()?,
                        );
                    }
                }
                Ok(out)
            }

            async fn current(
                &mut self,
                keys: &[$crate::store::push::RecordKey],
            ) -> $crate::store::StoreResult<Vec<$crate::store::StoredRecord>> {
                let mut out = Vec::with_capacity(keys.len());
                // Keys come sorted, so each collection's ids are one run.
                for run in keys.chunk_by(|a, b| a.0 == b.0) {
                    for chunk in run.chunks($crate::store::push::ROWS_PER_STATEMENT) {
                        let mut q = sqlx::QueryBuilder::<$db>::new(format!(
                            "SELECT {} FROM records WHERE collection = ",
                            $rows::RECORD_COLUMNS
                        ));
                        q.push_bind(chunk[0].0.as_str()).push(" AND id IN (");
                        let mut list = q.separated(", ");
                        for (_, id) in chunk {
                            list.push_bind(id.to_string());
                        }
                        q.push(")");
                        for row in q.build().fetch_all(&mut *self).await? {
                            out.push($rows::record(&row)?);
                        }
                    }
                }
                Ok(out)
            }

            async fn versions(
                &mut self,
                keys: &[$crate::store::push::VersionKey],
            ) -> $crate::store::StoreResult<
                std::collections::HashMap<
                    $crate::store::push::VersionKey,
                    Option<serde_json::Value>,
                >,
            > {
                use sqlx::Row;
                // Only edits of an older revision need one: few, read one by one.
                let mut out = std::collections::HashMap::new();
                for &(collection, id, rev) in keys {
                    let mut q = sqlx::QueryBuilder::<$db>::new(
                        "SELECT data FROM record_versions WHERE collection = ",
                    );
                    q.push_bind(collection.as_str())
                        .push(" AND id = ")
                        .push_bind(id.to_string())
                        .push(" AND rev = ")
                        .push_bind($crate::store::convert::to_sql_int(rev)?);
                    if let Some(row) = q.build().fetch_optional(&mut *self).await? {
                        let data = $crate::store::convert::data(row.try_get("data")?)?;
                        out.insert((collection, id, rev), data);
                    }
                }
                Ok(out)
            }

            async fn next_seq(&mut self) -> $crate::store::StoreResult<u64> {
                let seq: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) + 1 FROM records")
                    .fetch_one(&mut *self)
                    .await?;
                $crate::store::convert::from_sql_int(seq)
            }

            async fn write(
                &mut self,
                plan: &$crate::store::push::Plan,
            ) -> $crate::store::StoreResult<()> {
                use $crate::store::convert::{data_text, to_sql_int};
                use $crate::store::push::ROWS_PER_STATEMENT;
                for chunk in plan.versions.chunks(ROWS_PER_STATEMENT) {
                    let mut q = sqlx::QueryBuilder::<$db>::new(
                        "INSERT INTO record_versions (collection, id, rev, updated_at, deleted, data) ",
                    );
                    let rows = chunk
                        .iter()
                        .map(|v| Ok((v, to_sql_int(v.rev)?)))
                        .collect::<$crate::store::StoreResult<Vec<_>>>()?;
                    q.push_values(rows, |mut b, (v, rev)| {
                        b.push_bind(v.collection.as_str())
                            .push_bind(v.id.to_string())
                            .push_bind(rev)
                            .push_bind(v.updated_at.millis())
                            .push_bind(v.deleted)
                            .push_bind(data_text(v.data.as_ref()));
                    });
                    q.push(
                        " ON CONFLICT (collection, id, rev) DO UPDATE SET updated_at = excluded.updated_at, \
                         deleted = excluded.deleted, data = excluded.data",
                    );
                    q.build().execute(&mut *self).await?;
                }
                for chunk in plan.latest().chunks(ROWS_PER_STATEMENT) {
                    let mut q = sqlx::QueryBuilder::<$db>::new(
                        "INSERT INTO records (collection, id, rev, seq, updated_at, deleted, data) ",
                    );
                    let rows = chunk
                        .iter()
                        .map(|v| Ok((*v, to_sql_int(v.rev)?, to_sql_int(v.seq)?)))
                        .collect::<$crate::store::StoreResult<Vec<_>>>()?;
                    q.push_values(rows, |mut b, (v, rev, seq)| {
                        b.push_bind(v.collection.as_str())
                            .push_bind(v.id.to_string())
                            .push_bind(rev)
                            .push_bind(seq)
                            .push_bind(v.updated_at.millis())
                            .push_bind(v.deleted)
                            .push_bind(data_text(v.data.as_ref()));
                    });
                    q.push(
                        " ON CONFLICT (collection, id) DO UPDATE SET rev = excluded.rev, seq = excluded.seq, \
                         updated_at = excluded.updated_at, deleted = excluded.deleted, data = excluded.data",
                    );
                    q.build().execute(&mut *self).await?;
                }
                for chunk in plan.remembered.chunks(ROWS_PER_STATEMENT) {
                    let mut q = sqlx::QueryBuilder::<$db>::new(
                        "INSERT INTO mutations (mutation_id, collection, record_id, status, rev, applied_at) ",
                    );
                    let rows = chunk
                        .iter()
                        .map(|r| Ok((r, r.rev.map(to_sql_int).transpose()?)))
                        .collect::<$crate::store::StoreResult<Vec<_>>>()?;
                    q.push_values(rows, |mut b, (r, rev)| {
                        b.push_bind(r.mutation_id.to_string())
                            .push_bind(r.collection.as_str())
                            .push_bind(r.record_id.to_string())
                            .push_bind($crate::apply::status_name(r.status))
                            .push_bind(rev)
                            .push_bind(r.applied_at.millis());
                    });
                    q.build().execute(&mut *self).await?;
                }
                Ok(())
            }
        }
    };
}

pub(crate) use impl_push_tx;
