import { chromium, expect, test } from '@playwright/test';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromiumArgs } from '../../playwright.config';
import { TestServer } from './fixtures/server';
import { shellCaches, waitControlled } from './fixtures/pwa';
import { Shell } from './fixtures/shell';
import { waitSynced } from './fixtures/session';

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
    const css = readdirSync(dist).find((f) => f.startsWith('base-') && f.endsWith('.css'))!;
    writeFileSync(join(dist, css), readFileSync(join(dist, css), 'utf8') + '\n/* redeployed */\n');
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
    const served = await page.evaluate(async (name) => (await fetch(`/${name}`)).text(), css);
    expect(served).toContain('/* redeployed */');
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
  const wasm = html.match(/\/(tongji-app-[0-9a-f]+_bg\.wasm)/)![1];
  const asset = await request.get(`/${wasm}`);
  expect(asset.headers()['cache-control']).toContain('immutable');
  expect(asset.headers()['content-type']).toBe('application/wasm');
});
