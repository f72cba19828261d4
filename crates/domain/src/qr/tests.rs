//! The encoder against module matrices of an independent encoder
//! (python-qrcode 7, byte mode, level M, mask forced; `vectors.txt`), and
//! against the capacity table.

use super::*;

struct Vector {
    text: String,
    mask: u8,
    version: u8,
    rows: Vec<String>,
}

fn vectors() -> Vec<Vector> {
    let mut out: Vec<Vector> = Vec::new();
    for line in include_str!("vectors.txt").lines() {
        if let Some(text) = line.strip_prefix("# ") {
            out.push(Vector {
                text: text.to_owned(),
                mask: 0,
                version: 0,
                rows: Vec::new(),
            });
            continue;
        }
        let v = out.last_mut().expect("a vector starts with its text");
        if let Some(n) = line.strip_prefix("mask ") {
            v.mask = n.parse().expect("mask number");
        } else if let Some(n) = line.strip_prefix("version ") {
            v.version = n.parse().expect("version number");
        } else if !line.is_empty() {
            v.rows.push(line.to_owned());
        }
    }
    out
}

fn rows(code: &QrCode) -> Vec<String> {
    (0..code.size())
        .map(|y| {
            (0..code.size())
                .map(|x| if code.get(x, y) { '#' } else { '.' })
                .collect()
        })
        .collect()
}

#[test]
fn matches_an_independent_encoder_module_for_module() {
    let all = vectors();
    assert_eq!(all.len(), 3);
    for v in &all {
        let code = QrCode::encode_with_mask(v.text.as_bytes(), v.mask).unwrap();
        assert_eq!(code.version(), v.version, "{}", v.text);
        let got = rows(&code);
        for (y, (got, want)) in got.iter().zip(&v.rows).enumerate() {
            assert_eq!(got, want, "{} row {y}", v.text);
        }
        assert_eq!(got.len(), v.rows.len());
    }
}

#[test]
fn picks_the_mask_of_lowest_penalty() {
    // python-qrcode scores masks with the format bits left blank, so its
    // choice can differ; both choices decode. Here the chosen mask must
    // score lowest with the real format bits in place.
    for v in vectors() {
        let code = QrCode::encode(v.text.as_bytes()).unwrap();
        let best = code.grid.penalty();
        for mask in 0..8 {
            let other = QrCode::encode_with_mask(v.text.as_bytes(), mask).unwrap();
            assert!(best <= other.grid.penalty(), "{} mask {mask}", v.text);
        }
    }
}

#[test]
fn versions_grow_with_length_up_to_ten() {
    // Byte-mode capacities at level M (ISO/IEC 18004 Table 7).
    let table = [14, 26, 42, 62, 84, 106, 122, 152, 180, 213];
    for (i, &cap) in table.iter().enumerate() {
        let version = i as u8 + 1;
        assert_eq!(capacity(version), cap, "version {version}");
        let text = vec![b'a'; cap];
        assert_eq!(QrCode::encode(&text).unwrap().version(), version);
        if version < MAX_VERSION {
            let text = vec![b'a'; cap + 1];
            assert_eq!(QrCode::encode(&text).unwrap().version(), version + 1);
        }
    }
    assert_eq!(
        QrCode::encode(&[b'a'; 214]),
        Err(QrError::TooLong { len: 214, max: 213 })
    );
}

#[test]
fn empty_input_and_svg_path() {
    let code = QrCode::encode(b"").unwrap();
    assert_eq!((code.version(), code.size()), (1, 21));
    let path = code.svg_path();
    // Every dark module is covered by exactly one run.
    let covered: usize = path
        .split('M')
        .skip(1)
        .map(|run| {
            let h = run.split('h').nth(1).unwrap();
            h.split('v').next().unwrap().parse::<usize>().unwrap()
        })
        .sum();
    let dark = (0..21)
        .flat_map(|y| (0..21).map(move |x| (x, y)))
        .filter(|&(x, y)| code.get(x, y))
        .count();
    assert_eq!(covered, dark);
    assert!(!code.get(21, 0), "outside is light");
}
