//! The matcher's profile form: every figure optional, an empty text or a
//! `None` choice meaning "不清楚" (unknown), never zero.

use super::{code, from_code, number_in, number_text, whole_in};
use crate::lang::{Label, Lang, Text};
use crate::policy::format::wan;
use crate::policy::{Bilingual, EnterpriseProfile};
use crate::records::{EnterpriseSize, Qualification, RevenueBand};
use crate::time::Date;
use crate::validate::{Checker, Problem, ValidationErrors};
use serde::{Deserialize, Serialize};

/// The URL parameter that says a profile was submitted, so that a profile
/// with every figure unknown (no other parameter) still shows results.
pub const QUERY_MARK: &str = "run";

/// Largest money figure accepted, in 万元 (the ledger's limit).
const MAX_WAN: f64 = 10_000_000.0;
/// Largest headcount accepted.
const MAX_PEOPLE: u32 = 1_000_000;

/// What the user typed into the matcher form. Empty text means unknown.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProfileForm {
    /// Industry.
    pub industry: String,
    /// Village or community.
    pub community: String,
    /// Size class.
    pub size: Option<EnterpriseSize>,
    /// Enrolled in statistics.
    pub enrolled: Option<bool>,
    /// Revenue band.
    pub revenue_band: Option<RevenueBand>,
    /// Annual revenue, 万元.
    pub annual_revenue: String,
    /// Employees.
    pub employees: String,
    /// Insured employees.
    pub insured_headcount: String,
    /// Year founded.
    pub founded_year: String,
    /// Annual R&D spend, 万元.
    pub rd_spend: String,
    /// Annual import/export volume, 万元.
    pub export_volume: String,
    /// Qualifications held; `None` = not known, `Some([])` = none held.
    pub qualifications: Option<Vec<Qualification>>,
}

/// URL keys, short so a shared link stays readable.
mod key {
    pub const INDUSTRY: &str = "industry";
    pub const COMMUNITY: &str = "community";
    pub const SIZE: &str = "size";
    pub const ENROLLED: &str = "enrolled";
    pub const BAND: &str = "band";
    pub const REVENUE: &str = "revenue";
    pub const EMPLOYEES: &str = "employees";
    pub const INSURED: &str = "insured";
    pub const FOUNDED: &str = "founded";
    pub const RD: &str = "rd";
    pub const EXPORT: &str = "export";
    pub const QUALS: &str = "quals";
}

/// How "no qualifications" is written in the URL (an empty value would be
/// lost by some link shorteners).
const NONE_HELD: &str = "none";

impl ProfileForm {
    /// The form showing a known profile (from the enterprise ledger).
    pub fn from_profile(p: &EnterpriseProfile) -> ProfileForm {
        let num = |v: Option<f64>| v.map(number_text).unwrap_or_default();
        let int = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
        ProfileForm {
            industry: p.industry.clone().unwrap_or_default(),
            community: p.community.clone().unwrap_or_default(),
            size: p.size,
            enrolled: p.enrolled,
            revenue_band: p.revenue_band,
            annual_revenue: num(p.annual_revenue),
            employees: int(p.employees),
            insured_headcount: int(p.insured_headcount),
            founded_year: int(p.founded_year.map(u32::from)),
            rd_spend: num(p.rd_spend),
            export_volume: num(p.export_volume),
            qualifications: p.qualifications.clone(),
        }
    }

