//! A compact QR code encoder for share links: byte mode, error-correction
//! level M, versions 1 to 10 (up to 213 bytes, plenty for a URL), rendered
//! as one SVG path.
//!
//! Only what a share link needs is here, which keeps it a few kilobytes of
//! wasm: no numeric/alphanumeric/kanji modes, no other levels, no
//! structured append. Level M restores about 15 % damaged modules, enough
//! for a phone screen photographed by another phone.
//!
//! ```
//! use domain::qr::QrCode;
//! let code = QrCode::encode(b"https://example.org/jobs/positions/1").unwrap();
//! assert_eq!(code.version(), 3);
//! assert_eq!(code.size(), 29);
//! // Top-left finder pattern: dark corner, light separator.
//! assert!(code.get(0, 0) && !code.get(7, 0));
//! assert!(code.svg_path().starts_with("M0 0h7"));
//! ```

mod matrix;
mod rs;

use matrix::Grid;
use thiserror::Error;

/// Largest version encoded here.
pub const MAX_VERSION: u8 = 10;

/// Per version 1..=10 at level M: (error-correction codewords per block,
/// number of blocks), from ISO/IEC 18004 Table 9.
const BLOCKS_M: [(usize, usize); 10] = [
    (10, 1),
    (16, 1),
    (26, 1),
    (18, 2),
    (24, 2),
    (16, 4),
    (18, 4),
    (22, 4),
    (22, 5),
    (26, 5),
];

/// Why a text could not be encoded.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum QrError {
    /// More bytes than version 10 at level M holds.
    #[error("too long for a QR code of version 10 (at most {max} bytes, got {len})")]
    TooLong {
        /// Bytes given.
        len: usize,
        /// Most bytes that fit.
        max: usize,
    },
}

/// An encoded QR code: a square of dark and light modules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QrCode {
    version: u8,
    mask: u8,
    grid: Grid,
}

/// Modules that hold data and error correction in a version.
fn raw_data_modules(version: u8) -> usize {
    let v = usize::from(version);
    let mut result = (16 * v + 128) * v + 64;
    if v >= 2 {
        let align = v / 7 + 2;
        result -= (25 * align - 10) * align - 55;
        if v >= 7 {
            result -= 36;
        }
    }
    result
}

/// Data codewords (before error correction) at level M.
fn data_codewords(version: u8) -> usize {
    let (ecc, blocks) = BLOCKS_M[usize::from(version) - 1];
    raw_data_modules(version) / 8 - ecc * blocks
}

/// Bits of the byte-mode character count.
fn count_bits(version: u8) -> usize {
    if version <= 9 {
        8
    } else {
        16
    }
}

/// Most bytes a version holds in byte mode at level M.
pub fn capacity(version: u8) -> usize {
    (data_codewords(version) * 8 - 4 - count_bits(version)) / 8
}

struct Bits(Vec<u8>, usize);

impl Bits {
    fn push(&mut self, value: usize, len: usize) {
        for i in (0..len).rev() {
            if self.1.is_multiple_of(8) {
                self.0.push(0);
            }
            if (value >> i) & 1 != 0 {
                *self.0.last_mut().expect("pushed above") |= 0x80 >> (self.1 % 8);
            }
            self.1 += 1;
        }
    }
}

/// Mode, count, data, terminator and padding: the data codewords.
fn data_codewords_of(bytes: &[u8], version: u8) -> Vec<u8> {
    let capacity_bits = data_codewords(version) * 8;
    let mut bits = Bits(Vec::new(), 0);
    bits.push(0b0100, 4);
    bits.push(bytes.len(), count_bits(version));
    for &b in bytes {
        bits.push(usize::from(b), 8);
    }
    let terminator = (capacity_bits - bits.1).min(4);
    bits.push(0, terminator);
    let mut out = bits.0;
    for pad in [0xEC, 0x11].into_iter().cycle() {
        if out.len() * 8 >= capacity_bits {
            break;
        }
        out.push(pad);
    }
    out
}

