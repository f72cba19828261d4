//! Policy eligibility rules as data, and the policy matcher (政策匹配).
//!
//! A guide ([`crate::records::Policy`]) lists [`Condition`]s an enterprise
//! must meet and, where it can be estimated, an [`Amount`] of support. The
//! matcher evaluates every condition against an [`EnterpriseProfile`] with
//! three outcomes: met, failed, or unknown (the profile lacks the figure).
//! Missing data is never "not eligible": it makes a guide
//! [`Eligibility::PossiblyEligible`] and names the figures to ask for.
//!
//! This module owns the rules, their evaluation, amount estimates, deadline
//! badges and the words that describe them. It must not touch storage or the
//! clock: "today" is always passed in.
//!
//! ```
//! use domain::policy::{evaluate, Condition, Eligibility, EnterpriseProfile};
//! use domain::time::Date;
//!
//! let today = Date::parse("2026-11-26").unwrap();
//! let rules = [Condition::RevenueAtLeast { wan_yuan: 2000.0 }];
//! let unknown = EnterpriseProfile::default();
//! assert!(matches!(evaluate(&rules, &unknown, today), Eligibility::PossiblyEligible { .. }));
//!
//! let small = EnterpriseProfile { annual_revenue: Some(1200.0), ..Default::default() };
//! let Eligibility::NotEligible { failed } = evaluate(&rules, &small, today) else { panic!() };
//! assert_eq!(failed[0].reason.zh, "年营业收入 1,200 万元，低于 2,000 万元");
//! assert_eq!(failed[0].reason.en, "annual revenue ¥12.0 m is below ¥20.0 m");
//! ```

mod describe;
mod estimate;
mod evaluate;
mod excerpt;
mod expiry;
mod figures;
pub mod form;
pub(crate) mod format;
mod matcher;
mod profile;
mod rules;

pub use estimate::{estimate, Estimate};
pub use evaluate::{evaluate, Eligibility, Failed, Missing, Outcome};
pub use excerpt::{excerpt, Excerpt};
pub use expiry::{Expiry, URGENT_DAYS, WARNING_DAYS};
pub use format::Bilingual;
pub use matcher::{match_policies, match_policy, rank, MatchCounts, MatchReport, PolicyMatch};
pub use profile::{EnterpriseProfile, Figure};
pub use rules::{Amount, Condition, MAX_NESTING};
