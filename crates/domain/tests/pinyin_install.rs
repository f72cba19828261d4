//! Installing the pinyin table from a file, as the app does (it leaves the
//! table out of its bundle). A process of its own: the table is global and
//! installed once.

use domain::search::pinyin::{install, installed, readings, InstallError};
use domain::search::{Document, FieldKind, SearchIndex};

const FILE: &[u8] = include_bytes!("../src/search/pinyin.bin");

/// Byte offsets of the file's parts (the format in `search/pinyin.rs`).
struct Layout {
    syllables: Vec<String>,
    bitmap: usize,
    primary: usize,
}

fn layout(bytes: &[u8]) -> Layout {
    let u16_at = |at: usize| usize::from(u16::from_le_bytes([bytes[at], bytes[at + 1]]));
    let blob_len = u16_at(4 + 2 * 4);
    let blob = std::str::from_utf8(&bytes[14..14 + blob_len]).unwrap();
    let bitmap = 14 + blob_len;
    Layout {
        syllables: blob.split(' ').map(str::to_owned).collect(),
        bitmap,
        primary: bitmap + (0x9FFF - 0x4E00 + 1) / 8,
    }
}

/// The file with `c`'s first reading changed to `reading`, so that a test
/// can tell the installed table from the embedded one.
fn with_first_reading(c: char, reading: &str) -> Vec<u8> {
    let mut bytes = FILE.to_vec();
    let l = layout(&bytes);
    let offset = u32::from(c) as usize - 0x4E00;
    let ordinal: usize = (0..offset)
        .filter(|&i| bytes[l.bitmap + i / 8] >> (i % 8) & 1 == 1)
        .count();
    let id = l.syllables.iter().position(|s| s == reading).unwrap() as u16;
    let at = l.primary + 2 * ordinal;
    let more = u16::from_le_bytes([bytes[at], bytes[at + 1]]) & 0x8000;
    bytes[at..at + 2].copy_from_slice(&(id | more).to_le_bytes());
    bytes
}

#[test]
fn a_table_is_installed_once_and_bad_bytes_change_nothing() {
    assert_eq!(
        install(b"PYT1 not a table".to_vec()),
        Err(InstallError::Malformed)
    );
    assert_eq!(
        install(FILE[..FILE.len() - 1].to_vec()),
        Err(InstallError::Malformed)
    );
    assert_eq!(install(Vec::new()), Err(InstallError::Malformed));

    install(with_first_reading('服', "ba")).expect("a well-formed table installs");
    assert!(installed());
    assert_eq!(
        readings('服'),
        ["ba"],
        "the installed table is the one read"
    );
    assert_eq!(readings('装'), ["zhuang"]);

    let mut index = SearchIndex::new();
    index.insert(Document::new(1u32).field(FieldKind::Title, "服装"));
    assert_eq!(index.search("bazhuang", 10).hits.len(), 1);
    assert_eq!(index.search("bz", 10).hits.len(), 1);

    assert_eq!(install(FILE.to_vec()), Err(InstallError::AlreadyInstalled));
    assert_eq!(readings('服'), ["ba"], "a refused table changes nothing");
}