    /// Checks the typed figures and builds the profile. Every bad field is
    /// reported at once, keyed by its form field name. `today` bounds the
    /// year founded.
    pub fn parse(&self, today: Date) -> Result<EnterpriseProfile, ValidationErrors> {
        let mut c = Checker::default();
        let mut text = |field: &str, label: Text, value: &str, max: usize| {
            let v = value.trim();
            c.max_len(field, label, v, max);
            (!v.is_empty()).then(|| v.to_owned())
        };
        let industry = text(
            "industry",
            Text::new("所属行业", "Industry"),
            &self.industry,
            30,
        );
        let community = text(
            "community",
            Text::new("所在村居/社区", "Village or community"),
            &self.community,
            50,
        );
        let mut figure = |field: &str,
                          label: Text,
                          value: &str,
                          parse: &dyn Fn(&str) -> Result<f64, Problem>| {
            if value.trim().is_empty() {
                return None;
            }
            match parse(value) {
                Ok(v) => Some(v),
                Err(problem) => {
                    c.fail(field, label, problem);
                    None
                }
            }
        };
        let money = |t: &str| number_in(t, 0.0, MAX_WAN);
        let people = |t: &str| whole_in(t, 0, MAX_PEOPLE).map(f64::from);
        let this_year = u32::try_from(today.year()).unwrap_or(2100);
        let year = |t: &str| whole_in(t, 1900, this_year).map(f64::from);
        let revenue = figure(
            "annual_revenue",
            Text::new("年营业收入", "Annual revenue"),
            &self.annual_revenue,
            &money,
        );
        let employees = figure(
            "employees",
            Text::new("从业人数", "Employees"),
            &self.employees,
            &people,
        );
        let insured = figure(
            "insured_headcount",
            Text::new("参保人数", "Insured headcount"),
            &self.insured_headcount,
            &people,
        );
        let founded = figure(
            "founded_year",
            Text::new("成立年份", "Year founded"),
            &self.founded_year,
            &year,
        );
        let rd = figure(
            "rd_spend",
            Text::new("年研发投入", "Annual R&D spend"),
            &self.rd_spend,
            &money,
        );
        let export = figure(
            "export_volume",
            Text::new("年进出口额", "Annual import/export volume"),
            &self.export_volume,
            &money,
        );
        if let (Some(i), Some(e)) = (insured, employees) {
            if i > e {
                c.fail(
                    "insured_headcount",
                    Text::new("参保人数", "Insured headcount"),
                    Problem::OutOfRange {
                        min: 0,
                        max: e as i64,
                    },
                );
            }
        }
        // A figure outside its band is a typo in one of the two; the matcher
        // would silently trust the figure, so ask instead.
        if let (Some(v), Some(band)) = (revenue, self.revenue_band) {
            let (lo, hi) = band.range();
            if v < lo || hi.is_some_and(|h| v >= h) {
                c.fail(
                    "revenue_band",
                    Text::new(
                        "营业收入区间（与年营业收入不一致）",
                        "Revenue band (does not match the annual revenue)",
                    ),
                    Problem::OutOfRange {
                        min: lo as i64,
                        max: hi.unwrap_or(MAX_WAN) as i64,
                    },
                );
            }
        }
        c.finish()?;
        Ok(EnterpriseProfile {
            industry,
            community,
            size: self.size,
            enrolled: self.enrolled,
            revenue_band: self.revenue_band,
            annual_revenue: revenue,
            employees: employees.map(|v| v as u32),
            insured_headcount: insured.map(|v| v as u32),
            founded_year: founded.map(|v| v as u16),
            rd_spend: rd,
            export_volume: export,
            qualifications: self.qualifications.clone(),
        })
    }

