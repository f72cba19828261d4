//! `/visits/enterprises/:id`: an enterprise's key facts, its visit history
//! (newest first), open difficulties and follow-ups, and the policies it may
//! qualify for.

use super::close_follow_up::FollowUpItem;
use super::labels::{missing_enterprise, people, wan};
use super::policy_matches::PolicyMatches;
use super::queries::{enterprise, settled, visits_of, Settled};
use crate::clock::today;
use crate::i18n::{t, use_lang};
use crate::routing::use_params_map;
use crate::store::records::Stored;
use crate::ui::{format, RecordView};
use domain::enrolment::candidate;
use domain::followup::{due_state, open_difficulties, DueState};
use domain::ids::RecordId;
use domain::lang::{Label, Lang};
use domain::records::{Enterprise, FollowUpStatus, Visit};
use leptos::prelude::*;

/// The page.
#[component]
pub fn EnterpriseDetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .with(|p| p.get("id"))
            .and_then(|s| s.parse::<RecordId>().ok())
    };
    let record = settled(enterprise(id));
    let history = settled(visits_of(id));
    let missing = missing_enterprise();
    view! {
        <RecordView record=record missing=missing let:e>
            <EnterpriseDetail record=e history=history />
        </RecordView>
    }
}

#[component]
fn EnterpriseDetail(record: Stored<Enterprise>, history: Settled<Visit>) -> impl IntoView {
    let lang = use_lang();
    let id = record.id;
    let e = record.data;
    let visits = move || history.get().and_then(Result::ok).unwrap_or_default();
    let latest_revenue = move || visits().iter().find_map(|v| v.data.indicators.revenue);
    let enterprise_for_candidate = e.clone();
    let enrolment = move || candidate(&enterprise_for_candidate, latest_revenue());
    let facts: Vec<(Signal<&'static str>, Signal<String>)> = {
        let e = e.clone();
        let opt = |s: &str| {
            if s.trim().is_empty() {
                "—".to_owned()
            } else {
                s.to_owned()
            }
        };
        let quals = e.qualifications.clone();
        let (size, band) = (e.size, e.revenue_band);
        let (rev, rd, export) = (e.annual_revenue, e.rd_spend, e.export_volume);
        let (emp, insured, founded) = (e.employees, e.insured_headcount, e.founded_year);
        vec![
            (
                t("统一社会信用代码", "Credit code"),
                Signal::stored(opt(&e.credit_code)),
            ),
            (t("行业", "Industry"), Signal::stored(opt(&e.industry))),
            (
                t("所在村居/社区", "Community"),
                Signal::stored(opt(&e.community)),
            ),
            (
                t("企业规模", "Size"),
                Signal::derive(move || size.map_or("—", |s| s.label(lang.get())).to_owned()),
            ),
            (
                t("年营业收入", "Annual revenue"),
                Signal::derive(move || match (rev, band) {
                    (Some(v), _) => wan(Some(v), lang.get()),
                    (None, Some(b)) => b.label(lang.get()).to_owned(),
                    (None, None) => "—".to_owned(),
                }),
            ),
            (
                t("从业 / 参保人数", "Employees / insured"),
                Signal::derive(move || {
                    format!(
                        "{} / {}",
                        people(emp, lang.get()),
                        people(insured, lang.get())
                    )
                }),
            ),
            (
                t("成立年份", "Founded"),
                Signal::stored(founded.map_or("—".to_owned(), |y| y.to_string())),
            ),
            (
                t("年研发投入", "R&D per year"),
                Signal::derive(move || wan(rd, lang.get())),
            ),
            (
                t("年进出口额", "Import/export per year"),
                Signal::derive(move || wan(export, lang.get())),
            ),
            (
                t("企业资质", "Qualifications"),
                Signal::derive(move || {
                    if quals.is_empty() {
                        "—".to_owned()
                    } else {
                        quals
                            .iter()
                            .map(|q| q.label(lang.get()))
                            .collect::<Vec<_>>()
                            .join("、")
                    }
                }),
            ),
            (t("联系人", "Contact"), Signal::stored(opt(&e.contact_name))),
        ]
    };
    let phone = e.contact_phone.clone();
    let notes = e.notes.clone();
    let enterprise_for_matches = e.clone();
    view! {
        <section class="page enterprise">
            <div class="page__head">
                <div>
                    <h1 class="page__title">{e.name.clone()}</h1>
                    <p class="page__sub">
                        {if e.enrolled {
                            view! { <span class="badge badge--ok">{t("已纳统", "Enrolled")}</span> }.into_any()
                        } else {
                            view! { <span class="badge badge--muted">{t("未纳统", "Not enrolled")}</span> }.into_any()
                        }}
                        {e.sample.then(|| view! { " " <span class="badge badge--muted">{t("示例数据", "Sample data")}</span> })}
                        {record.pending.then(|| view! { " " <span class="badge badge--warn">{t("待同步", "Not synced")}</span> })}
                    </p>
                </div>
                <div class="button-row">
                    <a class="button" href=format!("/visits/new?enterprise={id}")>{t("记录走访", "Record a visit")}</a>
                    <a class="button button--secondary" href=format!("/visits/enterprises/{id}/edit")>{t("编辑", "Edit")}</a>
                </div>
            </div>
            <div class="enterprise__grid">
                <section class="card" aria-labelledby="facts-title">
                    <h2 id="facts-title">{t("基本情况", "Key facts")}</h2>
                    <dl class="facts">
                        {facts.into_iter().map(|(label, value)| view! {
                            <div><dt>{label}</dt><dd>{value}</dd></div>
                        }).collect_view()}
                        <div>
                            <dt>{t("联系电话", "Phone")}</dt>
                            <dd>{if phone.is_empty() {
                                view! { "—" }.into_any()
                            } else {
                                view! { <a href=format!("tel:{phone}")>{phone.clone()}</a> }.into_any()
                            }}</dd>
                        </div>
                    </dl>
                    {(!notes.is_empty()).then(|| view! { <p class="enterprise__notes">{notes}</p> })}
                    {move || enrolment().map(|c| view! {
                        <div class="alert alert--warn" data-testid="enrolment-candidate">
                            <strong>{t("纳统线索：", "Enrolment lead: ")}</strong>
                            {move || {
                                let l = lang.get();
                                let threshold = wan(Some(c.threshold), l);
                                match l {
                                    Lang::Zh => format!("{}，{}门槛 {}（{}）", c.basis.describe(l), c.sector.label(l), threshold, c.likelihood.label(l)),
                                    Lang::En => format!("{}; {} threshold {} ({})", c.basis.describe(l), c.sector.label(l), threshold, c.likelihood.label(l)),
                                }
                            }}
                        </div>
                    })}
                </section>
                <PolicyMatches id=id enterprise=enterprise_for_matches />
                <OpenItems history=history />
                <section class="card" aria-labelledby="history-title">
                    <h2 id="history-title">{t("走访记录", "Visits")}</h2>
                    {move || {
                        let list = visits();
                        if history.get().is_none() {
                            return view! { <p class="muted">{t("正在读取…", "Loading…")}</p> }.into_any();
                        }
                        if list.is_empty() {
                            return view! { <p class="muted">{t("还没有走访记录。点击上方“记录走访”开始。", "No visits yet. Use “Record a visit” above.")}</p> }.into_any();
                        }
                        view! {
                            <ul class="list visit-list">
                                {list.into_iter().map(|v| view! { <VisitSummary visit=v /> }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
            </div>
        </section>
    }
}

/// One visit as a list item (date, staff, purpose and what it raised).
#[component]
pub fn VisitSummary(
    visit: Stored<Visit>,
    /// The enterprise's name, when the list mixes enterprises.
    #[prop(optional)]
    enterprise: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let v = visit.data;
    let (date, n_diff, n_follow, n_photo) = (
        v.date,
        v.difficulties.len(),
        v.follow_ups.len(),
        v.photos.len(),
    );
    view! {
        <li class="list__item">
            <a class="visit-summary" href=format!("/visits/{}", visit.id)>
                <span class="visit-summary__date">
                    {move || format!("{} {}", format::date_short(date, today(), lang.get()), format::weekday(date, lang.get()))}
                </span>
                <span class="visit-summary__main">
                    {enterprise.map(|n| view! { <strong class="visit-summary__name">{n}</strong> })}
                    <span>{v.staff.clone()} {(!v.purpose.is_empty()).then(|| format!(" · {}", v.purpose))}</span>
                    <span class="muted">
                        {move || match lang.get() {
                            Lang::Zh => format!("困难 {n_diff} · 跟进 {n_follow} · 照片 {n_photo}"),
                            Lang::En => format!("{n_diff} difficulties · {n_follow} follow-ups · {n_photo} photos"),
                        }}
                    </span>
                </span>
                {visit.pending.then(|| view! { <span class="badge badge--warn">{t("待同步", "Not synced")}</span> })}
            </a>
        </li>
    }
}

/// Open difficulties and follow-ups of an enterprise's visits.
#[component]
fn OpenItems(history: Settled<Visit>) -> impl IntoView {
    let lang = use_lang();
    move || {
        let list = history.get().and_then(Result::ok).unwrap_or_default();
        let difficulties: Vec<_> = open_difficulties(list.iter().map(|v| (v.id, &v.data)))
            .into_iter()
            .map(|d| (d.visit_id, d.date, d.difficulty.clone()))
            .collect();
        let mut follow_ups: Vec<_> = list
            .iter()
            .flat_map(|v| {
                v.data
                    .follow_ups
                    .iter()
                    .filter(|f| f.status == FollowUpStatus::Open)
                    .map(move |f| (v.id, f.clone()))
            })
            .collect();
        let now = today();
        domain::sort::sort_by_key(&mut follow_ups, |(_, f)| {
            (due_state(f, now) == DueState::Done, f.due)
        });
        view! {
            <section class="card" aria-labelledby="open-title">
                <h2 id="open-title">{t("未解决的困难", "Open difficulties")}</h2>
                {if difficulties.is_empty() {
                    view! { <p class="muted">{t("没有未解决的困难。", "No open difficulties.")}</p> }.into_any()
                } else {
                    view! {
                        <ul class="list">
                            {difficulties.into_iter().map(|(visit_id, date, d)| view! {
                                <li class="list__item difficulty">
                                    <span class="badge">{move || d.category.label(lang.get())}</span> " "
                                    <span class=if d.urgency == domain::records::Urgency::High { "badge badge--danger" } else { "badge badge--muted" }>
                                        {move || d.urgency.label(lang.get())}
                                    </span> " "
                                    <a href=format!("/visits/{visit_id}")>{d.description.clone()}</a>
                                    <span class="muted">" · " {move || format::date_short(date, now, lang.get())}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                <h2>{t("未完成的跟进事项", "Open follow-ups")}</h2>
                {if follow_ups.is_empty() {
                    view! { <p class="muted">{t("没有未完成的跟进事项。", "No open follow-ups.")}</p> }.into_any()
                } else {
                    view! {
                        <ul class="list">
                            {follow_ups.into_iter().map(|(visit_id, f)| view! { <FollowUpItem visit_id=visit_id follow_up=f /> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        }
    }
}
