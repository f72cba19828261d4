import { expect, test, type Browser, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { accounts, TestServer } from './fixtures/server';
import { login, syncNow, waitSynced } from './fixtures/session';
import { Jobs } from './fixtures/jobs';
import { Projects } from './fixtures/projects';
import { waitControlled } from './fixtures/pwa';
import { idbCount, idbRows, markCount, packIds, staffCounts } from './fixtures/idb';

const PROJECT = '墨水河流域及其支流防洪减灾治理工程';

// Scenario tests drive several pages and servers; give them room.
test.describe.configure({ timeout: 180_000 });

async function addUpdate(page: Page, text: string) {
  await page.getByLabel('进展内容').fill(text);
  await page.getByRole('button', { name: '添加进展' }).click();
  await expect(page.getByText(text, { exact: true })).toBeVisible();
}

async function createProject(page: Page, base: string, name: string) {
  await page.goto(`${base}/projects/new`);
  await page.getByLabel('项目名称').fill(name);
  await page.getByLabel('建设单位').fill('通济街道办事处');
  await page.getByLabel('建设地点').fill('通济街道');
  await page.getByRole('button', { name: '保存项目' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
}

function projectsNamed(changes: any[], prefix: string) {
  return changes.filter((c) => c.collection === 'projects' && !c.deleted && c.data.name.startsWith(prefix));
}

/** A new device with staff1 logged in and synced, on the project page. */
async function staffOnProject(browser: Browser, server: TestServer) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, accounts.staff1, '/projects', server.url);
  await waitSynced(page);
  const projects = new Projects(page, server.url);
  await projects.openOverview();
  await projects.open(PROJECT);
  return { context, page };
}

function updatesOf(changes: any[], name: string): string[] {
  const p = changes.find((c) => c.collection === 'projects' && c.data.name === name);
  return p.data.updates.map((u: any) => u.text);
}

test('(1) offline from the first write: records survive reload and reopening, then reach the server exactly once', async ({ browser }) => {
  const server = await TestServer.start();
  try {
    const context = await browser.newContext();
    let page = await context.newPage();
    await login(page, accounts.staff1, '/projects', server.url);
    await waitSynced(page);
    await waitControlled(page);
    await context.setOffline(true);
    for (const n of [1, 2, 3]) await createProject(page, server.url, `离线新建项目-${n}`);
    await expect(page.getByTestId('sync-badge')).toHaveText(/3 条待同步/);

    expect((await page.reload())?.fromServiceWorker()).toBe(true);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('离线新建项目-3');
    await page.close();
    page = await context.newPage();
    await page.goto(`${server.url}/projects`);
    await expect(page.locator('.project-card').filter({ hasText: '离线新建项目-' })).toHaveCount(3);

    await context.setOffline(false);
    await waitSynced(page);
    const token = await server.token(accounts.staff2);
    const onServer = projectsNamed(await server.pullAll(token), '离线新建项目-');
    expect(onServer.map((c) => c.data.name).sort()).toEqual(['离线新建项目-1', '离线新建项目-2', '离线新建项目-3']);
    expect(onServer.every((c) => c.rev === 1)).toBe(true);
    await context.close();
  } finally {
    await server.stop();
  }
});

test('(2) two devices edit one record offline: different fields both survive; the same field becomes a conflict the user resolves', async ({ browser }) => {
  const server = await TestServer.start();
  try {
    const a = await browser.newContext();
    const b = await browser.newContext();
    const pa = await a.newPage();
    const pb = await b.newPage();
    for (const [page, account] of [[pa, accounts.staff1], [pb, accounts.staff2]] as const) {
      await login(page, account, '/projects', server.url);
      await waitSynced(page);
      await new Projects(page, server.url).openOverview();
      await new Projects(page, server.url).open(PROJECT);
    }
    await a.setOffline(true);
    await b.setOffline(true);
    // Different fields: A changes the status, B adds a blocking issue.
    await pa.getByLabel('项目状态').selectOption({ label: '暂缓' });
    await expect(pa.getByTestId('sync-badge')).toHaveText(/待同步/);
    await pb.getByLabel('新堵点').fill('汛期临时停工');
    await pb.getByLabel('责任部门').fill('即墨区水务局');
    await pb.getByRole('button', { name: '添加堵点' }).click();
    await expect(pb.getByText('汛期临时停工')).toBeVisible();
    await a.setOffline(false);
    await waitSynced(pa);
    await b.setOffline(false);
    await waitSynced(pb);
    const token = await server.token(accounts.staff1);
    let record = (await server.pullAll(token)).find((c) => c.collection === 'projects' && c.data.name === PROJECT);
    expect(record.data.status).toBe('on_hold');
    expect(record.data.blockers.map((x: any) => x.description)).toContain('汛期临时停工');
    expect(record.data._conflicts ?? []).toEqual([]);

    // The same field: A completes, then B (later) sets "preparing".
    await pa.reload();
    await waitSynced(pa);
    await a.setOffline(true);
    await b.setOffline(true);
    await pa.getByLabel('项目状态').selectOption({ label: '已完工' });
    await pb.reload();
    await pb.getByLabel('项目状态').selectOption({ label: '前期' });
    await a.setOffline(false);
    await waitSynced(pa);
    await b.setOffline(false);
    await waitSynced(pb);
    record = (await server.pullAll(token)).find((c) => c.collection === 'projects' && c.data.name === PROJECT);
    expect(record.data.status).toBe('preparing');
    expect(record.data._conflicts).toEqual([expect.objectContaining({ path: 'status', kept: 'preparing', other: 'completed' })]);

    // Device A learns of the conflict, sees both values and keeps its own.
    await pa.goto(`${server.url}/status`);
    await pa.getByTestId('sync-now').click();
    const conflicts = pa.getByTestId('conflicts');
    // Named and shown as the user knows them, not as the stored codes.
    await expect(conflicts).toContainText('内容：项目状态');
    await expect(conflicts.getByTestId('conflict-kept')).toHaveText('前期');
    await expect(conflicts.getByTestId('conflict-other')).toHaveText('已完工');
    await conflicts.screenshot({ path: 'tests/e2e/.output/screenshots/conflict.png' });
    await conflicts.getByRole('button', { name: '改用这个值' }).click();
    await expect(conflicts).toContainText('没有冲突');
    await waitSynced(pa);
    record = (await server.pullAll(token)).find((c) => c.collection === 'projects' && c.data.name === PROJECT);
    expect(record.data.status).toBe('completed');
    expect(record.data._conflicts ?? []).toEqual([]);
    await a.close();
    await b.close();
  } finally {
    await server.stop();
  }
});

test('(3) the server is killed -9 during a push and restarted: sync recovers with no loss and no duplicate', async ({ browser }) => {
  // Each pushed mutation waits 300 ms inside the push's transaction.
  const server = await TestServer.start({ env: { TONGJI_FAULT_PUSH_PAUSE_MS: '300' } });
  try {
    const { context, page } = await staffOnProject(browser, server);
    await context.setOffline(true);
    const texts = Array.from({ length: 10 }, (_, i) => `断电测试进展 ${i + 1}`);
    for (const t of texts) await addUpdate(page, t);
    const pushStarted = page.waitForRequest((r) => r.url().endsWith('/api/sync/push'));
    await context.setOffline(false);
    await pushStarted;
    await page.waitForTimeout(1000);
    server.kill9();
    await server.restart({});
    await waitSynced(page);
    const token = await server.token(accounts.staff2);
    const updates = updatesOf(await server.pullAll(token), PROJECT).filter((t) => t.startsWith('断电测试进展'));
    expect(updates.sort()).toEqual([...texts].sort());
    await context.close();
  } finally {
    await server.stop();
  }
});

test('(4) two tabs: only the syncing tab pushes, the other shows the new data', async ({ browser }) => {
  const server = await TestServer.start();
  try {
    const context = await browser.newContext();
    const leader = await context.newPage();
    await login(leader, accounts.staff1, '/projects', server.url);
    await waitSynced(leader);
    await new Projects(leader, server.url).openOverview();
    await new Projects(leader, server.url).open(PROJECT);
    const follower = await context.newPage();
    await follower.goto(leader.url());
    await expect(follower.getByRole('heading', { level: 1 })).toHaveText(PROJECT);
    const pushes = { leader: 0, follower: 0 };
    leader.on('request', (r) => r.url().endsWith('/api/sync/push') && pushes.leader++);
    follower.on('request', (r) => r.url().endsWith('/api/sync/push') && pushes.follower++);

    await addUpdate(follower, '第二个标签页写入的进展');
    // The leader tab shows it without a reload, and pushes it.
    await expect(leader.getByText('第二个标签页写入的进展')).toBeVisible();
    await waitSynced(follower);
    expect(pushes.leader).toBeGreaterThan(0);
    expect(pushes.follower).toBe(0);
    const token = await server.token(accounts.staff2);
    expect(updatesOf(await server.pullAll(token), PROJECT)).toContain('第二个标签页写入的进展');
    await context.close();
  } finally {
    await server.stop();
  }
});

test('(5) twenty quick offline/online flips during a sync: the end state matches the server', async ({ browser }) => {
  const server = await TestServer.start();
  try {
    const { context, page } = await staffOnProject(browser, server);
    await context.setOffline(true);
    const texts = Array.from({ length: 5 }, (_, i) => `网络抖动进展 ${i + 1}`);
    for (const t of texts) await addUpdate(page, t);
    for (let i = 0; i < 20; i++) {
      await context.setOffline(i % 2 === 1);
      await page.waitForTimeout(40 + ((i * 37) % 90));
    }
    await context.setOffline(false);
    await waitSynced(page);
    const token = await server.token(accounts.staff2);
    const onServer = updatesOf(await server.pullAll(token), PROJECT).filter((t) => t.startsWith('网络抖动进展'));
    expect(onServer.sort()).toEqual([...texts].sort());
    expect(await idbCount(page, 'outbox')).toBe(0);
    await context.close();
  } finally {
    await server.stop();
  }
});

test('(6) an anonymous device never receives staff data, and logout removes it', async ({ browser }) => {
  const anonymous = await browser.newContext();
  const anon = await anonymous.newPage();
  await anon.goto('/jobs');
  await waitSynced(anon);
  expect(await idbCount(anon, 'positions')).toBeGreaterThan(0);
  expect(await staffCounts(anon)).toEqual({ enterprises: 0, visits: 0, projects: 0, interests: 0 });
  await anon.goto('/projects');
  await expect(anon.getByText('此栏目仅限工作人员')).toBeVisible();
  await anonymous.close();

  const staff = await browser.newContext();
  const page = await staff.newPage();
  await login(page, accounts.staff1, '/status');
  await waitSynced(page);
  expect(await idbCount(page, 'projects')).toBeGreaterThan(0);
  expect(await idbCount(page, 'enterprises')).toBeGreaterThan(0);
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByText('未登录')).toBeVisible();
  expect(await staffCounts(page)).toEqual({ enterprises: 0, visits: 0, projects: 0, interests: 0 });
  await staff.close();
});

