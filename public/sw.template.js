// 通济通 service worker. Generated at build time by scripts/gen-sw.mjs from
// this template: PRECACHE lists every file of the hashed build and VERSION
// is derived from their contents, so a new build means a new cache.
// API requests are never cached here: the app's IndexedDB is the offline
// data store.
const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;
const CACHE = `tongji-shell-${VERSION}`;
const SHELL = '/index.html';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' })))),
  );
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
