//! Behaviour of the whole index, through the public API.

// Lists of one range are what the code returns, not a typo for `vec![a; n]`.
#![allow(clippy::single_range_in_vec_init)]

use super::*;
use proptest::prelude::*;

fn index(docs: &[(u32, &[(FieldKind, &str)])]) -> SearchIndex<u32> {
    SearchIndex::build(docs.iter().map(|(key, fields)| {
        fields
            .iter()
            .fold(Document::new(*key), |d, (kind, text)| d.field(*kind, *text))
    }))
}

fn keys(index: &SearchIndex<u32>, query: &str) -> Vec<u32> {
    index
        .search(query, 100)
        .hits
        .iter()
        .map(|h| h.key)
        .collect()
}

/// The marked text of each highlighted field, as `field:text` pairs.
fn marks(index: &SearchIndex<u32>, query: &str) -> Vec<String> {
    let results = index.search(query, 1);
    let hit = &results.hits[0];
    hit.highlights
        .iter()
        .flat_map(|h| {
            let text = index.field_text(&hit.key, h.field).unwrap();
            h.ranges
                .iter()
                .map(move |r| format!("{}:{}", h.field, &text[r.clone()]))
        })
        .collect()
}

use FieldKind::*;

fn jobs() -> SearchIndex<u32> {
    index(&[
        (
            1,
            &[
                (Title, "纺织女工"),
                (Organization, "即发集团"),
                (Category, "纺织服装"),
                (Location, "小李村"),
            ],
        ),
        (
            2,
            &[
                (Title, "服装设计师"),
                (Organization, "即墨区瑞祥昌隆服装辅料店"),
                (Tag, "五险一金"),
            ],
        ),
        (
            3,
            &[
                (Title, "CNC数控操作工"),
                (Organization, "青岛仁成海绵有限公司"),
                (Category, "先进制造"),
            ],
        ),
        (
            4,
            &[
                (Title, "仓库管理员"),
                (Organization, "中国银行即墨支行"),
                (Tag, "包食宿"),
                (Tag, "服装补贴"),
            ],
        ),
        (
            5,
            &[
                (Title, "Java开发工程师"),
                (Organization, "通济软件"),
                (Location, "重庆路88号"),
            ],
        ),
        (
            6,
            &[
                (Title, "平缝机工"),
                (Organization, "新林辉布业店"),
                (Body, "熟练操作平缝机，计件工资3000-8000元"),
            ],
        ),
    ])
}

#[test]
fn chinese_substrings() {
    let idx = jobs();
    assert_eq!(keys(&idx, "女工"), [1]);
    assert_eq!(keys(&idx, "即墨"), [2, 4]);
    assert_eq!(keys(&idx, "海绵"), [3]);
    assert!(keys(&idx, "女装").is_empty());
}

#[test]
fn full_pinyin_initials_and_mixed_forms() {
    let idx = jobs();
    for q in [
        "fuzhuang",
        "fz",
        "fuzh",
        "fzhuang",
        "fuz",
        "FuZhuang",
        "ｆｕｚｈｕａｎｇ",
    ] {
        let found = keys(&idx, q);
        assert!(
            found.contains(&1) && found.contains(&2) && found.contains(&4),
            "{q}: {found:?}"
        );
    }
    assert_eq!(keys(&idx, "pfjg"), [6]);
    assert_eq!(keys(&idx, "haimian"), [3]);
    assert_eq!(keys(&idx, "tongji"), [5]);
    assert_eq!(keys(&idx, "jimo"), [2, 4]);
}

#[test]
fn heteronyms() {
    let idx = jobs();
    assert_eq!(keys(&idx, "yinhang"), [4]);
    assert_eq!(keys(&idx, "zgyh"), [4]);
    assert_eq!(keys(&idx, "chongqing"), [5]);
    assert_eq!(keys(&idx, "nvgong"), [1]);
    assert_eq!(keys(&idx, "nügong"), [1]);
    assert_eq!(keys(&idx, "nugong"), [1], "loose spelling still finds it");
}