    /// The form as URL parameters: only known figures, plus [`QUERY_MARK`].
    pub fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut out = vec![(QUERY_MARK, "1".to_owned())];
        let mut text = |k: &'static str, v: &str| {
            if !v.trim().is_empty() {
                out.push((k, v.trim().to_owned()));
            }
        };
        text(key::INDUSTRY, &self.industry);
        text(key::COMMUNITY, &self.community);
        text(key::SIZE, &self.size.map(|s| code(&s)).unwrap_or_default());
        text(
            key::ENROLLED,
            match self.enrolled {
                Some(true) => "yes",
                Some(false) => "no",
                None => "",
            },
        );
        text(
            key::BAND,
            &self.revenue_band.map(|b| code(&b)).unwrap_or_default(),
        );
        text(key::REVENUE, &self.annual_revenue);
        text(key::EMPLOYEES, &self.employees);
        text(key::INSURED, &self.insured_headcount);
        text(key::FOUNDED, &self.founded_year);
        text(key::RD, &self.rd_spend);
        text(key::EXPORT, &self.export_volume);
        match &self.qualifications {
            None => {}
            Some(q) if q.is_empty() => out.push((key::QUALS, NONE_HELD.to_owned())),
            Some(q) => out.push((key::QUALS, q.iter().map(code).collect::<Vec<_>>().join(","))),
        }
        out
    }

    /// Reads the form back from URL parameters; `None` when no profile was
    /// submitted (no [`QUERY_MARK`]). Unknown codes are read as unknown, and
    /// texts are kept as typed so [`ProfileForm::parse`] can point at them.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Option<ProfileForm> {
        get(QUERY_MARK)?;
        let text = |k: &str| get(k).unwrap_or_default();
        Some(ProfileForm {
            industry: text(key::INDUSTRY),
            community: text(key::COMMUNITY),
            size: get(key::SIZE).and_then(|v| from_code(&v)),
            enrolled: match get(key::ENROLLED).as_deref() {
                Some("yes") => Some(true),
                Some("no") => Some(false),
                _ => None,
            },
            revenue_band: get(key::BAND).and_then(|v| from_code(&v)),
            annual_revenue: text(key::REVENUE),
            employees: text(key::EMPLOYEES),
            insured_headcount: text(key::INSURED),
            founded_year: text(key::FOUNDED),
            rd_spend: text(key::RD),
            export_volume: text(key::EXPORT),
            qualifications: get(key::QUALS).map(|v| {
                if v == NONE_HELD {
                    Vec::new()
                } else {
                    v.split(',').filter_map(from_code).collect()
                }
            }),
        })
    }
}

