// Browser benchmarks of issue 10, in Debian's Chromium driven by playwright-core:
// first full sync, cold start (CPU throttled 4×), memory, search per keystroke,
// push of 1,000 queued mutations, and the compaction of the catalog after the
// server deletes 30 % of it, each beside its baseline in the same page.
//
//   node tests/bench/browser.mjs --base http://127.0.0.1:18080 --out results.json \
//        --staff USER:PASS --admin USER:PASS [--feed /bench-feed.json] [--cold-runs 3] [--search-reps 5] [--start-snapshot off]
//
// Writes a JSON object of figures to --out. Exits non-zero only when a
// benchmark could not run (never on a slow figure).
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const BASE = args.base ?? 'http://127.0.0.1:18080';
const OUT = args.out ?? 'bench-browser.json';
const FEED = args.feed ?? '/bench-feed.json';
const COLD_RUNS = Number(args['cold-runs'] ?? 3);
const SEARCH_REPS = Number(args['search-reps'] ?? 5);
const [STAFF_USER, STAFF_PASS] = (args.staff ?? 'bench:bench-pass-1').split(':');
const [ADMIN_USER, ADMIN_PASS] = (args.admin ?? 'bench-admin:bench-admin-pass-1').split(':');
const PUSH_COUNT = Number(args['push-count'] ?? 1000);
// For working on one benchmark: --phases sync,cold,lazy,push,compact (cold, lazy
// and compact need sync's profile: --profile-dir; compact deletes positions on the server).
const PHASES = new Set((args.phases ?? 'sync,cold,lazy,push,compact').split(','));
// --start-snapshot off: every start without the start snapshot (removed
// before the page's scripts run), for what showing it costs the app's start.
const NO_SNAPSHOT = args['start-snapshot'] === 'off';

// The same flags as playwright.config.ts (no background traffic to Google hosts).
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const results = {};
const log = (...m) => console.log('  bench:', ...m);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};
const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

// One browser profile for the whole run: the first sync fills its IndexedDB,
// later launches find it there (a returning user).
const profile = args['profile-dir'] ?? mkdtempSync(join(tmpdir(), 'tongji-bench-profile-'));

async function launch() {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    serviceWorkers: 'allow',
    locale: 'zh-CN',
    // A phone-sized window, as a job seeker would use.
    viewport: { width: 390, height: 844 },
    acceptDownloads: true,
  });
  if (NO_SNAPSHOT) await context.addInitScript(() => localStorage.removeItem('tongji.start-snapshot:/jobs/positions'));
  // The wasm exports (for its linear memory) and the time the first
  // position row appears, recorded inside the page from navigation start.
  // "Painted" is when the browser painted it, not when it was put in the
  // DOM: a requestAnimationFrame callback runs before the frame's style,
  // layout and paint, which for a list of rows on a cold start at CPU 4×
  // is 0.1–0.3 s more (stop 28's traces).
  await context.addInitScript(() => {
    window.__bench = { started: null, shell: null, snapshot: null, snapshotPainted: null, firstRow: null, firstRowPainted: null, preview: null, catalog: null };
    addEventListener('TrunkApplicationStarted', (e) => {
      window.__benchWasm = e.detail.wasm;
      window.__bench.started = performance.now();
    });
    // The end of the frame that follows: its rendering steps run in the
    // task of its animation frame callbacks, so a message posted from one
    // is handled after that frame's paint. Only a fallback for the
    // browser's own paint records below.
    const afterFrame = (done) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => done(performance.now());
        channel.port2.postMessage(null);
      });
    // The first row's paint by Element Timing: the attribute is set before
    // the frame that first paints the row (a mutation observer's callback
    // runs before rendering).
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.identifier === 'bench-first-row' && window.__bench.firstRowPainted === null) {
          window.__bench.firstRowPainted = entry.renderTime || entry.loadTime;
        }
      }
    }).observe({ type: 'element', buffered: true });
    const check = () => {
      const b = window.__bench;
      if (b.shell === null && document.querySelector('[data-testid=sync-badge]')) b.shell = performance.now();
      // The start snapshot (src/pwa/start_snapshot.rs): the position list as
      // the app last drew it on this device, put up by index.html's boot
      // script before the app runs (its markup is in a closed shadow root,
      // out of Element Timing's reach). Nothing is on the page before it,
      // so the browser's first contentful paint is the snapshot's.
      if (b.snapshot === null && document.getElementById('start-snapshot')) {
        b.snapshot = performance.getEntriesByName('start-snapshot:shown')[0]?.startTime ?? performance.now();
        const shownAt = b.snapshot;
        new PerformanceObserver((list, observer) => {
          const fcp = list.getEntries().find((e) => e.name === 'first-contentful-paint');
          if (fcp && b.snapshotPainted === null) {
            observer.disconnect();
            if (fcp.startTime >= shownAt) b.snapshotPainted = fcp.startTime;
            else afterFrame((t) => (b.snapshotPainted = t));
          }
        }).observe({ type: 'paint', buffered: true });
      }
      const row = document.querySelector('[data-testid=position-list] li');
      if (b.firstRow === null && row) {
        b.firstRow = performance.now();
        // Rows before the count is shown are the preview (newest positions
        // read from the `posted` index before the catalog is built).
        b.preview = !/共 \d+ 个岗位/.test(document.querySelector('[data-testid=result-count]')?.textContent ?? '');
        const title = row.querySelector('h3') ?? row;
        title.setAttribute('elementtiming', 'bench-first-row');
        // Should Element Timing not report it within 3 s, the frame's end.
        afterFrame((t) => setTimeout(() => b.firstRowPainted ?? (b.firstRowPainted = t), 3000));
      }
      if (b.catalog === null) {
        const count = document.querySelector('[data-testid=result-count]');
        if (count && /共 \d+ 个岗位/.test(count.textContent)) b.catalog = performance.now();
      }
      return b.firstRow !== null && b.catalog !== null;
    };
    const observer = new MutationObserver(() => {
      if (check()) observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true });
  });
  return context;
}

