//! Parsing what was typed into tokens.
//!
//! Text is folded (see `text.rs`) and split on anything that is not a letter
//! or digit: whitespace, ASCII and Chinese punctuation alike, so `服装，纺织`
//! and `3000-5000` are two tokens each. Every token must match (AND).

use super::pinyin::Table;
use super::text::{ascii_bit, is_ascii_word, is_word, literal_bit, unit};

/// Longest token kept, in chars; nobody types more, and it bounds the
/// matcher's state.
pub(crate) const MAX_TOKEN: usize = 48;
/// Most tokens kept; it bounds the score sums (see `rank.rs`).
pub(crate) const MAX_TOKENS: usize = 16;

/// One whitespace- or punctuation-separated part of a query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    /// Folded units.
    pub units: Vec<u32>,
    /// No ASCII letter: matches only as a literal substring.
    pub literal: bool,
    /// Letters and digits a document must contain somewhere (`ascii_bit`).
    pub letters: u64,
    /// Bloom bits of the non-ASCII units a document must contain.
    pub literals: u64,
}

/// A parsed query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Query {
    /// Tokens in typed order.
    pub tokens: Vec<Token>,
}

impl Query {
    pub(crate) fn parse(table: &Table, text: &str) -> Query {
        let mut tokens = Vec::new();
        let mut current: Vec<u32> = Vec::new();
        for c in text.chars().chain(std::iter::once(' ')) {
            let u = unit(table, c);
            if is_word(u) {
                if current.len() < MAX_TOKEN {
                    current.push(u);
                }
            } else if !current.is_empty() {
                if tokens.len() < MAX_TOKENS {
                    tokens.push(Token::new(std::mem::take(&mut current)));
                }
                current.clear();
            }
        }
        Query { tokens }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// Whether every document matching `longer` also matches `self`: true
    /// when `longer` only appends to the text of `self`. Any prefix of a
    /// match is a match (a hanzi substring, or pinyin with the last syllable
    /// cut short), so the old hits can be narrowed instead of rescanned.
    pub(crate) fn is_narrowed_by(&self, longer: &Query) -> bool {
        let Some((last, head)) = self.tokens.split_last() else {
            return false;
        };
        longer.tokens.len() >= self.tokens.len()
            && head
                .iter()
                .zip(&longer.tokens)
                .all(|(a, b)| a.units == b.units)
            && longer.tokens[head.len()].units.starts_with(&last.units)
    }
}

impl Token {
    fn new(units: Vec<u32>) -> Token {
        let literal = !units
            .iter()
            .any(|&u| u < 128 && (u as u8).is_ascii_lowercase());
        let mut letters = 0;
        let mut literals = 0;
        for &u in &units {
            if is_ascii_word(u) {
                letters |= ascii_bit(u);
            } else {
                literals |= literal_bit(u);
            }
        }
        Token {
            units,
            literal,
            letters,
            literals,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::pinyin::table;

    fn tokens(text: &str) -> Vec<String> {
        let t = table();
        Query::parse(t, text)
            .tokens
            .iter()
            .map(|tok| {
                tok.units
                    .iter()
                    .map(|&u| {
                        if u >= crate::search::text::HANZI {
                            '汉'
                        } else {
                            char::from_u32(u).unwrap_or('?')
                        }
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn splits_on_whitespace_and_punctuation() {
        assert_eq!(tokens("  纺织 nv "), ["汉汉", "nv"]);
        assert_eq!(tokens("服装，纺织。"), ["汉汉", "汉汉"]);
        assert_eq!(tokens("3000-5000"), ["3000", "5000"]);
        assert_eq!(tokens("ＦＵＺＨＵＡＮＧ"), ["fuzhuang"]);
        assert_eq!(tokens("C++ 工程师"), ["c", "汉汉汉"]);
        assert!(tokens(" \t　，。!").is_empty());
    }

    #[test]
    fn literal_tokens_have_no_ascii_letters() {
        let q = Query::parse(table(), "服装 3000 纺织nv");
        let literal: Vec<bool> = q.tokens.iter().map(|t| t.literal).collect();
        assert_eq!(literal, [true, true, false]);
    }

    #[test]
    fn caps_token_length_and_count() {
        let long = "a".repeat(100);
        let q = Query::parse(table(), &long);
        assert_eq!(q.tokens[0].units.len(), MAX_TOKEN);
        let many = "a ".repeat(40);
        assert_eq!(Query::parse(table(), &many).tokens.len(), MAX_TOKENS);
    }

    #[test]
    fn narrowing_only_when_text_is_appended() {
        let t = table();
        let q = |s| Query::parse(t, s);
        assert!(q("fu").is_narrowed_by(&q("fuz")));
        assert!(q("纺织").is_narrowed_by(&q("纺织 nv")));
        assert!(q("纺织 n").is_narrowed_by(&q("纺织 nv")));
        assert!(!q("fuz").is_narrowed_by(&q("fu")));
        assert!(!q("fa").is_narrowed_by(&q("fu")));
        assert!(!q("").is_narrowed_by(&q("fu")));
        assert!(!q("a b").is_narrowed_by(&q("a")));
    }
}
