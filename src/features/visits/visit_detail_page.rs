//! `/visits/:id`: one visit record: who, when, what was presented, the
//! difficulties and follow-ups (closable), photos and indicators.

use super::close_follow_up::FollowUpItem;
use super::labels::{missing_visit, people, wan};
use super::queries::{enterprises, list_of, policies, settled, visit};
use crate::clock::today;
use crate::i18n::{t, use_lang};
use crate::routing::use_params_map;
use crate::store::records::Stored;
use crate::ui::{format, PhotoGallery, RecordView};
use domain::ids::RecordId;
use domain::lang::Label;
use domain::records::{DifficultyStatus, Urgency, Visit};
use leptos::prelude::*;

/// The page.
#[component]
pub fn VisitDetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .with(|p| p.get("id"))
            .and_then(|s| s.parse::<RecordId>().ok())
    };
    let record = settled(visit(id));
    let missing = missing_visit();
    view! {
        <RecordView record=record missing=missing let:v>
            <VisitDetail record=v />
        </RecordView>
    }
}

#[component]
fn VisitDetail(record: Stored<Visit>) -> impl IntoView {
    let lang = use_lang();
    let id = record.id;
    let v = record.data;
    let ledger = enterprises();
    let guides = policies();
    let enterprise_id = v.enterprise_id;
    let enterprise_name = move || {
        list_of(ledger)
            .into_iter()
            .find(|e| e.id == enterprise_id)
            .map_or_else(
                || {
                    t("（企业未同步到本机）", "(enterprise not on this device)")
                        .get()
                        .to_owned()
                },
                |e| e.data.name,
            )
    };
    let presented = v.policies_presented.clone();
    let policy_titles = move || {
        let list = list_of(guides);
        presented
            .iter()
            .map(|pid| {
                let title = list
                    .iter()
                    .find(|g| g.id == *pid)
                    .map(|g| g.data.title.clone());
                (*pid, title)
            })
            .collect::<Vec<_>>()
    };
    let date = v.date;
    let ind = v.indicators.clone();
    let photos = v.photos.clone();
    view! {
        <section class="page visit-detail">
            <div class="page__head">
                <div>
                    <h1 class="page__title">{t("走访记录", "Visit record")}</h1>
                    <p class="page__sub">
                        <span class="inline-facts">
                            <span><a href=format!("/visits/enterprises/{enterprise_id}")>{enterprise_name}</a></span>
                            <span>{move || format!("{} {}", format::date_short(date, today(), lang.get()), format::weekday(date, lang.get()))}</span>
                            <span>{v.staff.clone()}</span>
                        </span>
                        {record.pending.then(|| view! { " " <span class="badge badge--warn">{t("待同步", "Not synced")}</span> })}
                    </p>
                </div>
                <a class="button button--secondary" href=format!("/visits/{id}/edit")>{t("修改", "Edit")}</a>
            </div>
            <div class="visit-detail__grid">
                <section class="card">
                    <h2>{t("走访目的", "Purpose")}</h2>
                    <p>{if v.purpose.is_empty() { "—".to_owned() } else { v.purpose.clone() }}</p>
                    <h2>{t("宣传的政策", "Policies presented")}</h2>
                    {move || {
                        let list = policy_titles();
                        if list.is_empty() {
                            return view! { <p class="muted">{t("未记录。", "None recorded.")}</p> }.into_any();
                        }
                        view! {
                            <ul class="plain-list">
                                {list.into_iter().map(|(pid, title)| view! {
                                    <li><a href=format!("/policies/{pid}")>{title.unwrap_or_else(|| pid.to_string())}</a></li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                    {(!v.notes.is_empty()).then(|| view! { <h2>{t("备注", "Notes")}</h2> <p>{v.notes.clone()}</p> })}
                </section>
                <section class="card">
                    <h2>{t("困难问题", "Difficulties")}</h2>
                    {if v.difficulties.is_empty() {
                        view! { <p class="muted">{t("企业未反映困难。", "No difficulties raised.")}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="list">
                                {v.difficulties.iter().cloned().map(|d| {
                                    let resolved = d.status == DifficultyStatus::Resolved;
                                    view! {
                                        <li class="list__item difficulty" data-testid="difficulty">
                                            <span class="badge">{move || d.category.label(lang.get())}</span> " "
                                            <span class=if d.urgency == Urgency::High { "badge badge--danger" } else { "badge badge--muted" }>{move || d.urgency.label(lang.get())}</span> " "
                                            {resolved.then(|| view! { <span class="badge badge--ok">{t("已解决", "Resolved")}</span> " " })}
                                            <span>{d.description.clone()}</span>
                                            {(!d.resolution.is_empty()).then(|| view! { <p class="muted">{t("解决情况：", "Resolution: ")} {d.resolution.clone()}</p> })}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
                <section class="card">
                    <h2>{t("跟进事项", "Follow-ups")}</h2>
                    {if v.follow_ups.is_empty() {
                        view! { <p class="muted">{t("没有跟进事项。", "No follow-ups.")}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="list">
                                {v.follow_ups.iter().cloned().map(|f| view! { <FollowUpItem visit_id=id follow_up=f /> }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
                <section class="card">
                    <h2>{t("现场照片", "Photos")}</h2>
                    <PhotoGallery photos=Signal::stored(photos) />
                </section>
                <section class="card">
                    <h2>{t("企业当前指标", "Indicators")}</h2>
                    <dl class="facts">
                        <div><dt>{t("产值", "Output")}</dt><dd>{move || wan(ind.output, lang.get())}</dd></div>
                        <div><dt>{t("营业收入", "Revenue")}</dt><dd>{move || wan(ind.revenue, lang.get())}</dd></div>
                        <div><dt>{t("从业人数", "Employees")}</dt><dd>{move || people(ind.employees, lang.get())}</dd></div>
                        <div><dt>{t("进出口额", "Import/export")}</dt><dd>{move || wan(ind.export_volume, lang.get())}</dd></div>
                    </dl>
                </section>
            </div>
        </section>
    }
}
