//! The "Job fairs & positions" section, for job seekers without an account:
//! fairs (upcoming and past, add to calendar, share), positions (filters in
//! the URL, search as you type in hanzi or pinyin, detail with contact),
//! saved positions and registrations of interest that work offline; staff
//! also see the registrations.
//!
//! Rules (filters, ranking, calendar files, QR codes) live in
//! `domain::jobs`, `domain::search`, `domain::ics` and `domain::qr`; data
//! comes from `queries.rs`. Nothing here talks to the network.

mod calendar_button;
mod fair_card;
mod fair_detail_page;
mod fair_list_page;
mod highlighted;
mod home_page;
mod interest_form;
mod interests_page;
mod jobs_section;
mod labels;
mod no_fairs;
mod no_positions;
mod position_card;
mod position_detail_page;
mod position_filters;
mod position_list_page;
pub mod queries;
mod registrations_list;
mod routes;
mod save_toggle;
mod saved_page;
mod share_panel;

pub use jobs_section::JobsData;
pub use routes::{prefetch_pages, routes};
