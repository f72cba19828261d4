//! The guide editor's condition list: one row per condition, a kind picked
//! from a list and the value that kind needs, with a live preview of how
//! the guide page will word it. "Any one of" groups are kept unchanged.

use crate::i18n::{t, use_lang};
use domain::lang::{Label, Lang};
use domain::policy::form::{code, from_code, ConditionInput, ConditionKind, ConditionRow};
use domain::records::{EnterpriseSize, Qualification};
use domain::validate::ValidationErrors;
use leptos::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A row and its stable key (rows are added and removed; inputs keep focus).
#[derive(Clone, Copy)]
pub struct RowEntry {
    /// Stable key for the keyed list.
    pub key: usize,
    /// The row.
    pub row: RwSignal<ConditionRow>,
}

/// Keys are unique for the app's lifetime, so a list refilled from a draft
/// never reuses a key the keyed list still holds.
static NEXT_KEY: AtomicUsize = AtomicUsize::new(0);

impl RowEntry {
    /// A row with a fresh key.
    pub fn new(row: ConditionRow) -> RowEntry {
        RowEntry {
            key: NEXT_KEY.fetch_add(1, Ordering::Relaxed),
            row: RwSignal::new(row),
        }
    }
}

/// Rows for a list of conditions.
pub fn entries(rows: Vec<ConditionRow>) -> Vec<RowEntry> {
    rows.into_iter().map(RowEntry::new).collect()
}

/// The editable list.
#[component]
pub fn ConditionEditor(
    rows: RwSignal<Vec<RowEntry>>,
    #[prop(into)] errors: Signal<Option<ValidationErrors>>,
) -> impl IntoView {
    let add =
        move |_| rows.update(|r| r.push(RowEntry::new(ConditionRow::new(ConditionKind::Industry))));
    view! {
        <fieldset class="condition-editor">
            <legend>{t("匹配条件（全部满足才算符合）", "Matching conditions (all must hold)")}</legend>
            <p class="muted">
                {t(
                    "政策匹配按这些条件判断企业是否符合。“满足其一”条件组不能在这里逐项修改，保存时原样保留，也可以整组删除。",
                    "The matcher checks these. “Any one of” groups cannot be edited here; they are kept as they are, or can be removed whole.",
                )}
            </p>
            <ol class="condition-editor__rows">
                <For each=move || rows.get() key=|e| e.key let:entry>
                    <ConditionRowView entry rows errors />
                </For>
            </ol>
            {move || rows.with(Vec::is_empty).then(|| view! {
                <p class="muted">{t("没有条件：任何企业都会被判为符合。", "No conditions: every enterprise matches.")}</p>
            })}
            <button class="button button--secondary" type="button" on:click=add>{t("添加条件", "Add a condition")}</button>
        </fieldset>
    }
}

#[component]
fn ConditionRowView(
    entry: RowEntry,
    rows: RwSignal<Vec<RowEntry>>,
    errors: Signal<Option<ValidationErrors>>,
) -> impl IntoView {
    let lang = use_lang();
    let row = entry.row;
    let key = entry.key;
    let index = Memo::new(move |_| rows.with(|r| r.iter().position(|e| e.key == key).unwrap_or(0)));
    let kind = Memo::new(move |_| row.with(|r| r.kind));
    let error = move || {
        let field = format!("conditions.{}", index.get());
        errors.with(|e| {
            e.as_ref()
                .and_then(|e| e.field(&field))
                .map(|e| e.message(lang.get()))
        })
    };
    let preview = move || {
        row.with(|r| r.to_condition().ok())
            .map(|c| c.requirement().get(lang.get()).to_owned())
    };
    let remove = move |_| rows.update(|r| r.retain(|e| e.key != key));
    let select_id = format!("cond-kind-{key}");
    let kind_select = move || {
        if kind.get() == ConditionKind::Group {
            return view! { <p class="condition-row__kept">{move || ConditionKind::Group.label(lang.get())}</p> }.into_any();
        }
        let current = kind.get();
        view! {
            <select
                class="input"
                id=select_id.clone()
                on:change=move |ev| {
                    if let Some(k) = from_code::<ConditionKind>(&event_target_value(&ev)) {
                        row.update(|r| *r = r.with_kind(k));
                    }
                }
            >
                {ConditionKind::CHOOSABLE
                    .into_iter()
                    .map(|k| view! { <option value=code(&k) selected=k == current>{move || k.label(lang.get())}</option> })
                    .collect_view()}
            </select>
        }
        .into_any()
    };
    view! {
        <li class="condition-row" data-testid="condition-row">
            <div class="condition-row__head">
                <label class="field__label" for=format!("cond-kind-{key}")>
                    {move || match lang.get() {
                        Lang::Zh => format!("条件 {}", index.get() + 1),
                        Lang::En => format!("Condition {}", index.get() + 1),
                    }}
                </label>
                <button class="button button--ghost condition-row__remove" type="button" on:click=remove>
                    {t("删除", "Remove")}
                </button>
            </div>
            {kind_select}
            {move || value_input(kind.get(), row, key)}
            <p class="condition-row__preview muted">{preview}</p>
            <span class="field__error" role="alert">{error}</span>
        </li>
    }
}

