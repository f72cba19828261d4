//! One file of the built app, held in memory with its headers and its
//! compressed variants.

use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::sync::OnceLock;
use std::time::SystemTime;

use axum::body::Bytes;
use sha2::{Digest, Sha256};

/// `Cache-Control` for files whose name carries a content hash.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// `Cache-Control` for everything else: always revalidate (cheap with the ETag).
pub const NO_CACHE: &str = "no-cache";

/// A file of the built app.
#[derive(Debug)]
pub struct Asset {
    /// The file's bytes.
    pub bytes: Bytes,
    /// Its `Content-Type`.
    pub content_type: &'static str,
    /// Its `Cache-Control`.
    pub cache_control: &'static str,
    /// Strong validator of the content (hex of the SHA-256's first 12 bytes).
    pub etag: String,
    /// Whether compressing it is worthwhile (text and wasm, not images).
    pub compressible: bool,
    /// Brotli variant, once computed (only kept if smaller).
    pub br: OnceLock<Option<Bytes>>,
    /// Gzip variant, once computed (only kept if smaller).
    pub gzip: OnceLock<Option<Bytes>>,
    /// Set once a background compression has been started.
    pub compression_started: AtomicBool,
    /// Modification time and length the bytes were read at.
    pub stamp: (Option<SystemTime>, u64),
}

impl Asset {
    /// Builds the asset for the file at `rel` (a `/`-separated path inside dist).
    pub fn new(rel: &str, bytes: Bytes, stamp: (Option<SystemTime>, u64)) -> Asset {
        let ext = Path::new(rel)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        let (content_type, compressible) = content_type(&ext);
        let digest = Sha256::digest(&bytes);
        Asset {
            etag: hex::encode(&digest[..12]),
            content_type,
            cache_control: if is_hashed(rel) { IMMUTABLE } else { NO_CACHE },
            compressible: compressible && bytes.len() >= 256,
            bytes,
            br: OnceLock::new(),
            gzip: OnceLock::new(),
            compression_started: AtomicBool::new(false),
            stamp,
        }
    }
}

/// The `Content-Type` of an extension, and whether such files compress well.
pub fn content_type(ext: &str) -> (&'static str, bool) {
    match ext {
        "html" | "htm" => ("text/html; charset=utf-8", true),
        "js" | "mjs" => ("text/javascript; charset=utf-8", true),
        "css" => ("text/css; charset=utf-8", true),
        "wasm" => ("application/wasm", true),
        "webmanifest" => ("application/manifest+json", true),
        "json" | "map" => ("application/json", true),
        "svg" => ("image/svg+xml", true),
        "ico" => ("image/x-icon", true),
        "ics" => ("text/calendar; charset=utf-8", true),
        "txt" => ("text/plain; charset=utf-8", true),
        "csv" => ("text/csv; charset=utf-8", true),
        "xml" => ("application/xml", true),
        "png" => ("image/png", false),
        "jpg" | "jpeg" => ("image/jpeg", false),
        "webp" => ("image/webp", false),
        "gif" => ("image/gif", false),
        "avif" => ("image/avif", false),
        "woff2" => ("font/woff2", false),
        "woff" => ("font/woff", false),
        "ttf" => ("font/ttf", true),
        "pdf" => ("application/pdf", false),
        "xlsx" => (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            false,
        ),
        _ => ("application/octet-stream", false),
    }
}

/// Whether a path names a build output with a content hash, which may be
/// cached forever: Trunk names them `<name>-<hex hash>[_bg].<ext>`, and inline
/// JS snippets live under `snippets/<crate>-<hex hash>/`.
pub fn is_hashed(rel: &str) -> bool {
    rel.split('/').any(|segment| {
        let stem = segment.split('.').next().unwrap_or(segment);
        let stem = stem.strip_suffix("_bg").unwrap_or(stem);
        match stem.rsplit_once('-') {
            Some((name, hash)) => {
                !name.is_empty()
                    && (12..=64).contains(&hash.len())
                    && hash.bytes().all(|b| b.is_ascii_hexdigit())
            }
            None => false,
        }
    })
}

/// Whether a request path looks like a static file (its last segment has a
/// known extension). Such paths are answered 404 when missing instead of
/// with the SPA's index.html, so a stale cached page or the service worker
/// never stores HTML under a script's name.
pub fn looks_like_file(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or("");
    match last.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => {
            content_type(&ext.to_ascii_lowercase()).0 != "application/octet-stream"
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunk_hashed_names_are_immutable() {
        assert!(is_hashed("tongji-app-1a2b3c4d5e6f7a8b.js"));
        assert!(is_hashed("tongji-app-1a2b3c4d5e6f7a8b_bg.wasm"));
        assert!(is_hashed("style-0123456789abcdef.css"));
        assert!(is_hashed("snippets/tongji-app-0123456789abcdef/inline0.js"));
        assert!(!is_hashed("index.html"));
        assert!(!is_hashed("sw.js"));
        assert!(!is_hashed("manifest.webmanifest"));
        assert!(!is_hashed("icons/icon-192.png"));
        assert!(!is_hashed("tongji-app.js"));
    }

    #[test]
    fn mime_types() {
        assert_eq!(content_type("wasm").0, "application/wasm");
        assert_eq!(content_type("webmanifest").0, "application/manifest+json");
        assert_eq!(content_type("js").0, "text/javascript; charset=utf-8");
        assert!(!content_type("png").1);
    }

    #[test]
    fn file_like_paths() {
        assert!(looks_like_file("/tongji-app-1a2b.js"));
        assert!(looks_like_file("/icons/x.png"));
        assert!(!looks_like_file("/jobs/123"));
        assert!(!looks_like_file("/policies/v1.2.3"));
        assert!(!looks_like_file("/"));
    }
}
