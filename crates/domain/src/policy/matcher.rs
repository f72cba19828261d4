//! The policy matcher (政策匹配): every guide against one profile, ranked.

use super::estimate::{estimate, Estimate};
use super::evaluate::{evaluate, Eligibility};
use super::expiry::Expiry;
use super::profile::EnterpriseProfile;
use crate::ids::RecordId;
use crate::records::Policy;
use crate::time::Date;
use std::cmp::Ordering;

/// One guide's result for one profile.
#[derive(Clone, Debug, PartialEq)]
pub struct PolicyMatch {
    /// The guide's record id.
    pub id: RecordId,
    /// The guide's title (kept for ranking and for lists).
    pub title: String,
    /// Whether the profile qualifies.
    pub eligibility: Eligibility,
    /// Estimated support, when the guide defines an amount rule.
    pub estimate: Option<Estimate>,
    /// The guide's deadline status on the matching day.
    pub expiry: Expiry,
}

/// The matcher's answer: current guides ranked, expired ones apart.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MatchReport {
    /// Guides whose deadline has not passed: eligible first, then possibly
    /// eligible, then not eligible; within each by estimated value (most
    /// first, a range counting by its most, as guides advertise "最高 …";
    /// unknown or no amount last), then by title.
    pub current: Vec<PolicyMatch>,
    /// Guides whose deadline has passed, ranked the same way, so the UI can
    /// say "this one has closed" instead of the guide silently vanishing.
    pub expired: Vec<PolicyMatch>,
}

/// How many guides fall in each group.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MatchCounts {
    /// Current and eligible.
    pub eligible: usize,
    /// Current and possibly eligible.
    pub possibly_eligible: usize,
    /// Current and not eligible.
    pub not_eligible: usize,
    /// Expired (whatever their eligibility).
    pub expired: usize,
}

impl MatchReport {
    /// Counts per group.
    pub fn counts(&self) -> MatchCounts {
        let mut counts = MatchCounts {
            expired: self.expired.len(),
            ..MatchCounts::default()
        };
        for m in &self.current {
            match m.eligibility {
                Eligibility::Eligible => counts.eligible += 1,
                Eligibility::PossiblyEligible { .. } => counts.possibly_eligible += 1,
                Eligibility::NotEligible { .. } => counts.not_eligible += 1,
            }
        }
        counts
    }
}

/// Matches one guide against a profile on `today`.
pub fn match_policy(
    id: RecordId,
    policy: &Policy,
    profile: &EnterpriseProfile,
    today: Date,
) -> PolicyMatch {
    PolicyMatch {
        id,
        title: policy.title.clone(),
        eligibility: evaluate(&policy.conditions, profile, today),
        estimate: policy.amount.as_ref().map(|a| estimate(a, profile)),
        expiry: policy.expiry(today),
    }
}

/// Matches every guide against a profile on `today` and ranks the results.
pub fn match_policies<'a>(
    guides: impl IntoIterator<Item = (RecordId, &'a Policy)>,
    profile: &EnterpriseProfile,
    today: Date,
) -> MatchReport {
    let (mut expired, mut current): (Vec<_>, Vec<_>) = guides
        .into_iter()
        .map(|(id, p)| match_policy(id, p, profile, today))
        .partition(|m| m.expiry.is_expired());
    crate::sort::sort_by(&mut current, rank);
    crate::sort::sort_by(&mut expired, rank);
    MatchReport { current, expired }
}

/// The ranking order of [`MatchReport::current`]. The id breaks the last tie
/// so the order never depends on the input order.
pub fn rank(a: &PolicyMatch, b: &PolicyMatch) -> Ordering {
    let value = |m: &PolicyMatch| m.estimate.as_ref().and_then(Estimate::upper_bound);
    a.eligibility
        .rank()
        .cmp(&b.eligibility.rank())
        .then_with(|| match (value(a), value(b)) {
            (Some(x), Some(y)) => y.total_cmp(&x),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        })
        .then_with(|| a.title.cmp(&b.title))
        .then_with(|| a.id.cmp(&b.id))
}
