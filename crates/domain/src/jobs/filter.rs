//! The position filter behind the list page: what it keeps, how it sorts,
//! and its round trip through a link's query string (so a filtered list is
//! a shareable link and the back button restores it).

use crate::ids::RecordId;
use crate::lang::{Label, Lang};
use crate::records::{Education, Position};
use std::cmp::Reverse;
use std::collections::HashMap;

/// A monthly salary band in yuan, `min` inclusive, `max` exclusive
/// (`None` = no upper end).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SalaryBand {
    /// Lower end.
    pub min: u32,
    /// Upper end, exclusive.
    pub max: Option<u32>,
}

/// The bands offered as choices (Jimo wages in 2026: most factory jobs pay
/// 4,000–8,000 a month).
pub const SALARY_BANDS: [SalaryBand; 5] = [
    SalaryBand {
        min: 0,
        max: Some(4000),
    },
    SalaryBand {
        min: 4000,
        max: Some(6000),
    },
    SalaryBand {
        min: 6000,
        max: Some(8000),
    },
    SalaryBand {
        min: 8000,
        max: Some(12000),
    },
    SalaryBand {
        min: 12000,
        max: None,
    },
];

/// Experience choices: "positions needing at most N years".
pub const EXPERIENCE_CHOICES: [u8; 4] = [0, 1, 3, 5];

impl SalaryBand {
    /// Whether a position's salary range overlaps the band.
    pub fn overlaps(self, position: &Position) -> bool {
        position.salary_max >= self.min && self.max.is_none_or(|max| position.salary_min < max)
    }

    /// `4000-6000`, `12000-` (query value).
    pub fn to_query(self) -> String {
        match self.max {
            Some(max) => format!("{}-{max}", self.min),
            None => format!("{}-", self.min),
        }
    }

    /// Parses [`SalaryBand::to_query`]'s form; any `min-max` with min < max
    /// is accepted, not only the offered bands.
    pub fn parse(text: &str) -> Option<SalaryBand> {
        let (min, max) = text.split_once('-')?;
        let min: u32 = if min.is_empty() { 0 } else { min.parse().ok()? };
        let max: Option<u32> = if max.is_empty() {
            None
        } else {
            Some(max.parse().ok()?)
        };
        (max.is_none_or(|m| m > min)).then_some(SalaryBand { min, max })
    }

    /// "4000–6000元", "4000元以下", "12000元以上".
    pub fn label(self, lang: Lang) -> String {
        match (lang, self.min, self.max) {
            (Lang::Zh, 0, Some(max)) => format!("{max}元以下"),
            (Lang::Zh, min, None) => format!("{min}元以上"),
            (Lang::Zh, min, Some(max)) => format!("{min}–{max}元"),
            (Lang::En, 0, Some(max)) => format!("Under ¥{max}"),
            (Lang::En, min, None) => format!("¥{min} and up"),
            (Lang::En, min, Some(max)) => format!("¥{min}–{max}"),
        }
    }
}

/// The order of the list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SortOrder {
    /// Best match when searching, newest otherwise.
    #[default]
    Best,
    /// Newest posted first.
    Newest,
    /// Highest salary first.
    Salary,
}

impl SortOrder {
    fn as_str(self) -> Option<&'static str> {
        match self {
            SortOrder::Best => None,
            SortOrder::Newest => Some("newest"),
            SortOrder::Salary => Some("salary"),
        }
    }
}

/// Which positions to show and in what order; every field is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PositionFilter {
    /// Search text (matched by `domain::search`, not here).
    pub q: String,
    /// Sector, e.g. 纺织服装.
    pub sector: Option<String>,
    /// Salary band the position's range must overlap.
    pub salary: Option<SalaryBand>,
    /// The seeker's education: positions asking at most this.
    pub education: Option<Education>,
    /// The seeker's years of experience: positions asking at most this.
    pub experience: Option<u8>,
    /// Offered at this fair.
    pub fair: Option<RecordId>,
    /// Work location (village or community).
    pub location: Option<String>,
    /// Order.
    pub sort: SortOrder,
}

fn education_code(e: Education) -> &'static str {
    match e {
        Education::Any => "any",
        Education::JuniorHigh => "junior_high",
        Education::HighSchool => "high_school",
        Education::Associate => "associate",
        Education::Bachelor => "bachelor",
        Education::Master => "master",
    }
}

