//! Parameters by name: a route's (`:id`) or the query's.

/// Names and values in order; a name may repeat.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParamsMap(Vec<(String, String)>);

impl ParamsMap {
    /// The first value of `name`.
    pub fn get(&self, name: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    }

    /// The pairs of a query string (without its `?`), decoded as a form
    /// does (`+` is a space). A pair that does not decode is left out.
    pub fn from_query(query: &str) -> ParamsMap {
        let decode = |s: &str| {
            js_sys::decode_uri_component(&s.replace('+', " "))
                .ok()
                .and_then(|s| s.as_string())
        };
        ParamsMap(
            query
                .split('&')
                .filter(|pair| !pair.is_empty())
                .filter_map(|pair| {
                    let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                    Some((decode(name)?, decode(value)?))
                })
                .collect(),
        )
    }
}

impl<N: Into<String>> FromIterator<(N, String)> for ParamsMap {
    fn from_iter<I: IntoIterator<Item = (N, String)>>(pairs: I) -> Self {
        ParamsMap(pairs.into_iter().map(|(n, v)| (n.into(), v)).collect())
    }
}

impl<'a> IntoIterator for &'a ParamsMap {
    type Item = (&'a str, &'a str);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, String)>,
        fn(&'a (String, String)) -> (&'a str, &'a str),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }
}