/** Count of records in one store of the app's database (raw IndexedDB). */
function idbCount(page, store) {
  return page.evaluate(
    (name) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('tongji');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction(name).objectStore(name).count();
          req.onsuccess = () => {
            db.close();
            resolve(req.result);
          };
          req.onerror = () => reject(req.error);
        };
      }),
    store,
  );
}

/**
 * In the page: every live row of a catalog collection as the app stores it,
 * one object per record in its own store and a page of records per object in
 * `packs` (src/store/packs.rs, their rows as UTF-8 JSON); a row of its own store hides a packed one.
 */
function catalogRowsInPage(name) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('tongji');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const packed = db.objectStoreNames.contains('packs');
      const tx = db.transaction(packed ? [name, 'packs'] : [name]);
      const own = tx.objectStore(name).getAll();
      const packs = packed ? tx.objectStore('packs').getAll(IDBKeyRange.bound(`${name}/`, `${name}/\uffff`)) : null;
      tx.oncomplete = () => {
        db.close();
        const hidden = new Set(own.result.map((r) => r.id));
        const rows = own.result.filter((r) => !r.deleted || r.pending);
        for (const pack of packs?.result ?? []) {
          const text = typeof pack.rows === 'string' ? pack.rows : new TextDecoder().decode(pack.rows);
          for (const row of JSON.parse(text)) if (!hidden.has(row.id)) rows.push(row);
        }
        resolve(rows);
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

/** Live records of a catalog collection on the device. */
async function catalogCount(page, name) {
  return page.evaluate(`(${catalogRowsInPage})(${JSON.stringify(name)}).then((rows) => rows.length)`);
}

/**
 * In the page: IndexedDB helpers for the plain-JavaScript baselines.
 * `spec(db, name)` is a store's key path and indexes; `scratch(name, specs)`
 * deletes the database `name` and opens it anew with those stores.
 */
function idbInPage() {
  const request = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  const done = (tx) => new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onabort = () => reject(tx.error); });
  const spec = (db, name) => {
    const store = db.transaction(name).objectStore(name);
    const indexes = [...store.indexNames].map((i) => { const x = store.index(i); return { name: i, keyPath: x.keyPath, multiEntry: x.multiEntry }; });
    return { name, keyPath: store.keyPath, autoIncrement: store.autoIncrement, indexes };
  };
  const scratch = async (name, specs) => {
    await request(indexedDB.deleteDatabase(name));
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => {
      for (const s of specs) {
        const created = open.result.createObjectStore(s.name, { keyPath: s.keyPath, autoIncrement: s.autoIncrement });
        for (const i of s.indexes) created.createIndex(i.name, i.keyPath, { multiEntry: i.multiEntry });
      }
    };
    return request(open);
  };
  return { request, done, spec, scratch };
}

/** Runs `body(idb, arg)` in the page, `idb` being idbInPage's helpers. */
function withIdbInPage(page, body, arg) {
  return page.evaluate(`(${body})((${idbInPage})(), ${JSON.stringify(arg)})`);
}

