import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { csrfToken } from '../../src/server/csrf.js';
import { createAccount, haveChromium, launchBrowser, startServer, type RunningServer } from '../browser.js';

const PASSWORD = 'Passw0rd-ledger';

// The review loop of issue 4 in a real browser: a unit files a report with evidence, the office returns it,
// the unit resubmits, the office accepts, and the dashboard's count of reports awaiting review changes.
describe.skipIf(!haveChromium && !process.env.CI)('ledger review loop in a real browser (npm start server)', () => {
  let server: RunningServer;
  let browser: Browser;
  let adminCookie = '';
  let taskId = 0;
  const call = async (url: string, method = 'GET', body?: unknown, cookie = adminCookie) => {
    const res = await fetch(`${server.url}${url}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken(cookie.replace(/^bizenv_session=/, '')), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return { json: await res.json(), res };
  };
  const login = async (page: Page, account: string) => {
    await page.goto(`${server.url}/login`);
    await page.locator('input#account, input[autocomplete="username"]').fill(account);
    await page.locator('input[autocomplete="current-password"]').fill(PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.getByTestId('current-user').waitFor();
  };
  const pending = async (page: Page) => {
    await page.goto(`${server.url}/ledger/dashboard`);
    return (await page.getByTestId('stat-pending').locator('.ant-statistic-content-value').textContent())?.trim();
  };

  beforeAll(async () => {
    server = await startServer({ BIZENV_ADMIN_PASSWORD: PASSWORD });
    browser = await launchBrowser();
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ account: 'admin', password: PASSWORD }),
    });
    adminCookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    const planId = (await call('/api/plan/plans')).json[0].id as number;
    await call(`/api/ledger/plans/${planId}/init`, 'POST');
    await call(`/api/ledger/plans/${planId}/cycles`, 'POST', { from: '2021-09', to: '2021-09' });
    await createAccount(server.url, adminCookie, { account: 'office1', name: '营商办甲', role: 'office', password: PASSWORD });
    await createAccount(server.url, adminCookie, { account: 'zwfw1', name: '政务服务办乙', role: 'unit_staff', password: PASSWORD, units: ['区政务服务办'] });
    taskId = ((await call(`/api/ledger/plans/${planId}/tasks`)).json as Array<{ id: number; code: string }>).find((t) => t.code === '22-1')!.id;
  }, 150_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('files, returns, resubmits and accepts a report; the dashboard follows', async () => {
    const unit = await (await browser.newContext()).newPage();
    await login(unit, 'zwfw1');
    const officeCtx = await browser.newContext();
    const officePage = await officeCtx.newPage();
    await login(officePage, 'office1');
    expect(await pending(officePage)).toBe('0');

    await unit.goto(`${server.url}/ledger/tasks/${taskId}`);
    await unit.getByTestId('open-report').click();
    await unit.getByTestId('report-done').fill('完成第三批跨区县通办事项梳理');
    await unit.getByTestId('report-submit').click();
    await unit.getByTestId('evidence-upload').waitFor();
    await unit
      .locator('input[type="file"]')
      .setInputFiles({ name: '通办事项清单.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% bizenv browser test\n') });
    await unit.getByText('已上传 通办事项清单.pdf').waitFor();
    const reportId = ((await call(`/api/ledger/reports?taskId=${taskId}`)).json as Array<{ id: number }>)[0]!.id;
    expect(await pending(officePage)).toBe('1');

    await officePage.goto(`${server.url}/ledger/reports/${reportId}`);
    await officePage.getByTestId('evidence-link').waitFor();
    await officePage.getByTestId('review-comment').fill('请补充办理时限数据');
    await officePage.getByTestId('review-return').click();
    await expect.poll(async () => officePage.getByTestId('report-state').textContent()).toBe('已退回');

    await unit.goto(`${server.url}/ledger/reports/${reportId}`);
    await unit.getByText('请补充办理时限数据').waitFor();
    await unit.getByTestId('resubmit').click();
    await unit.getByTestId('report-done').fill('完成第三批跨区县通办事项梳理，平均办理时限缩短至3个工作日');
    await unit.getByTestId('report-submit').click();
    await expect.poll(async () => unit.getByTestId('report-state').textContent()).toBe('待审核');

    await officePage.goto(`${server.url}/ledger/reports/${reportId}`);
    await officePage.getByTestId('review-accept').click();
    await expect.poll(async () => officePage.getByTestId('report-state').textContent()).toBe('已通过');
    expect(await pending(officePage)).toBe('0');
    const report = (await call(`/api/ledger/reports/${reportId}`)).json;
    expect(report.versions.map((v: { version: number; outcome: string }) => [v.version, v.outcome])).toEqual([
      [2, 'accepted'],
      [1, 'returned'],
    ]);
  });

  it('a breached indicator shows 偏离目标 on the ledger list and the task page, linked to the indicator', async () => {
    // 2021-09-23 → 2021-10-12 takes 10 working days: over the 9 of measure 6 (获得用水).
    await call('/api/indicators/records/utility', 'POST', {
      records: [{ externalId: 'B1', 责任单位: '区城管局', 报装类型: '用水', 申请日期: '2021-09-23', 接通日期: '2021-10-12' }],
    });
    const planId = (await call('/api/plan/plans')).json[0].id as number;
    const t6 = ((await call(`/api/ledger/plans/${planId}/tasks`)).json as Array<{ id: number; code: string }>).find((t) => t.code === '6-1')!.id;
    const page = await (await browser.newContext()).newPage();
    await login(page, 'office1');
    await page.goto(`${server.url}/ledger`);
    const row = page.locator('tr', { has: page.getByTestId('task-link-6-1') });
    await expect.poll(async () => row.getByTestId('flag-off_track').textContent()).toBe('偏离目标');
    await page.goto(`${server.url}/ledger/tasks/${t6}`);
    const alert = page.getByTestId('off-track');
    await expect.poll(async () => alert.textContent()).toContain('指标“获得用水全流程用时”未达标');
    expect(await alert.getByRole('link').getAttribute('href')).toBe('/indicators/water-connection');
    await page.getByTestId('light-red').waitFor();
  });

  it('the office re-imports the task ledger: checked, then written in the background with its progress and result (390 px)', async () => {
    const planId = (await call('/api/plan/plans')).json[0].id as number;
    const sheet = Buffer.from(await (await fetch(`${server.url}/api/ledger/plans/${planId}/tasks.xlsx`, { headers: { cookie: adminCookie } })).arrayBuffer());
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })).newPage();
    await login(page, 'office1');
    await page.goto(`${server.url}/ledger`);
    await page.locator('input[type="file"][accept=".xlsx"]').setInputFiles({
      name: '改革任务台账.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: sheet,
    });
    // Its own export, unchanged: every row checked, nothing to write.
    await expect
      .poll(() => page.getByTestId('run-result').textContent(), { timeout: 60_000 })
      .toMatch(/改革任务台账\.xlsx：\d+ 行，新增任务 0，更新 0，未变 \d+/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    fs.mkdirSync('tmp/screenshots', { recursive: true });
    await page.screenshot({ path: path.join('tmp/screenshots', 'ledger-import-run-390.png'), fullPage: false });
  });
});
