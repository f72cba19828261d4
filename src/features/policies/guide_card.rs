//! One guide in a list: title, badges, summary, department.

use super::expiry_badge::{ExpiryBadge, SampleMark};
use crate::clock::today;
use crate::store::records::Stored;
use domain::records::Policy;
use leptos::prelude::*;
use leptos_router::components::A;

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
pub fn sort_guides(list: &mut [Stored<Policy>]) {
    let today = today();
    list.sort_by(|a, b| {
        let key = |p: &Policy| {
            let e = p.expiry(today);
            (e.is_expired(), e.days_left().unwrap_or(i64::MAX))
        };
        key(&a.data)
            .cmp(&key(&b.data))
            .then_with(|| a.data.title.cmp(&b.data.title))
    });
}