impl PositionFilter {
    /// Reads a filter from query pairs (`q`, `sector`, `salary`, `edu`,
    /// `exp`, `fair`, `loc`, `sort`); unknown keys and unreadable values are
    /// ignored, so an old or hand-edited link still opens.
    pub fn from_pairs<K: AsRef<str>, V: AsRef<str>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> PositionFilter {
        let mut f = PositionFilter::default();
        for (key, value) in pairs {
            let value = value.as_ref().trim();
            if value.is_empty() {
                continue;
            }
            match key.as_ref() {
                "q" => f.q = value.to_owned(),
                "sector" => f.sector = Some(value.to_owned()),
                "salary" => f.salary = SalaryBand::parse(value),
                "edu" => {
                    f.education = Education::ALL
                        .into_iter()
                        .find(|e| education_code(*e) == value)
                }
                "exp" => f.experience = value.parse().ok().filter(|y: &u8| *y <= 40),
                "fair" => f.fair = value.parse().ok(),
                "loc" => f.location = Some(value.to_owned()),
                "sort" => {
                    f.sort = match value {
                        "newest" => SortOrder::Newest,
                        "salary" => SortOrder::Salary,
                        _ => SortOrder::Best,
                    }
                }
                _ => {}
            }
        }
        f
    }

    /// The query pairs of this filter (empty fields left out).
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if !self.q.trim().is_empty() {
            out.push(("q", self.q.clone()));
        }
        if let Some(s) = &self.sector {
            out.push(("sector", s.clone()));
        }
        if let Some(b) = self.salary {
            out.push(("salary", b.to_query()));
        }
        if let Some(e) = self.education {
            out.push(("edu", education_code(e).to_owned()));
        }
        if let Some(y) = self.experience {
            out.push(("exp", y.to_string()));
        }
        if let Some(id) = self.fair {
            out.push(("fair", id.to_string()));
        }
        if let Some(l) = &self.location {
            out.push(("loc", l.clone()));
        }
        if let Some(s) = self.sort.as_str() {
            out.push(("sort", s.to_owned()));
        }
        out
    }

    /// `?sector=%E7%BA%BA...`, or an empty string for no filter.
    pub fn to_query(&self) -> String {
        let pairs = self.to_pairs();
        if pairs.is_empty() {
            return String::new();
        }
        let parts: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", percent_encode(v)))
            .collect();
        format!("?{}", parts.join("&"))
    }

    /// Whether any field other than the search text and the order is set.
    pub fn has_filters(&self) -> bool {
        self.sector.is_some()
            || self.salary.is_some()
            || self.education.is_some()
            || self.experience.is_some()
            || self.fair.is_some()
            || self.location.is_some()
    }

    /// Whether a position passes every set field (the search text aside).
    pub fn matches(&self, p: &Position) -> bool {
        self.sector.as_ref().is_none_or(|s| &p.sector == s)
            && self.salary.is_none_or(|b| b.overlaps(p))
            && self.education.is_none_or(|e| p.education <= e)
            && self.experience.is_none_or(|y| p.experience_years <= y)
            && self.fair.is_none_or(|f| p.fair_id == Some(f))
            && self.location.as_ref().is_none_or(|l| &p.location == l)
    }

    /// Sorts positions for display when there is no search ranking to keep
    /// (`Best` without a search is newest first). Ties: newer, then id.
    pub fn sort<'p, T>(&self, items: &mut [T], position: impl Fn(&T) -> (RecordId, &'p Position)) {
        match self.sort {
            SortOrder::Salary => items.sort_by_key(|t| {
                let (id, p) = position(t);
                (
                    Reverse(p.salary_max),
                    Reverse(p.salary_min),
                    Reverse(p.posted_on),
                    Reverse(id),
                )
            }),
            SortOrder::Best | SortOrder::Newest => items.sort_by_key(|t| {
                let (id, p) = position(t);
                (Reverse(p.posted_on), Reverse(id))
            }),
        }
    }
}

/// Distinct values with how often each occurs, most frequent first (then
/// by value), e.g. the sectors for the quick-filter chips.
pub fn facet_values<'a>(values: impl IntoIterator<Item = &'a str>) -> Vec<(String, usize)> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for v in values {
        if !v.trim().is_empty() {
            *counts.entry(v).or_default() += 1;
        }
    }
    let mut out: Vec<(String, usize)> =
        counts.into_iter().map(|(v, n)| (v.to_owned(), n)).collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl Label for SortOrder {
    fn label(&self, lang: Lang) -> &'static str {
        let t = match self {
            SortOrder::Best => crate::lang::Text::new("默认排序", "Best match"),
            SortOrder::Newest => crate::lang::Text::new("最新发布", "Newest"),
            SortOrder::Salary => crate::lang::Text::new("薪资最高", "Highest salary"),
        };
        t.get(lang)
    }
}

#[cfg(test)]
mod tests;
