import { expect, test, type Browser, type Page } from '@playwright/test';
import {
  escape,
  expiredToday,
  garmentWorkshop,
  garmentWorkshopSplit,
  patientLogin,
  PoliciesPage,
  seedCategories,
  seedGuides,
} from './fixtures/policies';
import { accounts, TestServer } from './fixtures/server';
import { login, waitSynced } from './fixtures/session';
import { viewports } from './fixtures/shell';

const guides = seedGuides();
const funding = seedCategories().find((c) => c.name === '资金扶持')!;
const fundingGuides = guides.filter((g) => g.category_id === funding.id);
const contribution = guides.find((g) => g.title === '通济街道重点企业发展贡献奖励')!;

async function firstLoad(page: Page, base = '') {
  await page.goto(`${base}/policies`);
  await waitSynced(page);
}

test('offline after the first load: browse a category, read a guide, search by pinyin, run the matcher', async ({ page, context }) => {
  const policies = new PoliciesPage(page);
  await firstLoad(page);
  await context.setOffline(true);
  await expect(page.getByTestId('online-state')).toHaveText(/离线/);

  // 19 tiles with their guide counts.
  await expect(policies.categoryGrid().getByRole('link')).toHaveCount(19);
  await expect(policies.categoryGrid().getByRole('link', { name: /^资金扶持/ })).toContainText(`${fundingGuides.length} 条指南`);

  await policies.openCategory('资金扶持');
  await expect(policies.guideList().getByRole('link')).toHaveCount(fundingGuides.length);
  await policies.openGuide(contribution.title);
  for (const heading of ['申报条件', '支持内容', '申报流程', '所需材料', '有效期与咨询']) {
    await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
  }
  await expect(page.getByTestId('conditions').getByRole('listitem')).toHaveCount(contribution.conditions.length);
  await expect(page.getByTestId('conditions')).toContainText('要求：年营业收入不低于 5,000 万元');
  await expect(page.getByText('金额规则：')).toBeVisible();
  await expect(page.getByTestId('sample-mark').first()).toHaveText('示例');
  await expect(page.getByRole('link', { name: contribution.contact_phone })).toHaveAttribute('href', `tel:${contribution.contact_phone.replace(/-/g, '')}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // Anonymous visitors read only.
  await expect(page.getByRole('link', { name: '编辑指南' })).toHaveCount(0);

  // Search in pinyin: full syllables and initials, matches marked.
  await policies.openFromNav();
  await policies.searchBox().fill('wengang');
  await expect(policies.searchResults().getByRole('link', { name: /失业保险稳岗返还/ })).toBeVisible();
  await expect(policies.searchResults().locator('mark').first()).toHaveText('稳岗');
  await policies.searchBox().fill('gxjs');
  await expect(policies.searchResults().getByRole('link', { name: /高新技术企业认定奖励/ })).toBeVisible();
  await policies.searchBox().fill('qwertyuiop');
  await expect(page.getByText('没有找到相关政策')).toBeVisible();
  await policies.searchBox().fill('');
  await expect(policies.categoryGrid()).toBeVisible();

  // The matcher for profile A: 18 / 0 / 27 over all guides, whatever the date.
  await policies.openMatcher();
  // Enterprises are staff data: no ledger picker for the public.
  await expect(page.getByRole('combobox', { name: /从企业台账选择/ })).toHaveCount(0);
  await policies.fillProfile(garmentWorkshop);
  await policies.runMatch();
  await expect(page).toHaveURL(/run=1.*revenue=380/);
  const summary = await policies.summary();
  for (const g of ['eligible', 'possibly', 'not'] as const) {
    await expect(policies.items(g)).toHaveCount(summary[g]);
  }
  const expired = expiredToday();
  expect(summary.expired).toBe(expired.length);
  await expect(policies.items('expired')).toHaveCount(expired.length);
  const closed = await policies.expiredEligibility();
  expect(summary.eligible + closed.eligible).toBe(garmentWorkshopSplit.eligible);
  expect(summary.possibly + closed.possibly).toBe(garmentWorkshopSplit.possibly);
  expect(summary.not + closed.not).toBe(garmentWorkshopSplit.not);
  // Estimates and reasons, in the words of the domain.
  const retention = policies.items('eligible').filter({ hasText: '失业保险稳岗返还' });
  await expect(retention.getByTestId('estimate')).toHaveText('约 3,600 元');
  const bigIndividual = policies.items('not').filter({ hasText: '大个体' });
  await expect(bigIndividual).toContainText('年营业收入 380 万元，低于 500 万元');
  // Ranked by value: the first eligible guide is worth the most.
  await expect(policies.items('eligible').first()).toContainText('主导制定标准奖励');
});

test('the matcher names the data to ask for, and refuses numbers that are not numbers', async ({ page }) => {
  const policies = new PoliciesPage(page);
  await firstLoad(page);
  await policies.openMatcher();
  // Profile C: only industry and place known.
  await policies.fillProfile({ industry: '食品制造', community: '庄头' });
  await policies.runMatch();
  const summary = await policies.summary();
  expect(summary.possibly).toBeGreaterThan(30);
  const rd = policies.items('possibly').filter({ hasText: '企业研发投入奖励' });
  await expect(rd).toContainText('需补充：是否纳统、年研发投入、年营业收入');
  await expect(rd.getByTestId('estimate')).toHaveText('最高 100 万元（需补充年研发投入）');

  // The profile is in the URL: a reload shows the same result.
  await page.reload();
  await expect(page.getByTestId('match-summary')).toBeVisible();
  expect(await policies.summary()).toEqual(summary);

  await page.getByText('修改企业情况').click();
  await page.getByRole('textbox', { name: /^年营业收入/ }).fill('很多');
  await page.getByRole('textbox', { name: /^成立年份/ }).fill('2099');
  await page.getByRole('button', { name: '开始匹配' }).click();
  await expect(page.getByText('年营业收入（万元）').locator('..')).toContainText('年营业收入：应在 0 到 10000000 之间');
  await expect(page.getByText(/成立年份：应在 1900 到 \d{4} 之间/)).toBeVisible();
  await expect(page).not.toHaveURL(/revenue=/);
  // "不清楚" clears the figure again.
  await page.getByRole('checkbox', { name: '年营业收入（万元）：不清楚' }).check();
  await expect(page.getByRole('textbox', { name: /^年营业收入/ })).toHaveValue('');
});

for (const [name, size] of Object.entries({ phone: viewports.phone, tablet: viewports.tabletLandscape, tabletPortrait: viewports.tabletPortrait })) {
  test(`screenshots on ${name}: category grid, guide, matcher result, print views`, async ({ page }) => {
    await page.setViewportSize(size);
    const policies = new PoliciesPage(page);
    await firstLoad(page);
    await expect(policies.categoryGrid().getByRole('link')).toHaveCount(19);
    if (name === 'phone') {
      // Two columns of tiles at 390 px.
      const boxes = await policies.categoryGrid().getByRole('link').evaluateAll((els) => els.slice(0, 3).map((e) => e.getBoundingClientRect().top));
      expect(boxes[0]).toBe(boxes[1]);
      expect(boxes[2]).toBeGreaterThan(boxes[0]);
    }
    await policies.screenshot(`policies-grid-${name}`);

    await page.goto(`/policies/guide/${contribution.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(contribution.title);
    await policies.screenshot(`policies-guide-${name}`);
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByTestId('print-header')).toBeVisible();
    await expect(page.getByTestId('print-header')).toContainText('即墨区通济街道办事处');
    await expect(page.getByTestId('print-header')).toContainText(/打印日期：\d{4}年\d{1,2}月\d{1,2}日/);
    await expect(page.getByTestId('print-header')).toContainText('示例内容');
    await expect(page.getByRole('navigation', { name: '主导航' })).toBeHidden();
    await expect(page.getByRole('button', { name: '打印' })).toBeHidden();
    await policies.screenshot(`policies-guide-print-${name}`, true);
    await page.emulateMedia({ media: 'screen' });

    await page.goto('/policies/match');
    await policies.fillProfile(garmentWorkshop);
    await policies.runMatch();
    await policies.screenshot(`policies-match-${name}`);
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByTestId('print-header')).toContainText('政策匹配结果');
    await expect(page.getByRole('button', { name: '开始匹配' })).toBeHidden();
    await policies.screenshot(`policies-match-print-${name}`, true);
  });
}

