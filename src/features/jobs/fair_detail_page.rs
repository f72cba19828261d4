//! `/jobs/fairs/<id>`: one fair with its employers and positions.

use super::calendar_button::CalendarButton;
use super::fair_card::{timing_text, when};
use super::position_card::position_items;
use super::queries::{fair_positions, index};
use super::share_panel::SharePanel;
use crate::i18n::{t, use_lang};
use crate::queries::{by_index, one};
use crate::routing::use_params_map;
use crate::ui::{Missing, RecordView};
use domain::ids::RecordId;
use domain::jobs::PositionFilter;
use domain::lang::Lang;
use domain::records::{Employer, Fair};
use leptos::prelude::*;

/// The fair page.
#[component]
pub fn FairDetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<RecordId>().ok())
    });
    let fair = one::<Fair>(move || id.get());
    let missing = Missing {
        title: t("找不到这场招聘会", "Fair not found"),
        body: t("它可能已被取消，或者还没有同步到本机。联网后会自动更新。", "It may have been cancelled, or not synced to this device yet. It updates when you are online."),
        back: Some(("/jobs/fairs", t("查看全部招聘会", "All fairs"))),
    };
    view! {
        <section class="page jobs-page">
            <RecordView record=Signal::derive(move || fair.get()) missing=missing let:f>
                <FairDetail id=f.id fair=f.data />
            </RecordView>
        </section>
    }
}

#[component]
fn FairDetail(id: RecordId, fair: Fair) -> impl IntoView {
    let lang = use_lang();
    let employers = by_index::<Employer>(index::FAIR, move || Some(id.to_string()));
    let positions = fair_positions(id);
    let f = StoredValue::new(fair.clone());
    let filter_href = format!(
        "/jobs/positions{}",
        PositionFilter {
            fair: Some(id),
            ..Default::default()
        }
        .to_query()
    );
    let place = if fair.is_online() {
        let url = fair.online_url.clone();
        view! {
            <a href=url.clone() target="_blank" rel="noopener">{t("线上参会链接", "Join online")}</a>
            <span class="muted">" "{url}</span>
        }
        .into_any()
    } else {
        fair.venue.clone().into_any()
    };
    let employer_rows = move || {
        let list = employers.get()?.ok()?;
        let counts = positions.get().and_then(Result::ok).unwrap_or_default();
        if list.is_empty() {
            return Some(view! { <p class="muted">{t("参会单位尚未公布。", "Employers not announced yet.")}</p> }.into_any());
        }
        let mut list = list;
        domain::sort::sort_by(&mut list, |a, b| a.data.name.cmp(&b.data.name));
        Some(view! {
            <ul class="employer-list">
                {list.into_iter().map(|e| {
                    let n = counts.iter().filter(|r| r.position.data.employer_id == e.id).count();
                    let q = PositionFilter { fair: Some(id), q: e.data.name.clone(), ..Default::default() }.to_query();
                    view! {
                        <li class="employer-list__item">
                            <a href=format!("/jobs/positions{q}")>{e.data.name.clone()}</a>
                            <span class="muted">{e.data.sector.clone()}</span>
                            <span>{move || match lang.get() { Lang::Zh => format!("{n} 个岗位"), Lang::En => format!("{n} positions") }}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }.into_any())
    };
    let position_rows = move || {
        let list = positions.get()?.ok()?;
        if list.is_empty() {
            return Some(view! { <p class="muted">{t("本场岗位尚未公布。", "Positions not announced yet.")}</p> }.into_any());
        }
        Some(
            view! {
                <ul class="position-list">
                    {position_items(list)}
                </ul>
            }
            .into_any(),
        )
    };
    view! {
        <p class="breadcrumb"><a href="/jobs/fairs">{t("← 全部招聘会", "← All fairs")}</a></p>
        <h1 class="page__title">{fair.name.clone()}</h1>
        <p>
            <span class="badge badge--soon">{move || f.with_value(|f| timing_text(f, lang.get()))}</span>
            {fair.sample.then(|| view! { " " <span class="badge badge--sample">{t("示例数据", "Sample data")}</span> })}
        </p>
        <dl class="facts facts--large card">
            <div><dt>{t("时间", "When")}</dt><dd>{move || f.with_value(|f| when(f, lang.get()))}</dd></div>
            <div><dt>{t("地点", "Where")}</dt><dd>{place}</dd></div>
            <div><dt>{t("主办单位", "Organiser")}</dt><dd>{fair.organiser.clone()}</dd></div>
            <div><dt>{t("行业", "Sectors")}</dt><dd>{fair.sectors.join("、")}</dd></div>
            <div>
                <dt>{t("规模", "Size")}</dt>
                <dd>{move || {
                    let e = employers.get().and_then(Result::ok).map(|l| l.len());
                    let p = positions.get().and_then(Result::ok).map(|l| l.len());
                    let n = |v: Option<usize>| v.map_or("…".to_owned(), |n| n.to_string());
                    match lang.get() {
                        Lang::Zh => format!("{} 家单位，{} 个岗位", n(e), n(p)),
                        Lang::En => format!("{} employers, {} positions", n(e), n(p)),
                    }
                }}</dd>
            </div>
        </dl>
        {(!fair.description.is_empty()).then(|| view! { <p class="jobs-description">{fair.description.clone()}</p> })}
        <div class="button-row">
            <CalendarButton id fair=fair.clone() />
            <a class="button button--secondary" href=filter_href>{t("筛选本场岗位", "Filter this fair's positions")}</a>
        </div>
        <SharePanel path=format!("/jobs/fairs/{id}") />
        <h2>{t("参会单位", "Employers")}</h2>
        {employer_rows}
        <h2>{t("本场岗位", "Positions at this fair")}</h2>
        {position_rows}
    }
}
