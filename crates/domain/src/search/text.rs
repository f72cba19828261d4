//! Folding text into *units*, the alphabet both documents and queries are
//! matched in.
//!
//! Folding is one char in, one char out, so the n-th unit of a field is its
//! n-th char and match positions translate straight back to the original
//! text for highlighting. A unit is a `u32`: a hanzi that has pinyin becomes
//! `HANZI + ordinal`, so the matcher finds its readings with one index and
//! no lookup; every other char stays its own code point.

use super::pinyin::{letter_bit, Table};

/// First unit value used for hanzi with readings; above every code point.
pub(crate) const HANZI: u32 = 0x11_0000;

/// Folds one char for matching: full-width ASCII to ASCII, ideographic space
/// to space, ü to `v` (how pinyin is typed), then lowercase when that is a
/// single char (so the one-to-one mapping holds).
pub(crate) fn fold(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        'ü' | 'Ü' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' => 'v',
        _ => c,
    };
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// The unit of one char.
pub(crate) fn unit(table: &Table, c: char) -> u32 {
    let c = fold(c);
    match table.ordinal(c) {
        Some(ordinal) => HANZI + ordinal,
        None => u32::from(c),
    }
}

/// Whether a unit can be part of a word (and of a query token).
pub(crate) fn is_word(u: u32) -> bool {
    u >= HANZI || char::from_u32(u).is_some_and(char::is_alphanumeric)
}

/// Whether a unit is an ASCII letter or digit (after folding, so lowercase).
pub(crate) fn is_ascii_word(u: u32) -> bool {
    u < 128 && (u as u8).is_ascii_alphanumeric()
}

/// Bit for an ASCII letter or digit in a 36-bit "needs these" mask.
pub(crate) fn ascii_bit(u: u32) -> u64 {
    match u {
        0x61..=0x7A => 1 << (u - 0x61),
        0x30..=0x39 => 1 << (26 + u - 0x30),
        _ => 0,
    }
}

/// A one-bit Bloom filter position for a non-ASCII unit.
pub(crate) fn literal_bit(u: u32) -> u64 {
    1 << (u.wrapping_mul(0x9E37_79B1) >> 26)
}

/// A "could a token start here" bit set for `u`, kept per field and per
/// document so a token whose first char cannot start anywhere in them skips
/// them unread: bits 0..26 are letters (first letters of a hanzi's
/// readings, or an ASCII letter), bits 26..32 a Bloom filter of the unit
/// itself for digits and literal starts.
pub(crate) fn start_bits(table: &Table, u: u32) -> u32 {
    if u >= HANZI {
        table.first_letters(u - HANZI) | start_literal_bit(u)
    } else if u < 128 && (u as u8).is_ascii_lowercase() {
        letter_bit(u as u8)
    } else {
        start_literal_bit(u)
    }
}

/// The start bit a token's first unit needs (see [`start_bits`]).
pub(crate) fn token_start_bit(u: u32) -> u32 {
    if u < 128 && (u as u8).is_ascii_lowercase() {
        letter_bit(u as u8)
    } else {
        start_literal_bit(u)
    }
}

fn start_literal_bit(u: u32) -> u32 {
    1 << (26 + (u.wrapping_mul(0x9E37_79B1) >> 16) % 6)
}

/// [`start_code`] of a hanzi whose readings start with different letters.
pub(crate) const CODE_MULTI: u8 = 254;
/// [`start_code`] of a unit no ASCII token can start at.
pub(crate) const CODE_NONE: u8 = 255;

/// One byte per unit for the start scan: 0..26 for a hanzi whose readings
/// all start with that letter (0 = `a`) or for that ASCII letter, 26..36
/// for a digit, else [`CODE_MULTI`] or [`CODE_NONE`]. Bytes let the scan
/// test eight positions per `u64` operation.
pub(crate) fn start_code(table: &Table, u: u32) -> u8 {
    if u >= HANZI {
        let first = table.first_letters(u - HANZI);
        if first.count_ones() == 1 {
            first.trailing_zeros() as u8
        } else {
            CODE_MULTI
        }
    } else {
        ascii_code(u).unwrap_or(CODE_NONE)
    }
}

/// The start code of an ASCII letter or digit unit.
pub(crate) fn ascii_code(u: u32) -> Option<u8> {
    match u {
        0x61..=0x7A => Some((u - 0x61) as u8),
        0x30..=0x39 => Some((26 + u - 0x30) as u8),
        _ => None,
    }
}

/// Whether a match starting at `start` starts a word: a field start scores
/// 2, a start after a separator or at a change between ASCII and hanzi 1.
#[inline]
pub(crate) fn start_class(units: &[u32], start: usize) -> u8 {
    let Some(&prev) = start.checked_sub(1).and_then(|i| units.get(i)) else {
        return 2;
    };
    let cur = units[start];
    u8::from(!is_word(prev) || is_ascii_word(prev) != is_ascii_word(cur))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::pinyin::table;

    #[test]
    fn fold_is_one_to_one_and_normalises_width_and_case() {
        let folded: String = "ＡＢＣ　Java，Ü１２".chars().map(fold).collect();
        assert_eq!(folded, "abc java,v12");
        assert_eq!(fold('İ'), 'İ', "multi-char lowercase keeps the original");
        assert_eq!(fold('服'), '服');
    }

    #[test]
    fn units_separate_hanzi_from_other_chars() {
        let t = table();
        assert!(unit(t, '服') >= HANZI);
        assert_eq!(unit(t, 'Ｃ'), u32::from('c'));
        assert_eq!(
            unit(t, '丂'),
            u32::from('丂'),
            "no reading: stays a plain char"
        );
        assert!(is_word(unit(t, '丂')) && !is_word(u32::from('、')));
    }

    #[test]
    fn start_bits_admit_every_possible_start() {
        let t = table();
        for (text, first) in [
            ("服", 'f'),
            ("c", 'c'),
            ("7", '7'),
            ("服", '服'),
            ("丂", '丂'),
        ] {
            let u = unit(t, text.chars().next().unwrap());
            let f = unit(t, first);
            assert_ne!(start_bits(t, u) & token_start_bit(f), 0, "{text} {first}");
        }
        assert_eq!(
            start_bits(t, unit(t, '服')) & token_start_bit(u32::from('z')),
            0
        );
    }

    #[test]
    fn start_codes() {
        let t = table();
        assert_eq!(start_code(t, unit(t, '服')), b'f' - b'a');
        assert_eq!(start_code(t, unit(t, '和')), b'h' - b'a', "he, hu, huo");
        assert_eq!(start_code(t, unit(t, '重')), CODE_MULTI, "zhong, chong");
        assert_eq!(start_code(t, unit(t, 'C')), b'c' - b'a');
        assert_eq!(start_code(t, unit(t, '7')), 33);
        assert_eq!(start_code(t, unit(t, '、')), CODE_NONE);
        assert_eq!(start_code(t, unit(t, '丂')), CODE_NONE);
    }

    #[test]
    fn word_starts() {
        let t = table();
        let units: Vec<u32> = "五险一金、包食宿 CNC操作"
            .chars()
            .map(|c| unit(t, c))
            .collect();
        assert_eq!(start_class(&units, 0), 2);
        assert_eq!(start_class(&units, 1), 0);
        assert_eq!(start_class(&units, 5), 1, "after 、");
        assert_eq!(start_class(&units, 9), 1, "after a space");
        assert_eq!(start_class(&units, 12), 1, "hanzi after ASCII");
        assert_eq!(start_class(&units, 10), 0);
    }
}