/// The profile as label/value lines for the printed result sheet; `None`
/// values read "不清楚". Employees are listed although no rule uses them,
/// because staff check the sheet against the enterprise's own figures.
pub fn profile_facts(p: &EnterpriseProfile) -> Vec<(Text, Option<Bilingual>)> {
    let label =
        |v: Option<&dyn Label>| v.map(|l| Bilingual::new(l.label(Lang::Zh), l.label(Lang::En)));
    let wan = |v: Option<f64>| v.map(wan);
    let people = |v: Option<u32>| v.map(|n| Bilingual::new(format!("{n} 人"), format!("{n}")));
    let plain = |v: &Option<String>| v.as_ref().map(|s| Bilingual::new(s.as_str(), s.as_str()));
    vec![
        (Text::new("所属行业", "Industry"), plain(&p.industry)),
        (
            Text::new("所在村居/社区", "Village or community"),
            plain(&p.community),
        ),
        (
            Text::new("企业规模", "Size"),
            label(p.size.as_ref().map(|s| s as &dyn Label)),
        ),
        (
            Text::new("是否纳统", "Enrolled in statistics"),
            p.enrolled.map(|e| {
                if e {
                    Bilingual::new("已纳统", "yes")
                } else {
                    Bilingual::new("未纳统", "no")
                }
            }),
        ),
        (
            Text::new("营业收入区间", "Revenue band"),
            label(p.revenue_band.as_ref().map(|b| b as &dyn Label)),
        ),
        (
            Text::new("年营业收入", "Annual revenue"),
            wan(p.annual_revenue),
        ),
        (Text::new("从业人数", "Employees"), people(p.employees)),
        (
            Text::new("参保人数", "Insured headcount"),
            people(p.insured_headcount),
        ),
        (
            Text::new("成立年份", "Year founded"),
            p.founded_year
                .map(|y| Bilingual::new(format!("{y} 年"), y.to_string())),
        ),
        (Text::new("年研发投入", "Annual R&D spend"), wan(p.rd_spend)),
        (
            Text::new("年进出口额", "Annual import/export volume"),
            wan(p.export_volume),
        ),
        (
            Text::new("企业资质", "Qualifications"),
            p.qualifications.as_ref().map(|q| {
                if q.is_empty() {
                    Bilingual::new("无", "none")
                } else {
                    let zh: Vec<&str> = q.iter().map(|x| x.label(Lang::Zh)).collect();
                    let en: Vec<&str> = q.iter().map(|x| x.label(Lang::En)).collect();
                    Bilingual::new(zh.join("、"), en.join(", "))
                }
            }),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn today() -> Date {
        Date::parse("2026-11-26").unwrap()
    }

    /// Profile A of tests/policy_seed.rs, as typed.
    fn workshop() -> ProfileForm {
        ProfileForm {
            industry: "纺织服装".into(),
            community: "小李村".into(),
            size: Some(EnterpriseSize::Micro),
            enrolled: Some(false),
            revenue_band: Some(RevenueBand::Below500),
            annual_revenue: "380".into(),
            employees: "18".into(),
            insured_headcount: "12".into(),
            founded_year: "2019".into(),
            rd_spend: "0".into(),
            export_volume: "0".into(),
            qualifications: Some(vec![]),
        }
    }

    #[test]
    fn empty_means_unknown_not_zero() {
        let p = ProfileForm::default().parse(today()).unwrap();
        assert_eq!(p, EnterpriseProfile::default());
        let p = workshop().parse(today()).unwrap();
        assert_eq!(p.annual_revenue, Some(380.0));
        assert_eq!(p.rd_spend, Some(0.0), "a typed 0 is known");
        assert_eq!(p.founded_year, Some(2019));
        assert_eq!(p.qualifications, Some(vec![]));
    }

    #[test]
    fn bad_figures_are_reported_per_field() {
        let mut f = workshop();
        f.annual_revenue = "abc".into();
        f.employees = "10".into();
        f.insured_headcount = "12".into();
        f.founded_year = "2030".into();
        f.rd_spend = "-5".into();
        let errors = f.parse(today()).unwrap_err();
        for field in [
            "annual_revenue",
            "insured_headcount",
            "founded_year",
            "rd_spend",
        ] {
            assert!(errors.field(field).is_some(), "{field}: {errors}");
        }
        assert!(errors.field("export_volume").is_none());
        assert_eq!(
            errors.field("founded_year").unwrap().message(Lang::Zh),
            "成立年份：应在 1900 到 2026 之间"
        );
    }

    #[test]
    fn a_figure_outside_its_band_is_questioned() {
        let mut f = workshop();
        f.annual_revenue = "800".into();
        let errors = f.parse(today()).unwrap_err();
        assert!(errors.field("revenue_band").is_some());
        f.revenue_band = None;
        assert!(f.parse(today()).is_ok());
    }

    #[test]
    fn the_url_round_trips_and_leaves_unknowns_out() {
        for form in [workshop(), ProfileForm::default()] {
            let pairs: HashMap<&str, String> = form.to_query().into_iter().collect();
            let back = ProfileForm::from_query(|k| pairs.get(k).cloned()).unwrap();
            assert_eq!(back, form);
        }
        let mut f = ProfileForm {
            qualifications: Some(vec![Qualification::HighTech, Qualification::Specialised]),
            ..ProfileForm::default()
        };
        let q = f.to_query();
        assert_eq!(
            q,
            [
                ("run", "1".to_owned()),
                ("quals", "high_tech,specialised".to_owned())
            ]
        );
        f.qualifications = None;
        assert_eq!(f.to_query().len(), 1, "only the mark");
        assert_eq!(ProfileForm::from_query(|_| None), None, "nothing submitted");
        // Hand-edited links: unknown codes read as unknown.
        let odd = ProfileForm::from_query(|k| match k {
            "run" => Some("1".into()),
            "size" => Some("huge".into()),
            "quals" => Some("high_tech,nope".into()),
            _ => None,
        })
        .unwrap();
        assert_eq!(odd.size, None);
        assert_eq!(odd.qualifications, Some(vec![Qualification::HighTech]));
    }

    #[test]
    fn ledger_profiles_fill_the_form() {
        let p = workshop().parse(today()).unwrap();
        assert_eq!(ProfileForm::from_profile(&p), workshop());
    }

    #[test]
    fn facts_say_unknown_as_none() {
        let facts = profile_facts(&workshop().parse(today()).unwrap());
        assert_eq!(facts.len(), 12);
        assert_eq!(facts[5].1.as_ref().unwrap().zh, "380 万元");
        assert_eq!(facts[11].1.as_ref().unwrap().zh, "无");
        let unknown = profile_facts(&EnterpriseProfile::default());
        assert!(unknown.iter().all(|(_, v)| v.is_none()));
    }
}