async function newPage(browser: Browser) {
  const context = await browser.newContext({ locale: 'zh-CN' });
  return { context, page: await context.newPage() };
}

test('an admin edits a guide offline; after sync a second browser sees the edit without the 示例 mark', async ({ browser }) => {
  test.setTimeout(240_000);
  const server = await TestServer.start();
  try {
    const base = server.url;
    const { context, page } = await newPage(browser);
    const policies = new PoliciesPage(page, base);
    // A fresh server compresses the app's files first; wait until it serves and syncs.
    await firstLoad(page, base);
    await patientLogin(page, accounts.admin1, '/policies', base);
    await waitSynced(page);
    await context.setOffline(true);
    await expect(page.getByTestId('online-state')).toHaveText(/离线/);

    await policies.openCategory('资金扶持');
    await policies.openGuide(contribution.title);
    await page.getByRole('link', { name: '编辑指南' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '编辑政策指南' })).toBeVisible();
    await expect(page.getByText('保存修改后，“示例”标记会去掉')).toBeVisible();

    // Unsaved typing survives leaving the page (an autosaved draft) and can be discarded.
    const titleBox = page.getByRole('textbox', { name: /^政策名称/ });
    await titleBox.fill('草稿中的标题');
    await policies.openFromNav();
    await policies.openCategory('资金扶持');
    await policies.openGuide(contribution.title);
    await page.getByRole('link', { name: '编辑指南' }).click();
    await expect(page.getByTestId('draft-restored')).toContainText('未保存的修改');
    await expect(titleBox).toHaveValue('草稿中的标题');
    await page.getByRole('button', { name: '放弃这些修改' }).click();
    await expect(titleBox).toHaveValue(contribution.title);
    await expect(page.getByTestId('draft-restored')).toHaveCount(0);

    // Bad input is refused per field and changes nothing.
    const department = page.getByRole('textbox', { name: /^主管部门/ });
    await department.fill('');
    await page.getByRole('textbox', { name: /^咨询电话/ }).fill('call us');
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByTestId('form-errors')).toContainText('主管部门：必填');
    await expect(page.getByTestId('form-errors')).toContainText('咨询电话：请填写手机号或座机号');
    await expect(page).toHaveURL(/\/edit$/);

    const title = `${contribution.title}（2027年修订）`;
    await page.getByRole('textbox', { name: /^政策名称/ }).fill(title);
    await department.fill('通济街道经济发展办公室');
    await page.getByRole('textbox', { name: /^咨询电话/ }).fill('0532-88531019');
    await page.getByRole('textbox', { name: /^申报流程/ }).fill('1. 联系社区领取申请表\n2. 提交材料\n3. 审核公示后拨付');
    // Structured conditions: raise the revenue threshold.
    const revenueRow = page.getByTestId('condition-row').filter({ has: page.locator('select option:checked', { hasText: '年营业收入不低于' }) });
    await revenueRow.getByRole('textbox').fill('6000');
    await expect(revenueRow).toContainText('要求：年营业收入不低于 6,000 万元');
    await page.getByRole('button', { name: '保存' }).click();

    await expect(page).toHaveURL(new RegExp(`/policies/guide/${contribution.id}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page.getByTestId('sample-mark')).toHaveCount(0);
    await expect(page.getByTestId('pending-badge')).toHaveText('待同步');
    await expect(page.getByRole('list').filter({ hasText: '审核公示后拨付' }).getByRole('listitem')).toHaveCount(3);
    await expect(page.getByTestId('conditions')).toContainText('年营业收入不低于 6,000 万元');

    await context.setOffline(false);
    await waitSynced(page);
    await expect(page.getByTestId('pending-badge')).toHaveCount(0);

    const second = await newPage(browser);
    await firstLoad(second.page, base);
    await second.page.goto(`${base}/policies/guide/${contribution.id}`);
    await expect(second.page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(second.page.getByText('通济街道经济发展办公室')).toBeVisible();
    await expect(second.page.getByTestId('sample-mark')).toHaveCount(0);
    await expect(second.page.getByRole('link', { name: '编辑指南' })).toHaveCount(0);
    // Its category page lists the edited title too.
    await second.page.goto(`${base}/policies/category/${funding.id}`);
    await expect(second.page.getByRole('link', { name: new RegExp(escape(title)) })).toBeVisible();
    await second.context.close();

    // Admins also create categories and guides (online here; same save path).
    await page.goto(`${base}/policies/categories/new`);
    await page.getByRole('textbox', { name: /^类别名称/ }).fill('测试类别');
    await page.getByRole('textbox', { name: /^显示顺序/ }).fill('第一');
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByText('显示顺序：应在 0 到 999 之间')).toBeVisible();
    await page.getByRole('textbox', { name: /^显示顺序/ }).fill('20');
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('测试类别');
    await expect(page.getByText('这一类还没有政策指南')).toBeVisible();
    await page.getByRole('link', { name: '新增指南' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '新增政策指南' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: /^政策类别/ })).toHaveValue(/^[0-9a-f-]{36}$/);
    await page.getByRole('textbox', { name: /^政策名称/ }).fill('测试纺织企业补助');
    await page.getByRole('textbox', { name: /^支持内容/ }).fill('每家企业补助 5,000 元。');
    await page.getByRole('textbox', { name: /^主管部门/ }).fill('通济街道经济发展办公室');
    await page.getByRole('button', { name: '添加条件' }).click();
    await page.getByTestId('condition-row').getByRole('textbox').fill('纺织、服装');
    await page.getByRole('combobox', { name: '估算方式' }).selectOption({ label: '定额' });
    await page.getByRole('textbox', { name: /^金额（元）/ }).fill('5000');
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('测试纺织企业补助');
    await expect(page.getByTestId('conditions')).toContainText('要求：所属行业为纺织或服装');
    await expect(page.getByText('定额 5,000 元')).toBeVisible();
    await expect(page.getByTestId('sample-mark')).toHaveCount(0);
    await page.getByRole('link', { name: '测试类别' }).click();
    await expect(page.getByRole('list', { name: '本类政策指南' }).getByRole('link')).toHaveCount(1);
    await context.close();
  } finally {
    await server.stop();
  }
});

test('staff see no edit buttons and the editor turns them away', async ({ page }) => {
  await login(page, accounts.staff1, '/policies');
  await waitSynced(page);
  await page.goto(`/policies/guide/${contribution.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(contribution.title);
  await expect(page.getByRole('link', { name: '编辑指南' })).toHaveCount(0);
  await page.goto(`/policies/guide/${contribution.id}/edit`);
  await expect(page.getByText('仅管理员可以编辑')).toBeVisible();
  await expect(page.getByRole('button', { name: '保存' })).toHaveCount(0);
});

test('staff start the matcher from an enterprise record (?enterprise=<id>) or pick one from the ledger', async ({ page }) => {
  const policies = new PoliciesPage(page);
  const shop = '33d84eab-3723-5550-92be-7c90438f0bf8'; // 即墨区瑞祥昌隆服装辅料店 (seed)
  await login(page, accounts.staff1, '/policies');
  await waitSynced(page);
  await page.goto(`/policies/match?enterprise=${shop}`);
  await expect(page.getByRole('heading', { level: 2, name: /匹配对象/ })).toHaveText('匹配对象：即墨区瑞祥昌隆服装辅料店（企业台账数据）');
  await expect(page.getByTestId('match-summary')).toBeVisible();
  await page.getByText('修改企业情况').click();
  await expect(page.getByRole('textbox', { name: /^所属行业/ })).toHaveValue('批发零售');
  await expect(page.getByRole('textbox', { name: /^年营业收入/ })).toHaveValue('2380');
  // Changing a figure keeps the enterprise and says the figures were edited.
  await page.getByRole('textbox', { name: /^参保人数/ }).fill('8');
  await page.getByRole('button', { name: '开始匹配' }).click();
  await expect(page).toHaveURL(new RegExp(`enterprise=${shop}.*insured=8`));
  await expect(page.getByRole('heading', { level: 2, name: /匹配对象/ })).toContainText('在台账数据基础上修改');

  const picker = page.getByRole('combobox', { name: /从企业台账选择/ });
  await picker.selectOption({ label: '即发集团有限公司' });
  await expect(page).toHaveURL(/enterprise=f69a4882-83a1-5fd2-8df8-fe88c5acb32c$/);
  await expect(page.getByRole('heading', { level: 2, name: /匹配对象/ })).toContainText('即发集团有限公司（企业台账数据）');
  expect((await policies.summary()).eligible).toBeGreaterThan(0);
});
