import { chromium, expect, test, type Page } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromiumArgs } from '../../playwright.config';
import { accounts, TestServer } from './fixtures/server';
import { idbCount } from './fixtures/idb';
import { Projects } from './fixtures/projects';
import { shellCaches, splitFilesFetched, waitControlled } from './fixtures/pwa';
import { Shell } from './fixtures/shell';
import { login, waitSynced } from './fixtures/session';

const ROOT = resolve(__dirname, '../..');

test('the service worker serves the app and deep links offline', async ({ page, context }) => {
  const shell = new Shell(page);
  await shell.open('/jobs');
  await waitControlled(page);
  await waitSynced(page);
  expect(await shellCaches(page)).toHaveLength(1);

  await context.setOffline(true);
  const reload = await page.reload();
  expect(reload?.fromServiceWorker()).toBe(true);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(shell.onlineState()).toHaveText(/离线/);

  // A deep link never visited before is served by the app shell too.
  const deep = await page.goto('/policies');
  expect(deep?.fromServiceWorker()).toBe(true);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('政策指南');

  // The app starts from IndexedDB: the last sync time survives offline.
  const sync = await page.goto('/status');
  expect(sync?.fromServiceWorker()).toBe(true);
  await expect(page.getByTestId('last-sync')).not.toHaveText(/尚未同步/);
  await context.setOffline(false);
});

