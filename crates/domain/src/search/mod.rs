//! Chinese + pinyin search index (being built; see issue 5).