test('(7) a write made while a sync is pulling is pushed right after that sync, not at the next interval', async ({ browser }) => {
  const server = await TestServer.start();
  try {
    const { context, page } = await staffOnProject(browser, server);
    // Pulls wait at a gate until released (then pass), so the second write
    // surely lands after the push of the run already under way.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let reached!: () => void;
    const pulling = new Promise<void>((r) => (reached = r));
    const isPull = (url: URL) => url.pathname === '/api/sync/pull';
    await context.route(isPull, async (route) => {
      reached();
      await gate;
      await route.continue();
    });
    await addUpdate(page, '同步中写入前的进展');
    await pulling;
    await addUpdate(page, '同步拉取时写入的进展');
    await expect(page.getByTestId('sync-badge')).toHaveAttribute('data-pending', /^[1-9]/);
    release();
    // The interval is 30 s; the write's own request runs right after the held run.
    await expect(page.getByTestId('sync-badge')).toHaveText(/已同步|Synced/, { timeout: 12_000 });
    const token = await server.token(accounts.staff2);
    const updates = updatesOf(await server.pullAll(token), PROJECT);
    expect(updates).toEqual(expect.arrayContaining(['同步中写入前的进展', '同步拉取时写入的进展']));
    await context.unroute(isPull);
    await context.close();
  } finally {
    await server.stop();
  }
});

