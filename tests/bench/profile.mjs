// CPU profiles (Chromium's CDP profiler) of the browser benchmarks that miss
// their goals, summarised as self time per function. Best run against a
// build whose wasm keeps its name section (tests/bench/named-wasm), so wasm
// frames have Rust names instead of wasm-function[N].
//
//   node tests/bench/profile.mjs --base http://127.0.0.1:18095 --phase sync|cold|search|push \
//        [--staff USER:PASS] [--top 30] [--out profile.cpuprofile] [--path /status]
//
// `sync` profiles a new device's first sync, `cold` a throttled (4×) reload
// with the positions in IndexedDB (run `sync` first in the same --profile-dir),
// `push` the push of 1,000 mutations queued offline (as tests/bench/browser.mjs),
// `search` the benchmark's keystrokes on the position list.
import { chromium } from 'playwright-core';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const BASE = args.base ?? 'http://127.0.0.1:18095';
const PHASE = args.phase ?? 'sync';
const TOP = Number(args.top ?? 30);
// The page to open for `sync` and `cold` (the jobs pages rebuild the catalog on every pulled page).
const PATH = args.path ?? '/jobs/positions';
const dir = args['profile-dir'] ?? mkdtempSync(join(tmpdir(), 'tongji-profile-'));

const context = await chromium.launchPersistentContext(dir, {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  serviceWorkers: 'allow',
  locale: 'zh-CN',
  viewport: { width: 390, height: 844 },
});
const page = context.pages()[0] ?? (await context.newPage());
const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
// 100 µs sampling: fine enough for per-keystroke work, cheap enough for seconds.
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });

