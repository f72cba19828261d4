//! One fair as a card: when, where, who organises it, what it offers.

use super::jobs_section::JobsData;
use crate::clock::today;
use crate::i18n::{t, use_lang};
use crate::store::records::Stored;
use crate::ui::format::{date_short, weekday};
use domain::ids::RecordId;
use domain::jobs::FairTiming;
use domain::lang::Lang;
use domain::records::Fair;
use leptos::prelude::*;

/// Employers and positions at a fair, once the data is read.
pub fn fair_counts(data: &JobsData, fair: RecordId) -> (Option<usize>, Option<usize>) {
    let employers = data.employers.get().and_then(Result::ok).map(|list| {
        list.iter()
            .filter(|e| e.data.fair_ids.contains(&fair))
            .count()
    });
    let positions = data
        .catalog()
        .map(|c| c.newest().filter(|(_, p)| p.fair_id == Some(fair)).count());
    (employers, positions)
}

/// "3月13日 周六 09:00–12:00".
pub fn when(fair: &Fair, lang: Lang) -> String {
    format!(
        "{} {} {}–{}",
        date_short(fair.date, today(), lang),
        weekday(fair.date, lang),
        fair.start_time,
        fair.end_time
    )
}

/// "今天", "3 天后", "已结束".
pub fn timing_text(fair: &Fair, lang: Lang) -> String {
    match (FairTiming::of(fair, today()), lang) {
        (FairTiming::Today, Lang::Zh) => "今天举办".into(),
        (FairTiming::Today, Lang::En) => "Today".into(),
        (FairTiming::InDays(1), Lang::Zh) => "明天举办".into(),
        (FairTiming::InDays(1), Lang::En) => "Tomorrow".into(),
        (FairTiming::InDays(d), Lang::Zh) => format!("{d} 天后"),
        (FairTiming::InDays(d), Lang::En) => format!("In {d} days"),
        (FairTiming::Past, Lang::Zh) => "已结束".into(),
        (FairTiming::Past, Lang::En) => "Ended".into(),
    }
}

/// A fair card linking to its page.
#[component]
pub fn FairCard(fair: Stored<Fair>) -> impl IntoView {
    let data = expect_context::<JobsData>();
    let lang = use_lang();
    let id = fair.id;
    let f = StoredValue::new(fair.data);
    let past = f.with_value(|f| FairTiming::of(f, today()) == FairTiming::Past);
    let counts = move || {
        let (employers, positions) = fair_counts(&data, id);
        let n = |v: Option<usize>| v.map_or("…".to_owned(), |n| n.to_string());
        match lang.get() {
            Lang::Zh => format!("{} 家单位 · {} 个岗位", n(employers), n(positions)),
            Lang::En => format!("{} employers · {} positions", n(employers), n(positions)),
        }
    };
    let place = move || {
        f.with_value(|f| {
            if f.is_online() {
                t("线上举办", "Online").get().to_owned()
            } else {
                f.venue.clone()
            }
        })
    };
    view! {
        <article class="fair-card" class:fair-card--past=past data-testid="fair-card">
            <p class="fair-card__when">
                <span class="badge" class:badge--soon=!past>{move || f.with_value(|f| timing_text(f, lang.get()))}</span>
                <span>{move || f.with_value(|f| when(f, lang.get()))}</span>
            </p>
            <h3 class="fair-card__name">
                <a href=format!("/jobs/fairs/{id}")>{f.with_value(|f| f.name.clone())}</a>
            </h3>
            <p class="fair-card__place">{place}</p>
            <p class="fair-card__organiser muted">{f.with_value(|f| f.organiser.clone())}</p>
            <p class="fair-card__counts">{counts}</p>
            <ul class="tags">
                {f.with_value(|f| f.sectors.iter().map(|s| view! { <li class="tag">{s.clone()}</li> }).collect_view())}
            </ul>
        </article>
    }
}

/// Fairs as a grid of cards (the fair list's sections, the start page).
#[component]
pub fn FairGrid(fairs: Vec<Stored<Fair>>) -> impl IntoView {
    view! {
        <ul class="fair-grid">
            {fairs.into_iter().map(|f| view! { <li><FairCard fair=f /></li> }).collect_view()}
        </ul>
    }
}
