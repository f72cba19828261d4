//! `/visits/new` and `/visits/:id/edit`: the visit record form, used on a
//! tablet during a visit, usually offline.
//!
//! Every change is autosaved as a draft (300 ms after the last keystroke),
//! under `visit:new:<id>` (the id the visit will be saved under, kept in the
//! URL as `?draft=<id>`) or `visit:<id>`, so a closed tab or a dead battery
//! loses nothing. Saving validates with the domain, writes the visit (and its
//! outbox entry) and removes the draft.

use super::difficulty_rows::DifficultyRows;
use super::draft_banner::DraftBanner;
use super::enterprise_picker::EnterprisePicker;
use super::follow_up_rows::FollowUpRows;
use super::labels::{missing_visit, people, wan};
use super::policy_picker::PolicyPicker;
use super::queries::{
    enterprises, first_load, load_draft, policies, policy_categories, remove_draft, save_draft,
    save_visit, signed_in_name, DraftKey,
};
use super::visit_form::{fresh, VisitForm};
use crate::clock::{now, today};
use crate::error::{AppError, ErrorView};
use crate::features::account::CurrentSession;
use crate::i18n::{t, use_lang};
use crate::query::Query;
use crate::routing::use_params_map;
use crate::routing::NavigateOptions;
use crate::routing::{use_navigate, use_query_map};
use crate::ui::{field_error, format, PhotoPicker, RecordView, TextArea, TextField};
use domain::followup::log_status_changes;
use domain::forms::VisitDraft;
use domain::ids::RecordId;
use domain::lang::Lang;
use domain::records::Visit;
use domain::time::Timestamp;
use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::web_sys::SubmitEvent;

/// Debounce of the autosave, in milliseconds.
const AUTOSAVE_MS: u32 = 300;

/// What the form starts from.
#[derive(Clone)]
struct Start {
    key: DraftKey,
    draft: VisitDraft,
    /// When the restored draft was saved, if one was restored.
    restored: Option<Timestamp>,
    /// The visit as stored, when editing.
    original: Option<Visit>,
}

async fn load_start(
    key: DraftKey,
    enterprise: Option<RecordId>,
    staff: String,
) -> Result<Option<Start>, AppError> {
    let draft = load_draft(key).await?;
    let original = match key {
        DraftKey::Edit(id) => match crate::store::records::get::<Visit>(id).await? {
            Some(stored) => Some(stored.data),
            None => return Ok(None),
        },
        DraftKey::New(_) => None,
    };
    Ok(Some(match (draft, &original) {
        (Some(d), _) => Start {
            key,
            draft: d.data,
            restored: Some(d.updated_at),
            original,
        },
        (None, Some(v)) => Start {
            key,
            draft: VisitDraft::from(v),
            restored: None,
            original,
        },
        (None, None) => Start {
            key,
            draft: fresh(enterprise, staff, today()),
            restored: None,
            original: None,
        },
    }))
}

/// The page: works out the draft key from the URL, loads the starting
/// state once, then shows the editor.
#[component]
pub fn VisitFormPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let navigate = use_navigate();
    let session = expect_context::<CurrentSession>();
    let edit_id = params
        .with_untracked(|p| p.get("id"))
        .and_then(|s| s.parse::<RecordId>().ok());
    let enterprise = query
        .with_untracked(|q| q.get("enterprise"))
        .and_then(|s| s.parse::<RecordId>().ok());
    let draft_id = query
        .with_untracked(|q| q.get("draft"))
        .and_then(|s| s.parse::<RecordId>().ok());
    let key = match (edit_id, draft_id) {
        (Some(id), _) => DraftKey::Edit(id),
        (None, Some(id)) => DraftKey::New(id),
        (None, None) => {
            // Put the new visit's id in the URL, so a reload finds its draft.
            let id = RecordId::generate();
            let mut href = format!("/visits/new?draft={id}");
            if let Some(e) = enterprise {
                href.push_str(&format!("&enterprise={e}"));
            }
            navigate(
                &href,
                NavigateOptions {
                    replace: true,
                    scroll: false,
                },
            );
            DraftKey::New(id)
        }
    };
    let staff = signed_in_name(session);
    let start = first_load(Query::new(move || {
        let staff = staff.clone();
        async move { load_start(key, enterprise, staff).await }
    }));
    let missing = missing_visit();
    view! {
        <section class="page visit-form-page">
            <h1 class="page__title">
                {if edit_id.is_some() { t("修改走访记录", "Edit visit record") } else { t("新建走访记录", "New visit record") }}
            </h1>
            <DraftBanner current=Signal::stored(Some(key)) />
            <RecordView record=start missing=missing let:s>
                <VisitEditor start=s />
            </RecordView>
        </section>
    }
}