#[test]
fn ascii_words_and_digits() {
    let idx = jobs();
    assert_eq!(keys(&idx, "cnc"), [3]);
    assert_eq!(keys(&idx, "java"), [5]);
    assert_eq!(keys(&idx, "JAVA kfgcs"), [5]);
    assert_eq!(keys(&idx, "88"), [5]);
    assert_eq!(keys(&idx, "3000"), [6]);
    assert_eq!(keys(&idx, "3000-8000"), [6]);
    assert!(keys(&idx, "9000").is_empty());
}

#[test]
fn mixed_hanzi_and_pinyin() {
    let idx = jobs();
    assert_eq!(keys(&idx, "纺织 nv"), [1]);
    assert_eq!(keys(&idx, "纺织nv"), [1]);
    assert_eq!(keys(&idx, "fangzhi 女"), [1]);
    assert_eq!(keys(&idx, "即发 xiaoli"), [1]);
    assert!(keys(&idx, "纺织 java").is_empty(), "every token must match");
}

#[test]
fn empty_whitespace_and_punctuation_queries() {
    let idx = jobs();
    for q in ["", "   ", "　", "，。、", "!?", "-"] {
        let results = idx.search(q, 10);
        assert!(results.hits.is_empty() && results.total == 0, "{q:?}");
        assert!(!has_terms(q));
    }
    assert!(has_terms(" 服 "));
    assert_eq!(keys(&idx, "“服装”，"), keys(&idx, "服装"));
    assert_eq!(keys(&idx, "纺织、女工"), [1]);
}

#[test]
fn ranking_title_before_lighter_fields() {
    let idx = jobs();
    // 服装 is in 2's title, 1's category, 4's tag.
    assert_eq!(keys(&idx, "服装"), [2, 1, 4]);
    assert_eq!(keys(&idx, "fuzhuang"), [2, 1, 4]);
}

#[test]
fn ranking_exact_before_pinyin_before_initials() {
    let idx = index(&[
        (1, &[(Title, "福州")]),
        (2, &[(Title, "服装")]),
        (3, &[(Title, "fz")]),
    ]);
    // `fz`: literal in 3, initials in 1 and 2 (ties broken by key).
    assert_eq!(keys(&idx, "fz"), [3, 1, 2]);
    // `fuzh`: full pinyin with a partial last syllable in both.
    assert_eq!(keys(&idx, "fuzh"), [1, 2]);
    let idx = index(&[
        (1, &[(Title, "副总经理")]),
        (2, &[(Title, "复杂服装")]),
        (3, &[(Title, "服装")]),
    ]);
    // Exact beats pinyin within one field weight.
    assert_eq!(keys(&idx, "服装")[..], [3, 2]);
    assert_eq!(keys(&idx, "fuzong"), [1]);
}

#[test]
fn ranking_start_then_length_then_key() {
    let idx = index(&[
        (1, &[(Title, "高级服装工")]),
        (2, &[(Title, "服装工人（长期）")]),
        (3, &[(Title, "服装工")]),
        (4, &[(Title, "服装工")]),
        (5, &[(Title, "缝纫、服装工")]),
    ]);
    assert_eq!(keys(&idx, "服装"), [3, 4, 2, 5, 1]);
}

#[test]
fn highlights_land_on_the_matched_chars() {
    let idx = jobs();
    assert_eq!(marks(&idx, "fzsj"), ["0:服装设计"]);
    assert_eq!(
        marks(&idx, "fz"),
        ["0:纺织", "2:纺织服装"],
        "纺织 are initials fz too; touching marks merge"
    );
    assert_eq!(marks(&idx, "ruixiang fz"), ["0:服装", "1:瑞祥", "1:服装"]);
    assert_eq!(marks(&idx, "纺织 nv"), ["0:纺织女", "2:纺织"]);
    assert_eq!(marks(&idx, "cnc"), ["0:CNC"]);
    assert_eq!(marks(&idx, "wuxian"), ["2:五险"]);
    let hit = &idx.search("java", 1).hits[0];
    assert_eq!(
        hit.highlights,
        [Highlight {
            field: 0,
            kind: Title,
            ranges: vec![0..4]
        }]
    );
    let text = idx.field_text(&5, 0).unwrap();
    assert_eq!(
        segments(text, &hit.highlights[0].ranges),
        [("Java", true), ("开发工程师", false)]
    );
}

