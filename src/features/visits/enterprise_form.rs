//! The enterprise form: one signal per input, read into a
//! `domain::forms::EnterpriseDraft` to validate and save.

use super::credit_code_field::CreditCodeField;
use super::labels::choices;
use crate::i18n::{t, use_lang};
use crate::ui::{field_error, CheckboxField, SelectField, TextArea, TextField};
use domain::forms::EnterpriseDraft;
use domain::lang::Label;
use domain::records::{EnterpriseSize, Qualification, RevenueBand};
use domain::validate::ValidationErrors;
use leptos::prelude::*;

/// The form's state.
#[derive(Clone, Copy)]
pub struct EnterpriseForm {
    name: RwSignal<String>,
    credit_code: RwSignal<String>,
    industry: RwSignal<String>,
    community: RwSignal<String>,
    size: RwSignal<String>,
    enrolled: RwSignal<bool>,
    revenue_band: RwSignal<String>,
    annual_revenue: RwSignal<String>,
    employees: RwSignal<String>,
    insured_headcount: RwSignal<String>,
    founded_year: RwSignal<String>,
    rd_spend: RwSignal<String>,
    export_volume: RwSignal<String>,
    qualifications: RwSignal<Vec<Qualification>>,
    contact_name: RwSignal<String>,
    contact_phone: RwSignal<String>,
    notes: RwSignal<String>,
}

impl EnterpriseForm {
    /// A form showing a draft.
    pub fn new(d: EnterpriseDraft) -> Self {
        EnterpriseForm {
            name: RwSignal::new(d.name),
            credit_code: RwSignal::new(d.credit_code),
            industry: RwSignal::new(d.industry),
            community: RwSignal::new(d.community),
            size: RwSignal::new(d.size),
            enrolled: RwSignal::new(d.enrolled),
            revenue_band: RwSignal::new(d.revenue_band),
            annual_revenue: RwSignal::new(d.annual_revenue),
            employees: RwSignal::new(d.employees),
            insured_headcount: RwSignal::new(d.insured_headcount),
            founded_year: RwSignal::new(d.founded_year),
            rd_spend: RwSignal::new(d.rd_spend),
            export_volume: RwSignal::new(d.export_volume),
            qualifications: RwSignal::new(d.qualifications),
            contact_name: RwSignal::new(d.contact_name),
            contact_phone: RwSignal::new(d.contact_phone),
            notes: RwSignal::new(d.notes),
        }
    }

    /// What is typed now (tracked).
    pub fn draft(&self) -> EnterpriseDraft {
        EnterpriseDraft {
            name: self.name.get(),
            credit_code: self.credit_code.get(),
            industry: self.industry.get(),
            community: self.community.get(),
            size: self.size.get(),
            enrolled: self.enrolled.get(),
            revenue_band: self.revenue_band.get(),
            annual_revenue: self.annual_revenue.get(),
            employees: self.employees.get(),
            insured_headcount: self.insured_headcount.get(),
            founded_year: self.founded_year.get(),
            rd_spend: self.rd_spend.get(),
            export_volume: self.export_volume.get(),
            qualifications: self.qualifications.get(),
            contact_name: self.contact_name.get(),
            contact_phone: self.contact_phone.get(),
            notes: self.notes.get(),
        }
    }
}

/// A text input with suggestions from the ledger (industries, communities).
#[component]
fn SuggestField(
    #[prop(into)] label: Signal<&'static str>,
    value: RwSignal<String>,
    name: &'static str,
    #[prop(into)] options: Signal<Vec<String>>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let list_id = format!("{name}-options");
    let error_id = format!("{name}-error");
    view! {
        <label class="field">
            <span class="field__label">{label} <span class="field__req" aria-hidden="true">" *"</span></span>
            <input
                class="input"
                name=name
                required
                list=list_id.clone()
                autocomplete="off"
                aria-describedby=error_id.clone()
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                prop:value=value
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            <datalist id=list_id>
                {move || options.get().into_iter().map(|o| view! { <option value=o></option> }).collect_view()}
            </datalist>
            <span class="field__error" id=error_id role="alert">{move || error.get()}</span>
        </label>
    }
}