/// A figure of the ledger shown as a hint under an indicator input.
fn ledger_hint(lang: Lang, value: String) -> String {
    match lang {
        Lang::Zh => format!("台账现值：{value}"),
        Lang::En => format!("Ledger: {value}"),
    }
}

/// An indicator input with the ledger's current figure as its hint.
#[component]
fn IndicatorField(
    #[prop(into)] label: Signal<&'static str>,
    value: RwSignal<String>,
    name: &'static str,
    inputmode: &'static str,
    #[prop(into)] hint: Signal<Option<String>>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let (hint_id, error_id) = (format!("{name}-hint"), format!("{name}-error"));
    view! {
        <label class="field">
            <span class="field__label">{label}</span>
            <input
                class="input"
                name=name
                inputmode=inputmode
                autocomplete="off"
                aria-describedby=format!("{hint_id} {error_id}")
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                prop:value=value
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            <span class="field__hint" id=hint_id>{move || hint.get()}</span>
            <span class="field__error" id=error_id role="alert">{move || error.get()}</span>
        </label>
    }
}

#[component]
fn VisitEditor(start: Start) -> impl IntoView {
    let lang = use_lang();
    let navigate = use_navigate();
    let session = expect_context::<CurrentSession>();
    let Start {
        key,
        draft,
        restored,
        original,
    } = start;
    let form = VisitForm::new(draft);
    let ledger = enterprises();
    let guides = policies();
    let categories = policy_categories();
    let enterprise = Signal::derive(move || {
        let id = form.enterprise_id.get()?;
        ledger
            .get()?
            .ok()?
            .into_iter()
            .find(|e| e.id == id)
            .map(|e| e.data)
    });

    // Autosave: skip the first run (the state just loaded), then save 300 ms
    // after the last change. Dropping the previous timer cancels it.
    let timer = StoredValue::new_local(None::<Timeout>);
    let (saved_at, set_saved_at) = signal(restored);
    let (draft_error, set_draft_error) = signal(None::<AppError>);
    let (finished, set_finished) = signal(false);
    Effect::new(move |prev: Option<()>| {
        let snapshot = form.draft();
        if prev.is_none() || finished.get_untracked() {
            return;
        }
        let pending = Timeout::new(AUTOSAVE_MS, move || {
            spawn_local(async move {
                if finished.get_untracked() {
                    return;
                }
                match save_draft(key, snapshot).await {
                    Ok(()) => {
                        set_saved_at.set(Some(now()));
                        set_draft_error.set(None);
                    }
                    Err(e) => set_draft_error.set(Some(e)),
                }
            });
        });
        timer.set_value(Some(pending));
    });

    let (submitted, set_submitted) = signal(false);
    let errors = Signal::derive(move || {
        if submitted.get() {
            form.draft().to_visit().err()
        } else {
            None
        }
    });
    let save = Action::new_local(move |record: &Visit| {
        let mut record = record.clone();
        let original = original.clone();
        let by = signed_in_name(session);
        async move {
            log_status_changes(original.as_ref(), &mut record, &by, now());
            save_visit(key.id(), record).await?;
            remove_draft(key).await
        }
    });
    let save_error = Signal::derive(move || {
        save.value()
            .get()
            .and_then(|r: Result<(), AppError>| r.err())
    });
    let navigate_away = navigate.clone();
    Effect::new(move |_| match save.value().get() {
        Some(Ok(())) => navigate(&format!("/visits/{}", key.id()), Default::default()),
        // Not saved (e.g. the device is full): keep autosaving the draft, so
        // what is typed after the failure is kept, or its failure shown.
        Some(Err(_)) => set_finished.set(false),
        None => {}
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        set_submitted.set(true);
        if let Ok(record) = form.draft().to_visit() {
            set_finished.set(true);
            timer.set_value(None);
            save.dispatch(record);
        }
    };
    let discard_edits = move |_| {
        set_finished.set(true);
        timer.set_value(None);
        let navigate = navigate_away.clone();
        spawn_local(async move {
            let _ = remove_draft(key).await;
            let href = match key {
                DraftKey::Edit(id) => format!("/visits/{id}"),
                DraftKey::New(_) => "/visits".to_owned(),
            };
            navigate(&href, Default::default());
        });
    };
    let err = move |f: &'static str| field_error(errors, f);
    let photos_error = err("photos");
    let error_count = move || errors.with(|e| e.as_ref().map(|e| e.0.len()));
    let staff_name = Signal::derive(move || form.staff.get());
    let indicator_hint = move |pick: fn(&domain::records::Enterprise, Lang) -> String| {
        Signal::derive(move || {
            let l = lang.get();
            enterprise.with(|e| e.as_ref().map(|e| ledger_hint(l, pick(e, l))))
        })
    };

    view! {
        {restored.map(|at| view! {
            <p class="alert alert--ok" role="status">
                {move || format!("{}（{}）", t("已恢复上次未完成的内容", "Restored your unfinished entry").get(), format::date_time(at, now(), lang.get()))}
            </p>
        })}
        <form class="form visit-form" novalidate on:submit=on_submit>
            <fieldset class="card form-section">
                <legend>{t("基本信息", "Basics")}</legend>
                <EnterprisePicker value=form.enterprise_id ledger=ledger error=err("enterprise_id") />
                <div class="form-grid">
                    <TextField label=t("走访日期", "Date of visit") value=form.date name="date" kind="date" required=true error=err("date") />
                    <TextField label=t("走访人", "Visited by") value=form.staff name="staff" required=true error=err("staff") />
                </div>
                <TextArea label=t("走访目的", "Purpose") value=form.purpose name="purpose" error=err("purpose") hint=t("如：政策宣传、了解经营情况、协调用工", "E.g. presenting policies, checking operations, hiring help") />
            </fieldset>

            <fieldset class="card form-section">
                <legend>{t("宣传的政策", "Policies presented")}</legend>
                <PolicyPicker value=form.policies enterprise=enterprise guides=guides categories=categories />
            </fieldset>

            <fieldset class="card form-section">
                <legend>{t("企业反映的困难问题", "Difficulties raised")}</legend>
                <DifficultyRows rows=form.difficulties errors=errors />
            </fieldset>

            <fieldset class="card form-section">
                <legend>{t("跟进事项", "Follow-up actions")}</legend>
                <FollowUpRows rows=form.follow_ups difficulties=form.difficulties owner=staff_name errors=errors />
            </fieldset>

            <fieldset class="card form-section">
                <legend>{t("现场照片", "Photos")}</legend>
                <PhotoPicker photos=form.photos label=t("拍照或选择照片", "Take or choose photos") />
                {move || photos_error.get().map(|m| view! { <p class="field__error" role="alert">{m}</p> })}
            </fieldset>

            <fieldset class="card form-section">
                <legend>{t("企业当前指标", "Current indicators")}</legend>
                <div class="form-grid">
                    <IndicatorField label=t("产值（万元）", "Output (万元)") value=form.output name="output" inputmode="decimal" error=err("indicators.output")
                        hint=Signal::stored(None::<String>) />
                    <IndicatorField label=t("营业收入（万元）", "Revenue (万元)") value=form.revenue name="revenue" inputmode="decimal" error=err("indicators.revenue")
                        hint=indicator_hint(|e, l| wan(e.annual_revenue, l)) />
                    <IndicatorField label=t("从业人数", "Employees") value=form.employees name="employees" inputmode="numeric" error=err("indicators.employees")
                        hint=indicator_hint(|e, l| people(e.employees, l)) />
                    <IndicatorField label=t("进出口额（万元）", "Import/export (万元)") value=form.export_volume name="export_volume" inputmode="decimal" error=err("indicators.export_volume")
                        hint=indicator_hint(|e, l| wan(e.export_volume, l)) />
                </div>
                <TextArea label=t("备注", "Notes") value=form.notes name="notes" error=err("notes") />
            </fieldset>

            <div class="form-footer">
                <p class="form-footer__status" role="status" data-testid="autosave-status">
                    {move || match (draft_error.get(), saved_at.get()) {
                        (Some(e), _) => format!("{}{}", t("草稿未能保存：", "Draft not saved: ").get(), e.message(lang.get())),
                        (None, Some(at)) => format!("{} {}", t("草稿已自动保存", "Draft saved").get(), format::date_time(at, now(), lang.get())),
                        (None, None) => t("填写内容会自动保存为草稿", "Your entries are saved as a draft as you type").get().to_owned(),
                    }}
                </p>
                {move || error_count().map(|n| view! {
                    <p class="alert alert--error" role="alert">
                        {move || match lang.get() {
                            Lang::Zh => format!("还有 {n} 处需要修改，请查看标红的项目。"),
                            Lang::En => format!("{n} field(s) need attention; see the ones marked in red."),
                        }}
                    </p>
                })}
                <ErrorView error=save_error />
                <div class="button-row">
                    <button class="button button--secondary" type="button" on:click=discard_edits>
                        {t("放弃", "Discard")}
                    </button>
                    <button class="button" type="submit" disabled=move || save.pending().get()>
                        {t("保存走访记录", "Save visit record")}
                    </button>
                </div>
            </div>
        </form>
    }
}
