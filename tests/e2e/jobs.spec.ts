import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { Jobs, ONLINE_FAIR, SEWING_POSITION } from './fixtures/jobs';
import { accounts } from './fixtures/server';
import { login, waitSynced } from './fixtures/session';
import { viewports } from './fixtures/shell';

/** Reloads with the network on (no service worker yet), then cuts it again. */
async function reloadOnlineThenOffline(page: Page, jobs: Jobs) {
  await page.context().setOffline(false);
  await page.reload();
  await expect(page.locator('.shell')).toBeVisible();
  await page.context().setOffline(true);
  await expect(page.getByTestId('online-state')).toHaveText(/离线/);
  void jobs;
}

test('offline: browse fairs, filter, search by initials, save, register interest; it reaches staff only', async ({ page, context, browser, request }) => {
  const jobs = new Jobs(page);
  await jobs.openSynced();
  await context.setOffline(true);
  await expect(page.getByTestId('online-state')).toHaveText(/离线/);

  // Fairs: upcoming first, past below; a fair lists its employers and positions.
  await jobs.tab(/招聘会/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('招聘会');
  const cards = page.getByTestId('fair-card');
  await expect(cards.first()).toContainText('服务业专场招聘会（线上）');
  await expect(cards.first()).toContainText('天后');
  await expect(cards.last()).toContainText('春风送岗招聘会');
  await expect(cards.last()).toContainText('已结束');
  await cards.first().getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/jobs/fairs/${ONLINE_FAIR}$`));
  await expect(page.getByRole('heading', { level: 2, name: '参会单位' })).toBeVisible();
  await expect(page.locator('.employer-list__item').first()).toBeVisible();
  await expect(page.getByRole('link', { name: '线上参会链接' })).toHaveAttribute('href', /live\.example\.com/);

  // Filters live in the URL; the back button undoes one.
  await jobs.tab(/岗位/);
  await expect(jobs.cards().first()).toBeVisible();
  const all = Number((await jobs.resultCount().textContent())!.match(/\d+/)![0]);
  expect(all).toBe(313);
  await jobs.openFilters();
  await jobs.filter(/^行业/).selectOption('纺织服装');
  await expect(page).toHaveURL(/sector=%E7%BA%BA/);
  const textile = Number((await jobs.resultCount().textContent())!.match(/\d+/)![0]);
  expect(textile).toBeLessThan(all);
  await jobs.filter(/^月薪/).selectOption({ label: '6000–8000元' });
  await expect(page).toHaveURL(/salary=6000-8000/);
  await expect(jobs.cards().first()).toContainText('纺织服装');
  const both = Number((await jobs.resultCount().textContent())!.match(/\d+/)![0]);
  expect(both).toBeLessThan(textile);
  await page.goBack();
  await expect(page).not.toHaveURL(/salary=/);
  await expect(jobs.resultCount()).toHaveText(new RegExp(`共 ${textile} 个岗位`));
  await page.getByRole('button', { name: '清除筛选' }).first().click();
  await expect(jobs.resultCount()).toHaveText(`共 ${all} 个岗位`);

  // Search as you type by pinyin initials: 平缝机工 = pfjg, marked.
  await jobs.searchBox().pressSequentially('pfjg', { delay: 60 });
  await expect(page).toHaveURL(/q=pfjg/);
  const first = jobs.cards().first();
  await expect(first.getByRole('heading')).toHaveText('平缝机工');
  await expect(first.locator('h3 mark')).toHaveText('平缝机工');
  // Employers' names are searchable: the catalog names every position's employer.
  await jobs.searchBox().fill('即发集团');
  await expect(jobs.cards().first()).toContainText('即发集团有限公司');
  // Nothing matches: an honest empty state with a way out.
  await jobs.searchBox().fill('zzqqxx');
  await expect(page.getByText('没有符合条件的岗位')).toBeVisible();
  await page.getByRole('status').getByRole('button', { name: '清除筛选' }).click();
  await expect(jobs.resultCount()).toHaveText(`共 ${all} 个岗位`);

  // Save a position; the saved list works offline and survives a reload.
  await jobs.searchBox().fill('pfjg');
  await expect(first.getByRole('heading')).toHaveText('平缝机工');
  const saved = jobs.saveButton(first);
  await saved.click();
  await expect(saved).toHaveAttribute('aria-pressed', 'true');
  const savedHref = await first.getByRole('link').first().getAttribute('href');
  await jobs.tab(/我的收藏/);
  await expect(page.getByText('已收藏 1 个岗位')).toBeVisible();
  await reloadOnlineThenOffline(page, jobs);
  await expect(page.getByText('已收藏 1 个岗位')).toBeVisible();
  await expect(page.getByTestId('position-card').getByRole('link').first()).toHaveAttribute('href', savedHref!);

  // Register interest offline: bad input is explained per field, changes nothing.
  await page.goto(`/jobs/positions/${SEWING_POSITION}`).catch(() => {});
  // Offline navigation cannot load the page without a service worker; go there in-app instead.
  await reloadOnlineThenOffline(page, jobs);
  await page.evaluate((id) => {
    history.pushState({}, '', `/jobs/positions/${id}`);
    dispatchEvent(new PopStateEvent('popstate'));
  }, SEWING_POSITION);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('平缝机工');
  await page.getByLabel(/^姓名/).fill('赵小梅');
  await page.getByLabel(/^手机号/).fill('1391234');
  await page.getByRole('button', { name: '提交登记' }).click();
  await expect(page.locator('.field__error').filter({ hasText: /手机号/ })).toBeVisible();
  await expect(page.getByTestId('sync-badge')).toHaveText(/已同步|离线|同步失败/);
  await page.getByLabel(/^手机号/).fill('13912345678');
  await page.getByLabel(/^留言/).fill('想了解住宿');
  await page.getByRole('button', { name: '提交登记' }).click();
  await expect(page.getByTestId('interest-status')).toContainText('已提交，待同步');
  await expect(page.getByTestId('sync-badge')).toHaveText(/1 条待同步/);

  // Back online: the registration is pushed without a login.
  await context.setOffline(false);
  await expect(page.getByTestId('interest-status')).toContainText(/^已提交(?!，待同步)/, { timeout: 30_000 });

  // Staff see it on the position; an anonymous pull never contains it.
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await login(staff, accounts.staff1, `/jobs/positions/${SEWING_POSITION}`);
  await expect(staff.getByTestId('registrations')).toContainText('赵小梅', { timeout: 30_000 });
  await expect(staff.getByTestId('registrations')).toContainText('13912345678');
  await staff.getByRole('navigation', { name: '招聘栏目' }).getByRole('link', { name: '意向登记' }).click();
  await expect(staff.getByRole('heading', { level: 2, name: /即发集团有限公司/ })).toBeVisible();
  await expect(staff.getByText('赵小梅')).toBeVisible();
  await staffContext.close();

  const pull = await request.get('/api/sync/pull?since=0&limit=1000');
  expect(pull.ok()).toBe(true);
  const body = await pull.json();
  const collections = new Set(body.changes.map((c: { collection: string }) => c.collection));
  expect(collections.has('positions')).toBe(true);
  expect(collections.has('interests')).toBe(false);
  expect(JSON.stringify(body)).not.toContain('13912345678');
});

test('deep links open the page; share shows the link and a QR code; add to calendar downloads an .ics', async ({ page }) => {
  const jobs = new Jobs(page);
  await page.goto(`/jobs/positions/${SEWING_POSITION}`);
  // A fresh device shows the position once the first sync brought it.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('平缝机工', { timeout: 60_000 });
  await expect(page.getByRole('link', { name: /拨打/ })).toHaveAttribute('href', 'tel:053284942950');
  await page.getByText('分享：链接和二维码').click();
  await expect(page.getByTestId('share-link')).toHaveValue(new RegExp(`/jobs/positions/${SEWING_POSITION}$`));
  await expect(page.getByTestId('share-qr').locator('path')).toHaveAttribute('d', /^M0 0h7/);
  await expect(page.getByRole('heading', { level: 2, name: /其他岗位/ })).toBeVisible();
  // Demo content says it is sample data.
  await expect(page.getByRole('note')).toContainText('示例数据');

  await page.goto(`/jobs/fairs/${ONLINE_FAIR}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('服务业专场招聘会（线上）', { timeout: 30_000 });
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '加入日历' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('fair-2026-12-10.ics');
  const text = readFileSync((await file.path())!, 'utf8');
  expect(text).toContain('BEGIN:VCALENDAR\r\n');
  expect(text).toContain('DTSTART;TZID=Asia/Shanghai:20261210T090000');
  expect(text).toContain('SUMMARY:服务业专场招聘会（线上）');
  void jobs;
});

test('the position list renders the cards near the screen; the others as they are scrolled to', async ({ page }) => {
  await page.setViewportSize(viewports.phone);
  const jobs = new Jobs(page);
  await jobs.openSynced();
  await jobs.tab(/岗位/);
  await expect(jobs.resultCount()).toHaveText(/共 \d+ 个岗位/);
  const cards = jobs.cards();
  await expect(cards).toHaveCount(20);
  // Content the browser skips (content-visibility: auto) is not "visible"
  // to checkVisibility with this option, though it is in the page.
  const rendered = () =>
    cards.evaluateAll((all) => all.map((card) => card.querySelector('h3')!.checkVisibility({ contentVisibilityAuto: true })));
  const atTop = await rendered();
  expect(atTop[0]).toBe(true);
  expect(atTop.at(-1)).toBe(false);
  // Skipped cards are still found by text, and render once scrolled to.
  await expect(cards.last().locator('h3')).toHaveText(/\S/);
  await cards.last().scrollIntoViewIfNeeded();
  await expect.poll(async () => (await rendered()).at(-1)).toBe(true);
});

for (const [name, size] of Object.entries({ phone: viewports.phone, tablet: viewports.tabletLandscape })) {
  test(`screenshots on ${name}: fair list, position detail, search results`, async ({ page }) => {
    await page.setViewportSize(size);
    const jobs = new Jobs(page);
    await jobs.openSynced();
    await jobs.tab(/招聘会/);
    await expect(page.getByTestId('fair-card').first()).toBeVisible();
    await jobs.screenshot(`jobs-fairs-${name}`);
    await jobs.tab(/岗位/);
    await jobs.searchBox().pressSequentially('fuzhuang', { delay: 40 });
    await expect(jobs.cards().first().locator('mark').first()).toBeVisible();
    // The query's own time, which tests/bench reads: milliseconds to two decimals.
    await expect(jobs.resultCount()).toHaveAttribute('data-search-ms', /^\d+\.\d\d$/);
    await jobs.screenshot(`jobs-search-${name}`);
    await jobs.cards().first().getByRole('link').first().click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await jobs.screenshot(`jobs-position-${name}`);
    // Nothing overflows sideways, and the buttons are big enough to tap.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    for (const button of await page.locator('.jobs-page .button').all()) {
      const box = await button.boundingBox();
      if (box) expect(box.height).toBeGreaterThanOrEqual(44);
    }
  });
}