/// Splits data into blocks, appends each block's error correction, and
/// interleaves them.
fn add_error_correction(data: &[u8], version: u8) -> Vec<u8> {
    let (ecc_len, blocks) = BLOCKS_M[usize::from(version) - 1];
    let raw = raw_data_modules(version) / 8;
    let short_blocks = blocks - raw % blocks;
    let short_len = raw / blocks;
    let divisor = rs::divisor(ecc_len);
    let mut split: Vec<Vec<u8>> = Vec::with_capacity(blocks);
    let mut at = 0;
    for i in 0..blocks {
        let len = short_len - ecc_len + usize::from(i >= short_blocks);
        let mut block = data[at..at + len].to_vec();
        at += len;
        let ecc = rs::remainder(&block, &divisor);
        if i < short_blocks {
            block.push(0); // placeholder, skipped when interleaving
        }
        block.extend(ecc);
        split.push(block);
    }
    let mut out = Vec::with_capacity(raw);
    for i in 0..split[0].len() {
        for (j, block) in split.iter().enumerate() {
            if i != short_len - ecc_len || j >= short_blocks {
                out.push(block[i]);
            }
        }
    }
    out
}

impl QrCode {
    /// Encodes bytes (e.g. a URL's UTF-8) in the smallest version that
    /// holds them, with the mask of lowest penalty.
    pub fn encode(bytes: &[u8]) -> Result<QrCode, QrError> {
        let version = (1..=MAX_VERSION)
            .find(|&v| capacity(v) >= bytes.len())
            .ok_or(QrError::TooLong {
                len: bytes.len(),
                max: capacity(MAX_VERSION),
            })?;
        let codewords = add_error_correction(&data_codewords_of(bytes, version), version);
        let mut grid = Grid::new(version);
        grid.draw_codewords(&codewords);
        let mut best: Option<(u32, u8)> = None;
        for mask in 0..8 {
            grid.apply_mask(mask);
            grid.draw_format(mask);
            let penalty = grid.penalty();
            if best.is_none_or(|(p, _)| penalty < p) {
                best = Some((penalty, mask));
            }
            grid.apply_mask(mask);
        }
        let (_, mask) = best.expect("eight masks tried");
        Ok(QrCode::with_mask(grid, version, mask))
    }

    fn with_mask(mut grid: Grid, version: u8, mask: u8) -> QrCode {
        grid.apply_mask(mask);
        grid.draw_format(mask);
        QrCode {
            version,
            mask,
            grid,
        }
    }

    /// Encodes with a given mask (0..=7) instead of the best one; for
    /// comparing with other encoders.
    #[doc(hidden)]
    pub fn encode_with_mask(bytes: &[u8], mask: u8) -> Result<QrCode, QrError> {
        let best = QrCode::encode(bytes)?;
        let codewords = add_error_correction(&data_codewords_of(bytes, best.version), best.version);
        let mut grid = Grid::new(best.version);
        grid.draw_codewords(&codewords);
        Ok(QrCode::with_mask(grid, best.version, mask % 8))
    }

    /// The version (1..=10).
    pub fn version(&self) -> u8 {
        self.version
    }

    /// The mask pattern used (0..=7).
    pub fn mask(&self) -> u8 {
        self.mask
    }

    /// Modules per side (21 for version 1, plus 4 per version).
    pub fn size(&self) -> usize {
        self.grid.size
    }

    /// Whether the module at column `x`, row `y` is dark (false outside).
    pub fn get(&self, x: usize, y: usize) -> bool {
        x < self.size() && y < self.size() && self.grid.get(x, y)
    }

    /// The dark modules as one SVG path in module units (`viewBox="0 0
    /// size size"`, add a quiet zone of 4 around it): each horizontal run
    /// of dark modules is one rectangle.
    pub fn svg_path(&self) -> String {
        let mut d = String::new();
        let n = self.size();
        for y in 0..n {
            let mut x = 0;
            while x < n {
                if self.get(x, y) {
                    let start = x;
                    while x < n && self.get(x, y) {
                        x += 1;
                    }
                    let run = x - start;
                    d.push_str(&format!("M{start} {y}h{run}v1h-{run}z"));
                } else {
                    x += 1;
                }
            }
        }
        d
    }
}

#[cfg(test)]
mod tests;
