// Prints the benchmark table (Markdown, readable in a terminal too) from the
// JSON files scripts/bench writes: figure | value | baseline in the same run |
// ratio | goal | met?. A figure that could not be measured shows "n/a".
//
//   node tests/bench/report.mjs DIR   (reads DIR/bundle.json, browser.json, server.json)
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const load = (name) => (existsSync(join(dir, name)) ? JSON.parse(readFileSync(join(dir, name), 'utf8')) : {});
const bundle = load('bundle.json');
const browser = load('browser.json');
const server = load('server.json');

const num = (x) => typeof x === 'number' && Number.isFinite(x);
const fmt = (x, unit, d = 1) => (num(x) ? `${x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d })} ${unit}` : 'n/a');
const ratio = (a, b) => (num(a) && num(b) && b > 0 ? `${(a / b).toFixed(a / b < 0.1 ? 4 : 2)}×` : "—");
const met = (ok) => (ok === undefined ? '—' : ok ? 'yes' : '**no**');
const rows = [];
const row = (figure, value, baseline = '—', r = '—', goal = '—', ok) => rows.push([figure, value, baseline, r, goal, met(ok)]);
const kb = (b) => (num(b) ? b / 1024 : undefined);

// Bundle: the goal is read against what a page loads to start; the lazy
// pages' split files come later (scripts/bundle-size.mjs).
if (bundle.start) {
  const s = bundle.start;
  row('release bundle a page loads to start (wasm + JS), raw', fmt(kb(s.raw), 'KB'));
  row('release bundle a page loads to start (wasm + JS), gzip -9', fmt(kb(s.gzip), 'KB'));
  row('release bundle a page loads to start (wasm + JS), brotli -q 11', fmt(kb(s.brotli), 'KB'), '—', '—', '≤ 250 KB', kb(s.brotli) <= 250);
  row('… of which wasm, brotli', fmt(kb(bundle.start_wasm?.brotli), 'KB'));
  row(`lazy pages' split files (${bundle.lazy?.files ?? '?'} files), brotli (information)`, fmt(kb(bundle.lazy?.brotli), 'KB'));
  row('all of the bundle, brotli (information)', fmt(kb(bundle.total?.brotli), 'KB'));
} else row('release bundle', 'n/a');

// Cold start.
const c = browser.cold;
if (c) {
  // What the user sees first: the start snapshot (the list as this device
  // last drew it, shown before the app runs) where there was one, and,
  // beside it, when the app itself draws rows read from IndexedDB.
  const shown = c.first_shown_ms ?? c.first_row_ms;
  const ok = shown <= 800 && shown <= 1.5 * c.baseline_getall_ms;
  const how = c.snapshot_shown === undefined ? '' : `, the start snapshot in ${c.snapshot_shown} of ${c.runs}`;
  row(`cold start → first positions shown, ${browser.sync?.positions?.toLocaleString('en-US') ?? '?'} positions in IndexedDB, CPU 4× (median of ${c.runs}${how})`,
    fmt(shown, 'ms', 0), `raw read ${fmt(c.baseline_getall_ms, 'ms', 0)}`, ratio(shown, c.baseline_getall_ms), '≤ 800 ms and ≤ 1.5×', ok);
  if (c.first_shown_ms !== undefined)
    row('cold start → first positions drawn by the app from IndexedDB, CPU 4× (information)',
      fmt(c.first_row_ms, 'ms', 0), `raw read ${fmt(c.baseline_getall_ms, 'ms', 0)}`, ratio(c.first_row_ms, c.baseline_getall_ms));
  if (c.first_start && !c.first_start.snapshot)
    row(`cold start without a start snapshot (the first after the sync; as after an app update that changed the styles) → first positions drawn by the app (information)`,
      fmt(c.first_start.first_row_ms, 'ms', 0));
  row('cold start → all positions searchable (count shown), CPU 4× (information)',
    fmt(c.catalog_ms, 'ms', 0), `raw read ${fmt(c.baseline_getall_ms, 'ms', 0)}`, ratio(c.catalog_ms, c.baseline_getall_ms));
} else row('cold start', 'n/a');
if (browser.lazy) {
  row(`first open of a lazy page right after the positions are searchable (政策), CPU 4×, median of ${browser.lazy.runs} (information)`, fmt(browser.lazy.at_once_ms, 'ms', 0));
  row(`first open of a lazy page 10 s later, its file prefetched when idle (项目), CPU 4×, median of ${browser.lazy.runs} (information)`, fmt(browser.lazy.later_ms, 'ms', 0));
}
if (browser.position_page) {
  row(`a position's page opened from the list right after the positions are searchable, CPU 4×, median of ${browser.position_page.runs} (information)`, fmt(browser.position_page.at_once_ms, 'ms', 0));
  row(`a position's page opened from the list 10 s after the positions are searchable, its file loaded meanwhile, CPU 4×, median of ${browser.position_page.runs} (information)`, fmt(browser.position_page.later_ms, 'ms', 0));
}