/// The value input a kind needs; re-created only when the kind changes.
fn value_input(kind: ConditionKind, row: RwSignal<ConditionRow>, key: usize) -> AnyView {
    let lang = use_lang();
    match kind.input() {
        ConditionInput::Names => view! {
            <label class="field">
                <span class="field__label">{t("可接受的名称（用、或逗号分隔）", "Accepted names (separate with commas)")}</span>
                <input
                    class="input"
                    name=format!("cond-{key}-names")
                    prop:value=move || row.with(|r| r.text.clone())
                    on:input=move |ev| row.update(|r| r.text = event_target_value(&ev))
                />
            </label>
        }
        .into_any(),
        ConditionInput::Number(unit) => view! {
            <label class="field">
                <span class="field__label">{move || format!("{}（{}）", t("数值", "Value").get(), unit.get(lang.get()))}</span>
                <input
                    class="input"
                    name=format!("cond-{key}-value")
                    inputmode="decimal"
                    prop:value=move || row.with(|r| r.text.clone())
                    on:input=move |ev| row.update(|r| r.text = event_target_value(&ev))
                />
            </label>
        }
        .into_any(),
        ConditionInput::Sizes => EnterpriseSize::ALL
            .into_iter()
            .map(|s| {
                view! {
                    <label class="check">
                        <input
                            type="checkbox"
                            prop:checked=move || row.with(|r| r.sizes.contains(&s))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                row.update(|r| {
                                    r.sizes.retain(|x| *x != s);
                                    if on {
                                        r.sizes.push(s);
                                        domain::sort::sort(&mut r.sizes);
                                    }
                                });
                            }
                        />
                        <span>{move || s.label(lang.get())}</span>
                    </label>
                }
            })
            .collect_view()
            .into_any(),
        ConditionInput::Qualifications => Qualification::ALL
            .into_iter()
            .map(|q| {
                view! {
                    <label class="check">
                        <input
                            type="checkbox"
                            prop:checked=move || row.with(|r| r.qualifications.contains(&q))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                row.update(|r| {
                                    r.qualifications.retain(|x| *x != q);
                                    if on {
                                        r.qualifications.push(q);
                                        domain::sort::sort(&mut r.qualifications);
                                    }
                                });
                            }
                        />
                        <span>{move || q.label(lang.get())}</span>
                    </label>
                }
            })
            .collect_view()
            .into_any(),
        ConditionInput::Flag => view! {
            <label class="field">
                <span class="field__label">{t("要求", "Requires")}</span>
                <select
                    class="input"
                    on:change=move |ev| row.update(|r| r.flag = event_target_value(&ev) == "yes")
                >
                    <option value="yes" selected=move || row.with(|r| r.flag)>{t("已纳统", "Enrolled")}</option>
                    <option value="no" selected=move || row.with(|r| !r.flag)>{t("尚未纳统", "Not yet enrolled")}</option>
                </select>
            </label>
        }
        .into_any(),
        ConditionInput::Kept => ().into_any(),
    }
}