async function waitFor(page, fn, arg, timeout = 120_000) {
  await page.waitForFunction(fn, arg, { timeout, polling: 50 });
}

async function waitSynced(page, timeout = 120_000) {
  await page.getByTestId('sync-badge').filter({ hasText: /已同步|Synced/ }).waitFor({ timeout });
}

// ---------------------------------------------------------------------------
// 1. First full sync on a new device, beside the same bytes as one static file.
async function firstSync() {
  log('first full sync');
  const context = await launch();
  const page = await context.newPage();
  // The installed app's start_url, as a new device opens it.
  await page.goto(`${BASE}/`);
  await waitFor(page, () => performance.getEntriesByName('sync:pull:end').length > 0);
  await waitSynced(page);
  const marks = await page.evaluate(() => {
    const at = (n) => performance.getEntriesByName(n)[0]?.startTime;
    return { start: at('sync:pull:start'), end: at('sync:pull:end') };
  });
  const positions = await catalogCount(page, 'positions');
  const employers = await catalogCount(page, 'employers');
  // Baseline: the same response bytes (every pull page, concatenated into one
  // JSON array) fetched from the same server as one static file. Three times,
  // median; parsing is timed apart, for information.
  const baseline = await page.evaluate(async (url) => {
    const runs = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const r = await fetch(url, { cache: 'no-store' });
      const text = await r.text();
      const t1 = performance.now();
      JSON.parse(text);
      runs.push({ fetch: t1 - t0, parse: performance.now() - t1, bytes: text.length });
    }
    return runs;
  }, FEED);
  const written = await rawWrites(page);
  results.sync = {
    ms: round(marks.end - marks.start),
    from_navigation_ms: round(marks.end),
    positions,
    employers,
    baseline_fetch_ms: round(median(baseline.map((r) => r.fetch))),
    baseline_parse_ms: round(median(baseline.map((r) => r.parse))),
    baseline_idb_write_ms: round(median(written.map((r) => r.ms))),
    baseline_idb_records: written[0].records,
  };
  log('sync', JSON.stringify(results.sync));
  // Let the service worker finish installing before the browser closes, so
  // the cold starts below are served as a returning user's would be.
  await page.evaluate(() => navigator.serviceWorker?.ready);
  await context.close();
}

// Second baseline of the first sync, for what IndexedDB itself costs: the
// very objects the sync stored (employers and positions, and the packs that
// hold most of them, read back from the app's database) put by plain JavaScript into a scratch database with the
// same stores and indexes, 1,000 per transaction as the app's pages. Three
// times, median.
async function rawWrites(page) {
  return withIdbInPage(page, async ({ request, done, spec, scratch }) => {
    const app = await request(indexedDB.open('tongji'));
    const names = ['employers', 'positions', 'packs'].filter((n) => app.objectStoreNames.contains(n));
    const stores = [];
    for (const name of names) {
      stores.push({ ...spec(app, name), rows: await request(app.transaction(name).objectStore(name).getAll()) });
    }
    app.close();
    const runs = [];
    for (let run = 0; run < 3; run++) {
      const name = `bench-scratch-${run}`;
      const db = await scratch(name, stores);
      const all = stores.flatMap((s) => s.rows.map((row) => [s.name, row]));
      const t0 = performance.now();
      for (let i = 0; i < all.length; i += 1000) {
        const tx = db.transaction(names, 'readwrite');
        for (const [store, row] of all.slice(i, i + 1000)) tx.objectStore(store).put(row);
        await done(tx);
      }
      runs.push({ ms: performance.now() - t0, records: all.length });
      db.close();
      await request(indexedDB.deleteDatabase(name));
    }
    return runs;
  });
}

// ---------------------------------------------------------------------------
// 2. Cold start, CPU throttled 4×, beside raw getAll of the positions as
// stored (their store and their packs, the packs' JSON parsed).
async function rawGetAll(page) {
  return page.evaluate(`(async () => {
    const t0 = performance.now();
    const rows = await (${catalogRowsInPage})('positions');
    return { ms: performance.now() - t0, n: rows.length };
  })()`);
}

// A returning user's start: the synced profile in a new browser process,
// CPU throttled 4×, the position list until its rows and count are shown.
async function startThrottled() {
  const context = await launch();
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(`${BASE}/jobs/positions`);
  await waitFor(page, () => window.__bench.firstRowPainted !== null && window.__bench.catalog !== null);
  return { context, page, cdp };
}