#[test]
fn documents_without_text() {
    let mut idx = jobs();
    idx.insert(Document::new(7));
    idx.insert(
        Document::new(8)
            .field(Title, "")
            .field(Tag, "")
            .field(Body, "工"),
    );
    assert_eq!(idx.len(), 8);
    assert!(!keys(&idx, "gong").is_empty());
    assert_eq!(idx.field_text(&8, 2), Some("工"));
    assert_eq!(idx.field_text(&7, 0), None);
    let hit = idx
        .search("工", 10)
        .hits
        .into_iter()
        .find(|h| h.key == 8)
        .unwrap();
    assert_eq!(
        hit.highlights,
        [Highlight {
            field: 2,
            kind: Body,
            ranges: vec![0..3]
        }]
    );
}

#[test]
fn limit_and_total() {
    let idx = jobs();
    let results = idx.search("工", 2);
    assert_eq!(results.total, 4);
    assert_eq!(results.hits.len(), 2);
    assert_eq!(idx.search("工", 0).total, 4);
    assert!(idx.search("工", 0).hits.is_empty());
}

#[test]
fn insert_replaces_and_remove_forgets() {
    let mut idx = jobs();
    assert_eq!(idx.len(), 6);
    idx.insert(Document::new(1).field(Title, "挡车工"));
    assert_eq!(idx.len(), 6);
    assert!(keys(&idx, "女工").is_empty());
    assert_eq!(keys(&idx, "dcg"), [1]);
    assert!(idx.remove(&2));
    assert!(!idx.remove(&2));
    assert!(!idx.contains(&2));
    assert_eq!(keys(&idx, "服装"), [4]);
    // The document swapped into 2's slot is still found under its own key.
    assert_eq!(keys(&idx, "平缝"), [6]);
    assert_eq!(idx.field_text(&6, 0), Some("平缝机工"));
    for key in 1..=6 {
        idx.remove(&key);
    }
    assert!(idx.is_empty() && idx.search("gong", 5).total == 0);
}

#[test]
fn narrowing_matches_a_fresh_search_and_follows_changes() {
    let mut idx = jobs();
    let mut typing = Narrowing::default();
    for q in [
        "f",
        "fu",
        "fuz",
        "fuzh",
        "fuzhu",
        "fuzhuang",
        "fuzhuan",
        "fuzhuang ",
        "fuzhuang j",
        "fuzhuang jimo",
    ] {
        assert_eq!(typing.search(&idx, q, 10), idx.search(q, 10), "{q}");
    }
    assert_eq!(typing.search(&idx, "fu", 10).total, 3);
    idx.insert(Document::new(9).field(Title, "服务员"));
    assert_eq!(
        typing
            .search(&idx, "fuw", 10)
            .hits
            .iter()
            .map(|h| h.key)
            .collect::<Vec<_>>(),
        [9]
    );
    typing.reset();
    assert_eq!(typing.search(&idx, "fuwu", 10).total, 1);
}

#[test]
fn record_ids_as_keys() {
    use crate::ids::RecordId;
    let (a, b) = (RecordId::generate(), RecordId::generate());
    let idx = SearchIndex::build([
        Document::new(a).field(Title, "纺织女工"),
        Document::new(b).field(Title, "服装工"),
    ]);
    assert_eq!(idx.search("fz", 5).hits[0].key, b);
    assert!(idx.memory_estimate() > 0 && idx.table_bytes() > 0);
}

