//! `/visits/board`: the follow-up board for the office: open difficulties
//! by category and urgency, follow-ups overdue or due this week (closable),
//! and statistical-enrolment candidates.

use super::close_follow_up::FollowUpItem;
use super::difficulty_chart::DifficultyChart;
use super::labels::wan;
use super::queries::{enterprises, list_of, newest_first, visits};
use crate::clock::today;
use crate::error::ErrorView;
use crate::i18n::{t, use_lang};
use domain::enrolment::{candidates, Likelihood};
use domain::followup::{needing_attention, DifficultyTally, DueState};
use domain::lang::{Label, Lang};
use leptos::prelude::*;

/// The board.
#[component]
pub fn BoardPage() -> impl IntoView {
    let lang = use_lang();
    let all_visits = visits();
    let ledger = enterprises();
    let tally = Signal::derive(move || {
        let list = list_of(all_visits);
        DifficultyTally::of(list.iter().map(|v| &v.data))
    });
    let attention = Memo::new(move |_| {
        let list = list_of(all_visits);
        let names = list_of(ledger);
        needing_attention(list.iter().map(|v| (v.id, &v.data)), today())
            .into_iter()
            .filter_map(|a| {
                let visit = list.iter().find(|v| v.id == a.visit_id)?;
                let item = visit
                    .data
                    .follow_ups
                    .iter()
                    .find(|f| f.id == a.follow_up_id)?
                    .clone();
                let name = names
                    .iter()
                    .find(|e| e.id == a.enterprise_id)
                    .map(|e| e.data.name.clone())
                    .unwrap_or_default();
                Some((a.visit_id, item, name, a.state))
            })
            .collect::<Vec<_>>()
    });
    let leads = Memo::new(move |_| {
        let mut list = list_of(all_visits);
        newest_first(&mut list);
        let ledger = list_of(ledger);
        let latest_revenue = |id| {
            list.iter()
                .filter(|v| v.data.enterprise_id == id)
                .find_map(|v| v.data.indicators.revenue)
        };
        candidates(ledger.iter().map(|e| (e.id, &e.data, latest_revenue(e.id))))
            .into_iter()
            .filter_map(|(id, c)| {
                let e = ledger.iter().find(|e| e.id == id)?;
                Some((id, e.data.name.clone(), e.data.industry.clone(), c))
            })
            .collect::<Vec<_>>()
    });
    let overdue = move || {
        attention.with(|l| {
            l.iter()
                .filter(|x| matches!(x.3, DueState::Overdue { .. }))
                .count()
        })
    };
    let loading = move || all_visits.get().is_none() || ledger.get().is_none();
    let error = Signal::derive(move || {
        all_visits
            .get()
            .and_then(Result::err)
            .or_else(|| ledger.get().and_then(Result::err))
    });

    view! {
        <section class="page board">
            <div class="page__head">
                <h1 class="page__title">{t("跟进看板", "Follow-up board")}</h1>
                <a class="button button--secondary" href="/visits">{t("返回企业走访", "Back to visits")}</a>
            </div>
            <ErrorView error=error />
            <Show when=move || !loading() fallback=|| view! { <p class="muted">{t("正在汇总…", "Adding up…")}</p> }>
                <ul class="stats" aria-label=t("概况", "Summary")>
                    <li class="stat"><span class="stat__value">{move || tally.with(DifficultyTally::total)}</span><span class="stat__label">{t("未解决困难", "Open difficulties")}</span></li>
                    <li class="stat stat--danger"><span class="stat__value">{overdue}</span><span class="stat__label">{t("逾期跟进", "Overdue follow-ups")}</span></li>
                    <li class="stat stat--warn"><span class="stat__value">{move || attention.with(Vec::len) - overdue()}</span><span class="stat__label">{t("本周到期", "Due this week")}</span></li>
                    <li class="stat"><span class="stat__value">{move || leads.with(Vec::len)}</span><span class="stat__label">{t("纳统线索", "Enrolment leads")}</span></li>
                </ul>
                <div class="board__grid">
                    <section class="card" aria-labelledby="chart-heading">
                        <h2 id="chart-heading">{t("未解决困难（按类别）", "Open difficulties by category")}</h2>
                        {move || if tally.with(DifficultyTally::total) == 0 {
                            view! { <p class="muted">{t("目前没有未解决的困难。", "No open difficulties right now.")}</p> }.into_any()
                        } else {
                            view! { <DifficultyChart tally=tally /> }.into_any()
                        }}
                    </section>
                    <section class="card" aria-labelledby="due-heading">
                        <h2 id="due-heading">{t("逾期及本周到期的跟进事项", "Follow-ups overdue or due this week")}</h2>
                        {move || {
                            let list = attention.get();
                            if list.is_empty() {
                                return view! { <p class="muted">{t("没有逾期或本周到期的跟进事项。", "Nothing overdue or due this week.")}</p> }.into_any();
                            }
                            view! {
                                <ul class="list">
                                    {list.into_iter().map(|(visit_id, item, name, _)| view! {
                                        <FollowUpItem visit_id=visit_id follow_up=item enterprise=name />
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    </section>
                    <section class="card board__leads" aria-labelledby="leads-heading">
                        <h2 id="leads-heading">{t("纳统线索：达到规模但未纳统的企业", "Enrolment leads: over the threshold, not enrolled")}</h2>
                        <p class="muted">
                            {t(
                                "按统计部门规上/限上标准：工业、批发业、交通运输和软件信息业年营业收入 2000 万元，零售业 500 万元，住宿餐饮 200 万元，商务服务等 1000 万元，居民服务等 500 万元（服务业也可按从业 50 人）。优先采用最近一次走访填报的营收。",
                                "By the statistics thresholds: industry, wholesale, transport and software ¥20 m revenue; retail ¥5 m; accommodation and catering ¥2 m; business services ¥10 m; resident services ¥5 m (services also by 50 employees). The latest visit's reported revenue is used first.",
                            )}
                        </p>
                        {move || {
                            let list = leads.get();
                            if list.is_empty() {
                                return view! { <p class="muted">{t("没有发现符合条件的未纳统企业。", "No enterprise over its threshold is left unenrolled.")}</p> }.into_any();
                            }
                            view! {
                                <ul class="list" data-testid="enrolment-leads">
                                    {list.into_iter().map(|(id, name, industry, c)| {
                                        let over = c.likelihood == Likelihood::Over;
                                        view! {
                                            <li class="list__item lead">
                                                <a class="lead__name" href=format!("/visits/enterprises/{id}")>{name}</a>
                                                <span class="badge" class:badge--ok=over class:badge--warn=!over>{move || c.likelihood.label(lang.get())}</span>
                                                <span class="lead__meta muted">
                                                    {move || {
                                                        let l = lang.get();
                                                        match l {
                                                            Lang::Zh => format!("{} · {}，门槛 {} · {}", industry, c.sector.label(l), wan(Some(c.threshold), l), c.basis.describe(l)),
                                                            Lang::En => format!("{} · {}, threshold {} · {}", industry, c.sector.label(l), wan(Some(c.threshold), l), c.basis.describe(l)),
                                                        }
                                                    }}
                                                </span>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    </section>
                </div>
            </Show>
        </section>
    }
}
