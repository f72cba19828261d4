//! What a job seeker does with fairs and positions, as pure rules: which
//! fairs are upcoming, which positions a filter keeps and in what order,
//! how a filter round-trips through a link's query string, and what a
//! saved list or a registration keeps on the device.
//!
//! ```
//! use domain::jobs::{PositionFilter, SortOrder};
//! let filter = PositionFilter::from_pairs([("sector", "纺织服装"), ("salary", "5000-8000"), ("sort", "salary")]);
//! assert_eq!(filter.sort, SortOrder::Salary);
//! assert_eq!(PositionFilter::from_pairs(filter.to_pairs()), filter);
//! ```

mod catalog;
mod device;
mod fairs;
mod filter;

pub use catalog::{field, Catalog, ListItem, Listing};
pub use device::{MyRegistration, SavedPositions};
pub use fairs::{split_fairs, FairTiming};
pub use filter::{
    facet_values, PositionFilter, SalaryBand, SortOrder, EXPERIENCE_CHOICES, SALARY_BANDS,
};
