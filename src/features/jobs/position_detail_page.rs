//! `/jobs/positions/<id>`: everything a job seeker needs to decide and to
//! call, registration of interest, sharing, and the employer's other
//! positions; staff also see who registered.

use super::interest_form::InterestSection;
use super::labels;
use super::position_card::PositionCard;
use super::queries::index;
use super::registrations_list::RegistrationsList;
use super::save_toggle::SaveToggle;
use super::share_panel::SharePanel;
use crate::clock::today;
use crate::features::account::CurrentSession;
use crate::i18n::{t, use_lang};
use crate::queries::{by_index, one};
use crate::routing::use_params_map;
use crate::ui::format::date_short;
use crate::ui::{Missing, RecordView};
use domain::ids::RecordId;
use domain::records::{Employer, Fair, Interest, Position};
use leptos::prelude::*;

/// The position page.
#[component]
pub fn PositionDetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<RecordId>().ok())
    });
    let position = one::<Position>(move || id.get());
    let missing = Missing {
        title: t("找不到这个岗位", "Position not found"),
        body: t(
            "它可能已招满或下架，或者还没有同步到本机。",
            "It may be filled or withdrawn, or not synced to this device yet.",
        ),
        back: Some(("/jobs/positions", t("查看全部岗位", "All positions"))),
    };
    view! {
        <section class="page jobs-page">
            <p class="breadcrumb"><a href="/jobs/positions">{t("← 全部岗位", "← All positions")}</a></p>
            <RecordView record=Signal::derive(move || position.get()) missing=missing let:p>
                <PositionDetail id=p.id position=p.data />
            </RecordView>
        </section>
    }
}

#[component]
fn PositionDetail(id: RecordId, position: Position) -> impl IntoView {
    let session = expect_context::<CurrentSession>();
    let lang = use_lang();
    let employer_id = position.employer_id;
    let employer = one::<Employer>(move || Some(employer_id));
    let fair_id = position.fair_id;
    let fair = one::<Fair>(move || fair_id);
    let others = by_index::<Position>(index::EMPLOYER, move || Some(employer_id.to_string()));
    let employer_name = move || {
        employer
            .get()
            .and_then(Result::ok)
            .flatten()
            .map(|e| e.data.name)
            .unwrap_or_default()
    };
    let p = StoredValue::new(position.clone());
    let phone = position.contact_phone.trim().to_owned();
    let contact = (!phone.is_empty()).then(|| {
        let tel = format!("tel:{}", phone.replace([' ', '-'], ""));
        let who = position.contact_name.clone();
        view! {
            <div class="contact card">
                <h2>{t("联系方式", "Contact")}</h2>
                <p class="contact__who">{who}</p>
                <a class="button button--block contact__call" href=tel>
                    <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
                        <path d="M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round" />
                    </svg>
                    {move || format!("{} {}", t("拨打", "Call").get(), phone)}
                </a>
            </div>
        }
    });
    let other_rows = move || {
        let mut list: Vec<_> = others
            .get()?
            .ok()?
            .into_iter()
            .filter(|o| o.id != id)
            .collect();
        if list.is_empty() {
            return Some(view! { <p class="muted">{t("该单位暂无其他岗位。", "No other positions from this employer.")}</p> }.into_any());
        }
        domain::sort::sort_by_key(&mut list, |s| std::cmp::Reverse((s.data.posted_on, s.id)));
        let name = employer_name();
        Some(view! {
            <ul class="position-list">
                {list.into_iter().map(|s| view! { <li><PositionCard id=s.id position=s.data employer=name.clone() /></li> }).collect_view()}
            </ul>
        }.into_any())
    };
    let interests = by_index::<Interest>(index::POSITION, move || {
        session.active().map(|_| id.to_string())
    });
    view! {
        <h1 class="page__title">{position.title.clone()}</h1>
        <p class="position-detail__salary">{move || p.with_value(|p| labels::salary(p, lang.get()))}</p>
        <p class="position-detail__employer">
            {employer_name}
            {position.sample.then(|| view! { " " <span class="badge badge--sample">{t("示例数据", "Sample data")}</span> })}
        </p>
        <div class="button-row">
            <SaveToggle id title=position.title.clone() />
        </div>
        <dl class="facts facts--large card">
            <div><dt>{t("招聘人数", "Headcount")}</dt><dd>{move || labels::headcount(p.with_value(|p| p.headcount), lang.get())}</dd></div>
            <div><dt>{t("学历要求", "Education")}</dt><dd>{move || p.with_value(|p| labels::education(p, lang.get()))}</dd></div>
            <div><dt>{t("工作经验", "Experience")}</dt><dd>{move || labels::experience(p.with_value(|p| p.experience_years), lang.get())}</dd></div>
            <div><dt>{t("工作地点", "Location")}</dt><dd>{position.location.clone()}</dd></div>
            <div><dt>{t("行业", "Sector")}</dt><dd>{position.sector.clone()}</dd></div>
            <div><dt>{t("发布日期", "Posted")}</dt><dd>{move || date_short(p.with_value(|p| p.posted_on), today(), lang.get())}</dd></div>
            {fair_id.map(|fid| view! {
                <div>
                    <dt>{t("招聘会", "Fair")}</dt>
                    <dd><a href=format!("/jobs/fairs/{fid}")>{move || fair.get().and_then(Result::ok).flatten().map(|f| f.data.name).unwrap_or_default()}</a></dd>
                </div>
            })}
        </dl>
        {(!position.benefits.is_empty()).then(|| view! {
            <h2>{t("福利待遇", "Benefits")}</h2>
            <ul class="tags tags--large">
                {position.benefits.iter().map(|b| view! { <li class="tag">{b.clone()}</li> }).collect_view()}
            </ul>
        })}
        {(!position.description.is_empty()).then(|| view! {
            <h2>{t("岗位说明", "About the job")}</h2>
            <p class="jobs-description">{position.description.clone()}</p>
        })}
        {contact}
        <InterestSection position_id=id employer_id />
        <Show when=move || session.active().is_some()>
            <section class="card staff-only">
                <h2>{t("本岗位的意向登记（工作人员可见）", "Registrations for this position (staff)")}</h2>
                <RegistrationsList interests=Signal::derive(move || interests.get()) />
            </section>
        </Show>
        <SharePanel path=format!("/jobs/positions/{id}") />
        <h2>{move || format!("{}{}", employer_name(), t("的其他岗位", ": other positions").get())}</h2>
        {other_rows}
    }
}
