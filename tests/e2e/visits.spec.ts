import { expect, test, type Page } from '@playwright/test';
import { accounts, TestServer } from './fixtures/server';
import { login, syncNow, waitSynced } from './fixtures/session';
import { viewports } from './fixtures/shell';
import { Api, cameraJpeg, cstDate, EnterpriseFormPage, sha256Hex, VisitFormPage } from './fixtures/visits';

const shots = 'tests/e2e/.output/screenshots';

/** Goes to a path inside the app without loading a page (works offline). */
async function navigate(page: Page, path: string) {
  await page.evaluate((p) => {
    const a = document.createElement('a');
    a.href = p;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }, path);
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[?]/g, '\\?')}$`));
}

test('a visit recorded offline survives a closed tab, reaches the server and other staff, and no anonymous user', async ({ browser, baseURL, request }) => {
  test.setTimeout(240_000);
  const api = new Api(request, baseURL!);
  const suffix = Date.now().toString().slice(-5);
  const name = `青岛通济新材料科技有限公司${suffix}`;
  const context = await browser.newContext({ viewport: viewports.tabletLandscape });

  // Log in while online; the first sync brings the ledger (64 seeded enterprises).
  const page = await context.newPage();
  await login(page, accounts.staff1, '/visits');
  await waitSynced(page);
  await page.getByRole('link', { name: /企业台账/ }).click();
  await expect(page.getByTestId('enterprise-count')).toHaveText('共 64 家企业');

  // Offline from here on.
  await context.setOffline(true);
  await expect(page.getByTestId('online-state')).toHaveText(/离线/);

  // Search works on the device, in pinyin too.
  await page.getByRole('searchbox', { name: '搜索企业' }).fill('jifa');
  await expect(page.getByRole('link', { name: /即发集团有限公司/ })).toBeVisible();
  await page.getByRole('searchbox', { name: '搜索企业' }).fill('');
  await page.getByLabel('是否纳统').selectOption({ label: '未纳统' });
  await expect(page.getByTestId('enterprise-count')).toHaveText('找到 30 家（共 64 家）');
  await page.getByRole('button', { name: '清除筛选' }).click();

  // A new enterprise, with the credit code checked as it is typed.
  await page.getByRole('link', { name: '新增企业' }).click();
  const enterpriseForm = new EnterpriseFormPage(page);
  await enterpriseForm.creditCode().fill('91370282MA7');
  await expect(enterpriseForm.creditFeedback()).toHaveText('已输入 11 位，还差 7 位');
  await enterpriseForm.creditCode().fill('91370282MA7TJ0001Q');
  await expect(enterpriseForm.creditFeedback()).toHaveText('校验位应为 P，实际为 Q，请核对');
  await enterpriseForm.creditCode().fill('91370282MA7TJ0O01P');
  await expect(enterpriseForm.creditFeedback()).toContainText('第 15 位“O”不是有效字符');
  await enterpriseForm.fill({
    name,
    code: '91370282ma7tj0001p',
    industry: '新材料',
    community: '庄头',
    revenue: '2,600',
    employees: '45',
  });
  await expect(enterpriseForm.creditFeedback()).toHaveText('校验位正确 ✓');
  await enterpriseForm.save();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.getByText('待同步').first()).toBeVisible();
  await expect(page.getByTestId('enrolment-candidate')).toContainText('规上工业');
  await expect(page.getByTestId('match-counts')).toContainText(/符合条件 \d+ 项 · 可能符合 \d+ 项/);
  await expect(page.getByRole('link', { name: '查看全部匹配结果' })).toHaveAttribute('href', /\/policies\/match\?enterprise=/);

  // The visit record, started from the enterprise page.
  await page.getByRole('link', { name: '记录走访' }).click();
  await expect(page).toHaveURL(/\/visits\/new\?draft=[0-9a-f-]{36}&enterprise=/);
  const visitId = new URL(page.url()).searchParams.get('draft')!;
  const form = new VisitFormPage(page);
  await expect(page.getByTestId('chosen-enterprise')).toContainText(name);
  await expect(page.getByLabel('走访人')).toHaveValue(accounts.staff1.name);
  await page.getByLabel('走访目的').fill('宣传惠企政策，了解用工和融资情况');
  await form.addDifficulty('用工', '紧急', '熟练工缺口 20 人，春节后返岗率低');
  await form.addDifficulty('融资', '较急', '新生产线设备款缺口约 300 万元');
  await form.addFollowUp('推荐参加纺织服装业专场招聘会', cstDate(-1));
  await form.addPhoto(await cameraJpeg(page));
  await expect(form.thumbnails()).toHaveCount(1);
  await expect(form.thumbnails().first()).toHaveAttribute('data-size', '1600×1200');
  await form.waitDraftSaved();
  for (const [size, viewport] of [['landscape', viewports.tabletLandscape], ['portrait', viewports.tabletPortrait]] as const) {
    await page.setViewportSize(viewport);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${shots}/visit-form-tablet-${size}.png` });
    await form.difficulty(1).scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -80));
    await page.screenshot({ path: `${shots}/visit-form-tablet-${size}-rows.png` });
    await page.getByLabel('拍照或选择照片').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/visit-form-tablet-${size}-photos.png` });
  }
  await page.setViewportSize(viewports.tabletLandscape);

  // The tab is closed mid-form.
  await page.close();

  // Coming back (a page needs the network to load until the service worker
  // lands; then offline again), the draft is offered.
  await context.setOffline(false);
  const again = await context.newPage();
  await again.goto('/visits');
  await expect(again.getByRole('heading', { level: 1 })).toHaveText('企业走访');
  await context.setOffline(true);
  const banner = again.getByTestId('draft-banner');
  await expect(banner).toContainText(/有未完成的走访记录（\d+月\d+日 \d\d:\d\d）/);
  await expect(banner).toContainText(name);
  await banner.getByRole('link', { name: '继续填写' }).click();
  await expect(again).toHaveURL(new RegExp(`/visits/new\\?draft=${visitId}$`));
  const resumed = new VisitFormPage(again);
  await expect(again.getByText('已恢复上次未完成的内容')).toBeVisible();
  await expect(resumed.difficultyRows()).toHaveCount(2);
  await expect(resumed.difficulty(2).getByLabel('困难描述')).toHaveValue('新生产线设备款缺口约 300 万元');
  await expect(resumed.followUpRows()).toHaveCount(1);
  await expect(resumed.thumbnails()).toHaveCount(1);

  // Finish and save.
  await again.getByLabel('营业收入（万元）').fill('2800');
  await resumed.save();
  await expect(again).toHaveURL(new RegExp(`/visits/${visitId}$`));
  await expect(again.getByTestId('difficulty')).toHaveCount(2);
  await expect(again.getByTestId('follow-up')).toContainText('逾期 1 天');
  await expect(again.getByTestId('photos').getByRole('img')).toHaveCount(1);
  await expect(again.getByTestId('draft-banner')).toHaveCount(0);

  // Reload: everything is still on the device (the API is blocked so the
  // reload cannot have fetched it from the server).
  await again.route('**/api/**', (route) => route.abort());
  await context.setOffline(false);
  await again.reload();
  await expect(again.getByTestId('difficulty')).toHaveCount(2);
  await expect(again.getByText('待同步').first()).toBeVisible();
  const before = await api.pullAll(await api.login(accounts.admin1));
  expect(before.some((c) => c.id === visitId)).toBe(false);

  // Online: it syncs.
  await again.unroute('**/api/**');
  await syncNow(again);
  await waitSynced(again);

  const token = await api.login(accounts.staff1);
  const changes = await api.pullAll(token);
  const visit = changes.find((c) => c.collection === 'visits' && c.id === visitId);
  expect(visit, 'the visit is on the server').toBeTruthy();
  expect(visit!.data.difficulties.map((d: any) => d.category)).toEqual(['labour', 'finance']);
  expect(visit!.data.follow_ups).toHaveLength(1);
  expect(visit!.data.indicators.revenue).toBe(2800);
  expect(visit!.data.photos).toHaveLength(1);
  const enterprise = changes.find((c) => c.collection === 'enterprises' && c.data.name === name);
  expect(enterprise, 'the enterprise is on the server').toBeTruthy();
  expect(enterprise!.data.credit_code).toBe('91370282MA7TJ0001P');
  expect(visit!.data.enterprise_id).toBe(enterprise!.id);
  const photo = visit!.data.photos[0];
  const blob = await api.blob(photo.sha256, token);
  expect(blob.status()).toBe(200);
  const bytes = await blob.body();
  expect(sha256Hex(bytes)).toBe(photo.sha256);
  expect(bytes.length).toBe(photo.bytes);
  expect([photo.width, photo.height]).toEqual([1600, 1200]);
  expect((await api.blob(photo.sha256)).status()).toBe(401);
  await context.close();

  // A second staff member's browser sees the enterprise, the visit and the photo.
  const staff2 = await browser.newContext({ viewport: viewports.tabletLandscape });
  const other = await staff2.newPage();
  await login(other, accounts.staff2, '/visits');
  await waitSynced(other);
  await navigate(other, `/visits/enterprises?q=${encodeURIComponent(name)}`);
  await other.getByRole('link', { name: new RegExp(name) }).click();
  await expect(other.getByRole('heading', { level: 1 })).toHaveText(name);
  await other.getByRole('link', { name: /王磊/ }).click();
  await expect(other).toHaveURL(new RegExp(`/visits/${visitId}$`));
  await expect(other.getByTestId('difficulty')).toHaveCount(2);
  const img = other.getByTestId('photos').getByRole('img');
  await expect(img).toHaveAttribute('data-size', '1600×1200');
  expect(await img.evaluate((el: HTMLImageElement) => el.decode().then(() => el.naturalWidth))).toBe(1600);
  await staff2.close();

  // Anonymous: the pull holds no staff data, and the pages ask for a login.
  const anonymousChanges = await api.pullAll();
  expect(anonymousChanges.length).toBeGreaterThan(0);
  expect(anonymousChanges.filter((c) => c.collection === 'enterprises' || c.collection === 'visits')).toEqual([]);
  const anonymous = await browser.newContext();
  const guest = await anonymous.newPage();
  for (const path of ['/visits', `/visits/${visitId}`, '/visits/enterprises', '/visits/board']) {
    await guest.goto(path);
    await expect(guest.getByText('此栏目仅限工作人员')).toBeVisible();
    await expect(guest.getByRole('link', { name: '工作人员登录' })).toHaveAttribute('href', `/login?next=${path}`);
  }
  await expect(guest.getByText(name)).toHaveCount(0);
  await anonymous.close();
});

test('the visit form marks each problem, nested rows included, and saves nothing until fixed', async ({ page }) => {
  await login(page, accounts.staff1, '/visits');
  await waitSynced(page);
  await page.getByRole('link', { name: /新建走访记录/ }).click();
  const form = new VisitFormPage(page);
  await form.addDifficulty('用地', '一般', '');
  await form.addFollowUp('协调办理规划许可', '');
  await form.followUp(1).getByLabel('责任人').fill('');
  await form.save();
  await expect(page.getByText(/还有 \d+ 处需要修改/)).toBeVisible();
  await expect(page.getByText('走访企业：请选择')).toBeVisible();
  await expect(form.difficulty(1).getByText('困难描述：必填')).toBeVisible();
  await expect(form.followUp(1).getByText('责任人：必填')).toBeVisible();
  await expect(form.followUp(1).getByText('完成期限：必填')).toBeVisible();
  await expect(page).toHaveURL(/\/visits\/new\?draft=/);

  // Fixing the fields clears their messages as they are fixed.
  await form.pickEnterprise('jifa', '即发集团有限公司');
  await form.difficulty(1).getByLabel('困难描述').fill('厂房扩建用地指标不足');
  await expect(form.difficulty(1).getByText('困难描述：必填')).toHaveCount(0);
  await form.followUp(1).getByLabel('责任人').fill('规划办');
  await form.followUp(1).getByLabel('完成期限').fill(cstDate(10));
  await expect(page.getByText(/还有 \d+ 处需要修改/)).toHaveCount(0);
  await form.save();
  await expect(page).toHaveURL(/\/visits\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('link', { name: '即发集团有限公司' })).toBeVisible();
});

test('the follow-up board charts open difficulties, lists overdue follow-ups to close, and enrolment leads', async ({ page }) => {
  test.setTimeout(120_000);
  // A server of its own: the board counts every visit, so other tests' visits must not show.
  const server = await TestServer.start();
  try {
    await page.setViewportSize(viewports.tabletLandscape);
    await login(page, accounts.staff2, '/visits', server.url);
    await waitSynced(page);

    // A visit with three difficulties and an overdue follow-up.
    await page.getByRole('link', { name: /新建走访记录/ }).click();
    const form = new VisitFormPage(page);
    await form.pickEnterprise('宏绣', '青岛宏绣针织品有限公司');
    await form.addDifficulty('用工', '紧急', '挡车工缺 12 人');
    await form.addDifficulty('用工', '一般', '技术工人培训需求');
    await form.addDifficulty('物流', '较急', '出口集装箱订舱难');
    await form.addFollowUp('对接就业服务站推荐挡车工', cstDate(-3));
    await form.addFollowUp('联系货代协会', cstDate(30));
    await form.save();
    await expect(page).toHaveURL(/\/visits\/[0-9a-f-]{36}$/);

    await navigate(page, '/visits/board');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('跟进看板');
    const chart = page.getByTestId('difficulty-chart');
    await expect(chart).toBeVisible();
    await expect(chart.locator('g[data-category="用工"] .chart__value')).toHaveText('2');
    await expect(chart.locator('g[data-category="物流"] .chart__value')).toHaveText('1');
    await expect(chart.locator('g[data-category="融资"] .chart__value')).toHaveText('0');
    await expect(chart.locator('desc')).toContainText('用工 2 项（紧急 1，较急 0，一般 1）');

    // Only the overdue follow-up is listed (the other is due in a month).
    const due = page.getByTestId('follow-up');
    await expect(due).toHaveCount(1);
    await expect(due).toContainText('逾期 3 天');
    await expect(due).toContainText('青岛宏绣针织品有限公司');

    // Enrolment leads from the seeded ledger.
    const leads = page.getByTestId('enrolment-leads');
    await expect(leads.getByRole('link', { name: '青岛宏绣针织品有限公司' })).toBeVisible();
    await expect(leads.getByRole('link', { name: '青岛童悦儿童服饰有限公司' })).toHaveCount(0);
    await expect(leads.getByRole('link', { name: '即发集团有限公司' })).toHaveCount(0);

    await page.screenshot({ path: `${shots}/visit-board-tablet-landscape.png` });
    await leads.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/visit-board-tablet-landscape-leads.png` });
    await page.setViewportSize(viewports.tabletPortrait);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${shots}/visit-board-tablet-portrait.png` });

    // Closing keeps the history.
    await due.getByRole('button', { name: '标记完成' }).click();
    await due.getByLabel('办理情况（可选）').fill('已推荐 8 名挡车工，5 人到岗');
    await due.getByRole('button', { name: '确认完成' }).click();
    await expect(page.getByTestId('follow-up')).toHaveCount(0);
    await expect(page.getByText('没有逾期或本周到期的跟进事项。')).toBeVisible();
    await page.getByRole('link', { name: /返回企业走访/ }).click();
    await page.getByRole('link', { name: /青岛宏绣针织品有限公司/ }).first().click();
    const closed = page.getByTestId('follow-up').filter({ hasText: '对接就业服务站推荐挡车工' });
    await expect(closed).toContainText('已完成');
    await expect(closed).toContainText('李娜 关闭：已推荐 8 名挡车工，5 人到岗');
    await expect(closed.getByRole('button', { name: '标记完成' })).toHaveCount(0);
  } finally {
    // The browser's open keep-alive connections would hold up a graceful
    // shutdown; the data is a throw-away temp dir.
    server.kill9();
  }
});
