//! The built app (Trunk's `dist/`), served from memory.
//!
//! Files are read once and kept with their content type, cache policy, ETag
//! and compressed variants ([`compress`]). Each request checks the file's
//! modification time and length, so a rebuild is picked up without a
//! restart, and a missing `dist/` only means the app is not built yet.
//! The Content-Security-Policy ([`csp`]) follows the current index.html.
//! This module knows nothing about the API.

pub mod asset;
pub mod compress;
pub mod csp;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::{Arc, RwLock};

use axum::body::Bytes;
use axum::http::HeaderValue;

pub use asset::Asset;

/// The index page's path inside dist.
pub const INDEX: &str = "index.html";

/// The built app's files.
#[derive(Debug)]
pub struct Dist {
    root: PathBuf,
    assets: RwLock<HashMap<String, Arc<Asset>>>,
    csp: RwLock<HeaderValue>,
}

impl Dist {
    /// Serves files under `root` (which may not exist yet).
    pub fn new(root: impl Into<PathBuf>) -> Arc<Dist> {
        Arc::new(Dist {
            root: root.into(),
            assets: RwLock::new(HashMap::new()),
            csp: RwLock::new(csp_header(None)),
        })
    }

    /// The directory served.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The current Content-Security-Policy header value.
    pub fn csp(&self) -> HeaderValue {
        match self.csp.read() {
            Ok(guard) => guard.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// The file at `rel` (already checked by [`clean_path`]), read from disk if
    /// new or changed; `None` if there is no such file. Newly read files are
    /// compressed in the background.
    pub async fn get(&self, rel: &str) -> Option<Arc<Asset>> {
        let asset = self.load(rel).await?;
        if asset.compressible && !asset.compression_started.swap(true, Ordering::Relaxed) {
            let pending = Arc::clone(&asset);
            tokio::task::spawn_blocking(move || compress::fill(&pending));
        }
        Some(asset)
    }

    /// Reads every file under the root now and compresses them all before
    /// returning (run it in the background at startup; tests await it).
    pub async fn load_all(&self) -> usize {
        let files = tokio::task::spawn_blocking({
            let root = self.root.clone();
            move || list_files(&root)
        })
        .await
        .unwrap_or_default();
        let mut loaded = Vec::new();
        for rel in files {
            if let Some(asset) = self.load(&rel).await {
                loaded.push(asset);
            }
        }
        let count = loaded.len();
        let _ = tokio::task::spawn_blocking(move || loaded.iter().for_each(compress::fill)).await;
        count
    }

    async fn load(&self, rel: &str) -> Option<Arc<Asset>> {
        let path = self.root.join(rel);
        let meta = tokio::fs::metadata(&path)
            .await
            .ok()
            .filter(|m| m.is_file());
        let Some(meta) = meta else {
            self.forget(rel);
            return None;
        };
        let stamp = (meta.modified().ok(), meta.len());
        if let Some(cached) = self.cached(rel) {
            if cached.stamp == stamp {
                return Some(cached);
            }
        }
        let bytes = tokio::fs::read(&path).await.ok()?;
        let asset = Arc::new(Asset::new(rel, Bytes::from(bytes), stamp));
        if rel == INDEX {
            let html = String::from_utf8_lossy(&asset.bytes);
            self.set_csp(csp_header(Some(&html)));
        }
        if let Ok(mut map) = self.assets.write() {
            map.insert(rel.to_owned(), Arc::clone(&asset));
        }
        Some(asset)
    }

    fn cached(&self, rel: &str) -> Option<Arc<Asset>> {
        self.assets.read().ok()?.get(rel).cloned()
    }

    fn forget(&self, rel: &str) {
        if let Ok(mut map) = self.assets.write() {
            map.remove(rel);
        }
        if rel == INDEX {
            self.set_csp(csp_header(None));
        }
    }

    fn set_csp(&self, value: HeaderValue) {
        match self.csp.write() {
            Ok(mut guard) => *guard = value,
            Err(poisoned) => *poisoned.into_inner() = value,
        }
    }
}

fn csp_header(index_html: Option<&str>) -> HeaderValue {
    // Built only from ASCII (base64 hashes and fixed text).
    HeaderValue::from_str(&csp::policy(index_html))
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"))
}

/// The path inside dist for a request path, or `None` if it could escape the
/// root or names a hidden file. `/` is the index page.
pub fn clean_path(path: &str) -> Option<String> {
    let rel = path.trim_start_matches('/');
    if rel.is_empty() {
        return Some(INDEX.to_owned());
    }
    let ok = rel
        .split('/')
        .all(|seg| !seg.is_empty() && !seg.starts_with('.') && !seg.contains(['\\', '\0', ':']));
    ok.then(|| rel.to_owned())
}

/// Every regular file under `root`, as `/`-separated relative paths (hidden files skipped).
fn list_files(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![(root.to_path_buf(), String::new())];
    while let Some((dir, prefix)) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let rel = if prefix.is_empty() {
                name.clone()
            } else {
                format!("{prefix}/{name}")
            };
            match entry.file_type() {
                Ok(t) if t.is_dir() => stack.push((entry.path(), rel)),
                Ok(_) => out.push(rel),
                Err(_) => {}
            }
        }
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_escape() {
        assert_eq!(clean_path("/").as_deref(), Some("index.html"));
        assert_eq!(clean_path("/a/b.js").as_deref(), Some("a/b.js"));
        for bad in [
            "/../etc/passwd",
            "/a/../../x",
            "/.env",
            "/a//b",
            "/a\\..\\b",
            "/jobs/",
        ] {
            assert_eq!(clean_path(bad), None, "{bad}");
        }
    }

    #[tokio::test]
    async fn rebuilt_files_are_reloaded_and_csp_follows_index() {
        let dir = tempfile::tempdir().unwrap();
        let dist = Dist::new(dir.path());
        assert!(dist.get(INDEX).await.is_none());
        std::fs::write(dir.path().join(INDEX), "<script>one()</script>").unwrap();
        let first = dist.get(INDEX).await.unwrap();
        let csp1 = dist.csp();
        std::fs::write(dir.path().join(INDEX), "<script>two(); // longer</script>").unwrap();
        let second = dist.get(INDEX).await.unwrap();
        assert_ne!(first.etag, second.etag);
        assert_ne!(csp1, dist.csp());
        assert_eq!(dist.load_all().await, 1);
    }
}
