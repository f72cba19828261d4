//! Serving the built app: MIME types, cache headers, compression, CSP, SPA
//! fallback and the JSON 404 for the API (backend-independent: SQLite).

use std::io::Read;

use axum::body::Body;
use axum::http::{header, Method, StatusCode};
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::harness::{request, sqlite_app, TestApp};
use tongji_server::store::sqlite::Sqlite;

const LOADER: &str = "\nimport init, * as bindings from '/tongji-app-1a2b3c4d5e6f7a8b.js';\nconst wasm = await init({ module_or_path: '/tongji-app-1a2b3c4d5e6f7a8b_bg.wasm' });\nwindow.wasmBindings = bindings;\n";

async fn built_app() -> (TestApp<Sqlite>, Vec<u8>) {
    let app = sqlite_app().await;
    let dir = app.dist.path();
    let index = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>通济通</title>\
         <link rel=\"manifest\" href=\"/manifest.webmanifest\">\
         <link rel=\"stylesheet\" href=\"/style-0123456789abcdef.css\">\
         <script type=\"module\">{LOADER}</script></head><body></body></html>"
    );
    std::fs::write(dir.join("index.html"), index).unwrap();
    // Compressible, realistic-ish wasm: repetitive with some noise.
    let wasm: Vec<u8> = b"\0asm\x01\0\0\0"
        .iter()
        .copied()
        .chain((0..200_000u32).map(|i| ((i % 97) ^ (i / 1000)) as u8))
        .collect();
    std::fs::write(dir.join("tongji-app-1a2b3c4d5e6f7a8b_bg.wasm"), &wasm).unwrap();
    std::fs::write(
        dir.join("tongji-app-1a2b3c4d5e6f7a8b.js"),
        "export default function init() {}\n".repeat(20),
    )
    .unwrap();
    std::fs::write(
        dir.join("style-0123456789abcdef.css"),
        "body { font-size: 18px; }\n".repeat(20),
    )
    .unwrap();
    std::fs::write(
        dir.join("manifest.webmanifest"),
        "{\"name\": \"通济通\", \"start_url\": \"/\"}",
    )
    .unwrap();
    std::fs::write(
        dir.join("sw.js"),
        "self.addEventListener('fetch', () => {});",
    )
    .unwrap();
    std::fs::create_dir_all(dir.join("icons")).unwrap();
    std::fs::write(dir.join("icons/icon-192.png"), b"\x89PNG\r\n\x1a\n....").unwrap();
    std::fs::write(
        dir.join("calendar.ics"),
        "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
    )
    .unwrap();
    (app, wasm)
}

async fn get_with(
    app: &TestApp<Sqlite>,
    uri: &str,
    accept_encoding: Option<&str>,
) -> crate::harness::TestResponse {
    let mut req = request(Method::GET, uri, None, Body::empty());
    if let Some(ae) = accept_encoding {
        req.headers_mut()
            .insert(header::ACCEPT_ENCODING, ae.parse().unwrap());
    }
    app.call(req).await
}