fn hanzi_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            proptest::sample::select(
                "服装纺织女工即墨通济海绵银行重庆长安小李村包食宿五险一金"
                    .chars()
                    .collect::<Vec<_>>()
            ),
            proptest::sample::select("abcCNC 12、，".chars().collect::<Vec<_>>()),
        ],
        1..20,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

proptest! {
    #[test]
    fn any_substring_of_a_field_matches(text in hanzi_text(), a in 0usize..20, len in 1usize..6) {
        let chars: Vec<char> = text.chars().collect();
        let start = a.min(chars.len() - 1);
        let sub: String = chars[start..(start + len).min(chars.len())].iter().collect();
        let idx = index(&[(1, &[(Body, text.as_str())])]);
        prop_assert_eq!(keys(&idx, &sub).len(), usize::from(has_terms(&sub)));
    }

    #[test]
    fn pinyin_and_initials_of_a_field_match(text in hanzi_text(), a in 0usize..20, len in 1usize..6) {
        let chars: Vec<char> = text.chars().collect();
        let start = a.min(chars.len() - 1);
        let run = &chars[start..(start + len).min(chars.len())];
        prop_assume!(run.iter().all(|&c| !pinyin::readings(c).is_empty()));
        let full: String = run.iter().map(|&c| pinyin::readings(c)[0]).collect();
        let initials: String = run.iter().map(|&c| &pinyin::readings(c)[0][..1]).collect();
        let idx = index(&[(1, &[(Body, text.as_str())])]);
        prop_assert_eq!(keys(&idx, &full), [1]);
        prop_assert_eq!(keys(&idx, &initials), [1]);
    }

    #[test]
    fn highlights_lie_within_their_fields(
        texts in proptest::collection::vec(hanzi_text(), 1..4),
        query in "[a-z服装女工 ]{1,6}",
    ) {
        let fields: Vec<(FieldKind, &str)> = texts.iter().map(|t| (Tag, t.as_str())).collect();
        let idx = index(&[(1, &fields)]);
        for hit in idx.search(&query, 5).hits {
            prop_assert!(!hit.highlights.is_empty());
            for h in &hit.highlights {
                let text = &texts[h.field];
                let mut last_end = 0;
                for r in &h.ranges {
                    prop_assert!(last_end <= r.start && r.start < r.end && r.end <= text.len());
                    prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                    last_end = r.end;
                }
            }
        }
    }

    #[test]
    fn any_text_and_query_are_safe(
        texts in proptest::collection::vec(any::<String>(), 0..4),
        query in any::<String>(),
    ) {
        let fields: Vec<(FieldKind, &str)> = texts.iter().map(|t| (Title, t.as_str())).collect();
        let idx = index(&[(1, &fields)]);
        let results = idx.search(&query, 5);
        prop_assert!(results.total <= 1);
        for hit in results.hits {
            for h in &hit.highlights {
                for r in &h.ranges {
                    prop_assert!(texts[h.field].get(r.clone()).is_some());
                }
            }
        }
        // The text itself, folded or not, always finds its document.
        if let Some(text) = texts.iter().find(|t| has_terms(t)) {
            prop_assert_eq!(idx.search(text, 5).total, 1);
        }
    }

    #[test]
    fn narrowing_agrees_with_search(edits in proptest::collection::vec(
        prop_oneof![
            3 => proptest::sample::select("fuzhangjimo服装纺织 ".chars().collect::<Vec<_>>()).prop_map(Some),
            1 => Just(None),
        ],
        1..16,
    )) {
        // Some(c) types c, None deletes the last char.
        let idx = jobs();
        let mut typing = Narrowing::default();
        let mut q = String::new();
        for edit in edits {
            match edit {
                Some(c) => q.push(c),
                None => {
                    q.pop();
                }
            }
            prop_assert_eq!(typing.search(&idx, &q, 10), idx.search(&q, 10), "{:?}", q);
        }
    }
}