// Search.
const s = browser.search;
if (s) {
  row(`search per keystroke, query time (data-search-ms), median of ${s.keystrokes} keystrokes`, fmt(s.median_ms, 'ms', 2),
    `includes scan ${fmt(s.baseline_median_ms, 'ms', 3)}`, ratio(s.median_ms, s.baseline_median_ms), 'median ≤ 5 ms', s.median_ms <= 5);
  row('search per keystroke, query time, p95', fmt(s.p95_ms, 'ms', 2), `includes scan ${fmt(s.baseline_p95_ms, 'ms', 3)}`, ratio(s.p95_ms, s.baseline_p95_ms));
  for (const [kind, k] of Object.entries(s.by_kind ?? {}))
    row(`… ${kind} queries, median / p95`, `${fmt(k.median_ms, 'ms', 2)} / ${fmt(k.p95_ms, 'ms', 2)}`);
  row('search per keystroke, input event → list updated in DOM, median / p95 (information)',
    `${fmt(s.keystroke_median_ms, 'ms', 2)} / ${fmt(s.keystroke_p95_ms, 'ms', 2)}`);
} else row('search', 'n/a');

// First sync.
const y = browser.sync;
if (y) {
  row(`first full sync, ${y.positions.toLocaleString('en-US')} positions + ${y.employers.toLocaleString('en-US')} employers over loopback`,
    fmt(y.ms, 'ms', 0), `one static file ${fmt(y.baseline_fetch_ms, 'ms', 0)}`, ratio(y.ms, y.baseline_fetch_ms), '≤ 2 s', y.ms <= 2000);
  if (num(y.baseline_idb_write_ms))
    row(`… the same ${y.baseline_idb_records.toLocaleString('en-US')} stored objects put by plain JavaScript, 1,000 per transaction (second baseline, information)`,
      '—', `IndexedDB writes ${fmt(y.baseline_idb_write_ms, 'ms', 0)}`, ratio(y.ms, y.baseline_idb_write_ms));
} else row('first full sync', 'n/a');

// Push.
const p = browser.push;
if (p) row(`push of ${p.mutations.toLocaleString('en-US')} queued mutations (sync:push marks)`, fmt(p.ms, 'ms', 0), '—', '—', '≤ 500 ms', p.ms <= 500 && p.left_in_outbox === 0);
else row('push of queued mutations', 'n/a');
if (p && num(p.baseline_idb_apply_ms))
  row(`… the same ${p.mutations.toLocaleString('en-US')} records read, written back settled and their outbox entries deleted by plain JavaScript, 500 per transaction (baseline, information)`,
    '—', `IndexedDB ${fmt(p.baseline_idb_apply_ms, 'ms', 0)}`, ratio(p.ms, p.baseline_idb_apply_ms));

// Compaction (no goal in the issue: information).
const k = browser.compaction;
if (k) row(`catalog compaction after the server deleted ${k.deleted.toLocaleString('en-US')} positions (sync:compact marks; ${k.packs_before} packs before, ${k.packs_after} after; position rows ${k.rows_before.toLocaleString('en-US')} before the pull, ${k.rows_after.toLocaleString('en-US')} after it and the compaction)`,
  fmt(k.ms, 'ms', 0), `pull of those deletes ${fmt(k.pull_ms, 'ms', 0)}`, ratio(k.ms, k.pull_ms));
else row('catalog compaction', 'n/a');
if (k?.check_ms !== undefined) row(`catalog compaction check with nothing worn, after a pull of one edited position (sync:compact marks; ${k.check_packs} packs read by their heads, none rewritten)`,
  fmt(k.check_ms, 'ms', 0), `that pull ${fmt(k.check_pull_ms, 'ms', 0)}`, ratio(k.check_ms, k.check_pull_ms));

// Server.
for (const [backend, label] of [['sqlite', 'SQLite'], ['postgres', 'PostgreSQL']]) {
  const r = server[backend];
  if (r && num(r.pull_rps))
    row(`server pull req/s, small delta (${r.pull_changes} changes), ${label}, wrk ${r.wrk}`, fmt(r.pull_rps, 'req/s', 0),
      `/api/health ${fmt(r.health_rps, 'req/s', 0)}`, ratio(r.pull_rps, r.health_rps), '≥ 5,000 req/s', r.pull_rps >= 5000);
  else row(`server pull req/s, ${label}`, 'n/a');
}

// Memory.
const m = browser.memory;
if (m) row('JS heap + wasm memory after loading the positions (after GC)', fmt(m.total_mb, 'MB'),
  `JS ${fmt(m.js_heap_used_mb, 'MB')} + wasm ${fmt(m.wasm_mb, 'MB')}`, '—', '≤ 60 MB', m.total_mb <= 60);
else row('memory', 'n/a');

const header = ['figure', 'value', 'baseline in the same run', 'ratio', 'goal', 'met?'];
console.log(`| ${header.join(' | ')} |`);
console.log(`|${header.map(() => '---').join('|')}|`);
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
