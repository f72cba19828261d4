//! A small spreadsheet (.xlsx) writer, so the app can build reports in the
//! browser, offline, without a large crate in the bundle.
//!
//! It writes what the district's reports need and nothing more: several
//! sheets, text and number cells, a bold frozen header row and column
//! widths. Text is always written as an inline string, so a cell starting
//! with `=`, `+`, `-` or `@` is never evaluated as a formula by a
//! spreadsheet program (no formula injection), and characters XML cannot
//! carry are dropped.

mod xml;
mod zip;

/// One cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
    /// Nothing.
    Empty,
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<f64> for Cell {
    fn from(n: f64) -> Cell {
        if n.is_finite() {
            Cell::Number(n)
        } else {
            Cell::Empty
        }
    }
}

impl From<u32> for Cell {
    fn from(n: u32) -> Cell {
        Cell::Number(f64::from(n))
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(v: Option<T>) -> Cell {
        v.map_or(Cell::Empty, Into::into)
    }
}

/// A worksheet: a header row and data rows.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Sheet {
    /// Tab name (at most 31 characters; `[]:*?/\` are replaced).
    pub name: String,
    /// Column headers (bold, frozen).
    pub header: Vec<String>,
    /// Column widths in characters (defaults to 12).
    pub widths: Vec<f64>,
    /// Rows below the header.
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    /// A sheet with a name and headers of the given widths.
    pub fn new(name: &str, columns: &[(&str, f64)]) -> Sheet {
        Sheet {
            name: name.to_owned(),
            header: columns.iter().map(|(h, _)| (*h).to_owned()).collect(),
            widths: columns.iter().map(|(_, w)| *w).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row.
    pub fn push(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }
}

/// The bytes of an .xlsx file holding the sheets, in order.
pub fn workbook(sheets: &[Sheet]) -> Vec<u8> {
    let mut files: Vec<(String, Vec<u8>)> = vec![
        (
            "[Content_Types].xml".into(),
            xml::content_types(sheets.len()).into_bytes(),
        ),
        ("_rels/.rels".into(), xml::ROOT_RELS.as_bytes().to_vec()),
        ("xl/workbook.xml".into(), xml::workbook(sheets).into_bytes()),
        (
            "xl/_rels/workbook.xml.rels".into(),
            xml::workbook_rels(sheets.len()).into_bytes(),
        ),
        ("xl/styles.xml".into(), xml::STYLES.as_bytes().to_vec()),
    ];
    for (i, sheet) in sheets.iter().enumerate() {
        files.push((
            format!("xl/worksheets/sheet{}.xml", i + 1),
            xml::worksheet(sheet).into_bytes(),
        ));
    }
    zip::store(&files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx};
    use std::io::Cursor;

    fn read(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
        Xlsx::new(Cursor::new(bytes)).expect("a valid xlsx")
    }

    #[test]
    fn a_workbook_reads_back_with_headers_rows_and_cells() {
        let mut visits = Sheet::new(
            "走访记录",
            &[("日期", 12.0), ("企业", 30.0), ("产值（万元）", 14.0)],
        );
        visits.push(vec![
            "2026-11-26".into(),
            "即发集团 & <伙伴>".into(),
            1234.5.into(),
        ]);
        visits.push(vec!["2026-11-27".into(), "仁成海绵".into(), Cell::Empty]);
        let projects = Sheet::new("重点项目", &[("项目", 40.0)]);
        let mut book = read(workbook(&[visits, projects]));
        assert_eq!(book.sheet_names(), ["走访记录", "重点项目"]);
        let range = book.worksheet_range("走访记录").unwrap();
        assert_eq!(range.height(), 3);
        assert_eq!(range.get((0, 1)), Some(&Data::String("企业".into())));
        assert_eq!(
            range.get((1, 1)),
            Some(&Data::String("即发集团 & <伙伴>".into()))
        );
        assert_eq!(range.get((1, 2)), Some(&Data::Float(1234.5)));
        assert_eq!(range.get((2, 0)), Some(&Data::String("2026-11-27".into())));
        assert_eq!(book.worksheet_range("重点项目").unwrap().height(), 1);
    }

    #[test]
    fn formulas_and_markup_stay_plain_text() {
        let mut s = Sheet::new("数据", &[("内容", 20.0)]);
        for payload in [
            "=HYPERLINK(\"http://x\")",
            "+1+1",
            "@SUM(A1)",
            "<script>alert(1)</script>",
            "a\u{1}b\u{fffe}c",
        ] {
            s.push(vec![payload.into()]);
        }
        let mut book = read(workbook(&[s]));
        let range = book.worksheet_range("数据").unwrap();
        let expected = [
            "=HYPERLINK(\"http://x\")",
            "+1+1",
            "@SUM(A1)",
            "<script>alert(1)</script>",
            "abc",
        ];
        for (row, text) in expected.iter().enumerate() {
            assert_eq!(
                range.get((row + 1, 0)),
                Some(&Data::String((*text).into())),
                "row {row}"
            );
        }
        let formulas = book.worksheet_formula("数据").unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "no cell is a formula"
        );
    }

    #[test]
    fn sheet_names_are_made_legal() {
        let s = Sheet::new("a/b:c*d?e[f]g\\h that is much longer than thirty-one", &[]);
        let book = read(workbook(&[s]));
        let name = &book.sheet_names()[0];
        assert!(name.chars().count() <= 31);
        assert!(!name.contains(['/', ':', '*', '?', '[', ']', '\\']));
    }
}
