//! The matcher's enterprise profile form. Every figure may stay "不清楚";
//! the matcher then says which guides need it instead of ruling them out.

use super::figure_field::FigureField;
use crate::i18n::{t, use_lang};
use crate::ui::{field_error, Choice, SelectField};
use domain::lang::Label;
use domain::policy::form::{code, from_code, Code, ProfileForm};
use domain::records::{EnterpriseSize, Qualification, RevenueBand};
use domain::validate::ValidationErrors;
use leptos::prelude::*;
use leptos::web_sys::SubmitEvent;

fn choices<T: Label + Code + Send + Sync>(all: &'static [T]) -> Signal<Vec<Choice>> {
    let lang = use_lang();
    let unknown = t("不清楚", "Unknown");
    Signal::derive(move || {
        let lang = lang.get();
        std::iter::once((
            String::new(),
            Signal::derive(move || unknown.get().to_owned()),
        ))
        .chain(all.iter().map(move |v| {
            let v = *v;
            (code(&v), Signal::derive(move || v.label(lang).to_owned()))
        }))
        .collect()
    })
}

/// The form; `on_submit` gets what was typed (the page checks it).
#[component]
pub fn ProfileFormView(
    /// Values to start from (the URL, or an enterprise record).
    initial: ProfileForm,
    /// Problems to mark, per field.
    #[prop(into)]
    errors: Signal<Option<ValidationErrors>>,
    /// Called with the form when "开始匹配" is pressed.
    on_submit: Callback<ProfileForm>,
) -> impl IntoView {
    let industry = RwSignal::new(initial.industry);
    let community = RwSignal::new(initial.community);
    let size = RwSignal::new(initial.size.map(|s| code(&s)).unwrap_or_default());
    let enrolled = RwSignal::new(
        match initial.enrolled {
            Some(true) => "yes",
            Some(false) => "no",
            None => "",
        }
        .to_owned(),
    );
    let band = RwSignal::new(initial.revenue_band.map(|b| code(&b)).unwrap_or_default());
    let revenue = RwSignal::new(initial.annual_revenue);
    let employees = RwSignal::new(initial.employees);
    let insured = RwSignal::new(initial.insured_headcount);
    let founded = RwSignal::new(initial.founded_year);
    let rd = RwSignal::new(initial.rd_spend);
    let export = RwSignal::new(initial.export_volume);
    let quals = RwSignal::new(initial.qualifications);

    let enrolled_choices = Signal::derive(move || {
        vec![
            (
                String::new(),
                Signal::derive(move || t("不清楚", "Unknown").get().to_owned()),
            ),
            (
                "yes".to_owned(),
                Signal::derive(move || t("已纳统", "Enrolled").get().to_owned()),
            ),
            (
                "no".to_owned(),
                Signal::derive(move || t("未纳统", "Not enrolled").get().to_owned()),
            ),
        ]
    });
    let lang = use_lang();
    let err = move |f: &'static str| field_error(errors, f);

    let collect = move || ProfileForm {
        industry: industry.get_untracked(),
        community: community.get_untracked(),
        size: from_code::<EnterpriseSize>(&size.get_untracked()),
        enrolled: match enrolled.get_untracked().as_str() {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        },
        revenue_band: from_code::<RevenueBand>(&band.get_untracked()),
        annual_revenue: revenue.get_untracked(),
        employees: employees.get_untracked(),
        insured_headcount: insured.get_untracked(),
        founded_year: founded.get_untracked(),
        rd_spend: rd.get_untracked(),
        export_volume: export.get_untracked(),
        qualifications: quals.get_untracked(),
    };
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        on_submit.run(collect());
    };
    let clear = move |_| {
        for s in [
            industry, community, size, enrolled, band, revenue, employees, insured, founded, rd,
            export,
        ] {
            s.set(String::new());
        }
        quals.set(None);
    };

    let quals_unknown = move || quals.with(Option::is_none);
    let qual_boxes = Qualification::ALL
        .into_iter()
        .map(|q| {
            let checked = move || quals.with(|list| list.as_ref().is_some_and(|l| l.contains(&q)));
            let toggle = move |ev| {
                let on = event_target_checked(&ev);
                quals.update(|list| {
                    let l = list.get_or_insert_with(Vec::new);
                    l.retain(|x| *x != q);
                    if on {
                        l.push(q);
                        domain::sort::sort(l);
                    }
                });
            };
            view! {
                <label class="check">
                    <input type="checkbox" name="quals" prop:checked=checked on:change=toggle />
                    <span>{move || q.label(lang.get())}</span>
                </label>
            }
        })
        .collect_view();

    view! {
        <form class="match-form" on:submit=submit novalidate>
            <p class="muted">
                {t(
                    "每一项都可以选“不清楚”。不清楚的数据不会判为不符合，而会列为“可能符合”，并提示需要补充哪些数据。",
                    "Every figure may be left as “Unknown”. Unknown figures never rule a guide out: the guide is listed as possibly eligible, with the data to ask for.",
                )}
            </p>
            <fieldset class="match-form__group">
                <legend>{t("基本情况", "The enterprise")}</legend>
                <div class="match-form__grid">
                    <FigureField label=t("所属行业", "Industry") value=industry name="industry" hint=t("如：纺织服装、机械制造", "e.g. 纺织服装, 机械制造") error=err("industry") />
                    <FigureField label=t("所在村居/社区", "Village or community") value=community name="community" hint=t("如：小李村、下泊", "e.g. 小李村, 下泊") error=err("community") />
                    <SelectField label=t("企业规模", "Size") value=size name="size" choices=choices(&EnterpriseSize::ALL) error=err("size") />
                    <SelectField label=t("是否纳统", "Enrolled in statistics") value=enrolled name="enrolled" choices=enrolled_choices error=err("enrolled") />
                </div>
            </fieldset>
            <fieldset class="match-form__group">
                <legend>{t("经营数据", "Figures")}</legend>
                <div class="match-form__grid">
                    <SelectField label=t("营业收入区间", "Revenue band") value=band name="band" choices=choices(&RevenueBand::ALL) error=err("revenue_band") hint=t("只知道大概范围时选这里", "Use this when only the range is known") />
                    <FigureField label=t("年营业收入（万元）", "Annual revenue (× 10,000 yuan)") value=revenue name="annual_revenue" inputmode="decimal" error=err("annual_revenue") />
                    <FigureField label=t("从业人数（人）", "Employees") value=employees name="employees" inputmode="numeric" error=err("employees") />
                    <FigureField label=t("参保人数（人）", "Insured employees") value=insured name="insured_headcount" inputmode="numeric" error=err("insured_headcount") />
                    <FigureField label=t("成立年份", "Year founded") value=founded name="founded_year" inputmode="numeric" error=err("founded_year") />
                    <FigureField label=t("年研发投入（万元）", "Annual R&D spend (× 10,000 yuan)") value=rd name="rd_spend" inputmode="decimal" error=err("rd_spend") />
                    <FigureField label=t("年进出口额（万元）", "Annual import/export (× 10,000 yuan)") value=export name="export_volume" inputmode="decimal" error=err("export_volume") />
                </div>
            </fieldset>
            <fieldset class="match-form__group">
                <legend>{t("企业资质", "Qualifications")}</legend>
                <label class="check match-form__quals-unknown">
                    <input
                        type="checkbox"
                        name="quals_unknown"
                        prop:checked=quals_unknown
                        on:change=move |ev| quals.set(if event_target_checked(&ev) { None } else { Some(Vec::new()) })
                    />
                    <span>{t("不清楚企业有哪些资质", "Qualifications unknown")}</span>
                </label>
                <div class="match-form__quals" class:is-disabled=quals_unknown>
                    <p class="muted">{t("勾选企业已取得的资质（都没有就都不勾）：", "Tick what the enterprise holds (none: tick nothing):")}</p>
                    {qual_boxes}
                </div>
            </fieldset>
            <div class="button-row">
                <button class="button" type="submit">{t("开始匹配", "Match policies")}</button>
                <button class="button button--secondary" type="button" on:click=clear>{t("全部设为不清楚", "Set all to unknown")}</button>
            </div>
        </form>
    }
}
