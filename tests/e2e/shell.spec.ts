import { expect, test } from '@playwright/test';
import { holdWasm, Shell, viewports, withoutServiceWorker } from './fixtures/shell';
import { waitSynced } from './fixtures/session';
import { Jobs } from './fixtures/jobs';

test('the shell renders in Chinese, switches to English and remembers it', async ({ page }) => {
  const shell = new Shell(page);
  await shell.open('/');
  await expect(page).toHaveURL(/\/jobs$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('招聘会与岗位');
  for (const name of ['岗位', '政策', '走访', '项目', '同步']) {
    await expect(shell.nav().getByRole('link', { name: new RegExp(name) })).toBeVisible();
  }

  await shell.langToggle().click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Job fairs & positions');

  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Job fairs & positions');
  await shell.langToggle().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('招聘会与岗位');
});

test('until the app has drawn, a start shows a loading screen, in the chosen language, and says what to do when it takes long', async ({ browser }) => {
  // No service worker, and the app's wasm held back: a first visit on a slow network.
  await withoutServiceWorker(browser, async (page) => {
    await page.clock.install();
    let release = await holdWasm(page);
    await page.goto('/jobs', { waitUntil: 'domcontentloaded' });
    const loading = page.getByRole('status').filter({ has: page.locator('.app-loading__progress') });
    await expect(loading).toBeVisible();
    await expect(loading.getByText('通济通')).toBeVisible();
    await expect(loading.getByText('正在打开…')).toBeVisible();
    await expect(loading.getByText('Opening…')).toBeHidden();
    await expect(page.locator('.shell')).toHaveCount(0);
    const slow = loading.getByText('加载时间较长，请检查网络后刷新页面。');
    await expect(slow).toBeHidden();
    await page.screenshot({ path: 'tests/e2e/.output/screenshots/app-loading-phone.png' });
    await page.clock.fastForward(16_000);
    await expect(slow).toBeVisible();
    await page.screenshot({ path: 'tests/e2e/.output/screenshots/app-loading-slow-phone.png' });

    release();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('招聘会与岗位');
    await expect(loading).toHaveCount(0);
    await expect(page.locator('#app-loading')).toHaveCount(0);

    // Once English is chosen, the next start's loading screen is in English.
    await new Shell(page).langToggle().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Job fairs & positions');
    release = await holdWasm(page);
    await page.reload({ waitUntil: 'domcontentloaded' });
    await expect(loading.getByText('Tongji Connect')).toBeVisible();
    await expect(loading.getByText('Opening…')).toBeVisible();
    await expect(loading.getByText('正在打开…')).toBeHidden();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.clock.fastForward(16_000);
    await expect(loading.getByText('This is taking a while. Check the network, then reload the page.')).toBeVisible();
    await expect(loading.getByText('加载时间较长，请检查网络后刷新页面。')).toBeHidden();
    release();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Job fairs & positions');
    await expect(loading).toHaveCount(0);
  }, { viewport: viewports.phone });
});

test('navigation reaches every section and unknown paths show a page, not an error', async ({ page }) => {
  const shell = new Shell(page);
  await shell.open('/jobs');
  const sections: [RegExp, string, string][] = [
    [/政策/, '/policies', '政策指南'],
    [/走访/, '/visits', '企业走访'],
    [/项目/, '/projects', '重点项目'],
    [/同步/, '/status', '同步与状态'],
  ];
  for (const [link, path, heading] of sections) {
    await shell.nav().getByRole('link', { name: link }).click();
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expect(shell.nav().getByRole('link', { name: link })).toHaveAttribute('aria-current', 'page');
  }
  await page.goto('/no/such/page');
  await expect(page.getByText('找不到这个页面')).toBeVisible();
});

test('a lazy page whose code cannot be downloaded says so, the app keeps working, and retrying opens it', async ({ browser }) => {
  // No service worker: its precache would answer the split files.
  await withoutServiceWorker(browser, async (page, context) => {
    const splitFiles = /\/tongji-app-[0-9a-f]+\/(split|chunk)_\w+\.wasm$/;
    await context.route(splitFiles, (route) => route.abort('internetdisconnected'));
    const shell = new Shell(page);
    await shell.open('/jobs');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('招聘会与岗位');

    await shell.nav().getByRole('link', { name: /政策/ }).click();
    const failed = page.getByRole('alert');
    await expect(failed).toContainText('这个页面没能打开');
    // The main module still runs: other pages work.
    await shell.nav().getByRole('link', { name: /岗位/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('招聘会与岗位');

    // A failed download is not remembered: the next attempt fetches again.
    await shell.nav().getByRole('link', { name: /政策/ }).click();
    await expect(failed).toContainText('这个页面没能打开');
    await context.unroute(splitFiles);
    await failed.getByRole('button', { name: '重试' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('政策指南');
  });
});

test('while the code of a page downloads, a bar says the page is opening, and it goes when the page shows', async ({ browser }) => {
  // No service worker, and every split file held back 1.5 s: a slow network.
  await withoutServiceWorker(browser, async (page, context) => {
    await context.route(/\/tongji-app-[0-9a-f]+\/(split|chunk)_\w+\.wasm$/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    const shell = new Shell(page);
    await shell.open('/jobs');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('招聘会与岗位');
    const bar = page.getByRole('progressbar', { name: '正在打开页面' });
    await expect(bar).toHaveCount(0);

    await shell.nav().getByRole('link', { name: /政策/ }).click();
    await expect(bar).toBeVisible();
    // It fades in after a moment (a page already loaded shows none).
    await expect(bar).toHaveCSS('opacity', '1');
    await page.screenshot({ path: 'tests/e2e/.output/screenshots/page-opening-phone.png' });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('政策指南');
    await expect(bar).toHaveCount(0);
  }, { viewport: viewports.phone });
});

test('the job pages load in the background once the positions are searchable, so a position opens without a download', async ({ browser }) => {
  // No service worker: the section prefetches its pages without one too.
  await withoutServiceWorker(browser, async (page, context) => {
    const splitFiles = /\/tongji-app-[0-9a-f]+\/(split|chunk)_\w+\.wasm$/;
    const fetched: string[] = [];
    page.on('request', (r) => {
      if (splitFiles.test(r.url())) fetched.push(new URL(r.url()).pathname.split('/').pop()!);
    });
    const jobs = new Jobs(page);
    await jobs.openSynced();
    await jobs.tab(/岗位/);
    await expect(jobs.resultCount()).toContainText(/共 \d+ 个岗位/);
    await expect.poll(() => fetched, { timeout: 15_000 }).toContain('split_job_extras.wasm');
    await page.waitForLoadState('networkidle');

    const before = fetched.length;
    const card = jobs.cards().first();
    const title = (await card.getByRole('heading').textContent())?.trim() ?? '';
    expect(title).not.toBe('');
    await card.getByRole('link').first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    expect(fetched.slice(before)).toEqual([]);
  });
});

test('when the sync code cannot be downloaded, the sync page says so, and the next run syncs', async ({ browser }) => {
  // No service worker: its precache would answer the split file.
  await withoutServiceWorker(browser, async (page, context) => {
    const syncFile = /\/tongji-app-[0-9a-f]+\/split_sync_engine\.wasm$/;
    await context.route(syncFile, (route) => route.abort('internetdisconnected'));
    const shell = new Shell(page);
    await shell.open('/status');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('同步与状态');
    await expect(page.getByTestId('sync-error')).toContainText('网络不通，稍后自动重试');
    await expect(page.getByTestId('sync-badge')).toHaveText('同步失败');

    await context.unroute(syncFile);
    await page.getByTestId('sync-now').click();
    await waitSynced(page);
    await expect(page.getByTestId('sync-error')).toHaveCount(0);
    await shell.nav().getByRole('link', { name: /岗位/ }).click();
    await expect(page.getByTestId('newest-positions').locator('li').first()).toBeVisible();
  });
});

test('the header shows the connection state and follows offline/online events', async ({ page, context }) => {
  const shell = new Shell(page);
  await shell.open('/jobs');
  await expect(shell.onlineState()).toHaveText(/在线/);
  await context.setOffline(true);
  await expect(shell.onlineState()).toHaveText(/离线/);
  await context.setOffline(false);
  await expect(shell.onlineState()).toHaveText(/在线/);
});

for (const [name, size] of Object.entries(viewports)) {
  test(`layout on ${name} (${size.width}x${size.height}): CJK font, touch targets, screenshot`, async ({ page }) => {
    await page.setViewportSize(size);
    const shell = new Shell(page);
    await shell.open('/jobs');
    // Chinese must render with a real CJK font, not empty boxes.
    const hasCjk = await page.evaluate(async () => {
      await document.fonts.ready;
      return document.fonts.check('16px "Noto Sans CJK SC"', '招聘会');
    });
    expect(hasCjk).toBe(true);
    // Every navigation link and header button is at least 44 px in both directions.
    const targets = page.locator('.nav__link, .header button');
    const count = await targets.count();
    expect(count).toBeGreaterThanOrEqual(6);
    for (let i = 0; i < count; i++) {
      const box = await targets.nth(i).boundingBox();
      expect(box, `target ${i}`).not.toBeNull();
      expect(box!.height).toBeGreaterThanOrEqual(44);
      expect(box!.width).toBeGreaterThanOrEqual(44);
    }
    // Each section's link is named by the label it shows: short on narrow screens, long from 900 px.
    const wide = size.width >= 900;
    for (const [long, short] of [['招聘会与岗位', '岗位'], ['政策指南', '政策'], ['企业走访', '走访'], ['重点项目', '项目'], ['同步与状态', '同步']]) {
      await expect(shell.nav().getByRole('link', { name: wide ? long : short, exact: true })).toBeVisible();
    }
    // Nothing overflows horizontally.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shell.screenshot(`shell-${name}`);
  });
}

test('keyboard users can skip to the content and reach the navigation', async ({ page }) => {
  const shell = new Shell(page);
  await shell.open('/jobs');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: '跳到主要内容' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
});

test('a link to a record this device does not have says so and offers a way back', async ({ page }) => {
  const shell = new Shell(page);
  await shell.open('/jobs');
  await waitSynced(page);
  // A well-formed id that no record has (UUID v7 layout).
  const absent = '01900000-0000-7000-8000-000000000000';
  const cases: [string, string, string, RegExp][] = [
    [`/jobs/positions/${absent}`, '找不到这个岗位', '查看全部岗位', /\/jobs\/positions$/],
    [`/jobs/fairs/${absent}`, '找不到这场招聘会', '查看全部招聘会', /\/jobs\/fairs$/],
    [`/policies/guide/${absent}`, '找不到这条政策', '返回政策指南', /\/policies$/],
  ];
  for (const [path, title, back, target] of cases) {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: title })).toBeVisible({ timeout: 15_000 });
    await page.getByRole('link', { name: back }).click();
    await expect(page).toHaveURL(target);
  }
});
