//! The policies an enterprise may qualify for (政策匹配), from every guide on
//! the device, by `domain::policy::match_policies`. The full list is the
//! policies section's page `/policies/match?enterprise=<id>`.

use super::queries::{list_of, policies, Records};
use crate::clock::today;
use crate::i18n::{t, use_lang};
use domain::ids::RecordId;
use domain::lang::Lang;
use domain::policy::{match_policies, Eligibility, EnterpriseProfile, MatchReport};
use domain::records::{Enterprise, Policy};
use leptos::prelude::*;

/// Guides shown on the card.
const TOP: usize = 5;

/// Matches every guide against one enterprise.
pub fn report(guides: Records<Policy>, enterprise: &Enterprise) -> MatchReport {
    let list = list_of(guides);
    let profile = EnterpriseProfile::from(enterprise);
    match_policies(list.iter().map(|g| (g.id, &g.data)), &profile, today())
}

/// Counts and the best matches of one enterprise.
#[component]
pub fn PolicyMatches(id: RecordId, enterprise: Enterprise) -> impl IntoView {
    let lang = use_lang();
    let guides = policies();
    let matches = Memo::new_with_compare(move |_| report(guides, &enterprise), |_, _| true);
    let href = format!("/policies/match?enterprise={id}");
    view! {
        <section class="card" aria-labelledby="matches-title">
            <h2 id="matches-title">{t("可能适用的政策", "Policies that may apply")}</h2>
            {move || {
                if guides.get().is_none() {
                    return view! { <p class="muted">{t("正在匹配政策…", "Matching policies…")}</p> }.into_any();
                }
                let report = matches.get();
                let counts = report.counts();
                let top: Vec<_> = report
                    .current
                    .into_iter()
                    .filter(|m| !matches!(m.eligibility, Eligibility::NotEligible { .. }))
                    .take(TOP)
                    .collect();
                let summary = move || match lang.get() {
                    Lang::Zh => format!("符合条件 {} 项 · 可能符合 {} 项", counts.eligible, counts.possibly_eligible),
                    Lang::En => format!("{} eligible · {} possibly eligible", counts.eligible, counts.possibly_eligible),
                };
                view! {
                    <p class="match-summary" data-testid="match-counts">
                        <strong>{summary}</strong>
                    </p>
                    {if top.is_empty() {
                        view! { <p class="muted">{t("本机的政策指南中没有匹配项。补充企业的经营数据可提高匹配的准确度。", "No guide on this device matches. Adding the enterprise's figures makes matching more precise.")}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="list match-list">
                                {top.into_iter().map(|m| {
                                    let eligible = m.eligibility == Eligibility::Eligible;
                                    let missing: Vec<_> = match &m.eligibility {
                                        Eligibility::PossiblyEligible { missing } => missing.iter().map(|x| x.describe()).collect(),
                                        _ => Vec::new(),
                                    };
                                    let label = m.eligibility.label(Lang::Zh);
                                    let label_en = m.eligibility.label(Lang::En);
                                    let estimate = m.estimate.map(|e| e.describe());
                                    view! {
                                        <li class="list__item match">
                                            <a class="match__title" href=format!("/policies/{}", m.id)>{m.title.clone()}</a>
                                            <span class="match__meta">
                                                <span class="badge" class:badge--ok=eligible class:badge--warn=!eligible>
                                                    {move || if lang.get() == Lang::Zh { label } else { label_en }}
                                                </span>
                                                {estimate.map(|e| view! { <span class="match__amount">{move || e.get(lang.get()).to_owned()}</span> })}
                                            </span>
                                            {(!missing.is_empty()).then(|| view! {
                                                <span class="match__missing muted">
                                                    {t("需补充：", "Needs: ")}
                                                    {move || missing.iter().map(|x| x.get(lang.get()).to_owned()).collect::<Vec<_>>().join("、")}
                                                </span>
                                            })}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                }.into_any()
            }}
            <a class="button button--secondary" href=href>{t("查看全部匹配结果", "See every match")}</a>
        </section>
    }
}
