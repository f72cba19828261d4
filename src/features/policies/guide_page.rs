//! `/policies/guide/:id`: everything a guide says, and its print sheet.

use super::expiry_badge::{ExpiryBadge, SampleMark};
use super::print::{PrintButton, PrintHeader};
use super::queries::{category, category_name, guide, id_param, is_admin};
use crate::clock::today;
use crate::i18n::{t, use_lang};
use crate::routing::A;
use crate::ui::{Missing, RecordView};
use domain::lang::Lang;
use domain::records::Policy;
use domain::time::Date;
use leptos::prelude::*;

/// One guide's page.
#[component]
pub fn GuidePage() -> impl IntoView {
    let id = id_param();
    let record = guide(move || id.get());
    let missing = Missing {
        title: t("找不到这条政策", "Guide not found"),
        body: t(
            "它可能已被删除，或尚未同步到本机。",
            "It may have been removed, or not synced to this device yet.",
        ),
        back: Some(("/policies", t("返回政策指南", "Back to policy guides"))),
    };
    view! {
        <section class="page">
            <RecordView record=Signal::derive(move || record.get()) missing=missing let:g>
                <GuideDetail id=g.id.to_string() policy=g.data pending=g.pending />
            </RecordView>
        </section>
    }
}

fn full_date(d: Date, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        Lang::En => d.to_string(),
    }
}

