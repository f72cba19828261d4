//! Conflicts: both values side by side; the user keeps either, and the
//! choice syncs like any edit.

use super::queries::conflicts;
use crate::clock::now;
use crate::error::AppError;
use crate::i18n::{t, use_lang};
use crate::store::records;
use crate::ui::format;
use domain::collection::Collection;
use domain::ids::RecordId;
use domain::lang::Label;
use domain::records::fields::{describe_path, describe_value};
use leptos::prelude::*;
use serde_json::Value;

/// A record's human name: its title or name field.
fn record_name(data: &Value) -> String {
    ["title", "name", "staff"]
        .iter()
        .find_map(|k| data.get(*k).and_then(Value::as_str))
        .unwrap_or("—")
        .to_owned()
}

/// The conflicts view.
#[component]
pub fn ConflictsList() -> impl IntoView {
    let list = conflicts();
    let lang = use_lang();
    let choose = Action::new_local(
        |(collection, id, path, value): &(Collection, RecordId, String, Value)| {
            let (collection, id, path, value) = (*collection, *id, path.clone(), value.clone());
            async move {
                records::resolve_conflict(collection, id, &path, value, now())
                    .await
                    .map_err(AppError::from)
            }
        },
    );
    move || {
        let items = list.get().and_then(|r| r.ok()).unwrap_or_default();
        view! {
            <section class="card" aria-labelledby="conflicts-title" data-testid="conflicts">
                <h2 id="conflicts-title">{t("冲突", "Conflicts")}</h2>
                {if items.is_empty() {
                    view! { <p class="muted">{t("没有冲突。两台设备修改同一项内容时，会在这里让您选择保留哪一个。", "No conflicts. When two devices change the same field, you choose here which value to keep.")}</p> }.into_any()
                } else {
                    view! {
                        <ul class="list">
                            {items
                                .into_iter()
                                .map(|record| {
                                    let name = record_name(&record.data);
                                    let collection = record.collection;
                                    let id = record.id;
                                    view! {
                                        <li class="list__item conflict">
                                            <h3>
                                                <span class="badge badge--danger">{t("冲突", "Conflict")}</span>
                                                " " {move || collection.label(lang.get())} " · " {name.clone()}
                                            </h3>
                                            {record
                                                .conflicts
                                                .into_iter()
                                                .map(|c| {
                                                    let (kept, other) = (c.kept.clone(), c.other.clone());
                                                    let data = record.data.clone();
                                                    let path = c.path.clone();
                                                    let field = move || describe_path(collection, &path, &data, lang.get());
                                                    let shown = |value: &Value| {
                                                        let (path, value) = (c.path.clone(), value.clone());
                                                        move || describe_value(collection, &path, &value, lang.get())
                                                    };
                                                    let (kept_text, other_text) = (shown(&c.kept), shown(&c.other));
                                                    let (path1, path2) = (c.path.clone(), c.path.clone());
                                                    view! {
                                                        <div class="conflict__row">
                                                            <p class="conflict__field">{t("内容：", "Field: ")} <strong>{field}</strong></p>
                                                            <div class="conflict__choices">
                                                                <div class="conflict__choice">
                                                                    <p class="muted">{t("当前值", "Current value")} " · " {format::date_time(c.kept_updated_at, now(), lang.get())}</p>
                                                                    <p class="conflict__value" data-testid="conflict-kept">{kept_text}</p>
                                                                    <button class="button button--secondary" type="button"
                                                                        on:click=move |_| { choose.dispatch((collection, id, path1.clone(), kept.clone())); }>
                                                                        {t("保留当前值", "Keep current value")}
                                                                    </button>
                                                                </div>
                                                                <div class="conflict__choice">
                                                                    <p class="muted">{t("另一设备的值", "Other device's value")} " · " {format::date_time(c.other_updated_at, now(), lang.get())}</p>
                                                                    <p class="conflict__value" data-testid="conflict-other">{other_text}</p>
                                                                    <button class="button" type="button"
                                                                        on:click=move |_| { choose.dispatch((collection, id, path2.clone(), other.clone())); }>
                                                                        {t("改用这个值", "Use this value")}
                                                                    </button>
                                                                </div>
                                                            </div>
                                                        </div>
                                                    }
                                                })
                                                .collect_view()}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        }
    }
}
