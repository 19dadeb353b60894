import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { csrfToken } from '../../src/server/csrf.js';
import { completeCreditCode } from '../../src/enterprises/index.js';
import { createAccount, haveChromium, launchBrowser, startServer, type RunningServer } from '../browser.js';

const PASSWORD = 'Passw0rd-comm-2026';
const SHOTS = path.resolve('tmp/screenshots/requests-communication');

// Issue 14, 政企沟通 and 回访: an issue raised at a 政企座谈会 becomes a request; a unit records a visit to a key firm
// and turns the need found into a request; the coverage shows the firm visited.
describe.skipIf(!haveChromium && !process.env.CI)('政企沟通 and 回访 in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let adminCookie = '';
  const call = async (url: string, method = 'GET', body?: unknown) => {
    const res = await fetch(`${server.url}${url}`, {
      method,
      headers: {
        cookie: adminCookie,
        'x-csrf-token': csrfToken(adminCookie.replace(/^bizenv_session=/, '')),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const open = async (account: string, width: number) => {
    const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
    await page.goto(`${server.url}/login`);
    await page.locator('input#account, input[autocomplete="username"]').fill(account);
    await page.locator('input[autocomplete="current-password"]').fill(PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.getByTestId('current-user').waitFor();
    return page;
  };
  const shot = async (page: Page, name: string) => {
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
    const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    expect(scroll, `${name}: horizontal scroll`).toBeLessThanOrEqual(client);
  };
  let firmId = 0;
  let meetingId = 0;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer({ BIZENV_ADMIN_PASSWORD: PASSWORD });
    browser = await launchBrowser();
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ account: 'admin', password: PASSWORD }),
    });
    adminCookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    firmId = (
      await call('/api/enterprises', 'POST', { creditCode: completeCreditCode('91500103MA5UR301A'), name: '重庆渝商智造有限公司', industryCode: '3511' })
    ).id;
    await createAccount(server.url, adminCookie, { account: 'office1', name: '营商办甲', role: 'office', password: PASSWORD });
    await createAccount(server.url, adminCookie, { account: 'cg1', name: '城管局王五', role: 'unit_staff', password: PASSWORD, units: ['区城管局'] });
    const units = (await call('/api/plan/units')) as { id: number; name: string }[];
    const cg = units.find((u) => u.name === '区城管局')!.id;
    meetingId = (
      await call('/api/requests/meetings', 'POST', {
        title: '二季度重点企业政企座谈会',
        heldOn: '2026-04-20',
        place: '区政府 3 楼会议室',
        hostUnitId: cg,
        unitIds: [cg],
        enterpriseIds: [firmId],
        minutes: '企业反映厂区周边停车难、用水报装慢等问题，区城管局现场回应。',
      })
    ).id;
    await call(`/api/requests/key-firms/${firmId}`, 'PUT', { unitId: cg, since: '2026-01-05' });
  }, 150_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('files a meeting issue as a request, and a visit need as a request; coverage reaches 100%', async () => {
    // The office records an issue raised at the meeting.
    const office = await open('office1', 1440);
    await office.goto(`${server.url}/requests/meetings/${meetingId}`);
    await office.getByRole('button', { name: /登记提出的问题/ }).click();
    const dialog = office.getByRole('dialog');
    await dialog.getByTestId('issue-firm').click();
    await office.locator('.ant-select-item-option[title="重庆渝商智造有限公司"]').click();
    await dialog.getByLabel('问题', { exact: true }).fill('厂区周边停车位不足');
    await dialog.getByLabel('具体情况').fill('员工上下班停车困难，希望协调周边道路施划停车位。');
    await dialog.getByLabel('联系人').fill('李总');
    await dialog.getByLabel('联系电话').fill('13800002222');
    await dialog.getByRole('button', { name: '登记为诉求' }).click();
    await office.getByTestId('meeting-issues').getByText('厂区周边停车位不足').waitFor();
    expect(await office.getByTestId('issue-progress').first().textContent()).toContain('问题 1 个，已办结 0 个');
    await shot(office, 'meeting-office-1440');
    const issue = (await call(`/api/requests/meetings/${meetingId}`)).issues[0];
    expect((await call(`/api/requests/${issue.id}`)).channel).toBe('座谈会');
    await office.goto(`${server.url}/requests/meetings`);
    await office.getByTestId('meetings').waitFor();
    await shot(office, 'meetings-office-1440');

    // The unit records a visit to its key firm on a phone, with a need, and turns the need into a request.
    const unit = await open('cg1', 390);
    await unit.goto(`${server.url}/requests/meetings/${meetingId}`);
    await unit.getByTestId('meeting-issues').waitFor();
    await shot(unit, 'meeting-unit-390');
    await unit.goto(`${server.url}/requests/visits`);
    await unit.getByRole('button', { name: /登记回访/ }).click();
    const form = unit.getByRole('dialog');
    await form.getByTestId('visit-firm').click();
    await unit.locator('.ant-select-item-option[title="重庆渝商智造有限公司"]').click();
    await form.getByLabel('回访人员').fill('王五、赵六');
    await form.getByLabel('企业联系人').fill('李总');
    await form.getByLabel('联系电话').fill('13800002222');
    await form.getByLabel('回访情况').fill('企业已投产，二期项目正在环评。');
    await form.getByLabel(/企业提出的需求/).fill('希望加快二期项目环评审批');
    await shot(unit, 'visit-form-390');
    await form.getByRole('button', { name: '保存回访记录' }).click();
    await unit.getByTestId('coverage').getByText('100%').waitFor();
    await unit.getByRole('dialog').waitFor({ state: 'hidden' });
    await shot(unit, 'coverage-unit-390');
    await unit.getByRole('tab', { name: '回访记录' }).click();
    await unit.getByTestId('need').getByRole('button', { name: '转为诉求' }).click();
    await unit.locator('.ant-popconfirm').getByRole('button', { name: '转为诉求' }).click();
    await unit.getByTestId('need').getByRole('link').waitFor();
    expect(await unit.getByTestId('need').textContent()).toMatch(/渝中诉〔\d{4}〕\d{6}号（已受理）/);
    await shot(unit, 'visits-unit-390');
    const visits = await call('/api/requests/visits');
    expect((await call(`/api/requests/${visits[0].needs[0].requestId}`)).channel).toBe('走访');

    // The office sees the coverage and the plan at 1440.
    await office.goto(`${server.url}/requests/visits`);
    await office.getByTestId('coverage').getByText('100%').waitFor();
    await shot(office, 'coverage-office-1440');
    await office.goto(`${server.url}/requests/reporters`);
    await office.getByTestId('reporters').waitFor();
    await shot(office, 'reporters-office-1440');
  }, 180_000);
});
