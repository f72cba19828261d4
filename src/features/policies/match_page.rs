//! `/policies/match`: the policy matcher (政策匹配). The profile lives in the
//! URL (`?run=1&industry=…`), so a reload, "back" or a shared link shows the
//! same result; `?enterprise=<id>` starts from a ledger record (staff).

use super::match_results::MatchResults;
use super::print::{PrintButton, PrintHeader};
use super::profile_form::ProfileFormView;
use super::queries::{enterprise, enterprises, guides, role, sort_by_key};
use crate::clock::today;
use crate::i18n::{t, use_lang};
use crate::routing::NavigateOptions;
use crate::routing::{use_navigate, use_query_map};
use domain::ids::RecordId;
use domain::lang::Lang;
use domain::policy::form::{profile_facts, ProfileForm};
use domain::policy::EnterpriseProfile;
use domain::validate::ValidationErrors;
use leptos::prelude::*;

/// The URL of a submitted profile (and the enterprise it started from).
fn match_url(form: &ProfileForm, enterprise: Option<RecordId>) -> String {
    let mut parts: Vec<String> = enterprise
        .map(|id| format!("enterprise={id}"))
        .into_iter()
        .collect();
    parts.extend(
        form.to_query()
            .into_iter()
            .map(|(k, v)| format!("{k}={}", js_sys::encode_uri_component(&v))),
    );
    format!("/policies/match?{}", parts.join("&"))
}

/// The matcher page.
#[component]
pub fn MatchPage() -> impl IntoView {
    let query = use_query_map();
    let navigate = use_navigate();
    let lang = use_lang();
    let role = role();
    let submitted = Memo::new(move |_| query.with(|q| ProfileForm::from_query(|k| q.get(k))));
    let enterprise_id = Memo::new(move |_| {
        query
            .with(|q| q.get("enterprise"))
            .and_then(|s| s.parse::<RecordId>().ok())
    });
    let record = enterprise(move || enterprise_id.get());
    // `None` while the record is loading; `Some(None)` when it is not here.
    let ledger = Memo::new(move |_| {
        enterprise_id.get()?;
        let found = record.get()?.ok().flatten();
        Some(found.map(|e| (e.data.name.clone(), EnterpriseProfile::from(&e.data))))
    });
    let initial = Memo::new(move |_| match (submitted.get(), enterprise_id.get()) {
        (Some(form), _) => Some(form),
        (None, Some(_)) => ledger.get().map(|found| {
            found
                .map(|(_, p)| ProfileForm::from_profile(&p))
                .unwrap_or_default()
        }),
        (None, None) => Some(ProfileForm::default()),
    });
    let parsed = Memo::new(move |_| submitted.get().map(|f| f.parse(today())));
    let profile = Memo::new(move |_| match parsed.get() {
        Some(Ok(p)) => Some(p),
        Some(Err(_)) => None,
        None => ledger.get().flatten().map(|(_, p)| p),
    });
    let (attempt, set_attempt) = signal(None::<ValidationErrors>);
    let errors =
        Signal::derive(move || attempt.get().or_else(|| parsed.get().and_then(|r| r.err())));
    let on_submit = {
        let navigate = navigate.clone();
        Callback::new(move |form: ProfileForm| match form.parse(today()) {
            Err(e) => set_attempt.set(Some(e)),
            Ok(_) => {
                set_attempt.set(None);
                navigate(
                    &match_url(&form, enterprise_id.get_untracked()),
                    NavigateOptions::default(),
                );
            }
        })
    };
    let subject = move || {
        let lang = lang.get();
        match ledger.get().flatten() {
            Some((name, p)) => {
                let edited = submitted
                    .get()
                    .is_some_and(|f| f != ProfileForm::from_profile(&p));
                match (lang, edited) {
                    (Lang::Zh, false) => format!("{name}（企业台账数据）"),
                    (Lang::Zh, true) => format!("{name}（在台账数据基础上修改）"),
                    (Lang::En, false) => format!("{name} (ledger figures)"),
                    (Lang::En, true) => format!("{name} (ledger figures, edited)"),
                }
            }
            None => t("手动填写的企业情况", "Figures entered by hand")
                .get()
                .to_owned(),
        }
    };
    let missing_record = move || matches!(ledger.get(), Some(None));
    let all_guides = guides();
    let any_sample = Signal::derive(move || {
        all_guides
            .get()
            .and_then(|r| r.ok())
            .is_some_and(|list| list.iter().any(|g| g.data.sample))
    });

    view! {
        <section class="page policies match" aria-labelledby="match-title">
            <PrintHeader sheet=t("政策匹配结果", "Policy match result") sample=any_sample />
            <div class="page-head">
                <h1 class="page__title" id="match-title">{t("政策匹配", "Policy matcher")}</h1>
                {move || profile.get().is_some().then(|| view! { <div class="button-row no-print"><PrintButton /></div> })}
            </div>
            <p class="muted no-print">
                {t(
                    "填写企业情况，查看它符合、可能符合和不符合哪些政策，以及预计可获得的支持金额。结果仅供参考，以主管部门审核为准。",
                    "Enter an enterprise's figures to see which guides it meets, may meet or does not meet, with the support it could receive. For reference only; the department decides.",
                )}
            </p>
            {move || (role.get().is_some()).then(|| view! { <EnterprisePicker selected=enterprise_id /> })}
            {move || missing_record().then(|| view! {
                <div class="alert alert--warn" role="status">
                    {t("本机找不到这家企业的台账记录（需要工作人员登录并同步）。请手动填写企业情况。", "This enterprise is not on this device (staff login and sync needed). Please enter its figures by hand.")}
                </div>
            })}
            {move || profile.get().map(|p| view! { <ProfileFacts subject=subject() profile=p /> })}
            <details class="match-edit no-print" class:match-edit--bare=move || profile.get().is_none() open=move || profile.get().is_none()>
                <summary class="button button--secondary match-edit__toggle">
                    {move || if profile.get().is_some() { t("修改企业情况", "Edit the figures").get() } else { t("企业情况", "The enterprise's figures").get() }}
                </summary>
                {move || initial.get().map(|init| view! { <ProfileFormView initial=init errors on_submit /> })}
            </details>
            {move || profile.get().map(|p| view! { <MatchResults profile=p /> })}
        </section>
    }
}

