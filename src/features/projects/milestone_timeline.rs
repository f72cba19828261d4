//! A project's milestones on a time line (SVG): planned (hollow) and actual
//! (filled) dates, delays as coloured segments, today as a dashed line.
//! The same facts are in the milestone table beside it, for screen readers.

use crate::i18n::use_lang;
use crate::ui::format;
use domain::lang::Lang;
use domain::records::Milestone;
use domain::time::Date;
use domain::tracker::{milestone_state, MilestoneState};
use leptos::prelude::*;

const WIDTH: f64 = 820.0;
const LABEL_W: f64 = 170.0;
const RIGHT_PAD: f64 = 24.0;
const ROW_H: f64 = 46.0;
const TOP: f64 = 34.0;

/// Days since the epoch, as a float for scaling.
fn day(d: Date) -> f64 {
    d.days_since_epoch() as f64
}

/// A milestone state in words.
pub fn describe(state: MilestoneState, lang: Lang) -> String {
    match (state, lang) {
        (MilestoneState::Done { late_days }, Lang::Zh) if late_days > 0 => {
            format!("已完成 · 延后 {late_days} 天")
        }
        (MilestoneState::Done { late_days }, Lang::En) if late_days > 0 => {
            format!("Done · {late_days} days late")
        }
        (MilestoneState::Done { .. }, Lang::Zh) => "按期完成".into(),
        (MilestoneState::Done { .. }, Lang::En) => "Done on time".into(),
        (MilestoneState::Slipping { overdue_days }, Lang::Zh) => format!("滞后 {overdue_days} 天"),
        (MilestoneState::Slipping { overdue_days }, Lang::En) => {
            format!("{overdue_days} days behind")
        }
        (MilestoneState::DueSoon { in_days } | MilestoneState::Upcoming { in_days }, Lang::Zh) => {
            format!("{in_days} 天后到期")
        }
        (MilestoneState::DueSoon { in_days } | MilestoneState::Upcoming { in_days }, Lang::En) => {
            format!("due in {in_days} days")
        }
    }
}

fn colour(state: MilestoneState) -> &'static str {
    match state {
        MilestoneState::Done { late_days } if late_days > 0 => "#b26a00",
        MilestoneState::Done { .. } => "#1e6b34",
        MilestoneState::Slipping { .. } => "#b3261e",
        MilestoneState::DueSoon { .. } => "#0b5cad",
        MilestoneState::Upcoming { .. } => "#4f5b67",
    }
}

/// The timeline of one project's milestones.
#[component]
pub fn MilestoneTimeline(milestones: Vec<Milestone>, today: Date) -> impl IntoView {
    let lang = use_lang();
    if milestones.is_empty() {
        return None;
    }
    let dates: Vec<f64> = milestones
        .iter()
        .flat_map(|m| [Some(m.planned), m.actual])
        .flatten()
        .chain([today])
        .map(day)
        .collect();
    let (lo, hi) = dates
        .iter()
        .fold((f64::MAX, f64::MIN), |(lo, hi), d| (lo.min(*d), hi.max(*d)));
    let (lo, hi) = (lo - 14.0, hi + 14.0);
    let x = move |d: Date| LABEL_W + (day(d) - lo) / (hi - lo) * (WIDTH - LABEL_W - RIGHT_PAD);
    let height = TOP + ROW_H * milestones.len() as f64 + 8.0;
    // Month ticks: the first of each month in range, at most ~12 labels.
    let first = Date::from_days_since_epoch(lo as i64);
    let mut ticks = Vec::new();
    let (mut y, mut m) = (first.year(), first.month());
    while let Ok(d) = Date::new(y, m, 1) {
        if day(d) > hi {
            break;
        }
        if day(d) >= lo {
            ticks.push(d);
        }
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    let step = ticks.len().div_ceil(10).max(1);
    let rows = milestones
        .into_iter()
        .enumerate()
        .map(|(i, ms)| {
            let state = milestone_state(&ms, today);
            let cy = TOP + ROW_H * i as f64 + ROW_H / 2.0;
            let c = colour(state);
            let (px, end) = (x(ms.planned), ms.actual.map(x));
            let segment_to = match state {
                MilestoneState::Slipping { .. } => Some(x(today)),
                _ => end.filter(|e| (e - px).abs() > 0.5),
            };
            view! {
                <g>
                    <text x="8" y=cy - 4.0 class="tl-name">{ms.name.clone()}</text>
                    <text x="8" y=cy + 14.0 class="tl-state" fill=c>{move || describe(state, lang.get())}</text>
                    <line x1=LABEL_W x2=WIDTH - RIGHT_PAD y1=cy y2=cy class="tl-track" />
                    {segment_to.map(|to| view! { <line x1=px x2=to y1=cy y2=cy stroke=c stroke-width="6" stroke-linecap="round" /> })}
                    <circle cx=px cy=cy r="8" fill="#fff" stroke=c stroke-width="3">
                        <title>{move || format!("{}: {}", if lang.get() == Lang::Zh { "计划" } else { "Planned" }, ms.planned)}</title>
                    </circle>
                    {end.map(|ex| view! { <circle cx=ex cy=cy r="7" fill=c /> })}
                </g>
            }
        })
        .collect_view();
    let label = move || match lang.get() {
        Lang::Zh => "项目节点时间轴：空心圆为计划日期，实心圆为实际完成日期，虚线为今天",
        Lang::En => "Milestone timeline: hollow = planned, filled = actual, dashed line = today",
    };
    let today_x = x(today);
    Some(view! {
        <figure class="timeline">
            <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-label=label preserveAspectRatio="xMinYMin meet">
                {ticks
                    .into_iter()
                    .enumerate()
                    .filter(|(i, _)| i % step == 0)
                    .map(|(_, d)| {
                        let tx = x(d);
                        view! {
                            <line x1=tx x2=tx y1="20" y2=height class="tl-grid" />
                            <text x=tx + 3.0 y="14" class="tl-tick">{move || format::date_short(d, today, lang.get())}</text>
                        }
                    })
                    .collect_view()}
                {rows}
                <line x1=today_x x2=today_x y1="18" y2=height class="tl-today" />
                <text x=today_x + 4.0 y="30" class="tl-today-label">{move || if lang.get() == Lang::Zh { "今天" } else { "Today" }}</text>
            </svg>
            <figcaption class="muted">{label}</figcaption>
        </figure>
    })
}
