import { expect, test, type Page } from '@playwright/test';
import { accounts } from './fixtures/server';
import { login, waitSynced } from './fixtures/session';
import { holdWasm, Shell, viewports } from './fixtures/shell';

// The start snapshot (src/pwa/start_snapshot.rs): a start page as the app
// last drew it on this device, shown by index.html's boot script while the
// app loads. Without a service worker, so that the tests can hold the app's
// wasm back and look at the page before the app runs.
test.use({ serviceWorkers: 'block', viewport: viewports.phone });

const POSITIONS_KEY = 'tongji.start-snapshot:/jobs/positions';

/** The snapshot's markup, read through the closed shadow root with CDP ('' when none is shown). */
async function shownSnapshot(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  type Node = { nodeId: number; attributes?: string[]; children?: Node[]; shadowRoots?: Node[] };
  const find = (n: Node): Node | undefined => {
    const attrs = n.attributes ?? [];
    for (let i = 0; i < attrs.length; i += 2) if (attrs[i] === 'id' && attrs[i + 1] === 'start-snapshot') return n;
    for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) {
      const found = find(c);
      if (found) return found;
    }
    return undefined;
  };
  const host = find(root as Node);
  const shadow = host?.shadowRoots?.[0];
  if (!shadow) return '';
  const { outerHTML } = await cdp.send('DOM.getOuterHTML', { nodeId: shadow.nodeId });
  await cdp.detach();
  return outerHTML;
}

/** Opens the position list and waits until its first page is saved for the next start. */
async function drawPositions(page: Page): Promise<string> {
  const shell = new Shell(page);
  await shell.open('/jobs/positions');
  await waitSynced(page);
  await expect(page.getByTestId('result-count')).toHaveText(/共 \d+ 个岗位/);
  const first = (await page.getByTestId('position-list').locator('li h3, li a').first().textContent())?.trim() ?? '';
  expect(first).not.toBe('');
  await expect
    .poll(async () => page.evaluate((key) => localStorage.getItem(key) ?? '', POSITIONS_KEY), { timeout: 15_000 })
    .toContain(first);
  return first;
}

