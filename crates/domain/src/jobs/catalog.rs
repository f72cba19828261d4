//! The positions a job seeker browses, with their search index: built once
//! from the stored positions and employer names, then asked on every
//! keystroke or filter change.

use super::filter::{PositionFilter, SortOrder};
use crate::ids::RecordId;
use crate::records::Position;
use crate::search::{has_terms, position_document, Highlight, Narrowing, SearchIndex};
use std::collections::HashMap;
use std::ops::Range;

/// Field numbers of a position's search document (see
/// [`position_document`]): title, employer, sector, location, then one per
/// benefit, then the description.
pub mod field {
    /// The title.
    pub const TITLE: usize = 0;
    /// The employer's name.
    pub const EMPLOYER: usize = 1;
    /// The sector.
    pub const SECTOR: usize = 2;
    /// The location.
    pub const LOCATION: usize = 3;
    /// The first benefit.
    pub const FIRST_BENEFIT: usize = 4;
}

/// Every position with its employer's name, newest first, and the index
/// over them.
#[derive(Debug, Default)]
pub struct Catalog {
    positions: HashMap<RecordId, Position>,
    employers: HashMap<RecordId, String>,
    /// Ids, newest posted first (the order of an unsearched list).
    newest: Vec<RecordId>,
    index: SearchIndex<RecordId>,
}

/// One row of a list: a position and where the search matched it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListItem {
    /// The position.
    pub id: RecordId,
    /// Matched fields (empty without a search).
    pub highlights: Vec<Highlight>,
}

impl ListItem {
    /// Byte ranges to mark in field `field` (see [`field`]).
    pub fn ranges(&self, field: usize) -> &[Range<usize>] {
        self.highlights
            .iter()
            .find(|h| h.field == field)
            .map_or(&[], |h| h.ranges.as_slice())
    }
}

/// The answer to one query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Listing {
    /// The first rows, at most the limit asked for.
    pub items: Vec<ListItem>,
    /// How many positions match in all.
    pub total: usize,
}

impl Catalog {
    /// Builds the catalog; positions whose employer is unknown are indexed
    /// with an empty employer name.
    pub fn build(
        positions: impl IntoIterator<Item = (RecordId, Position)>,
        employers: impl IntoIterator<Item = (RecordId, String)>,
    ) -> Catalog {
        let employers: HashMap<RecordId, String> = employers.into_iter().collect();
        let positions: HashMap<RecordId, Position> = positions.into_iter().collect();
        let index = SearchIndex::build(positions.iter().map(|(id, p)| {
            let employer = employers.get(&p.employer_id).map_or("", String::as_str);
            position_document(*id, p, employer)
        }));
        let mut newest: Vec<RecordId> = positions.keys().copied().collect();
        PositionFilter::default().sort(&mut newest, |id| (*id, &positions[id]));
        Catalog {
            positions,
            employers,
            newest,
            index,
        }
    }

    /// Number of positions.
    pub fn len(&self) -> usize {
        self.positions.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.positions.is_empty()
    }

    /// A position by id.
    pub fn position(&self, id: RecordId) -> Option<&Position> {
        self.positions.get(&id)
    }

    /// An employer's name.
    pub fn employer_name(&self, id: RecordId) -> Option<&str> {
        self.employers.get(&id).map(String::as_str)
    }

    /// Every position, newest first.
    pub fn newest(&self) -> impl Iterator<Item = (RecordId, &Position)> {
        self.newest.iter().map(|id| (*id, &self.positions[id]))
    }

    /// The positions a filter keeps, at most `limit` of them, in its order.
    ///
    /// With search text, hits come ranked by `domain::search` (title first)
    /// unless another order is chosen; `typing` narrows the previous
    /// keystroke's hits. Filters and orders are applied inside the search
    /// (`search_ranked`), so only the returned rows get highlights.
    pub fn query(&self, filter: &PositionFilter, typing: &mut Narrowing, limit: usize) -> Listing {
        if !has_terms(&filter.q) {
            typing.reset();
            let mut total = 0;
            let mut items = Vec::new();
            let mut ids: Vec<RecordId> = self
                .newest
                .iter()
                .copied()
                .filter(|id| filter.matches(&self.positions[id]))
                .collect();
            if filter.sort == SortOrder::Salary {
                filter.sort(&mut ids, |id| (*id, &self.positions[id]));
            }
            for id in ids {
                total += 1;
                if items.len() < limit {
                    items.push(ListItem {
                        id,
                        highlights: Vec::new(),
                    });
                }
            }
            return Listing { items, total };
        }
        let rank = |id: &RecordId, relevance: u64| -> Option<u64> {
            let p = self.positions.get(id).filter(|p| filter.matches(p))?;
            Some(match filter.sort {
                SortOrder::Best => relevance,
                SortOrder::Newest => p.posted_on.days_since_epoch().max(0) as u64,
                SortOrder::Salary => (u64::from(p.salary_max) << 32) | u64::from(p.salary_min),
            })
        };
        let results = typing.search_ranked(&self.index, &filter.q, limit, rank);
        Listing {
            total: results.total,
            items: results
                .hits
                .into_iter()
                .map(|h| ListItem {
                    id: h.key,
                    highlights: h.highlights,
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests;
