//! Policy eligibility rules as data, and the policy matcher (政策匹配).
//!
//! A guide lists [`Condition`]s an enterprise must meet and, where it can be
//! estimated, an [`Amount`] of support. The matcher evaluates every condition
//! against an enterprise profile with three outcomes: met, failed, or unknown
//! (the profile lacks the figure). Missing data is never "not eligible".

mod rules;

pub use rules::{Amount, Condition};