#[component]
fn GuideDetail(id: String, policy: Policy, pending: bool) -> impl IntoView {
    let lang = use_lang();
    let admin = is_admin();
    let cat_id = policy.category_id;
    let cat = category(move || Some(cat_id));
    let expiry = policy.expiry(today());
    let opens_in = policy.opens_in_days(today());
    let sample = policy.sample;
    let p = StoredValue::new(policy);
    let cat_name = move || {
        cat.get()
            .and_then(|r| r.ok())
            .flatten()
            .map(|c| category_name(&c.data, lang.get()))
            .unwrap_or_default()
    };
    let validity = move || {
        let lang = lang.get();
        p.with_value(|p| {
            let from = p.valid_from.map(|d| full_date(d, lang));
            let until = p.valid_until.map(|d| full_date(d, lang));
            match (lang, from, until) {
                (Lang::Zh, Some(f), Some(u)) => format!("{f} 至 {u}"),
                (Lang::Zh, None, Some(u)) => format!("至 {u}"),
                (Lang::Zh, Some(f), None) => format!("{f} 起，长期有效"),
                (Lang::Zh, None, None) => "长期有效".to_owned(),
                (Lang::En, Some(f), Some(u)) => format!("{f} to {u}"),
                (Lang::En, None, Some(u)) => format!("until {u}"),
                (Lang::En, Some(f), None) => format!("from {f}, open-ended"),
                (Lang::En, None, None) => "open-ended".to_owned(),
            }
        })
    };
    let conditions = move || {
        let lang = lang.get();
        p.with_value(|p| {
            p.conditions
                .iter()
                .map(|c| view! { <li>{c.requirement().get(lang).to_owned()}</li> })
                .collect_view()
        })
    };
    let has_conditions = p.with_value(|p| !p.conditions.is_empty());
    let amount = move || {
        p.with_value(|p| {
            p.amount
                .as_ref()
                .map(|a| a.describe().get(lang.get()).to_owned())
        })
    };
    let tel = p.with_value(|p| p.contact_phone.clone());
    let tel_href = format!("tel:{}", tel.replace([' ', '-'], ""));
    let edit_href = format!("/policies/guide/{id}/edit");

    view! {
        <article class="page policies guide" aria-labelledby="guide-title">
            <PrintHeader sheet=t("惠企政策指南", "Policy guide") sample=sample />
            <nav class="breadcrumb no-print" aria-label=t("位置", "Breadcrumb")>
                <A href="/policies">{t("政策指南", "Policy guides")}</A>
                <span aria-hidden="true">" › "</span>
                <A href=format!("/policies/category/{cat_id}")>{cat_name}</A>
            </nav>
            <header class="guide__head">
                <h1 class="page__title" id="guide-title">{p.with_value(|p| p.title.clone())}</h1>
                <p class="guide-card__badges">
                    {sample.then(|| view! { <SampleMark /> })}
                    <ExpiryBadge expiry />
                    <span class="badge badge--muted">{cat_name}</span>
                    {pending.then(|| view! { <span class="badge badge--warn" data-testid="pending-badge">{t("待同步", "Not yet synced")}</span> })}
                </p>
                <p class="guide__summary">{p.with_value(|p| p.summary.clone())}</p>
                <div class="button-row no-print">
                    <PrintButton />
                    <A href="/policies/match" attr:class="button button--secondary">{t("用政策匹配核对企业", "Check an enterprise")}</A>
                    {move || admin.get().then(|| view! {
                        <A href=edit_href.clone() attr:class="button">{t("编辑指南", "Edit guide")}</A>
                    })}
                </div>
            </header>

            <section class="card guide__section" aria-labelledby="g-eligible">
                <h2 id="g-eligible">{t("申报条件", "Who is eligible")}</h2>
                <p class="guide__text">{p.with_value(|p| p.eligibility.clone())}</p>
                {has_conditions.then(|| view! {
                    <h3 class="guide__sub">{t("政策匹配所用条件", "Conditions the matcher checks")}</h3>
                    <ul class="guide__conditions" data-testid="conditions">{conditions}</ul>
                })}
            </section>

            <section class="card guide__section" aria-labelledby="g-support">
                <h2 id="g-support">{t("支持内容", "Support")}</h2>
                <p class="guide__text">{p.with_value(|p| p.support.clone())}</p>
                {move || amount().map(|a| view! {
                    <p class="guide__amount">
                        <span class="muted">{t("金额规则：", "Amount rule: ")}</span>
                        <strong>{a}</strong>
                    </p>
                })}
            </section>

            <section class="card guide__section" aria-labelledby="g-steps">
                <h2 id="g-steps">{t("申报流程", "How to apply")}</h2>
                <ol class="guide__steps">
                    {p.with_value(|p| p.steps.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view())}
                </ol>
            </section>

            <section class="card guide__section" aria-labelledby="g-docs">
                <h2 id="g-docs">{t("所需材料", "Documents needed")}</h2>
                <p class="muted no-print">{t("可逐项勾选核对（仅在本页有效）。", "Tick them off as you check (on this page only).")}</p>
                <ul class="guide__docs">
                    {p.with_value(|p| p.documents.iter().map(|d| view! {
                        <li>
                            <label class="check">
                                <input type="checkbox" />
                                <span>{d.clone()}</span>
                            </label>
                        </li>
                    }).collect_view())}
                </ul>
            </section>

            <section class="card guide__section" aria-labelledby="g-contact">
                <h2 id="g-contact">{t("有效期与咨询", "Validity and contact")}</h2>
                <dl class="facts">
                    <div>
                        <dt>{t("有效期", "Valid")}</dt>
                        <dd>{validity} " " <ExpiryBadge expiry /></dd>
                    </div>
                    {opens_in.map(|days| view! {
                        <div>
                            <dt>{t("开始受理", "Opens")}</dt>
                            <dd>{move || match lang.get() {
                                Lang::Zh => format!("{days} 天后开始受理，可提前准备材料"),
                                Lang::En => format!("opens in {days} days; prepare the documents now"),
                            }}</dd>
                        </div>
                    })}
                    <div>
                        <dt>{t("主管部门", "Department")}</dt>
                        <dd>{p.with_value(|p| p.department.clone())}</dd>
                    </div>
                    {(!tel.is_empty()).then(|| view! {
                        <div>
                            <dt>{t("咨询电话", "Phone")}</dt>
                            <dd><a class="guide__tel" href=tel_href>{tel.clone()}</a></dd>
                        </div>
                    })}
                </dl>
            </section>
        </article>
    }
}