const wait = (fn, timeout = 180_000) => page.waitForFunction(fn, null, { timeout, polling: 50 });
let span;
if (PHASE === 'sync') {
  await page.goto('about:blank');
  await cdp.send('Profiler.start');
  await page.goto(`${BASE}${PATH}`);
  await wait(() => performance.getEntriesByName('sync:pull:end').length > 0);
  span = await page.evaluate(() => ({
    pull_ms: performance.getEntriesByName('sync:pull:end')[0].startTime - performance.getEntriesByName('sync:pull:start')[0].startTime,
  }));
} else if (PHASE === 'cold') {
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto('about:blank');
  await cdp.send('Profiler.start');
  await page.goto(`${BASE}/jobs/positions`);
  await wait(() => /共 \d+ 个岗位/.test(document.querySelector('[data-testid=result-count]')?.textContent ?? ''));
  span = await page.evaluate(() => ({ catalog_ms: performance.now() }));
} else if (PHASE === 'search') {
  // Keystrokes of the benchmark's queries on the position list (unthrottled).
  await page.goto(`${BASE}/jobs/positions`);
  await wait(() => /共 \d+ 个岗位/.test(document.querySelector('[data-testid=result-count]')?.textContent ?? ''));
  await page.waitForTimeout(500);
  await cdp.send('Profiler.start');
  span = await page.evaluate(async () => {
    const input = document.querySelector('input[name=q]');
    const times = [];
    for (const q of ['fuzhuang', 'fz', '服装', '缝纫', 'dianshang', 'dsyy']) {
      for (let i = 1; i <= [...q].length; i++) {
        input.value = [...q].slice(0, i).join('');
        const t0 = performance.now();
        input.dispatchEvent(new InputEvent('input', { bubbles: true }));
        await new Promise((r) => setTimeout(r, 0));
        times.push(performance.now() - t0);
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      }
      input.value = '';
      input.dispatchEvent(new InputEvent('input', { bubbles: true }));
      await new Promise((r) => setTimeout(r, 600));
    }
    times.sort((a, b) => a - b);
    return { keystrokes: times.length, keystroke_median_ms: times[times.length >> 1] };
  });
} else if (PHASE === 'push') {
  const { readFileSync } = await import('node:fs');
  const [user, pass] = (args.staff ?? 'bench:bench-pass-1').split(':');
  await page.goto(`${BASE}/login?next=%2Fstatus`);
  await page.getByLabel(/用户名|Username/).fill(user);
  await page.getByLabel(/密码|Password/).fill(pass);
  await page.getByRole('button', { name: /^(登录|Log in)$/ }).click();
  await page.waitForURL(/\/status$/);
  await page.getByTestId('sync-badge').filter({ hasText: /已同步/ }).waitFor({ timeout: 180_000 });
  await context.setOffline(true);
  const dl = page.waitForEvent('download');
  await page.getByTestId('export-backup').click();
  const exported = JSON.parse(readFileSync(await (await dl).path(), 'utf8'));
  const ent = exported.records.filter((r) => r.collection === 'enterprises').map((r) => r.id);
  const { randomUUID } = await import('node:crypto');
  const v7 = () => {
    const u = randomUUID().replace(/-/g, '').split('');
    const ms = Date.now().toString(16).padStart(12, '0');
    for (let i = 0; i < 12; i++) u[i] = ms[i];
    u[12] = '7';
    const h = u.join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
  const now = new Date().toISOString();
  const records = [], outbox = [];
  for (let i = 0; i < 1000; i++) {
    const id = v7();
    const data = { enterprise_id: ent[i % ent.length], date: now.slice(0, 10), staff: '基准测试', purpose: `走访 ${i}`, notes: '' };
    records.push({ collection: 'visits', id, rev: 0, updated_at: now, deleted: false, pending: true, data, base: null });
    outbox.push({ mutation: { mutation_id: v7(), collection: 'visits', id, base_rev: 0, op: 'upsert', data, updated_at: now }, rejected: false, error: null, created_at: now });
  }
  const file = join(dir, 'queued.json');
  writeFileSync(file, JSON.stringify({ format: 'tongji-backup', version: 1, created_at: now, records, outbox, drafts: [], blobs: [] }));
  await page.getByTestId('import-backup').setInputFiles(file);
  await page.getByTestId('backup-message').waitFor({ timeout: 180_000 });
  await page.evaluate(() => performance.clearMarks());
  await cdp.send('Profiler.start');
  await context.setOffline(false);
  await wait(() => performance.getEntriesByName('sync:push:end').length > 0);
  span = await page.evaluate(() => ({
    push_ms: performance.getEntriesByName('sync:push:end')[0].startTime - performance.getEntriesByName('sync:push:start')[0].startTime,
  }));
}
const { profile } = await cdp.send('Profiler.stop');
if (args.out) writeFileSync(args.out, JSON.stringify(profile));
// The app's performance marks in order, in ms after the first: where the
// time between the phase's start and end marks went.
const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]));
if (marks.length > 0) {
  console.log(marks.map(([name, at]) => `${(at - marks[0][1]).toFixed(1).padStart(8)} ms  ${name}`).join('\n'));
}

// Self time per function (samples × interval).
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas;
let total = 0;
profile.samples.forEach((id, i) => {
  const n = byId.get(id);
  const f = n.callFrame;
  const kind = f.url.endsWith('.wasm') || f.url.startsWith('wasm://') ? 'wasm' : f.url ? 'js' : '';
  const key = `${f.functionName || '(anonymous)'}${kind ? ` [${kind}]` : ''}`;
  const ms = (dt[i + 1] ?? 0) / 1000;
  self.set(key, (self.get(key) ?? 0) + ms);
  total += ms;
});
console.log(JSON.stringify({ phase: PHASE, ...span, profiled_ms: Math.round(total) }));
console.log('| self ms | share | function |\n|---:|---:|---|');
for (const [k, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, TOP))
  console.log(`| ${ms.toFixed(0)} | ${((100 * ms) / total).toFixed(1)} % | ${k.replace(/\|/g, '\\|').slice(0, 160)} |`);
await context.close();
