//! Which page a path shows: the app's route patterns and their matching.
//!
//! A pattern is a path whose segments are either literal (`positions`) or a
//! parameter (`:id`), e.g. `/jobs/positions/:id`. A path matches when it has
//! as many non-empty segments and every literal one is equal; a trailing or
//! doubled slash changes nothing. Of several matching patterns the most
//! specific wins: at the first segment where they differ, a literal beats a
//! parameter, so `/visits/new` is never read as the visit with id `new`,
//! whatever the order the patterns are listed in.

/// The parameters of a matched path, in pattern order: `(name, value)`.
pub type Params = Vec<(&'static str, String)>;

fn segments(path: &str) -> impl Iterator<Item = &str> {
    path.split('/').filter(|s| !s.is_empty())
}

/// The parameters `path` gives `pattern`, if it matches.
///
/// ```
/// use domain::route::match_path;
/// assert_eq!(
///     match_path("/jobs/positions/:id", "/jobs/positions/42/"),
///     Some(vec![("id", "42".to_owned())]),
/// );
/// assert_eq!(match_path("/jobs/positions/:id", "/jobs/positions"), None);
/// ```
pub fn match_path(pattern: &'static str, path: &str) -> Option<Params> {
    let mut params = Vec::new();
    let mut wanted = segments(pattern);
    let mut given = segments(path);
    loop {
        match (wanted.next(), given.next()) {
            (None, None) => return Some(params),
            (Some(w), Some(g)) => match w.strip_prefix(':') {
                Some(name) => params.push((name, g.to_owned())),
                None if w == g => {}
                None => return None,
            },
            _ => return None,
        }
    }
}

/// How specific a pattern is: per segment, whether it is literal. Compared
/// lexicographically, the more specific pattern is the greater.
fn specificity(pattern: &str) -> impl Iterator<Item = bool> + '_ {
    segments(pattern).map(|s| !s.starts_with(':'))
}

/// The most specific of `patterns` that `path` matches: its index and
/// parameters. Of equally specific ones (the same pattern twice), the first.
pub fn best_match(patterns: &[&'static str], path: &str) -> Option<(usize, Params)> {
    let mut best: Option<(usize, Params)> = None;
    for (i, &pattern) in patterns.iter().enumerate() {
        let Some(params) = match_path(pattern, path) else {
            continue;
        };
        let better = best
            .as_ref()
            .is_none_or(|(b, _)| specificity(pattern).gt(specificity(patterns[*b])));
        if better {
            best = Some((i, params));
        }
    }
    best
}

/// Whether a link to `href` leads to the page at `path`: to it (`exact`)
/// or to a page under it, segment by segment, so a section's link stays
/// current on the section's pages. The link's query and fragment do not
/// count.
///
/// ```
/// use domain::route::leads_to;
/// assert!(leads_to("/jobs", "/jobs/positions", false));
/// assert!(!leads_to("/jobs", "/jobs/positions", true));
/// assert!(!leads_to("/jobs", "/jobsearch", false));
/// ```
pub fn leads_to(href: &str, path: &str, exact: bool) -> bool {
    let href = href.split(['?', '#']).next().unwrap_or_default();
    let href = href.trim_end_matches('/');
    let path = path.trim_end_matches('/');
    match path.strip_prefix(href) {
        Some(rest) => rest.is_empty() || (!exact && rest.starts_with('/')),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const VISITS: [&str; 6] = [
        "/visits/:id",
        "/visits/:id/edit",
        "/visits/enterprises/:id",
        "/visits/enterprises/new",
        "/visits/new",
        "/visits",
    ];

    fn page(path: &str) -> Option<(&'static str, Params)> {
        best_match(&VISITS, path).map(|(i, p)| (VISITS[i], p))
    }

    #[test]
    fn literals_and_parameters() {
        assert_eq!(match_path("/", "/"), Some(vec![]));
        assert_eq!(match_path("/", ""), Some(vec![]));
        assert_eq!(match_path("/jobs", "/jobs//"), Some(vec![]));
        assert_eq!(match_path("/jobs", "/job"), None);
        assert_eq!(match_path("/jobs", "/jobs/fairs"), None);
        assert_eq!(
            match_path(
                "/visits/enterprises/:id/edit",
                "/visits/enterprises/e-1/edit"
            ),
            Some(vec![("id", "e-1".to_owned())])
        );
        assert_eq!(match_path("/visits/:id/edit", "/visits/7/view"), None);
    }

    #[test]
    fn links_lead_to_their_page_and_the_pages_under_it() {
        assert!(leads_to("/jobs", "/jobs", true));
        assert!(leads_to("/jobs", "/jobs/", true));
        assert!(leads_to("/jobs/", "/jobs", true));
        assert!(leads_to("/jobs", "/jobs/fairs/3", false));
        assert!(!leads_to("/jobs", "/jobs/fairs/3", true));
        assert!(!leads_to("/jobs/fairs", "/jobs", false));
        assert!(!leads_to("/status", "/statuses", false));
        assert!(leads_to("/policies?q=1#top", "/policies", true));
        assert!(leads_to("/login?next=/visits", "/login", true));
    }

    #[test]
    fn the_most_specific_pattern_wins_in_any_order() {
        assert_eq!(page("/visits/new"), Some(("/visits/new", vec![])));
        assert_eq!(
            page("/visits/abc"),
            Some(("/visits/:id", vec![("id", "abc".to_owned())]))
        );
        assert_eq!(
            page("/visits/enterprises/new"),
            Some(("/visits/enterprises/new", vec![]))
        );
        assert_eq!(
            page("/visits/enterprises/x"),
            Some(("/visits/enterprises/:id", vec![("id", "x".to_owned())]))
        );
        assert_eq!(
            page("/visits/new/edit"),
            Some(("/visits/:id/edit", vec![("id", "new".to_owned())]))
        );
        assert_eq!(page("/visits"), Some(("/visits", vec![])));
        assert_eq!(page("/visits/a/b/c"), None);
        assert_eq!(page("/policies"), None);
    }

    proptest! {
        /// Listing the patterns in another order never changes the page a
        /// path shows.
        #[test]
        fn order_does_not_matter(
            seed in any::<u64>(),
            path in prop::collection::vec(
                prop::sample::select(vec!["visits", "new", "edit", "enterprises", "x1", "7"]),
                0..5,
            ),
        ) {
            let path = format!("/{}", path.join("/"));
            let mut shuffled = VISITS.to_vec();
            let mut s = seed;
            for i in (1..shuffled.len()).rev() {
                s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                shuffled.swap(i, (s >> 33) as usize % (i + 1));
            }
            let there = best_match(&shuffled, &path).map(|(i, p)| (shuffled[i], p));
            prop_assert_eq!(there, page(&path));
        }
    }
}
