import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { accounts } from './fixtures/server';
import { login, waitSynced } from './fixtures/session';
import { Projects } from './fixtures/projects';
import { waitControlled } from './fixtures/pwa';
import { cameraJpeg } from './fixtures/visits';

const PROJECT = '墨水河流域及其支流防洪减灾治理工程';

test('offline: record a milestone and a progress update; after reconnecting a second staff browser sees both', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, accounts.staff1, '/projects');
  await waitSynced(page);
  await waitControlled(page);
  const projects = new Projects(page);
  await projects.openOverview();
  await projects.open(PROJECT);

  await context.setOffline(true);
  // Someone starts typing an update, then records the actual date of the
  // next open milestone: the save rebuilds the page, the typed text stays.
  await page.getByLabel('进展内容').fill('西流峰河挡土墙砌筑完成，开始生态景观施工。（离线录入）');
  const row = projects.milestoneRow('挡土墙砌筑');
  await row.getByLabel('实际完成日期').fill('2026-11-25');
  await row.getByRole('button', { name: '记录完成' }).click();
  await expect(row).toContainText('2026-11-25');
  await expect(page.getByLabel('进展内容')).toHaveValue('西流峰河挡土墙砌筑完成，开始生态景观施工。（离线录入）');
  // Add the dated progress update with a photo from the camera.
  await page
    .getByLabel('拍照或选择照片')
    .setInputFiles({ name: 'site.jpg', mimeType: 'image/jpeg', buffer: await cameraJpeg(page) });
  await expect(page.getByTestId('photo-picker-list').getByRole('img')).toHaveCount(1);
  await page.getByRole('button', { name: '添加进展' }).click();
  const update = page.locator('.update').filter({ hasText: '（离线录入）' });
  await expect(update).toBeVisible();
  // Stored, so the form is emptied for the next one.
  await expect(page.getByLabel('进展内容')).toHaveValue('');
  await expect(update.getByTestId('photos').locator('img.photo__img')).toHaveCount(1);
  await expect(page.getByTestId('sync-badge')).toHaveText(/待同步/);

  // Reload while offline: the service worker and IndexedDB keep everything.
  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker()).toBe(true);
  await expect(page.getByText('（离线录入）')).toBeVisible();
  await expect(update.getByTestId('photos').locator('img.photo__img')).toHaveCount(1);
  await expect(projects.milestoneRow('挡土墙砌筑')).toContainText('2026-11-25');

  await context.setOffline(false);
  await waitSynced(page);

  const other = await browser.newContext();
  const second = await other.newPage();
  await login(second, accounts.staff2, '/projects');
  await waitSynced(second);
  const theirs = new Projects(second);
  await theirs.openOverview();
  await theirs.open(PROJECT);
  await expect(second.getByText('（离线录入）')).toBeVisible();
  // The photo was uploaded and the second device downloads it.
  const theirUpdate = second.locator('.update').filter({ hasText: '（离线录入）' });
  await expect(theirUpdate.getByTestId('photos').locator('img.photo__img')).toHaveCount(1);
  await expect(theirs.milestoneRow('挡土墙砌筑')).toContainText('2026-11-25');
  await other.close();
  await context.close();
});

test('the overview flags slipping milestones first and the report exports as a valid xlsx', async ({ page }) => {
  await login(page, accounts.staff1, '/projects');
  await waitSynced(page);
  const projects = new Projects(page);
  await projects.openOverview();
  const slipping = page.getByTestId('slipping');
  await expect(slipping.locator('.list__item').first()).toBeVisible();
  expect(Number(await page.getByTestId('slipping-count').innerText())).toBeGreaterThan(0);
  await expect(slipping.locator('.badge--danger').first()).toContainText(/滞后 \d+ 天/);
  await expect(page.locator('.project-card--slipping').first()).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByTestId('export-report').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^通济街道工作报表-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const bytes = readFileSync((await file.path())!);
  expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]), 'a zip archive');
  const text = bytes.toString('utf8');
  for (const part of ['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet3.xml']) {
    expect(text).toContain(part);
  }
  for (const sheet of ['走访记录', '待办跟进', '重点项目']) {
    expect(text).toContain(`<sheet name="${sheet}"`);
  }
  expect(text).toContain(PROJECT);
});

for (const [name, size] of [
  ['tablet-landscape', { width: 1024, height: 768 }],
  ['tablet-portrait', { width: 768, height: 1024 }],
] as const) {
  test(`screenshots of the project overview and a project on a ${name}`, async ({ page }) => {
    await page.setViewportSize(size);
    await login(page, accounts.staff1, '/projects');
    await waitSynced(page);
    const projects = new Projects(page);
    await projects.openOverview();
    await page.screenshot({ path: `tests/e2e/.output/screenshots/projects-overview-${name}.png` });
    await projects.open(PROJECT);
    await page.screenshot({ path: `tests/e2e/.output/screenshots/project-detail-${name}.png`, fullPage: true });
  });
}
