//! The matcher's answer: eligible, possibly eligible (with the data to ask
//! for) and not eligible (with the failed conditions and why), each ranked
//! by estimated support; expired guides apart.

use super::expiry_badge::{ExpiryBadge, SampleMark};
use super::queries::{categories, category_name, guides};
use crate::clock::today;
use crate::error::ErrorView;
use crate::i18n::{t, use_lang};
use crate::routing::A;
use domain::ids::RecordId;
use domain::lang::Lang;
use domain::policy::{match_policies, Eligibility, EnterpriseProfile, PolicyMatch};
use domain::records::PolicyCategory;
use leptos::prelude::*;
use std::collections::HashMap;

/// Which list a result sits in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Group {
    Eligible,
    Possibly,
    Not,
    Expired,
}

impl Group {
    fn test_id(self) -> &'static str {
        match self {
            Group::Eligible => "match-eligible",
            Group::Possibly => "match-possibly",
            Group::Not => "match-not",
            Group::Expired => "match-expired",
        }
    }

    fn class(self) -> &'static str {
        match self {
            Group::Eligible => "match-group match-group--eligible",
            Group::Possibly => "match-group match-group--possibly",
            Group::Not => "match-group match-group--not",
            Group::Expired => "match-group match-group--expired",
        }
    }

    fn title(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Group::Eligible, Lang::Zh) => "符合条件",
            (Group::Eligible, Lang::En) => "Eligible",
            (Group::Possibly, Lang::Zh) => "可能符合（需补充数据）",
            (Group::Possibly, Lang::En) => "Possibly eligible (data needed)",
            (Group::Not, Lang::Zh) => "暂不符合",
            (Group::Not, Lang::En) => "Not eligible",
            (Group::Expired, Lang::Zh) => "已过期的政策",
            (Group::Expired, Lang::En) => "Expired guides",
        }
    }

    fn empty(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Group::Eligible, Lang::Zh) => "暂无确定符合的政策。补充“可能符合”中提示的数据后再试。",
            (Group::Eligible, Lang::En) => {
                "No guide is certain yet. Add the data asked for below and try again."
            }
            (Group::Possibly, Lang::Zh) => "没有需要补充数据的政策。",
            (Group::Possibly, Lang::En) => "No guide needs more data.",
            (Group::Not, Lang::Zh) => "没有不符合的政策。",
            (Group::Not, Lang::En) => "No guide is ruled out.",
            (Group::Expired, _) => "",
        }
    }
}

/// The results for one profile.
#[component]
pub fn MatchResults(profile: EnterpriseProfile) -> impl IntoView {
    let list = guides();
    let cats = categories();
    let lang = use_lang();
    move || {
        let all = match list.get() {
            None => return view! { <p class="muted">{t("正在匹配…", "Matching…")}</p> }.into_any(),
            Some(Err(e)) => return view! { <ErrorView error=Some(e) /> }.into_any(),
            Some(Ok(all)) => all,
        };
        let names: HashMap<RecordId, PolicyCategory> = cats
            .get()
            .and_then(|r| r.ok())
            .unwrap_or_default()
            .into_iter()
            .map(|c| (c.id, c.data))
            .collect();
        let report = match_policies(all.iter().map(|g| (g.id, &g.data)), &profile, today());
        let counts = report.counts();
        let info: HashMap<RecordId, (RecordId, bool)> = all
            .iter()
            .map(|g| (g.id, (g.data.category_id, g.data.sample)))
            .collect();
        let item = {
            let names = names.clone();
            move |m: PolicyMatch, group: Group| {
                let (cat_id, sample) = info.get(&m.id).copied().unwrap_or((m.id, false));
                let cat = names.get(&cat_id).cloned();
                view! { <MatchItem m group sample category=cat /> }
            }
        };
        let mut groups: [Vec<PolicyMatch>; 3] = Default::default();
        for m in report.current {
            groups[usize::from(m.eligibility.rank())].push(m);
        }
        let [eligible, possibly, not] = groups;
        let section = |group: Group, items: Vec<PolicyMatch>| {
            let n = items.len();
            let heading_id = format!("{}-title", group.test_id());
            let labelled_by = heading_id.clone();
            let rendered = items
                .into_iter()
                .map(|m| item.clone()(m, group))
                .collect_view();
            view! {
                <section class=group.class() data-testid=group.test_id() aria-labelledby=labelled_by>
                    <h2 id=heading_id>
                        {move || group.title(lang.get())}
                        <span class="match-group__count" data-testid="group-count">{n}</span>
                    </h2>
                    {(group == Group::Expired).then(|| view! {
                        <p class="muted">{t("这些政策已截止受理，列出以便说明；标签为按当前数据的符合情况。", "These have closed; listed for reference, with how the enterprise would have matched.")}</p>
                    })}
                    {if n == 0 {
                        view! { <p class="muted match-group__empty">{move || group.empty(lang.get())}</p> }.into_any()
                    } else {
                        view! { <ol class="match-list">{rendered}</ol> }.into_any()
                    }}
                </section>
            }
        };
        view! {
            <div class="match-results" aria-live="polite">
                <ul class="match-summary" data-testid="match-summary" aria-label=t("匹配结果概览", "Summary")>
                    <li class="match-summary__item match-summary__item--eligible"><strong>{counts.eligible}</strong><span>{t("符合条件", "Eligible")}</span></li>
                    <li class="match-summary__item match-summary__item--possibly"><strong>{counts.possibly_eligible}</strong><span>{t("可能符合", "Possibly")}</span></li>
                    <li class="match-summary__item match-summary__item--not"><strong>{counts.not_eligible}</strong><span>{t("暂不符合", "Not eligible")}</span></li>
                    <li class="match-summary__item match-summary__item--expired"><strong>{counts.expired}</strong><span>{t("已过期", "Expired")}</span></li>
                </ul>
                {section(Group::Eligible, eligible)}
                {section(Group::Possibly, possibly)}
                {section(Group::Not, not)}
                {(!report.expired.is_empty()).then(|| section(Group::Expired, report.expired))}
                <p class="muted match-results__note">
                    {t(
                        "预计金额按指南的金额规则和所填数据估算，仅供参考；实际以主管部门审核为准。",
                        "Estimates follow each guide's amount rule and the figures entered; for reference only, the department decides.",
                    )}
                </p>
            </div>
        }
        .into_any()
    }
}

