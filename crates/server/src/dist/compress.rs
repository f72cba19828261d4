//! Compressing static files once, off the request path.
//!
//! Brotli at quality 11 takes seconds for a ~1 MB wasm file, far too slow per
//! request; done once per file in a blocking task it costs nothing per
//! request. Until it finishes, the file is served uncompressed.

use std::io::Write;
use std::sync::Arc;

use axum::body::Bytes;

use super::asset::Asset;

/// Brotli quality (0–11). See the module docs for the measurement.
pub const BROTLI_QUALITY: u32 = 11;
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
