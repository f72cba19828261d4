//! Shared presentational components. Nothing here reads the store or the
//! network; data arrives as props or contexts. The one exception is
//! `photos`: a photo's bytes live in the local store (and on the server),
//! so its picker and thumbnails read and write them there.

pub mod download;
mod empty_state;
mod field;
pub mod format;
mod header;
mod icon;
mod lazy_page;
mod nav;
pub mod photos;
mod record_view;

pub use empty_state::EmptyState;
pub use field::{field_error, CheckboxField, Choice, SelectField, TextArea, TextField};
pub use header::Header;
pub use icon::{Icon, IconKind};
pub use lazy_page::{while_opening, PageLoadFailed, PageOpening};
pub use nav::Nav;
pub use photos::{PhotoGallery, PhotoPicker};
pub use record_view::{Missing, RecordRead, RecordView};