async function coldStart(run) {
  const { context, page, cdp } = await startThrottled();
  const shown = await page.evaluate(() => ({ ...window.__bench }));
  // Still throttled: the baseline reads the same store in the same page.
  const raw = await rawGetAll(page);
  // The next launch is a returning user's, whose start shows what this one
  // saved (src/pwa/start_snapshot.rs, when the browser is first idle after
  // the list is drawn): give it that time, as a user reading the list would.
  await page
    .waitForFunction(() => /共 \d+ 个岗位/.test(localStorage.getItem('tongji.start-snapshot:/jobs/positions') ?? ''), null, { timeout: 15_000, polling: 100 })
    .catch(() => log(`cold start ${run}: the start snapshot was not saved within 15 s`));
  const snapshot = shown.snapshotPainted === null ? 'no start snapshot' : `start snapshot ${round(shown.snapshotPainted)} ms`;
  log(`cold start ${run}: ${snapshot}, app started ${round(shown.started)} ms, shell ${round(shown.shell)} ms, first row ${round(shown.firstRowPainted)} ms (${shown.preview ? 'preview' : 'from the catalog'}), all ${round(shown.catalog)} ms; getAll ${round(raw.ms)} ms (${raw.n})`);
  return { context, page, cdp, shown, raw };
}

// Pages whose code is split off (scripts/wasm-bundle), opened for the first
// time in this page load from the navigation, still at CPU 4×: the click until
// the page's heading is found in a requestAnimationFrame check. First 政策
// right after the positions are searchable (its split files are fetched from
// the service worker's cache and compiled on the click), then, 10 s later (a
// user reading the list), 项目, whose file the app has prefetched meanwhile
// when the browser was idle.
async function openFromNav(page, href, heading) {
  return page.evaluate(async ([href, heading]) => {
    const link = document.querySelector(`nav a[href="${href}"]`);
    const t0 = performance.now();
    link.click();
    await new Promise((resolve) => {
      const check = () => (document.querySelector('h1')?.textContent.includes(heading) ? resolve() : requestAnimationFrame(check));
      check();
    });
    return performance.now() - t0;
  }, [href, heading]);
}

async function lazyOpen(run) {
  const { context, page } = await startThrottled();
  const now = await openFromNav(page, '/policies', '政策指南');
  await page.waitForTimeout(10_000);
  const later = await openFromNav(page, '/projects', '重点项目');
  const splitFiles = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => /\/split_\w+\.wasm$/.test(e.name)).length);
  log(`lazy page ${run}: 政策 at once ${round(now)} ms, 项目 10 s later ${round(later)} ms (${splitFiles} split files fetched)`);
  await context.close();
  return { now, later, split_files: splitFiles };
}

// A position's page, split off like the sections (src/features/jobs/routes.rs),
// opened from the position list by a click on its first card, still at CPU 4×:
// the click until the position's title is the page's heading. Once right after
// the positions are searchable (its file fetched from the service worker's
// cache and compiled on the click), and once in another start 10 s later, when
// the app has prefetched the file while idle.
async function openFirstPosition(page) {
  return page.evaluate(async () => {
    const link = document.querySelector('main a[href^="/jobs/positions/"]');
    const href = link.getAttribute('href');
    const listHeading = document.querySelector('h1')?.textContent;
    const splitFiles = () => performance.getEntriesByType('resource').filter((e) => /\/split_\w+\.wasm$/.test(e.name));
    const before = splitFiles().length;
    const t0 = performance.now();
    link.click();
    await new Promise((resolve) => {
      const check = () => {
        const h1 = document.querySelector('h1')?.textContent;
        location.pathname === href && h1 && h1 !== listHeading ? resolve() : requestAnimationFrame(check);
      };
      check();
    });
    const ms = performance.now() - t0;
    const fetched = splitFiles().slice(before);
    return { ms, files: fetched.length, fetch_ms: fetched.reduce((m, e) => Math.max(m, e.responseEnd), t0) - t0 };
  });
}

async function positionOpen(run) {
  let context, page;
  ({ context, page } = await startThrottled());
  const now = await openFirstPosition(page);
  await context.close();
  ({ context, page } = await startThrottled());
  await page.waitForTimeout(10_000);
  const later = await openFirstPosition(page);
  await context.close();
  log(`position page ${run}: at once ${round(now.ms)} ms (${now.files} split files fetched, the last at ${round(now.fetch_ms)} ms), 10 s later ${round(later.ms)} ms (${later.files} fetched on the click)`);
  return { now: now.ms, later: later.ms, split_files: now.files };
}

