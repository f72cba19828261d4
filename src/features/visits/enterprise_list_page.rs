//! `/visits/enterprises`: the enterprise ledger with search (name, industry,
//! community, contact; hanzi or pinyin) and filters.

use super::labels::{choices, pick};
use super::queries::{
    enterprise_index, enterprises, error_of, field_values, list_of, visits, Records,
};
use crate::clock::today;
use crate::error::ErrorView;
use crate::i18n::{t, use_lang};
use crate::routing::NavigateOptions;
use crate::routing::{use_navigate, use_query_map};
use crate::store::records::Stored;
use crate::ui::{format, EmptyState, SelectField};
use domain::forms::code;
use domain::ids::RecordId;
use domain::lang::Label;
use domain::records::{Enterprise, EnterpriseSize, Visit};
use domain::search::{has_terms, SearchIndex};
use domain::time::Date;
use leptos::prelude::*;
use std::collections::HashMap;

/// The filters, as kept in the URL (`?q=…&community=…`).
#[derive(Clone, Copy)]
struct Filters {
    q: RwSignal<String>,
    community: RwSignal<String>,
    industry: RwSignal<String>,
    size: RwSignal<String>,
    enrolled: RwSignal<String>,
}

impl Filters {
    const KEYS: [&'static str; 5] = ["q", "community", "industry", "size", "enrolled"];

    fn signals(&self) -> [RwSignal<String>; 5] {
        [
            self.q,
            self.community,
            self.industry,
            self.size,
            self.enrolled,
        ]
    }

    fn keeps(&self, e: &Enterprise) -> bool {
        let is = |s: RwSignal<String>, v: &str| s.with(|f| f.is_empty() || f == v);
        is(self.community, &e.community)
            && is(self.industry, &e.industry)
            && is(self.size, &e.size.as_ref().map(code).unwrap_or_default())
            && is(self.enrolled, if e.enrolled { "yes" } else { "no" })
    }
}

fn text_choices(all: &'static str, options: Vec<String>) -> Vec<crate::ui::Choice> {
    let mut out = vec![(String::new(), Signal::stored(all.to_owned()))];
    out.extend(options.into_iter().map(|o| (o.clone(), Signal::stored(o))));
    out
}

/// The latest visit date per enterprise.
fn last_visits(visits: &[Stored<Visit>]) -> HashMap<RecordId, Date> {
    let mut out: HashMap<RecordId, Date> = HashMap::new();
    for v in visits {
        let e = out.entry(v.data.enterprise_id).or_insert(v.data.date);
        *e = (*e).max(v.data.date);
    }
    out
}

/// The ledger page.
#[component]
pub fn EnterpriseListPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let navigate = use_navigate();
    let initial =
        |key: &str| RwSignal::new(query.with_untracked(|q| q.get(key)).unwrap_or_default());
    let filters = Filters {
        q: initial("q"),
        community: initial("community"),
        industry: initial("industry"),
        size: initial("size"),
        enrolled: initial("enrolled"),
    };
    // Keep the filters in the URL, so "back" from a detail page keeps them.
    Effect::new(move |prev: Option<()>| {
        let pairs: Vec<String> = Filters::KEYS
            .iter()
            .zip(filters.signals())
            .filter_map(|(k, s)| {
                let v = s.get();
                (!v.is_empty()).then(|| format!("{k}={}", js_sys::encode_uri_component(&v)))
            })
            .collect();
        if prev.is_some() {
            let href = if pairs.is_empty() {
                "/visits/enterprises".to_owned()
            } else {
                format!("/visits/enterprises?{}", pairs.join("&"))
            };
            navigate(
                &href,
                NavigateOptions {
                    replace: true,
                    scroll: false,
                },
            );
        }
    });

    let all: Records<Enterprise> = enterprises();
    let all_visits = visits();
    let index = Memo::new_with_compare(move |_| enterprise_index(&list_of(all)), |_, _| true);
    let shown = Memo::new(move |_| {
        let list = list_of(all);
        let q = filters.q.get();
        let ordered: Vec<Stored<Enterprise>> = if has_terms(&q) {
            let hits = index.with(|i: &SearchIndex<RecordId>| i.search(&q, list.len().max(1)));
            hits.hits
                .iter()
                .filter_map(|h| list.iter().find(|e| e.id == h.key).cloned())
                .collect()
        } else {
            let mut l = list;
            domain::sort::sort_by(&mut l, |a, b| a.data.name.cmp(&b.data.name));
            l
        };
        ordered
            .into_iter()
            .filter(|e| filters.keeps(&e.data))
            .collect::<Vec<_>>()
    });
    let last = Memo::new(move |_| last_visits(&list_of(all_visits)));
    let communities = Signal::derive(move || {
        text_choices(
            pick(lang.get(), "全部村居/社区", "All communities"),
            field_values(&list_of(all), |e| &e.community),
        )
    });
    let industries = Signal::derive(move || {
        text_choices(
            pick(lang.get(), "全部行业", "All industries"),
            field_values(&list_of(all), |e| &e.industry),
        )
    });
    let sizes = choices(&EnterpriseSize::ALL, Some(("全部规模", "All sizes")));
    let enrolled_choices = Signal::derive(move || {
        let l = lang.get();
        vec![
            (
                String::new(),
                Signal::stored(pick(l, "纳统：全部", "Enrolment: all").to_owned()),
            ),
            (
                "yes".to_owned(),
                Signal::stored(pick(l, "已纳统", "Enrolled").to_owned()),
            ),
            (
                "no".to_owned(),
                Signal::stored(pick(l, "未纳统", "Not enrolled").to_owned()),
            ),
        ]
    });
    let clear = move |_| {
        for s in filters.signals() {
            s.set(String::new());
        }
    };
    let filtered = move || filters.signals().iter().any(|s| s.with(|v| !v.is_empty()));

