//! A hand-written SVG bar chart of open difficulties by category, each bar
//! stacked by urgency, with its count written at the end. Geometry is in
//! percentages of the chart's width and text is in pixels, so labels stay
//! readable from a phone to a landscape tablet. A data table with the same
//! numbers follows it for screen readers and for exact reading.

use crate::i18n::{t, use_lang};
use domain::followup::DifficultyTally;
use domain::lang::{Label, Lang};
use domain::records::{DifficultyCategory, Urgency};
use leptos::prelude::*;

/// Height of one bar row, px.
const ROW: usize = 44;
/// Where bars start and how wide the longest is, in % of the width.
const BAR_X: f64 = 24.0;
const BAR_W: f64 = 62.0;

/// Most urgent first, so the red part of a bar sits against the axis.
const STACK: [Urgency; 3] = [Urgency::High, Urgency::Medium, Urgency::Low];

fn class_of(u: Urgency) -> &'static str {
    match u {
        Urgency::High => "bar bar--high",
        Urgency::Medium => "bar bar--medium",
        Urgency::Low => "bar bar--low",
    }
}

/// The chart and its table.
#[component]
pub fn DifficultyChart(
    /// The counts.
    #[prop(into)]
    tally: Signal<DifficultyTally>,
) -> impl IntoView {
    let lang = use_lang();
    let height = DifficultyCategory::ALL.len() * ROW + 8;
    let description = move || {
        let l = lang.get();
        tally.with(|tally| {
            DifficultyCategory::ALL
                .iter()
                .map(|c| {
                    let parts: Vec<String> = STACK
                        .iter()
                        .map(|u| format!("{} {}", u.label(l), tally.count(*c, *u)))
                        .collect();
                    match l {
                        Lang::Zh => format!(
                            "{} {} 项（{}）",
                            c.label(l),
                            tally.category_total(*c),
                            parts.join("，")
                        ),
                        Lang::En => format!(
                            "{} {} ({})",
                            c.label(l),
                            tally.category_total(*c),
                            parts.join(", ")
                        ),
                    }
                })
                .collect::<Vec<_>>()
                .join(if l == Lang::Zh { "；" } else { "; " })
        })
    };
    view! {
        <div class="chart">
            <ul class="chart__legend" aria-hidden="true">
                {STACK.iter().map(|u| {
                    let u = *u;
                    view! { <li><span class=format!("chart__swatch {}", class_of(u))></span>{move || u.label(lang.get())}</li> }
                }).collect_view()}
            </ul>
            <svg
                class="chart__svg"
                width="100%"
                height=height
                role="img"
                aria-labelledby="difficulty-chart-title difficulty-chart-desc"
                data-testid="difficulty-chart"
            >
                <title id="difficulty-chart-title">{t("未解决困难（按类别和紧急程度）", "Open difficulties by category and urgency")}</title>
                <desc id="difficulty-chart-desc">{description}</desc>
                <line class="chart__axis" x1=format!("{BAR_X}%") x2=format!("{BAR_X}%") y1="0" y2=height />
                {move || {
                    let tally = tally.get();
                    let max = tally.largest_category().max(1) as f64;
                    let l = lang.get();
                    DifficultyCategory::ALL.iter().enumerate().map(|(row, c)| {
                        let y = row * ROW + 6;
                        let mut x = BAR_X;
                        let segments = STACK.iter().filter_map(|u| {
                            let n = tally.count(*c, *u);
                            (n > 0).then(|| {
                                let w = BAR_W * n as f64 / max;
                                let seg = view! {
                                    <rect class=class_of(*u) x=format!("{x:.2}%") y=y width=format!("{w:.2}%") height=ROW - 14 rx="4">
                                        <title>{format!("{} · {} {}", c.label(l), u.label(l), n)}</title>
                                    </rect>
                                };
                                x += w;
                                seg
                            })
                        }).collect_view();
                        let total = tally.category_total(*c);
                        view! {
                            <g class="chart__row" data-category=c.label(Lang::Zh)>
                                <text class="chart__label" x=format!("{:.0}%", BAR_X - 2.0) y=y + (ROW - 14) / 2 dy="0.35em" text-anchor="end">{c.label(l)}</text>
                                {segments}
                                <text class="chart__value" x=format!("{x:.2}%") dx="8" y=y + (ROW - 14) / 2 dy="0.35em">{total}</text>
                            </g>
                        }
                    }).collect_view()
                }}
            </svg>
            <details class="chart__table">
                <summary>{t("查看数据表", "Show the numbers")}</summary>
                <table class="table">
                    <thead>
                        <tr>
                            <th scope="col">{t("类别", "Category")}</th>
                            {STACK.iter().map(|u| { let u = *u; view! { <th scope="col">{move || u.label(lang.get())}</th> } }).collect_view()}
                            <th scope="col">{t("合计", "Total")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let tally = tally.get();
                            let l = lang.get();
                            DifficultyCategory::ALL.iter().map(|c| view! {
                                <tr>
                                    <th scope="row">{c.label(l)}</th>
                                    {STACK.iter().map(|u| view! { <td>{tally.count(*c, *u)}</td> }).collect_view()}
                                    <td>{tally.category_total(*c)}</td>
                                </tr>
                            }).collect_view()
                        }}
                    </tbody>
                </table>
            </details>
        </div>
    }
}