test('a start page and the bundle are answered from the cache by static routes, and an address with a query by the worker', async ({ page, context }) => {
  const shell = new Shell(page);
  await shell.open('/jobs/positions');
  await waitControlled(page);
  await waitSynced(page);
  // Which source answered this page load and its main wasm (Resource Timing).
  const sources = () =>
    page.evaluate(() => {
      type Routed = PerformanceResourceTiming & { workerMatchedSourceType?: string; workerFinalSourceType?: string };
      const nav = performance.getEntriesByType('navigation')[0] as Routed;
      const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/tongji-app_bg.wasm')) as Routed | undefined;
      return { page: nav.workerFinalSourceType, wasm: wasm?.workerFinalSourceType };
    });

  await page.reload();
  await expect(page.getByTestId('result-count')).toHaveText(/共 \d+ 个岗位/);
  expect(await sources()).toEqual({ page: 'cache', wasm: 'cache' });

  // Offline, from the same cache, and '/' too (the app leads it to the start page).
  await context.setOffline(true);
  await page.goto('/');
  await expect(page).toHaveURL(/\/jobs$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('招聘会与岗位');
  expect(await sources()).toEqual({ page: 'cache', wasm: 'cache' });

  // The cache holds each start page under its bare address only: with a
  // query the worker's fetch handler answers, offline as well.
  const filtered = await page.goto('/jobs/positions?q=%E7%BC%9D%E7%BA%AB');
  await expect(page.getByRole('searchbox')).toHaveValue('缝纫');
  expect(filtered?.fromServiceWorker()).toBe(true);
  // No static route matched ('' is no source).
  expect((await sources()).page).toBe('');
  await context.setOffline(false);
});

test('under a service worker the sections\' split files are prefetched (the login\'s on a device without a session, the sync engine\'s by the start-up sync), and a section opens offline from them', async ({ page, context }) => {
  const shell = new Shell(page);
  await shell.open('/jobs');
  await waitControlled(page);
  // A start that the service worker controls from the beginning.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('招聘会与岗位');
  const fetched = () => splitFilesFetched(page);
  await expect
    .poll(fetched, { timeout: 30_000 })
    .toEqual(['split_job_extras', 'split_login', 'split_policies', 'split_projects', 'split_status', 'split_sync_engine', 'split_visits']);

  await context.setOffline(true);
  await shell.nav().getByRole('link', { name: /项目/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('重点项目');
  await context.setOffline(false);
});

test('for a signed-in admin the policy editors\' split file is prefetched, and the login\'s is not', async ({ page }) => {
  await login(page, accounts.admin1, '/policies');
  await waitControlled(page);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('政策指南');
  const fetched = () => splitFilesFetched(page);
  await expect.poll(fetched, { timeout: 30_000 }).toContain('split_policy_editor');
  expect(await fetched()).not.toContain('split_login');
});

test('API requests are never answered from the service worker cache', async ({ page }) => {
  await page.goto('/jobs');
  await waitControlled(page);
  const response = await page.evaluate(async () => {
    const r = await fetch('/api/health');
    return { ok: r.ok, body: await r.json() };
  });
  expect(response.ok).toBe(true);
  const cached = await page.evaluate(async () => {
    const names = await caches.keys();
    for (const name of names) {
      const keys = await (await caches.open(name)).keys();
      if (keys.some((k) => new URL(k.url).pathname.startsWith('/api/'))) return true;
    }
    return false;
  });
  expect(cached).toBe(false);
});

test('a new build shows the update prompt, accepting loads it and the old cache goes', async ({ page }) => {
  // A private copy of the build that the test can "redeploy".
  const dist = mkdtempSync(join(tmpdir(), 'tongji-dist-'));
  cpSync(join(ROOT, 'dist'), dist, { recursive: true });
  const server = await TestServer.start({ dist });
  try {
    await page.goto(`${server.url}/jobs`);
    await waitControlled(page);
    const [oldCache] = await shellCaches(page);

    // Redeploy: change an asset and regenerate the service worker as the build does.
    const icon = 'icons/logo.svg';
    writeFileSync(join(dist, icon), readFileSync(join(dist, icon), 'utf8') + '\n<!-- redeployed -->\n');
    execFileSync('node', [join(ROOT, 'scripts/gen-sw.mjs')], {
      env: { ...process.env, TRUNK_STAGING_DIR: dist, TRUNK_SOURCE_DIR: ROOT },
    });

    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    const banner = page.getByTestId('update-banner');
    await expect(banner).toBeVisible({ timeout: 20_000 });
    await expect(banner).toContainText('新版本可用');

    const reloaded = page.waitForEvent('load');
    await banner.getByRole('button', { name: '立即更新' }).click();
    await reloaded;
    await waitControlled(page);
    await expect.poll(() => shellCaches(page)).not.toContain(oldCache);
    expect(await shellCaches(page)).toHaveLength(1);
    const served = await page.evaluate(async (name) => (await fetch(`/${name}`)).text(), icon);
    expect(served).toContain('<!-- redeployed -->');
  } finally {
    await server.stop();
  }
});

test('the app is installable (no installability errors)', async () => {
  const server = await TestServer.start();
  const profile = mkdtempSync(join(tmpdir(), 'tongji-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    args: chromiumArgs,
  });
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/jobs`);
    await waitControlled(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    const manifest = await (await page.request.get(`${server.url}/manifest.webmanifest`)).json();
    expect(manifest.short_name).toBe('通济通');
    expect(manifest.shortcuts.map((s: { name: string }) => s.name)).toEqual(['岗位', '政策', '走访']);
  } finally {
    await context.close();
    await server.stop();
  }
});

test('caching headers: hashed assets immutable, shell files revalidated', async ({ request }) => {
  const index = await request.get('/');
  expect(index.headers()['cache-control']).toContain('no-cache');
  const sw = await request.get('/sw.js');
  expect(sw.headers()['cache-control']).toContain('no-cache');
  expect(sw.headers()['content-type']).toContain('javascript');
  const manifest = await request.get('/manifest.webmanifest');
  expect(manifest.headers()['cache-control']).toContain('no-cache');
  expect(manifest.headers()['content-type']).toContain('application/manifest+json');
  const html = await index.text();
  const wasm = html.match(/\/(tongji-app-[0-9a-f]+\/tongji-app_bg\.wasm)/)![1];
  const asset = await request.get(`/${wasm}`);
  expect(asset.headers()['cache-control']).toContain('immutable');
  expect(asset.headers()['content-type']).toBe('application/wasm');
  // A lazy page's split file, named by the split loader, is cached the same way.
  const dir = wasm.split('/')[0];
  const loader = await (await request.get(`/${dir}/__wasm_split.js`)).text();
  const split = loader.match(/"\.\/(split_\w+\.wasm)"/)![1];
  const splitAsset = await request.get(`/${dir}/${split}`);
  expect(splitAsset.status()).toBe(200);
  expect(splitAsset.headers()['cache-control']).toContain('immutable');
  expect(splitAsset.headers()['content-type']).toBe('application/wasm');
});

test('backup round trip: export, clear site data, import: everything back, unsynced changes still pending', async ({ browser }) => {
  const server = await TestServer.start();
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  try {
    await login(page, accounts.staff1, '/projects', server.url);
    await waitSynced(page);
    await waitControlled(page);

    // An unsynced change: a progress update written offline.
    await context.setOffline(true);
    const projects = new Projects(page, server.url);
    await projects.openOverview();
    await projects.open(BACKUP_PROJECT);
    await page.getByLabel('进展内容').fill('备份前离线录入的进展');
    await page.getByRole('button', { name: '添加进展' }).click();
    await expect(page.getByTestId('sync-badge')).toHaveText('1 条待同步');
    const before = await storeCounts(page);
    expect(before.outbox).toBe(1);

    await page.goto(`${server.url}/status`);
    const downloading = page.waitForEvent('download');
    await page.getByTestId('export-backup').click();
    const file = await downloading;
    expect(file.suggestedFilename()).toMatch(/^tongji-backup-\d{4}-\d{2}-\d{2}-\d{4}\.json$/);
    const path = join(mkdtempSync(join(tmpdir(), 'tongji-backup-')), file.suggestedFilename());
    await file.saveAs(path);
    await expect(page.getByTestId('backup-message')).toContainText('其中未同步修改 1 条');

    // The browser evicts the site's storage.
    await page.goto('about:blank');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.clearDataForOrigin', { origin: server.url, storageTypes: 'indexeddb,local_storage' });
    await page.goto(`${server.url}/status`);
    await expect(page.getByText('未登录')).toBeVisible();
    expect((await storeCounts(page)).projects).toBe(0);

    await page.getByTestId('import-backup').setInputFiles(path);
    await expect(page.getByTestId('backup-message')).toContainText('导入完成');
    await expect(page.getByTestId('backup-message')).toContainText('待同步修改 1 条');
    expect(await storeCounts(page)).toEqual(before);
    await expect(page.getByTestId('sync-badge')).toHaveText('1 条待同步');

    // Importing the same file again adds nothing.
    await page.getByTestId('import-backup').setInputFiles(path);
    await expect(page.getByTestId('backup-message')).toContainText('记录 0 条，待同步修改 0 条');
    expect(await storeCounts(page)).toEqual(before);

    // Back online and signed in again, the restored change reaches the server once.
    await context.setOffline(false);
    await login(page, accounts.staff1, '/status', server.url);
    await waitSynced(page);
    const token = await server.token(accounts.staff1);
    const project = (await server.pullAll(token))
      .filter((c) => c.collection === 'projects' && c.data?.name === BACKUP_PROJECT)
      .pop();
    const texts = project.data.updates.map((u: { text: string }) => u.text);
    expect(texts.filter((t: string) => t === '备份前离线录入的进展')).toHaveLength(1);
  } finally {
    await context.close();
    await server.stop();
  }
});

const BACKUP_PROJECT = '墨水河流域及其支流防洪减灾治理工程';

/** Records, pending changes and drafts on the device. */
async function storeCounts(page: Page) {
  return {
    projects: await idbCount(page, 'projects'),
    positions: await idbCount(page, 'positions'),
    outbox: await idbCount(page, 'outbox'),
    drafts: await idbCount(page, 'drafts'),
  };
}