    view! {
        <section class="page">
            <div class="page__head">
                <h1 class="page__title">{t("企业台账", "Enterprise ledger")}</h1>
                <a class="button" href="/visits/enterprises/new">{t("新增企业", "Add enterprise")}</a>
            </div>
            <div class="card filters">
                <label class="field filters__search">
                    <span class="field__label">{t("搜索企业", "Search enterprises")}</span>
                    <input
                        class="input"
                        type="search"
                        name="q"
                        autocomplete="off"
                        placeholder=move || t("名称、行业、村居、联系人，可用拼音", "Name, industry, community, contact; pinyin works").get()
                        prop:value=filters.q
                        on:input=move |ev| filters.q.set(event_target_value(&ev))
                    />
                </label>
                <SelectField label=t("村居/社区", "Community") value=filters.community choices=communities name="community" />
                <SelectField label=t("行业", "Industry") value=filters.industry choices=industries name="industry" />
                <SelectField label=t("规模", "Size") value=filters.size choices=sizes name="size" />
                <SelectField label=t("是否纳统", "Enrolled in statistics") value=filters.enrolled choices=enrolled_choices name="enrolled" />
            </div>
            <div class="list-head">
                <p role="status" data-testid="enterprise-count">
                    {move || {
                        let (n, total) = (shown.with(Vec::len), all.get().and_then(|r| r.ok()).map_or(0, |l| l.len()));
                        match (lang.get(), n == total) {
                            (domain::lang::Lang::Zh, true) => format!("共 {total} 家企业"),
                            (domain::lang::Lang::Zh, false) => format!("找到 {n} 家（共 {total} 家）"),
                            (domain::lang::Lang::En, true) => format!("{total} enterprises"),
                            (domain::lang::Lang::En, false) => format!("{n} of {total} enterprises"),
                        }
                    }}
                </p>
                <Show when=filtered>
                    <button class="button button--secondary" type="button" on:click=clear>{t("清除筛选", "Clear filters")}</button>
                </Show>
            </div>
            <ErrorView error=Signal::derive(move || error_of(all)) />
            {move || {
                if all.get().is_none() {
                    return view! { <p class="muted">{t("正在读取企业台账…", "Loading the ledger…")}</p> }.into_any();
                }
                let items = shown.get();
                if items.is_empty() {
                    return if filtered() {
                        view! { <EmptyState title=t("没有符合条件的企业", "No enterprise matches") body=t("换个关键词或清除筛选试试。", "Try other words or clear the filters.") /> }.into_any()
                    } else {
                        view! {
                            <EmptyState title=t("台账里还没有企业", "The ledger is empty") body=t("登录后首次同步会下载企业台账；也可以直接新增。", "The first sync after login downloads the ledger; you can also add one.")>
                                <a class="button" href="/visits/enterprises/new">{t("新增企业", "Add enterprise")}</a>
                            </EmptyState>
                        }.into_any()
                    };
                }
                let today = today();
                view! {
                    <ul class="ledger" aria-label=t("企业列表", "Enterprises")>
                        {items.into_iter().map(|e| {
                            let href = format!("/visits/enterprises/{}", e.id);
                            let visited = last.with(|m| m.get(&e.id).copied());
                            let d = e.data;
                            view! {
                                <li>
                                    <a class="ledger__item" href=href>
                                        <span class="ledger__name">{d.name.clone()}</span>
                                        <span class="ledger__meta inline-facts">
                                            <span>{d.industry.clone()}</span>
                                            <span>{d.community.clone()}</span>
                                            {d.size.map(|s| view! { <span>{move || s.label(lang.get())}</span> })}
                                        </span>
                                        <span class="ledger__badges">
                                            {if d.enrolled {
                                                view! { <span class="badge badge--ok">{t("已纳统", "Enrolled")}</span> }.into_any()
                                            } else {
                                                view! { <span class="badge badge--muted">{t("未纳统", "Not enrolled")}</span> }.into_any()
                                            }}
                                            {e.pending.then(|| view! { <span class="badge badge--warn">{t("待同步", "Not synced")}</span> })}
                                            <span class="ledger__visit">
                                                {move || match visited {
                                                    Some(date) => format!("{}{}", t("最近走访 ", "Last visit ").get(), format::date_short(date, today, lang.get())),
                                                    None => t("尚未走访", "Not visited yet").get().to_owned(),
                                                }}
                                            </span>
                                        </span>
                                    </a>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