#[tokio::test]
async fn spa_fallback_serves_index_but_the_api_answers_json_404() {
    let (app, _) = built_app().await;
    for uri in ["/", "/jobs/123", "/policies/abc/def", "/jobs/123?from=home"] {
        let r = app.get(uri, None).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}");
        assert_eq!(r.header("content-type"), "text/html; charset=utf-8");
        assert_eq!(r.header("cache-control"), "no-cache");
        assert!(r.text().contains("<title>通济通</title>"), "{uri}");
    }
    for uri in ["/api/nope", "/api/jobs/123"] {
        app.get(uri, None)
            .await
            .assert_error(StatusCode::NOT_FOUND, "not_found");
    }
    // A missing file (say an old hashed bundle) is a 404, not HTML under a script's name.
    let r = app.get("/tongji-app-ffffffffffffffff.js", None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // Paths that try to leave dist never do.
    for uri in ["/../Cargo.toml", "/%2e%2e/Cargo.toml", "/.hidden"] {
        let r = app.get(uri, None).await;
        assert!(
            r.status == StatusCode::OK && r.text().contains("通济通")
                || r.status == StatusCode::NOT_FOUND,
            "{uri}"
        );
    }
    // HEAD works, POST to a page does not.
    let head = app
        .call(request(Method::HEAD, "/jobs/1", None, Body::empty()))
        .await;
    assert_eq!(head.status, StatusCode::OK);
    assert!(head.body.is_empty());
    let post = app
        .call(request(Method::POST, "/jobs/1", None, Body::empty()))
        .await;
    assert_eq!(post.status, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn mime_types_and_cache_headers() {
    let (app, wasm) = built_app().await;
    let cases = [
        (
            "/tongji-app-1a2b3c4d5e6f7a8b_bg.wasm",
            "application/wasm",
            true,
        ),
        (
            "/tongji-app-1a2b3c4d5e6f7a8b.js",
            "text/javascript; charset=utf-8",
            true,
        ),
        (
            "/style-0123456789abcdef.css",
            "text/css; charset=utf-8",
            true,
        ),
        ("/manifest.webmanifest", "application/manifest+json", false),
        ("/sw.js", "text/javascript; charset=utf-8", false),
        ("/index.html", "text/html; charset=utf-8", false),
        ("/icons/icon-192.png", "image/png", false),
        ("/calendar.ics", "text/calendar; charset=utf-8", false),
    ];
    for (uri, mime, immutable) in cases {
        let r = app.get(uri, None).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}");
        assert_eq!(r.header("content-type"), mime, "{uri}");
        let expected = if immutable {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        assert_eq!(r.header("cache-control"), expected, "{uri}");
        assert!(r.header("etag").starts_with('"'), "{uri}");
    }
    let r = app.get("/tongji-app-1a2b3c4d5e6f7a8b_bg.wasm", None).await;
    assert_eq!(r.body, wasm, "identity when the client accepts no encoding");
    // Revalidation.
    let mut req = request(Method::GET, "/sw.js", None, Body::empty());
    let etag = app.get("/sw.js", None).await.header("etag").to_owned();
    req.headers_mut()
        .insert(header::IF_NONE_MATCH, etag.parse().unwrap());
    assert_eq!(app.call(req).await.status, StatusCode::NOT_MODIFIED);
}

#[tokio::test]
async fn files_are_compressed_once_with_brotli_and_gzip() {
    let (app, wasm) = built_app().await;
    // What `serve` runs in the background at startup.
    let dist = tongji_server::dist::Dist::new(app.dist.path());
    let router = tongji_server::app(tongji_server::state::AppState::new(
        app.store.clone(),
        dist.clone(),
        crate::harness::test_config(),
    ));
    assert!(dist.load_all().await >= 8);
    let app = TestApp { router, ..app };
    let uri = "/tongji-app-1a2b3c4d5e6f7a8b_bg.wasm";

    let br = get_with(&app, uri, Some("gzip, deflate, br, zstd")).await;
    assert_eq!(br.header("content-encoding"), "br");
    assert_eq!(br.header("vary"), "Accept-Encoding");
    assert_eq!(br.header("content-type"), "application/wasm");
    assert!(
        br.body.len() < wasm.len() / 2,
        "brotli shrinks it: {}",
        br.body.len()
    );
    let mut out = Vec::new();
    brotli::Decompressor::new(&br.body[..], 4096)
        .read_to_end(&mut out)
        .unwrap();
    assert_eq!(out, wasm);

    let gz = get_with(&app, uri, Some("gzip")).await;
    assert_eq!(gz.header("content-encoding"), "gzip");
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(&gz.body[..])
        .read_to_end(&mut out)
        .unwrap();
    assert_eq!(out, wasm);
    assert_ne!(
        gz.header("etag"),
        br.header("etag"),
        "each encoding has its own validator"
    );

    let refused = get_with(&app, uri, Some("br;q=0, gzip;q=0")).await;
    assert_eq!(refused.header("content-encoding"), "");
    assert_eq!(refused.body, wasm);

    // Images are not recompressed.
    let png = get_with(&app, "/icons/icon-192.png", Some("br, gzip")).await;
    assert_eq!(png.header("content-encoding"), "");
}

#[tokio::test]
async fn security_headers_and_csp_with_the_loader_hash() {
    let (app, _) = built_app().await;
    let expected =
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(LOADER.as_bytes()));
    for uri in [
        "/",
        "/jobs/123",
        "/api/health",
        "/api/nope",
        "/tongji-app-1a2b3c4d5e6f7a8b.js",
    ] {
        let r = app.get(uri, None).await;
        assert_eq!(r.header("x-content-type-options"), "nosniff", "{uri}");
        assert_eq!(r.header("referrer-policy"), "no-referrer", "{uri}");
        let csp = r.header("content-security-policy");
        assert!(
            csp.contains(&format!(
                "script-src 'self' 'wasm-unsafe-eval' 'sha256-{expected}'"
            )),
            "{uri}: {csp}"
        );
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        for directive in [
            "default-src 'self'",
            "img-src 'self' data: blob:",
            "connect-src 'self'",
            "worker-src 'self'",
            "manifest-src 'self'",
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "object-src 'none'",
        ] {
            assert!(csp.contains(directive), "{directive} in {csp}");
        }
    }
}

#[tokio::test]
async fn without_a_build_only_the_api_works() {
    let app = sqlite_app().await;
    let r = app.get("/", None).await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(r.text().contains("not built"));
    assert_eq!(app.get("/api/health", None).await.status, StatusCode::OK);
    assert!(app
        .get("/", None)
        .await
        .header("content-security-policy")
        .contains("script-src 'self' 'wasm-unsafe-eval'"));
    // Building later is picked up without a restart.
    std::fs::write(
        app.dist.path().join("index.html"),
        "<html><script>go()</script></html>",
    )
    .unwrap();
    let r = app.get("/jobs/1", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.header("content-security-policy").contains("'sha256-"));
}