/// Staff only: start from an enterprise of the ledger.
#[component]
fn EnterprisePicker(selected: Memo<Option<RecordId>>) -> impl IntoView {
    let list = enterprises();
    let navigate = use_navigate();
    let on_change = move |ev| {
        let id: String = event_target_value(&ev);
        let url = if id.is_empty() {
            "/policies/match".to_owned()
        } else {
            format!("/policies/match?enterprise={id}")
        };
        navigate(&url, NavigateOptions::default());
    };
    let options = move || {
        let mut items = list.get().and_then(|r| r.ok()).unwrap_or_default();
        sort_by_key(&mut items, |e| (0, e.data.name.clone()));
        let current = selected.get().map(|id| id.to_string()).unwrap_or_default();
        items
            .into_iter()
            .map(|e| {
                let id = e.id.to_string();
                let is = id == current;
                view! { <option value=id selected=is>{e.data.name}</option> }
            })
            .collect_view()
    };
    view! {
        <label class="field match-picker no-print">
            <span class="field__label">{t("从企业台账选择（工作人员）", "Start from the ledger (staff)")}</span>
            <select class="input" name="enterprise" on:change=on_change>
                <option value="" selected=move || selected.get().is_none()>{t("—— 手动填写 ——", "— Enter by hand —")}</option>
                {options}
            </select>
            <span class="field__hint">{t("选择后自动带入台账中的企业数据，可再修改。", "Fills in the ledger's figures; you can still change them.")}</span>
        </label>
    }
}

/// The figures the result is based on (on screen and on paper).
#[component]
fn ProfileFacts(subject: String, profile: EnterpriseProfile) -> impl IntoView {
    let lang = use_lang();
    let facts = profile_facts(&profile);
    view! {
        <section class="card match-facts" aria-labelledby="facts-title">
            <h2 id="facts-title">{t("匹配对象：", "Matched for: ")} {subject}</h2>
            <dl class="facts facts--compact">
                {facts
                    .into_iter()
                    .map(|(label, value)| {
                        let known = value.is_some();
                        view! {
                            <div class:is-unknown=!known>
                                <dt>{move || label.get(lang.get())}</dt>
                                <dd>{move || match &value {
                                    Some(v) => v.get(lang.get()).to_owned(),
                                    None => t("不清楚", "Unknown").get().to_owned(),
                                }}</dd>
                            </div>
                        }
                    })
                    .collect_view()}
            </dl>
        </section>
    }
}
