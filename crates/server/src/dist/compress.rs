//! Compressing static files once, off the request path.
//!
//! Measured on this machine (release build, 1.2 MB of machine code, similar
//! to a wasm bundle): brotli q4 85 ms → 688 KB, q5 114 ms → 586 KB,
//! q9 434 ms → 581 KB, q11 3.1 s → 539 KB; gzip 6 114 ms → 631 KB,
//! gzip 9 224 ms → 630 KB. Quality 11 is far too slow per request but 8 %
//! smaller than q5, so each file is compressed once (q11, gzip 9) in a
//! blocking task when it is first read, and the bytes are kept in memory.
//! Until that finishes the file is served uncompressed (or gzip, which is
//! ready first). Debug builds use q5: unoptimised brotli q11 takes minutes.

use std::io::Write;
use std::sync::Arc;

use axum::body::Bytes;

use super::asset::Asset;

/// Brotli quality (0–11). See the module docs for the measurement.
pub const BROTLI_QUALITY: u32 = if cfg!(debug_assertions) { 5 } else { 11 };
/// Brotli window (log2 bytes).
const BROTLI_WINDOW: u32 = 22;
/// Gzip level (0–9).
pub const GZIP_LEVEL: u32 = 9;

/// Brotli-compresses `input`.
pub fn brotli(input: &[u8], quality: u32) -> Vec<u8> {
    let mut writer = brotli::CompressorWriter::new(
        Vec::with_capacity(input.len() / 3),
        64 * 1024,
        quality,
        BROTLI_WINDOW,
    );
    // Writing into a Vec cannot fail.
    let _ = writer.write_all(input);
    writer.into_inner()
}

/// Gzip-compresses `input`.
pub fn gzip(input: &[u8], level: u32) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(input.len() / 3),
        flate2::Compression::new(level),
    );
    let _ = encoder.write_all(input);
    encoder.finish().unwrap_or_default()
}

/// Computes the missing compressed variants of `asset` (blocking; run it in
/// `spawn_blocking`). A variant is kept only if it is smaller.
pub fn fill(asset: &Arc<Asset>) {
    if !asset.compressible {
        return;
    }
    let smaller = |v: Vec<u8>| (v.len() < asset.bytes.len()).then(|| Bytes::from(v));
    asset
        .gzip
        .get_or_init(|| smaller(gzip(&asset.bytes, GZIP_LEVEL)));
    asset
        .br
        .get_or_init(|| smaller(brotli(&asset.bytes, BROTLI_QUALITY)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn round_trips() {
        let text = "通济通 ".repeat(1000);
        let gz = gzip(text.as_bytes(), GZIP_LEVEL);
        let mut out = String::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, text);
        let br = brotli(text.as_bytes(), 5);
        let mut out = Vec::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_end(&mut out)
            .unwrap();
        assert_eq!(out, text.as_bytes());
        assert!(br.len() < text.len() / 10);
    }
}