// ---------------------------------------------------------------------------
// 3. Memory after loading 10,000 positions: JS heap (after a GC) + wasm memory.
async function memory(page, cdp) {
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const wasm = await page.evaluate(() => window.__benchWasm?.memory?.buffer?.byteLength ?? null);
  if (wasm === null) throw new Error('wasm memory not found (TrunkApplicationStarted detail)');
  const mb = (b) => round(b / 1024 / 1024, 1);
  results.memory = {
    js_heap_used_mb: mb(heap.usedSize),
    js_heap_total_mb: mb(heap.totalSize),
    wasm_mb: mb(wasm),
    total_mb: mb(heap.usedSize + wasm),
  };
  log('memory', JSON.stringify(results.memory));
}

// ---------------------------------------------------------------------------
// 4. Search per keystroke over the positions, beside an includes scan.
const QUERIES = [
  { kind: 'pinyin', q: 'fuzhuang' },
  { kind: 'initials', q: 'fz' },
  { kind: 'chinese', q: '服装' },
  { kind: 'chinese', q: '缝纫' },
  { kind: 'pinyin', q: 'dianshang' },
  { kind: 'initials', q: 'dsyy' },
];

async function search(page) {
  log('search');
  const input = page.locator('input[name=q]');
  await input.waitFor();
  // Baseline data: every title, read once (not timed).
  await page.evaluate(`(${catalogRowsInPage})('positions').then((rows) => {
    // A packed row's data is the object itself, a stored one's its JSON text.
    window.__titles = rows.map((r) => (typeof r.data === 'string' ? JSON.parse(r.data) : r.data).title);
  })`);
  const samples = { app: [], keystroke: [], baseline: [], byKind: {} };
  for (let rep = 0; rep < SEARCH_REPS; rep++) {
    for (const { kind, q } of QUERIES) {
      const chars = [...q];
      for (let i = 1; i <= chars.length; i++) {
        const text = chars.slice(0, i).join('');
        // One keystroke: the input event the browser sends, then the time
        // until the app's reaction (Leptos runs effects in microtasks) has
        // settled in the DOM; the app's own query time is data-search-ms.
        const m = await page.evaluate(async (text) => {
          const input = document.querySelector('input[name=q]');
          input.value = text;
          const t0 = performance.now();
          input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text.slice(-1) }));
          await new Promise((r) => setTimeout(r, 0));
          const settled = performance.now() - t0;
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
          const app = Number(document.querySelector('[data-testid=result-count]').dataset.searchMs);
          // Baseline: a plain includes scan over the titles.
          const b0 = performance.now();
          let n = 0;
          for (const t of window.__titles) if (t.includes(text)) n++;
          const baseline = performance.now() - b0;
          return { settled, app, baseline, n };
        }, text);
        samples.app.push(m.app);
        samples.keystroke.push(m.settled);
        samples.baseline.push(m.baseline);
        (samples.byKind[kind] ??= []).push(m.app);
      }
      // Let the delayed URL write (400 ms after the last keystroke) happen
      // outside the measurements, then clear the box.
      await page.waitForTimeout(600);
      await page.evaluate(() => {
        const input = document.querySelector('input[name=q]');
        input.value = '';
        input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'deleteContentBackward' }));
      });
      await page.waitForTimeout(600);
    }
  }
  results.search = {
    keystrokes: samples.app.length,
    median_ms: round(median(samples.app)),
    p95_ms: round(percentile(samples.app, 95)),
    keystroke_median_ms: round(median(samples.keystroke)),
    keystroke_p95_ms: round(percentile(samples.keystroke, 95)),
    baseline_median_ms: round(median(samples.baseline), 3),
    baseline_p95_ms: round(percentile(samples.baseline, 95), 3),
    by_kind: Object.fromEntries(
      Object.entries(samples.byKind).map(([k, xs]) => [k, { median_ms: round(median(xs)), p95_ms: round(percentile(xs, 95)) }]),
    ),
  };
  log('search', JSON.stringify(results.search));
}