test('a device without fairs says so, not that none are coming; they show once synced', async ({ page, context }) => {
  const pulls = /\/api\/sync\/pull/;
  await context.route(pulls, (route) => route.abort('internetdisconnected'));
  await page.goto('/jobs');
  await expect(page.getByTestId('no-fairs-yet')).toHaveText('还没有招聘会信息，联网同步后显示。');
  await expect(page.getByText('近期没有招聘会')).toHaveCount(0);
  await page.getByRole('link', { name: '全部招聘会' }).click();
  await expect(page.getByRole('heading', { name: '还没有招聘会信息' })).toBeVisible();
  await expect(page.getByText('第一次使用需要联网下载招聘会信息')).toBeVisible();
  await expect(page.getByText('近期没有招聘会')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: '往期招聘会' })).toHaveCount(0);

  await context.unroute(pulls);
  await page.getByTestId('sync-badge').click();
  await page.getByTestId('sync-now').click();
  await waitSynced(page);
  await page.goBack();
  await expect(page.getByTestId('fair-card').first()).toBeVisible();
  await expect(page.getByRole('heading', { name: '还没有招聘会信息' })).toHaveCount(0);
  await page.getByRole('link', { name: '首页' }).click();
  await expect(page.getByTestId('no-fairs-yet')).toHaveCount(0);
});
