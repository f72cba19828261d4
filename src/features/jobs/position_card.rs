//! One position in a list: what a job seeker scans for first.

use super::highlighted::Highlighted;
use super::labels;
use super::queries::PositionRow;
use super::save_toggle::SaveToggle;
use crate::i18n::use_lang;
use domain::ids::RecordId;
use domain::jobs::{field, ListItem};
use domain::records::Position;
use domain::search::Highlight;
use leptos::prelude::*;

/// A position card: title (link), employer, salary, place, requirements,
/// benefits, and the save toggle. Search matches are marked.
#[component]
pub fn PositionCard(
    /// Position id.
    id: RecordId,
    /// The position.
    position: Position,
    /// Employer's name.
    #[prop(into)]
    employer: String,
    /// Where a search matched (empty without a search).
    #[prop(optional)]
    highlights: Vec<Highlight>,
) -> impl IntoView {
    let lang = use_lang();
    let item = ListItem { id, highlights };
    let href = format!("/jobs/positions/{id}");
    let benefits = position
        .benefits
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let ranges = item.ranges(field::FIRST_BENEFIT + i).to_vec();
            let marked = !ranges.is_empty();
            view! { <li class="tag" class:tag--hit=marked><Highlighted text=b.clone() ranges /></li> }
        })
        .collect_view();
    let title = position.title.clone();
    let (location, sector) = (position.location.clone(), position.sector.clone());
    let years = position.experience_years;
    let p = StoredValue::new(position);
    view! {
        <article class="position-card" data-testid="position-card">
            <div class="position-card__head">
                <h3 class="position-card__title">
                    <a href=href>
                        <Highlighted text=title.clone() ranges=item.ranges(field::TITLE).to_vec() />
                    </a>
                </h3>
                <p class="position-card__salary">{move || p.with_value(|p| labels::salary(p, lang.get()))}</p>
            </div>
            <p class="position-card__employer">
                <Highlighted text=employer ranges=item.ranges(field::EMPLOYER).to_vec() />
            </p>
            <p class="position-card__facts">
                <span>
                    <Highlighted text=location ranges=item.ranges(field::LOCATION).to_vec() />
                </span>
                <span>
                    <Highlighted text=sector ranges=item.ranges(field::SECTOR).to_vec() />
                </span>
                <span>{move || p.with_value(|p| labels::education(p, lang.get()))}</span>
                <span>{move || labels::experience(years, lang.get())}</span>
            </p>
            <div class="position-card__foot">
                <ul class="tags">{benefits}</ul>
                <SaveToggle id title />
            </div>
        </article>
    }
}

/// List items of positions read with their employers' names (the newest,
/// the saved, a fair's).
pub fn position_items(rows: Vec<PositionRow>) -> impl IntoView {
    rows.into_iter()
        .map(|row| {
            let PositionRow { position, employer } = row;
            view! { <li><PositionCard id=position.id position=position.data employer /></li> }
        })
        .collect_view()
}
