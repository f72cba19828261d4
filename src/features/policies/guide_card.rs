//! One guide in a list: title, badges, summary, department.

use super::expiry_badge::{ExpiryBadge, SampleMark};
use super::queries::sort_by_key;
use crate::clock::today;
use crate::routing::A;
use crate::store::records::Stored;
use domain::records::Policy;
use leptos::prelude::*;

/// A guide's card, linking to its page.
#[component]
pub fn GuideCard(guide: Stored<Policy>) -> impl IntoView {
    let expiry = guide.data.expiry(today());
    let p = guide.data;
    view! {
        <li class="guide-card">
            <A href=format!("/policies/guide/{}", guide.id) attr:class="guide-card__link">
                <h3 class="guide-card__title">{p.title}</h3>
                <span class="guide-card__badges">
                    {p.sample.then(|| view! { <SampleMark /> })}
                    <ExpiryBadge expiry />
                </span>
                <p class="guide-card__summary">{p.summary}</p>
                <span class="guide-card__dept">{p.department}</span>
            </A>
        </li>
    }
}

/// Orders a category's guides: open ones first, the nearest deadline
/// first, open-ended after them, expired last; then by title.
pub fn sort_guides(list: &mut Vec<Stored<Policy>>) {
    let today = today();
    sort_by_key(list, |g| {
        let e = g.data.expiry(today);
        let rank = match (e.is_expired(), e.days_left()) {
            (true, _) => i64::MAX,
            (false, Some(days)) => days,
            (false, None) => i64::MAX - 1,
        };
        (rank, g.data.title.clone())
    });
}
