//! The Content-Security-Policy, built from the app's `index.html`.
//!
//! Trunk emits an inline module script that loads the wasm bundle. Instead of
//! allowing every inline script (`'unsafe-inline'`), the policy lists the
//! SHA-256 of each inline `<script>` (and `<style>`) in index.html, computed
//! whenever index.html is (re)loaded.

use base64::Engine;
use sha2::{Digest, Sha256};

/// The policy for an index.html (`None` when the app is not built).
pub fn policy(index_html: Option<&str>) -> String {
    let html = index_html.unwrap_or("");
    let scripts = inline_hashes(html, "script");
    let styles = inline_hashes(html, "style");
    let mut script_src = String::from("'self' 'wasm-unsafe-eval'");
    for h in &scripts {
        script_src.push_str(&format!(" 'sha256-{h}'"));
    }
    let mut style_src = String::from("'self'");
    for h in &styles {
        style_src.push_str(&format!(" 'sha256-{h}'"));
    }
    format!(
        "default-src 'self'; script-src {script_src}; style-src {style_src}; img-src 'self' data: blob:; \
         font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; frame-ancestors 'none'; \
         base-uri 'self'; form-action 'self'; object-src 'none'"
    )
}

/// Base64 SHA-256 of the content of every inline `<tag>` element (those without `src`).
pub fn inline_hashes(html: &str, tag: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let open = format!("<{tag}");
    let close = format!("</{tag}");
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(found) = lower[pos..].find(&open) {
        let start = pos + found;
        let after_name = start + open.len();
        // `<scripts>` or `<script-x>` are other tags.
        let boundary = lower.as_bytes().get(after_name).copied();
        if !matches!(boundary, Some(b' ' | b'>' | b'\t' | b'\n' | b'\r' | b'/')) {
            pos = after_name;
            continue;
        }
        let Some(tag_end) = lower[after_name..].find('>').map(|i| after_name + i) else {
            break;
        };
        let attrs = &lower[after_name..tag_end];
        let Some(body_end) = lower[tag_end + 1..].find(&close).map(|i| tag_end + 1 + i) else {
            break;
        };
        if !has_src(attrs) {
            let content = &html[tag_end + 1..body_end];
            let digest = Sha256::digest(content.as_bytes());
            out.push(base64::engine::general_purpose::STANDARD.encode(digest));
        }
        pos = body_end + close.len();
    }
    out
}

fn has_src(attrs: &str) -> bool {
    attrs
        .split(|c: char| c.is_ascii_whitespace())
        .any(|a| a == "src" || a.starts_with("src="))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_inline_scripts_only() {
        let html = "<html><head><script type=\"module\">import init from '/app-1.js';await init();</script>\
                    <script src=\"/x.js\"></script><SCRIPT>a()</SCRIPT></head></html>";
        let hashes = inline_hashes(html, "script");
        assert_eq!(hashes.len(), 2);
        let expected = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(
            "import init from '/app-1.js';await init();".as_bytes(),
        ));
        assert_eq!(hashes[0], expected);
        let csp = policy(Some(html));
        assert!(csp.contains(&format!("'sha256-{expected}'")));
        assert!(!csp.contains("unsafe-inline"));
        assert!(csp.contains("'wasm-unsafe-eval'"));
        assert!(csp.contains("frame-ancestors 'none'"));
    }

    #[test]
    fn no_index_still_gives_a_strict_policy() {
        let csp = policy(None);
        assert!(csp.starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval';"));
    }
}