test('(8) 1,234 changes queued offline go up in three batches: each reaches the server once and settles on the device', async ({ browser }) => {
  const server = await TestServer.start();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await login(page, accounts.staff1, '/status', server.url);
    await waitSynced(page);
    await context.setOffline(true);
    // A day of offline visits on a tablet, queued through the app's own
    // backup import (which validates each one like a form save would).
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-backup').click()]);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    const enterprises = exported.records.filter((r: any) => r.collection === 'enterprises' && !r.deleted).map((r: any) => r.id);
    expect(enterprises.length).toBeGreaterThan(0);
    const COUNT = 1234;
    const stamp = `批量走访-${Date.now().toString(36)}`;
    const at = new Date().toISOString();
    const records: any[] = [];
    const queued: any[] = [];
    for (let i = 0; i < COUNT; i++) {
      const id = randomUUID();
      const data = { enterprise_id: enterprises[i % enterprises.length], date: at.slice(0, 10), staff: '测试员', purpose: `${stamp} ${i + 1}`, notes: '' };
      records.push({ collection: 'visits', id, rev: 0, updated_at: at, deleted: false, pending: true, data, base: null });
      queued.push({ mutation: { mutation_id: randomUUID(), collection: 'visits', id, base_rev: 0, op: 'upsert', data, updated_at: at }, rejected: false, error: null, created_at: at });
    }
    const backup = { ...exported, records: [...exported.records, ...records], outbox: [...exported.outbox, ...queued] };
    await page.getByTestId('import-backup').setInputFiles({ name: 'queued.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(backup)) });
    await expect(page.getByTestId('backup-message')).toHaveText(new RegExp(`待同步修改 ${COUNT} 条`), { timeout: 60_000 });
    expect(await idbCount(page, 'outbox')).toBe(COUNT);

    const pushes: number[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/sync/push')) pushes.push(JSON.parse(r.postData() ?? '{}').mutations?.length);
    });
    await context.setOffline(false);
    await expect(page.getByTestId('sync-badge')).toHaveText(/已同步|Synced/, { timeout: 60_000 });
    // At most 500 per request, in outbox order.
    expect(pushes).toEqual([500, 500, 234]);

    const token = await server.token(accounts.staff2);
    const purposes = (await server.pullAll(token))
      .filter((c) => c.collection === 'visits' && !c.deleted && c.data.purpose.startsWith(stamp))
      .map((c) => c.data.purpose);
    expect(purposes.length).toBe(COUNT);
    expect(new Set(purposes).size).toBe(COUNT);
    expect(await idbCount(page, 'outbox')).toBe(0);
    const ids = records.map((r) => r.id);
    const unsettled = await page.evaluate(
      (ids) =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('tongji');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const req = open.result.transaction('visits').objectStore('visits').getAll();
            req.onsuccess = () => {
              const mine = new Set(ids);
              const rows = req.result.filter((r: any) => mine.has(r.id));
              open.result.close();
              resolve(rows.length === ids.length ? rows.filter((r: any) => r.pending || !(r.rev > 0)).length : -1);
            };
            req.onerror = () => reject(req.error);
          };
        }),
      ids,
    );
    expect(unsettled, 'imported visits still pending or without a server revision (-1: some missing)').toBe(0);
    await context.close();
  } finally {
    await server.stop();
  }
});