/// The form's inputs (the page adds the buttons).
#[component]
pub fn EnterpriseFields(
    form: EnterpriseForm,
    /// Validation errors of the last save attempt (kept up to date after it).
    errors: Signal<Option<ValidationErrors>>,
    /// Whether a save was attempted.
    submitted: Signal<bool>,
    /// Industries already in the ledger.
    #[prop(into)]
    industries: Signal<Vec<String>>,
    /// Communities already in the ledger.
    #[prop(into)]
    communities: Signal<Vec<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let err = move |f: &'static str| field_error(errors, f);
    let wan_hint = t("单位：万元", "In 万元 (10,000 yuan)");
    view! {
        <fieldset class="card form-section">
            <legend>{t("基本信息", "Basics")}</legend>
            <div class="form-grid">
                <TextField label=t("企业名称", "Enterprise name") value=form.name name="name" required=true error=err("name") />
                <CreditCodeField value=form.credit_code submitted=submitted />
                <SuggestField label=t("行业", "Industry") value=form.industry name="industry" options=industries error=err("industry") />
                <SuggestField label=t("所在村居/社区", "Village or community") value=form.community name="community" options=communities error=err("community") />
                <SelectField label=t("企业规模", "Size") value=form.size name="size" choices=choices(&EnterpriseSize::ALL, Some(("未知", "Unknown"))) />
                <div class="field field--check">
                    <CheckboxField label=t("已纳入统计（纳统）", "Enrolled in official statistics (纳统)") value=form.enrolled name="enrolled" />
                </div>
            </div>
        </fieldset>
        <fieldset class="card form-section">
            <legend>{t("经营数据", "Figures")}</legend>
            <div class="form-grid">
                <SelectField label=t("年营业收入区间", "Annual revenue band") value=form.revenue_band name="revenue_band" choices=choices(&RevenueBand::ALL, Some(("未知", "Unknown"))) />
                <TextField label=t("年营业收入（万元）", "Annual revenue (万元)") value=form.annual_revenue name="annual_revenue" inputmode="decimal" hint=wan_hint error=err("annual_revenue") />
                <TextField label=t("从业人数", "Employees") value=form.employees name="employees" inputmode="numeric" error=err("employees") />
                <TextField label=t("参保人数", "Insured headcount") value=form.insured_headcount name="insured_headcount" inputmode="numeric" error=err("insured_headcount") />
                <TextField label=t("成立年份", "Year founded") value=form.founded_year name="founded_year" inputmode="numeric" error=err("founded_year") />
                <TextField label=t("年研发投入（万元）", "Annual R&D (万元)") value=form.rd_spend name="rd_spend" inputmode="decimal" error=err("rd_spend") />
                <TextField label=t("年进出口额（万元）", "Annual import/export (万元)") value=form.export_volume name="export_volume" inputmode="decimal" error=err("export_volume") />
            </div>
        </fieldset>
        <fieldset class="card form-section">
            <legend>{t("企业资质", "Qualifications")}</legend>
            <div class="check-grid">
                {Qualification::ALL
                    .into_iter()
                    .map(|q| {
                        view! {
                            <label class="check">
                                <input
                                    type="checkbox"
                                    name="qualifications"
                                    prop:checked=move || form.qualifications.with(|l| l.contains(&q))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        form.qualifications.update(|l| {
                                            l.retain(|x| *x != q);
                                            if on {
                                                l.push(q);
                                            }
                                        });
                                    }
                                />
                                <span>{move || q.label(lang.get())}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
        </fieldset>
        <fieldset class="card form-section">
            <legend>{t("联系方式与备注", "Contact and notes")}</legend>
            <div class="form-grid">
                <TextField label=t("联系人", "Contact person") value=form.contact_name name="contact_name" error=err("contact_name") />
                <TextField label=t("联系电话", "Phone") value=form.contact_phone name="contact_phone" kind="tel" inputmode="tel" error=err("contact_phone") hint=t("手机或座机，如 0532-88512345", "Mobile or landline, e.g. 0532-88512345") />
            </div>
            <TextArea label=t("备注", "Notes") value=form.notes name="notes" error=err("notes") />
        </fieldset>
    }
}