test('a start shows the last drawn position list before the app runs, and the app replaces it', async ({ page }) => {
  const first = await drawPositions(page);
  const saved = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)!), POSITIONS_KEY);
  // Keyed by the styles (a hash the build writes), not by the bundle.
  const look = await page.locator('meta[name=tongji-look]').getAttribute('content');
  expect(look).toMatch(/^[0-9a-f]{16}$/);
  expect(saved.look).toBe(look);
  expect(saved).not.toHaveProperty('build');
  expect(saved.html).toMatch(/^<div class="shell"/);
  // The connectivity and sync pills of the last visit would be stale.
  expect(saved.html).toContain('<div class="header__status"></div>');
  expect(saved.html).not.toContain('online-state');
  // Only the rows that start within 1.5 screen heights are kept: nobody
  // sees the others before the app draws, and each costs the next start.
  const rows = page.getByTestId('position-list').getByTestId('position-card');
  await expect(rows).toHaveCount(20);
  const near = await rows.evaluateAll((all) => all.filter((r) => r.getBoundingClientRect().top <= innerHeight * 1.5).length);
  expect(near).toBeGreaterThan(1);
  expect(near).toBeLessThan(20);
  expect(saved.html.match(/data-testid="position-card"/g)).toHaveLength(near);
  // Nor what nobody sees at the start: the framework's comment markers, and
  // the closed filter panel's fields (its summary stays).
  expect(saved.html).not.toContain('<!--');
  expect(saved.html).toContain('<summary class="filters__summary">筛选条件</summary></details>');
  expect(saved.html).not.toContain('<select');

  // Whether the loading screen could be painted before the snapshot: its
  // style as the parser puts it in the page.
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      const screen = document.getElementById('app-loading');
      if (!screen) return;
      observer.disconnect();
      (window as unknown as { loadingScreenParsed: string }).loadingScreenParsed = getComputedStyle(screen).display;
    }).observe(document, { childList: true, subtree: true });
    // And whether the page's first frame was drawn without it (the boot
    // script in the body let a new renderer draw an empty one first).
    requestAnimationFrame(() => {
      (window as unknown as { snapshotAtFirstFrame: boolean }).snapshotAtFirstFrame = !!document.getElementById('start-snapshot');
    });
  });
  const release = await holdWasm(page);
  await page.reload({ waitUntil: 'domcontentloaded' });
  expect(await page.evaluate(() => (window as unknown as { loadingScreenParsed: string }).loadingScreenParsed)).toBe('none');
  expect(await page.evaluate(() => (window as unknown as { snapshotAtFirstFrame: boolean }).snapshotAtFirstFrame)).toBe(true);
  // Before the app runs: the snapshot, with the rows and the count, and no
  // second copy of anything for the document (the app has not mounted).
  await expect(page.locator('#start-snapshot')).toBeAttached();
  const html = await shownSnapshot(page);
  expect(html).toContain(first);
  expect(html).toMatch(/共 \d+ 个岗位/);
  await expect(page.locator('#start-snapshot')).toHaveAttribute('aria-hidden', 'true');
  // Put up from the head, it sits beside the body, with the app's text look all the same.
  const textLook = (selector: string) =>
    page.locator(selector).evaluate((e) => {
      const style = getComputedStyle(e);
      return [style.fontFamily, style.lineHeight, style.color];
    });
  expect(await textLook('#start-snapshot')).toEqual(await textLook('body'));
  // The snapshot stands in for the loading screen of a start without one.
  await expect(page.locator('#app-loading')).toBeHidden();
  expect(await page.locator('#start-snapshot').evaluate((e) => (e as HTMLElement).inert)).toBe(true);
  await expect(page.locator('.shell')).toHaveCount(0);
  await page.screenshot({ path: 'tests/e2e/.output/screenshots/start-snapshot-phone.png' });
  const box = await page.locator('#start-snapshot').boundingBox();
  expect(box).toEqual({ x: 0, y: 0, width: 390, height: 844 });

  // The app draws its own rows and removes the snapshot.
  release();
  await expect(page.getByTestId('position-list').locator('li').first()).toContainText(first);
  await expect(page.locator('#start-snapshot')).toHaveCount(0);
  await expect(page.locator('#app-loading')).toHaveCount(0);
  await page.getByRole('searchbox').fill('缝纫');
  await expect(page).toHaveURL(/q=/);
});

test('a snapshot shown 10 s without the app goes, and the loading screen is back with its advice', async ({ page }) => {
  await drawPositions(page);
  await page.clock.install();
  const release = await holdWasm(page);
  await page.reload({ waitUntil: 'domcontentloaded' });
  await expect(page.locator('#start-snapshot')).toBeAttached();
  await expect(page.locator('#app-loading')).toBeHidden();
  // An old screen is not shown for long when the app does not start.
  await page.clock.fastForward(16_000);
  await expect(page.locator('#start-snapshot')).toHaveCount(0);
  await expect(page.locator('#app-loading')).toBeVisible();
  await expect(page.locator('#app-loading').getByText('加载时间较长，请检查网络后刷新页面。')).toBeVisible();

  release();
  await expect(page.getByTestId('position-list').getByTestId('position-card').first()).toBeVisible();
  await expect(page.locator('#app-loading')).toHaveCount(0);
});

test('no snapshot for a filtered URL, other styles or another page', async ({ page }) => {
  await drawPositions(page);

  // A query in the URL: the saved page would not be what was asked for.
  let release = await holdWasm(page);
  await page.goto('/jobs/positions?q=%E7%BC%9D%E7%BA%AB', { waitUntil: 'domcontentloaded' });
  await expect(page.locator('noscript')).toBeAttached();
  await expect(page.locator('#start-snapshot')).toHaveCount(0);
  release();
  await expect(page.getByTestId('result-count')).toHaveText(/共 \d+ 个岗位/);
  await page.unrouteAll();

  // Markup drawn under other styles (a build that changed them) may not fit.
  await page.evaluate((key) => {
    const saved = JSON.parse(localStorage.getItem(key)!);
    localStorage.setItem(key, JSON.stringify({ ...saved, look: '0000000000000000' }));
  }, POSITIONS_KEY);
  release = await holdWasm(page);
  await page.goto('/jobs/positions', { waitUntil: 'domcontentloaded' });
  await expect(page.locator('noscript')).toBeAttached();
  await expect(page.locator('#start-snapshot')).toHaveCount(0);
  release();
  await page.unrouteAll();

  // A page that saves nothing shows nothing.
  release = await holdWasm(page);
  await page.goto('/policies', { waitUntil: 'domcontentloaded' });
  await expect(page.locator('noscript')).toBeAttached();
  await expect(page.locator('#start-snapshot')).toHaveCount(0);
  release();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('政策指南');
});

