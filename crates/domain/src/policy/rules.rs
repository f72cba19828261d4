//! Eligibility conditions and support amounts, stored as data in each guide.

use crate::records::{EnterpriseSize, Qualification};
use serde::{Deserialize, Serialize};

/// One eligibility condition of a policy guide.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Condition {
    /// The enterprise's industry is one of these.
    Industry {
        /// Accepted industries.
        any_of: Vec<String>,
    },
    /// The enterprise's size class is one of these.
    Size {
        /// Accepted sizes.
        any_of: Vec<EnterpriseSize>,
    },
    /// Annual revenue at least this many 万元.
    RevenueAtLeast {
        /// Threshold, 万元.
        wan_yuan: f64,
    },
    /// Annual revenue at most this many 万元.
    RevenueAtMost {
        /// Threshold, 万元.
        wan_yuan: f64,
    },
    /// In operation for at least this many years.
    YearsAtLeast {
        /// Years.
        years: u32,
    },
    /// In operation for at most this many years (start-up support).
    YearsAtMost {
        /// Years.
        years: u32,
    },
    /// R&D spend at least this share of revenue.
    RdRatioAtLeast {
        /// Percent of annual revenue.
        percent: f64,
    },
    /// At least this many employees with social insurance.
    InsuredAtLeast {
        /// Headcount.
        count: u32,
    },
    /// Holds at least one of these qualifications.
    Qualification {
        /// Accepted qualifications.
        any_of: Vec<Qualification>,
    },
    /// Enrolled in statistics (纳统) or, with `false`, not yet enrolled.
    Enrolled {
        /// Required enrolment state.
        required: bool,
    },
    /// Located in one of these villages/communities.
    Location {
        /// Accepted places.
        any_of: Vec<String>,
    },
    /// Import/export volume at least this many 万元.
    ExportAtLeast {
        /// Threshold, 万元.
        wan_yuan: f64,
    },
}

/// How to estimate the support a guide gives, in yuan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Amount {
    /// A fixed sum.
    Fixed {
        /// Yuan.
        yuan: f64,
    },
    /// A sum per employee with social insurance, capped.
    PerInsured {
        /// Yuan per person.
        yuan: f64,
        /// Cap in yuan, if any.
        #[serde(default)]
        cap: Option<f64>,
    },
    /// A share of R&D spend, capped.
    RdShare {
        /// Percent of R&D spend.
        percent: f64,
        /// Cap in yuan, if any.
        #[serde(default)]
        cap: Option<f64>,
    },
    /// A share of import/export volume, capped.
    ExportShare {
        /// Percent of import/export volume.
        percent: f64,
        /// Cap in yuan, if any.
        #[serde(default)]
        cap: Option<f64>,
    },
}