/// One guide in the results.
#[component]
fn MatchItem(
    m: PolicyMatch,
    group: Group,
    sample: bool,
    category: Option<PolicyCategory>,
) -> impl IntoView {
    let lang = use_lang();
    let estimate = m.estimate.map(|e| e.describe());
    let eligibility = m.eligibility.clone();
    let detail = match &m.eligibility {
        Eligibility::Eligible => None,
        Eligibility::PossiblyEligible { missing } => {
            let items: Vec<_> = missing.iter().map(|x| x.describe()).collect();
            Some(
                view! {
                    <p class="match-item__missing">
                        <span class="match-item__lead">{t("需补充：", "Data needed: ")}</span>
                        {move || {
                            let lang = lang.get();
                            let sep = if lang == Lang::Zh { "、" } else { ", " };
                            items.iter().map(|i| i.get(lang)).collect::<Vec<_>>().join(sep)
                        }}
                    </p>
                }
                .into_any(),
            )
        }
        Eligibility::NotEligible { failed } => {
            let reasons: Vec<_> = failed
                .iter()
                .map(|f| (f.condition.requirement(), f.reason.clone()))
                .collect();
            Some(view! {
                <ul class="match-item__failed">
                    {reasons
                        .into_iter()
                        .map(|(req, why)| view! {
                            <li>
                                <span class="match-item__req">{move || req.get(lang.get()).to_owned()}</span>
                                <span class="match-item__why">{move || why.get(lang.get()).to_owned()}</span>
                            </li>
                        })
                        .collect_view()}
                </ul>
            }
            .into_any())
        }
    };
    let badge_class = match eligibility {
        Eligibility::Eligible => "badge badge--ok",
        Eligibility::PossiblyEligible { .. } => "badge badge--warn",
        Eligibility::NotEligible { .. } => "badge badge--muted",
    };
    view! {
        <li class="match-item">
            <div class="match-item__head">
                <A href=format!("/policies/guide/{}", m.id) attr:class="match-item__title">{m.title}</A>
                {estimate.map(|e| view! {
                    <span class="match-item__amount" data-testid="estimate">{move || e.get(lang.get()).to_owned()}</span>
                })}
            </div>
            <p class="guide-card__badges">
                {(group == Group::Expired).then(|| view! {
                    <span class=badge_class data-testid="eligibility">{move || eligibility.label(lang.get())}</span>
                })}
                {sample.then(|| view! { <SampleMark /> })}
                <ExpiryBadge expiry=m.expiry />
                {category.map(|c| view! { <span class="badge badge--muted">{move || category_name(&c, lang.get())}</span> })}
            </p>
            {detail}
        </li>
    }
}
