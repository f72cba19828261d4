//! The "Enterprise visits" section, for signed-in staff: the enterprise
//! ledger (企业台账), visit records (走访记录) with difficulties, follow-ups
//! and photos, and the follow-up board.
//!
//! Pages read from the local store through `queries.rs`, so everything works
//! offline; the rules (validation, drafts, due dates, enrolment thresholds,
//! policy matching) come from `crates/domain`. The visit form autosaves a
//! draft on every change. Nothing here talks to the network.

mod board_page;
mod close_follow_up;
mod credit_code_field;
mod difficulty_chart;
mod difficulty_rows;
mod draft_banner;
mod enterprise_detail_page;
mod enterprise_form;
mod enterprise_form_page;
mod enterprise_list_page;
mod enterprise_picker;
mod follow_up_rows;
mod labels;
mod policy_matches;
mod policy_picker;
pub mod queries;
mod routes;
mod visit_detail_page;
mod visit_form;
mod visit_form_page;
mod visits_page;

pub use routes::{routes, visits_home};
