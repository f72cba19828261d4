// 通济通 service worker. Generated at build time by scripts/gen-sw.mjs from
// this template: PRECACHE lists every file of the hashed build and VERSION
// is derived from their contents, so a new build means a new cache.
// API requests are never cached here: the app's IndexedDB is the offline
// data store.
const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;
const CACHE = `tongji-shell-${VERSION}`;
const SHELL = '/index.html';
// The pages a start usually opens (the jobs start page, the position list,
// and '/' that leads to it), cached as copies of the shell under their own
// addresses so that the browser can answer them itself (below).
const START_PAGES = ['/', '/jobs', '/jobs/positions'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then(async (cache) => {
      await cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' })));
      const shell = await cache.match(SHELL);
      await Promise.all(START_PAGES.map((path) => cache.put(path, shell.clone())));
    }),
  );
  // Static routes (Chromium 123+): a start page and the bundle's hashed
  // files come straight from this version's cache, without starting this
  // worker, which on a slow phone takes longer than reading the cache
  // (BENCHMARKS.md). A miss goes to the network, as the fetch handler's
  // would. Addresses with a query are left to the fetch handler: the cache
  // holds each page under its bare address only.
  if (event.addRoutes) {
    const fromCache = { cacheName: CACHE };
    event.waitUntil(
      event
        .addRoutes([
          ...START_PAGES.map((pathname) => ({
            condition: { requestMode: 'navigate', urlPattern: { pathname, search: '' } },
            source: fromCache,
          })),
          { condition: { requestMethod: 'GET', urlPattern: { pathname: '/tongji-app-*', search: '' } }, source: fromCache },
        ])
        // Without them, the fetch handler answers everything, as before.
        .catch((e) => console.warn('static routes not added', e)),
    );
  }
  // No skipWaiting here: the page asks the user first (see 'skip-waiting').
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('tongji-shell-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
  if (event.data === 'version' && event.ports[0]) event.ports[0].postMessage(VERSION);
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    // The app shell answers every navigation (SPA routes, deep links), so
    // the app starts offline; the network is only a fallback.
    event.respondWith(
      caches.open(CACHE).then((cache) => cache.match(SHELL)).then((cached) => cached || fetch(request)),
    );
    return;
  }
  event.respondWith(
    caches.open(CACHE).then((cache) => cache.match(request, { ignoreSearch: true })).then((cached) => cached || fetch(request)),
  );
});