test('the start page is saved too, and a login or logout forgets every snapshot', async ({ page }) => {
  await drawPositions(page);
  await page.goto('/');
  await expect(page).toHaveURL(/\/jobs$/);
  await expect(page.getByTestId('newest-positions').locator('li').first()).toBeVisible();
  await expect
    .poll(async () => page.evaluate(() => localStorage.getItem('tongji.start-snapshot:/jobs') ?? ''), { timeout: 15_000 })
    .toContain('招聘会与岗位');

  // "/" redirects to the start page, whose snapshot it shows.
  const release = await holdWasm(page);
  await page.goto('/', { waitUntil: 'domcontentloaded' });
  expect(await shownSnapshot(page)).toContain('招聘会与岗位');
  release();
  await expect(page.locator('#start-snapshot')).toHaveCount(0);
  await page.unrouteAll();

  const snapshots = () =>
    page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('tongji.start-snapshot:')).sort());
  expect(await snapshots()).toEqual(['tongji.start-snapshot:/jobs', 'tongji.start-snapshot:/jobs/positions']);
  await login(page, accounts.staff1);
  expect(await snapshots()).toEqual([]);

  // Logged in, the start page is saved again (with the staff's tabs); logging out forgets it.
  await page.goto('/jobs');
  await expect.poll(snapshots, { timeout: 15_000 }).toEqual(['tongji.start-snapshot:/jobs']);
  await page.goto('/status');
  await page.getByRole('button', { name: /^退出登录/ }).click();
  await expect.poll(snapshots, { timeout: 15_000 }).toEqual([]);
});

test('a page left before the browser was idle is saved when it is hidden', async ({ page }) => {
  const first = await drawPositions(page);
  await page.evaluate((key) => localStorage.removeItem(key), POSITIONS_KEY);
  // No idle moment ever comes: only leaving the page can save it.
  await page.addInitScript(() => {
    window.requestIdleCallback = () => 0;
  });
  await page.reload();
  await expect(page.getByTestId('result-count')).toHaveText(/共 \d+ 个岗位/);
  await page.waitForTimeout(2_500);
  expect(await page.evaluate((key) => localStorage.getItem(key), POSITIONS_KEY)).toBeNull();

  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  const saved = await page.evaluate((key) => localStorage.getItem(key) ?? '', POSITIONS_KEY);
  expect(saved).toContain(first);
  expect(saved).toMatch(/共 \d+ 个岗位/);
});

test('a device without positions says so and saves no snapshot until the positions arrive', async ({ page, context }) => {
  const pulls = /\/api\/sync\/pull/;
  await context.route(pulls, (route) => route.abort('internetdisconnected'));
  await page.goto('/jobs/positions');
  const empty = page.getByRole('heading', { name: '还没有岗位' });
  await expect(empty).toBeVisible();
  await expect(page.getByText('第一次使用需要联网下载岗位信息')).toBeVisible();
  await expect(page.getByText('没有符合条件的岗位')).toHaveCount(0);
  await page.screenshot({ path: 'tests/e2e/.output/screenshots/positions-none-yet-phone.png' });
  await page.waitForTimeout(2_500);
  expect(await page.evaluate((key) => localStorage.getItem(key), POSITIONS_KEY)).toBeNull();

  await context.unroute(pulls);
  await page.getByTestId('sync-badge').click();
  await page.getByTestId('sync-now').click();
  await waitSynced(page);
  await page.goBack();
  await expect(page.getByTestId('result-count')).toHaveText(/共 \d+ 个岗位/);
  await expect
    .poll(async () => page.evaluate((key) => localStorage.getItem(key) ?? '', POSITIONS_KEY), { timeout: 15_000 })
    .toMatch(/共 \d+ 个岗位/);
});
