//! The "Policy guides" section (惠企政策指南): the 19 support categories,
//! guide pages, search in hanzi or pinyin, the policy matcher (政策匹配), print
//! sheets, and the admins' editors for categories and guides.
//!
//! Rules live in `domain::policy` (matching, deadlines, wording) and
//! `domain::policy::form` (what the forms accept); this folder only shows
//! them. Reads and writes go through `queries.rs`; nothing here touches
//! IndexedDB or the network.

mod amount_editor;
mod category_editor_page;
mod category_grid;
mod category_page;
mod condition_editor;
mod expiry_badge;
mod figure_field;
mod guide_card;
mod guide_editor_page;
mod guide_fields;
mod guide_page;
mod highlighted;
mod home_page;
mod match_page;
mod match_results;
mod print;
mod profile_form;
mod queries;
mod routes;
mod search_results;

pub use home_page::PoliciesPage;
pub use routes::{guide_editor, policies_home, routes};