test('(9) a catalog of 2,500 positions arrives in packs, reads whole offline, later server edits and deletes show, and a worn pack is compacted', async ({ browser }) => {
  const server = await TestServer.start({ seedPositions: 2_500 });
  try {
    const live = (await server.pullAll()).filter((c) => c.collection === 'positions' && !c.deleted);
    expect(live.length).toBeGreaterThan(2_500);
    const context = await browser.newContext();
    const page = await context.newPage();
    const jobs = new Jobs(page);
    await page.goto(`${server.url}/jobs/positions`);
    await waitSynced(page);
    // Several pages: most positions sit in packs, not one object each.
    expect(await idbCount(page, 'packs')).toBeGreaterThanOrEqual(2);
    expect(await idbCount(page, 'positions')).toBeLessThan(live.length / 2);
    await expect(jobs.resultCount()).toHaveText(`共 ${live.length} 个岗位`, { timeout: 30_000 });

    // A packed position opens from its link; an admin then renames it and
    // deletes another, and the next sync shows both.
    const [renamed, removed] = live.slice(-2);
    await page.goto(`${server.url}/jobs/positions/${renamed.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(renamed.data.title);
    const token = await server.token(accounts.admin1);
    const now = new Date().toISOString();
    const results = await server.push(token, [
      { mutation_id: randomUUID(), collection: 'positions', id: renamed.id, base_rev: renamed.rev, op: 'upsert', data: { ...renamed.data, title: '大数据标注员（夜班）' }, updated_at: now },
      { mutation_id: randomUUID(), collection: 'positions', id: removed.id, base_rev: removed.rev, op: 'delete', data: null, updated_at: now },
    ]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
    await syncNow(page, server.url);
    await waitSynced(page);
    await page.goto(`${server.url}/jobs/positions/${renamed.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('大数据标注员（夜班）');
    await page.goto(`${server.url}/jobs/positions/${removed.id}`);
    await expect(page.getByText('找不到这个岗位')).toBeVisible();

    // Offline, from the service worker and IndexedDB: every position but
    // the deleted one, and search finds the renamed one.
    await waitControlled(page);
    await context.setOffline(true);
    await page.goto(`${server.url}/jobs/positions`);
    await expect(jobs.resultCount()).toHaveText(`共 ${live.length - 1} 个岗位`, { timeout: 30_000 });
    await jobs.searchBox().pressSequentially('标注员', { delay: 40 });
    await expect(jobs.cards().first()).toContainText('大数据标注员（夜班）');

    // A pull of changes to an unpacked collection only (a fair renamed while
    // the device is offline) runs no compaction check (src/sync/engine.rs).
    const fair = (await server.pullAll()).find((c) => c.collection === 'fairs' && !c.deleted)!;
    const fairResults = await server.push(token, [
      { mutation_id: randomUUID(), collection: 'fairs', id: fair.id, base_rev: fair.rev, op: 'upsert', data: { ...fair.data, name: `${fair.data.name}（改期）` }, updated_at: now },
    ]);
    expect(fairResults.map((r) => r.status)).toEqual(['applied']);
    await page.goto(`${server.url}/status`);
    await context.setOffline(false);
    await page.getByTestId('sync-now').click();
    await expect.poll(async () => (await idbRows(page, 'fairs')).find((r) => r.id === fair.id)?.rev).toBe(fair.rev + 1);
    await waitSynced(page);
    expect(await markCount(page, 'sync:pull:end')).toBeGreaterThan(0);
    expect(await markCount(page, 'sync:compact:start'), 'compaction check after a fairs-only pull').toBe(0);

    // The server deletes a third of the largest pack's positions. The next
    // sync finds that pack worn (domain::pack_wear) and rewrites it without
    // them; their tombstones go with them, and the list is as it should be.
    const packs = await packIds(page, 'positions');
    const [wornKey, wornIds] = Object.entries(packs).sort((a, b) => b[1].length - a[1].length)[0];
    const byId = new Map(live.map((c) => [c.id, c]));
    const gone = wornIds
      .filter((id) => id !== renamed.id && id !== removed.id)
      .slice(0, Math.ceil(wornIds.length / 3));
    for (let i = 0; i < gone.length; i += 500) {
      const deletes = gone.slice(i, i + 500).map((id) => ({
        mutation_id: randomUUID(), collection: 'positions', id, base_rev: byId.get(id)!.rev, op: 'delete', data: null, updated_at: now,
      }));
      expect((await server.push(token, deletes)).every((r) => r.status === 'applied')).toBe(true);
    }
    const rowsBefore = await idbCount(page, 'positions');
    await syncNow(page, server.url);
    await waitSynced(page);
    await expect.poll(async () => Object.keys(await packIds(page, 'positions'))).not.toContain(wornKey);
    expect(await markCount(page, 'sync:compact:start')).toBeGreaterThan(0);
    const packedNow = new Set(Object.values(await packIds(page, 'positions')).flat());
    expect(gone.filter((id) => packedNow.has(id)), 'deleted positions left in packs').toEqual([]);
    const stillThere = wornIds.filter((id) => !gone.includes(id) && id !== renamed.id && id !== removed.id);
    expect(stillThere.filter((id) => !packedNow.has(id)), 'positions lost from the pack').toEqual([]);
    // The removed position's tombstone goes too if it hid a copy in that pack.
    expect(await idbCount(page, 'positions')).toBe(rowsBefore - (wornIds.includes(removed.id) ? 1 : 0));
    await page.goto(`${server.url}/jobs/positions`);
    await expect(jobs.resultCount()).toHaveText(`共 ${live.length - 1 - gone.length} 个岗位`, { timeout: 30_000 });
    console.log(`(9) compaction: pack of ${wornIds.length} positions, ${gone.length} deleted on the server: rewritten with ${stillThere.length}, no tombstone left`);
    await context.close();
  } finally {
    await server.stop();
  }
});