// ---------------------------------------------------------------------------
// 5. Push of 1,000 mutations queued offline. They are queued through the
// app's own backup import (sync page → 导入备份文件), which validates each
// record and writes record + outbox entry like an offline edit; the push is
// then the app's normal sync when the browser comes back online.
function uuidv7() {
  const b = randomBytes(16);
  const ms = BigInt(Date.now());
  for (let i = 0; i < 6; i++) b[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

async function push() {
  log(`push of ${PUSH_COUNT} queued mutations`);
  const context = await launch();
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${BASE}/login?next=${encodeURIComponent('/status')}`);
  await page.getByLabel(/用户名|Username/).fill(STAFF_USER);
  await page.getByLabel(/密码|Password/).fill(STAFF_PASS);
  await page.getByRole('button', { name: /^(登录|Log in)$/ }).click();
  await page.waitForURL(/\/status$/);
  await waitFor(page, () => performance.getEntriesByName('sync:pull:end').length > 0);
  await waitSynced(page);

  await context.setOffline(true);
  // The enterprises on the device, from the app's own export.
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-backup').click();
  const exported = JSON.parse(readFileSync(await (await downloading).path(), 'utf8'));
  const enterprises = exported.records.filter((r) => r.collection === 'enterprises' && !r.deleted).map((r) => r.id);
  if (enterprises.length === 0) throw new Error('no enterprises on the device after a staff sync');

  // 1,000 visit records, as a day of offline visits on a tablet would queue.
  const now = new Date();
  const records = [];
  const outbox = [];
  for (let i = 0; i < PUSH_COUNT; i++) {
    const id = uuidv7();
    const at = new Date(now.getTime() + i).toISOString();
    const data = {
      enterprise_id: enterprises[i % enterprises.length],
      date: now.toISOString().slice(0, 10),
      staff: '基准测试',
      purpose: `走访了解企业用工与融资需求（基准 ${i + 1}）`,
      notes: '企业反映订单充足，用工缺口约二十人，希望参加下一场招聘会。',
    };
    records.push({ collection: 'visits', id, rev: 0, updated_at: at, deleted: false, pending: true, data, base: null });
    outbox.push({
      mutation: { mutation_id: uuidv7(), collection: 'visits', id, base_rev: 0, op: 'upsert', data, updated_at: at },
      rejected: false,
      error: null,
      created_at: at,
    });
  }
  const backup = { format: 'tongji-backup', version: 1, created_at: now.toISOString(), records, outbox, drafts: [], blobs: [] };
  const file = join(mkdtempSync(join(tmpdir(), 'tongji-bench-backup-')), 'queued.json');
  writeFileSync(file, JSON.stringify(backup));
  const queueStart = Date.now();
  await page.getByTestId('import-backup').setInputFiles(file);
  await page.getByTestId('backup-message').waitFor({ timeout: 120_000 });
  const message = await page.getByTestId('backup-message').textContent();
  const queued = await idbCount(page, 'outbox');
  log(`queued ${queued} in ${Date.now() - queueStart} ms (${message.trim()})`);
  if (queued !== PUSH_COUNT) throw new Error(`expected ${PUSH_COUNT} queued mutations, found ${queued}: ${message}`);

  await page.evaluate(() => performance.clearMarks());
  await context.setOffline(false);
  await waitFor(page, () => performance.getEntriesByName('sync:push:end').length > 0);
  const marks = await page.evaluate(() => {
    const at = (n) => performance.getEntriesByName(n)[0]?.startTime;
    return { start: at('sync:push:start'), end: at('sync:push:end') };
  });
  // Results are applied before the end mark; rejected entries would stay
  // in the outbox, so an empty outbox means every mutation was accepted.
  const left = await idbCount(page, 'outbox');
  const raw = await rawPushApply(page, PUSH_COUNT);
  results.push = {
    ms: round(marks.end - marks.start),
    mutations: PUSH_COUNT,
    left_in_outbox: left,
    baseline_idb_apply_ms: round(median(raw)),
  };
  log('push', JSON.stringify(results.push));
  rmSync(file, { force: true });
  await context.close();
}

// A baseline of the push's own storage work, for what IndexedDB itself costs:
// the newest visit records by id (the pushed ones: their ids are UUIDv7s made
// now), as stored, queued again by plain JavaScript in a scratch database with
// the visits store's indexes and an outbox; then, in transactions of 500 as
// the app's batches, each record read, written back settled and its outbox
// entries deleted by key range. Three times, median.
async function rawPushApply(page, count) {
  return withIdbInPage(page, async ({ request, done, spec, scratch }, count) => {
    const app = await request(indexedDB.open('tongji'));
    const visits = spec(app, 'visits');
    const rows = (await request(app.transaction('visits').objectStore('visits').getAll())).slice(-count);
    app.close();
    const outbox = { name: 'outbox', keyPath: null, autoIncrement: true, indexes: [] };
    const runs = [];
    for (let run = 0; run < 3; run++) {
      const name = `bench-push-scratch-${run}`;
      const db = await scratch(name, [visits, outbox]);
      const queue = db.transaction(['visits', 'outbox'], 'readwrite');
      for (const row of rows) {
        queue.objectStore('visits').put({ ...row, pending: true });
        queue.objectStore('outbox').add({ mutation: { collection: 'visits', id: row.id, data: row.data }, rejected: false, error: null });
      }
      await done(queue);
      const t0 = performance.now();
      for (let first = 0; first < rows.length; first += 500) {
        const batch = rows.slice(first, first + 500);
        const tx = db.transaction(['visits', 'outbox'], 'readwrite');
        const store = tx.objectStore('visits');
        const stored = await Promise.all(batch.map((row) => request(store.get(row.id))));
        for (const row of stored) store.put({ ...row, pending: false, rev: (row.rev ?? 0) + 1 });
        tx.objectStore('outbox').delete(IDBKeyRange.bound(first + 1, first + batch.length));
        await done(tx);
      }
      runs.push(performance.now() - t0);
      db.close();
      await request(indexedDB.deleteDatabase(name));
    }
    return runs;
  }, count);
}

// Compaction: first the check alone after one position is edited (nothing
// worn); then the server deletes 30 % of the positions, spread over every
// pack; the next sync pulls the deletes, finds the packs worn and rewrites
// them (sync:compact marks), beside the pull of those deletes in the same run.
async function compaction() {
  const share = 0.3;
  log(`compaction after the server deletes ${share * 100} % of the positions`);
  const login = await fetch(`${BASE}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: ADMIN_USER, password: ADMIN_PASS }),
  });
  if (!login.ok) throw new Error(`admin login: HTTP ${login.status}`);
  const { token } = await login.json();
  const latest = new Map();
  for (const page of await (await fetch(`${BASE}${FEED}`)).json())
    for (const c of page.changes) if (c.collection === 'positions') latest.set(c.id, c);
  const live = [...latest.values()].filter((c) => !c.deleted);
  const doomed = live.filter((_, i) => i % 10 < share * 10);
  const now = new Date().toISOString();
  const push = async (mutations) => {
    const r = await fetch(`${BASE}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ mutations }),
    });
    if (!r.ok) throw new Error(`push: HTTP ${r.status}`);
    const statuses = (await r.json()).results.map((x) => x.status);
    if (statuses.some((x) => x !== 'applied')) throw new Error(`changes not applied: ${[...new Set(statuses)]}`);
  };

  // First the check alone: one position (not among the doomed) edited on the
  // server. The next pull runs the compaction check, which reads the pack
  // heads and finds nothing worn.
  const edited = live.find((_, i) => i % 10 === 9);
  await push([{ mutation_id: crypto.randomUUID(), collection: 'positions', id: edited.id, base_rev: edited.rev, op: 'upsert', data: { ...edited.data, title: `${edited.data.title}（更新）` }, updated_at: now }]);
  const checked = await launch();
  const checkPage = checked.pages()[0] ?? (await checked.newPage());
  await checkPage.goto(`${BASE}/jobs`);
  await waitFor(checkPage, () => performance.getEntriesByName('sync:compact:end').length > 0);
  const packsChecked = await idbCount(checkPage, 'packs');
  const check = await checkPage.evaluate(() => {
    const at = (n) => performance.getEntriesByName(n)[0]?.startTime;
    return { pull: at('sync:pull:end') - at('sync:pull:start'), compact: at('sync:compact:end') - at('sync:compact:start') };
  });
  await checked.close();

  for (let i = 0; i < doomed.length; i += 500) {
    await push(doomed.slice(i, i + 500).map((c) => ({
      mutation_id: crypto.randomUUID(), collection: 'positions', id: c.id, base_rev: c.rev, op: 'delete', data: null, updated_at: now,
    })));
  }

  const context = await launch();
  const page = context.pages()[0] ?? (await context.newPage());
  // Pulls wait until the device's stores are counted.
  let release;
  const counted = new Promise((r) => (release = r));
  await page.route('**/api/sync/pull*', async (route) => {
    await counted;
    await route.continue();
  });
  await page.goto(`${BASE}/jobs`);
  const before = { packs: await idbCount(page, 'packs'), rows: await idbCount(page, 'positions') };
  release();
  await waitFor(page, () => performance.getEntriesByName('sync:compact:end').length > 0);
  await waitSynced(page);
  const marks = await page.evaluate(() => {
    const at = (n) => performance.getEntriesByName(n)[0]?.startTime;
    return { pull: at('sync:pull:end') - at('sync:pull:start'), compact: at('sync:compact:end') - at('sync:compact:start') };
  });
  const after = { packs: await idbCount(page, 'packs'), rows: await idbCount(page, 'positions') };
  const positions = await catalogCount(page, 'positions');
  if (positions !== live.length - doomed.length) throw new Error(`expected ${live.length - doomed.length} positions, found ${positions}`);
  results.compaction = {
    ms: round(marks.compact),
    pull_ms: round(marks.pull),
    deleted: doomed.length,
    positions,
    packs_before: before.packs,
    packs_after: after.packs,
    rows_before: before.rows,
    rows_after: after.rows,
    check_ms: round(check.compact),
    check_pull_ms: round(check.pull),
    check_packs: packsChecked,
  };
  if (packsChecked !== before.packs) throw new Error(`the check alone rewrote packs: ${before.packs} → ${packsChecked}`);
  log('compaction', JSON.stringify(results.compaction));
  await context.close();
}

// ---------------------------------------------------------------------------
const failures = [];
async function step(name, fn) {
  try {
    await fn();
  } catch (e) {
    failures.push(name);
    console.error(`bench: ${name} could not run: ${e.stack ?? e}`);
  }
}

if (PHASES.has('sync')) await step('first sync', firstSync);
if (PHASES.has('cold')) await step('cold start', async () => {
  const runs = [];
  let last;
  let primer;
  // Start 0 is the first after the sync, which drew no position list in this
  // profile, so there is no start snapshot yet (as after an app update that
  // changed the styles); the measured starts are a returning user's, each
  // with the list the one before it drew.
  for (let i = 0; i <= COLD_RUNS; i++) {
    if (last) await last.context.close();
    last = await coldStart(i);
    const b = last.shown;
    if (i === 0) {
      primer = { snapshot: b.snapshotPainted !== null, first_row_ms: round(b.firstRowPainted), catalog_ms: round(b.catalog) };
      continue;
    }
    runs.push({ shown: b.snapshotPainted ?? b.firstRowPainted, snapshot: b.snapshotPainted, first: b.firstRowPainted, catalog: b.catalog, raw: last.raw.ms, started: b.started, shell: b.shell, preview: b.preview });
  }
  results.cold = {
    runs: runs.length,
    // Positions on screen: the start snapshot's where it was shown, else the app's first row.
    first_shown_ms: round(median(runs.map((r) => r.shown))),
    snapshot_shown: runs.filter((r) => r.snapshot !== null).length,
    first_row_ms: round(median(runs.map((r) => r.first))),
    catalog_ms: round(median(runs.map((r) => r.catalog))),
    app_started_ms: round(median(runs.map((r) => r.started))),
    shell_ms: round(median(runs.map((r) => r.shell))),
    preview_shown: runs.filter((r) => r.preview).length,
    baseline_getall_ms: round(median(runs.map((r) => r.raw))),
    first_start: primer,
    each: runs.map((r) => ({ snapshot_ms: r.snapshot === null ? null : round(r.snapshot), first_row_ms: round(r.first), catalog_ms: round(r.catalog), getall_ms: round(r.raw) })),
  };
  // The last page, unthrottled, for memory and search.
  await last.cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await step('memory', () => memory(last.page, last.cdp));
  await step('search', () => search(last.page));
  await last.context.close();
});
// A first-open benchmark run COLD_RUNS times: medians of the open right after
// the start and of the one 10 s later.
async function firstOpens(measure) {
  const runs = [];
  for (let i = 1; i <= COLD_RUNS; i++) runs.push(await measure(i));
  return {
    runs: runs.length,
    at_once_ms: round(median(runs.map((r) => r.now))),
    later_ms: round(median(runs.map((r) => r.later))),
    each: runs.map(({ now, later, ...rest }) => ({ at_once_ms: round(now), later_ms: round(later), ...rest })),
  };
}
if (PHASES.has('lazy')) {
  await step('lazy page', async () => { results.lazy = await firstOpens(lazyOpen); });
  await step('position page', async () => { results.position_page = await firstOpens(positionOpen); });
}
if (PHASES.has('push')) await step('push', push);
// Last: it deletes positions on the server.
if (PHASES.has('compact')) await step('compaction', compaction);

writeFileSync(OUT, JSON.stringify({ ...results, failures }, null, 2));
if (!args['profile-dir']) rmSync(profile, { recursive: true, force: true });
process.exit(failures.length ? 1 : 0);
