import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { csrfToken } from '../../src/server/csrf.js';
import { createAccount, haveChromium, launchBrowser, startServer, type RunningServer } from '../browser.js';

const PASSWORD = 'Passw0rd-requests';
const SHOTS = path.resolve('tmp/screenshots/requests-time');

// Issue 14, handling time in a real browser: the unit asks to suspend a request (phone, 390 px), the office approves,
// urges and raises a supervision order with one click (1440 px), the order links back, the unit resumes; the office
// records the call back rating; the leader view lists an open 问题工单.
describe.skipIf(!haveChromium && !process.env.CI)('request handling time in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const cookies: Record<string, string> = {};
  const call = async (who: string, url: string, method = 'GET', body?: unknown) => {
    const cookie = cookies[who]!;
    const res = await fetch(`${server.url}${url}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken(cookie.replace(/^bizenv_session=/, '')),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const loginApi = async (account: string, password: string) => {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ account, password }),
    });
    cookies[account] = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
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
  let unitId = 0;
  /** A phone request routed to 区城管局 and signed by its staff. */
  const signedRequest = async (subject: string) => {
    const { id } = await call('admin', '/api/requests/intake', 'POST', {
      category: '求决',
      subject,
      description: '企业来电：用水报装申请已提交 10 天仍未安排现场勘查。',
      contactName: '李四',
      contactPhone: '13912345678',
      channel: '电话',
    });
    await call('admin', `/api/requests/${id}/actions`, 'POST', { action: 'route', unitId });
    await call('cg1', `/api/requests/${id}/actions`, 'POST', { action: 'sign' });
    return id as number;
  };

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer({ BIZENV_ADMIN_PASSWORD: PASSWORD });
    browser = await launchBrowser();
    await loginApi('admin', PASSWORD);
    const planId = (await call('admin', '/api/plan/plans'))[0].id as number;
    await call('admin', `/api/ledger/plans/${planId}/init`, 'POST');
    await createAccount(server.url, cookies.admin!, { account: 'office1', name: '营商办甲', role: 'office', password: PASSWORD });
    await createAccount(server.url, cookies.admin!, { account: 'cg1', name: '城管局王五', role: 'unit_staff', password: PASSWORD, units: ['区城管局'] });
    await createAccount(server.url, cookies.admin!, { account: 'leader1', name: '区领导丙', role: 'leader', password: PASSWORD });
    await loginApi('cg1', PASSWORD);
    unitId = ((await call('admin', '/api/plan/units')) as Array<{ id: number; name: string }>).find((u) => u.name === '区城管局')!.id;
  }, 150_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('suspends with approval, urges, raises a linked order, resumes; records a call back', async () => {
    const id = await signedRequest('厂房用水报装进度慢');
    // The unit asks on a phone.
    const unit = await open('cg1', 390);
    await unit.goto(`${server.url}/requests/${id}`);
    await unit.getByTestId('hold-reason').fill('等待企业补充用水设计图纸');
    await unit.getByRole('button', { name: '提交申请' }).click();
    await unit.getByTestId('hold').getByText('挂起：待审批').waitFor();
    await shot(unit, 'unit-asks-390');

    // The office approves, urges and raises an order (wide screen).
    const office = await open('office1', 1440);
    await office.goto(`${server.url}/requests/${id}`);
    await office.getByRole('button', { name: '同意挂起' }).click();
    await office.getByText('已挂起').first().waitFor();
    await office.getByTestId('urge-note').fill('企业再次来电，请加快办理');
    await office.getByRole('button', { name: /^催\s*办$/ }).click();
    await office.getByRole('button', { name: /已催办 1 次/ }).waitFor();
    await office.getByTestId('raise-order').click();
    // The dialog closes once the order is made; under load its 下发 click can be lost (CI, 2026-11-30): while the
    // dialog is still open and no order shows, click again (bounded).
    const issue = office.getByRole('button', { name: /^下\s*发$/ });
    const order = office.getByTestId('request-order');
    await issue.click();
    for (let i = 0; i < 2 && !(await order.isVisible()); i++) {
      await order.waitFor({ timeout: 15_000 }).catch(() => undefined);
      if (!(await order.isVisible()) && (await issue.isVisible())) await issue.click({ timeout: 8000 }).catch(() => undefined);
    }
    await order.waitFor();
    const timeline = await office.getByTestId('timeline').textContent();
    expect(timeline).toContain('申请挂起');
    expect(timeline).toContain('同意挂起');
    expect(timeline).toContain('第 1 次催办：企业再次来电，请加快办理');
    expect(timeline).toContain('督办单');
    await shot(office, 'office-approves-urges-orders-1440');
    // The order links back to the request.
    await office.getByTestId('request-order').click();
    await office.getByTestId('order-request').waitFor();
    expect(await office.getByTestId('order-request').textContent()).toContain('厂房用水报装进度慢');
    await shot(office, 'order-links-request-1440');

    // The unit resumes (same day: nothing deducted) and answers.
    await unit.reload();
    await unit.getByRole('button', { name: '恢复办理' }).click();
    await unit.getByRole('button', { name: '恢复办理' }).waitFor({ state: 'detached' });
    await unit.getByTestId('timeline').getByText('扣除 0 个工作日', { exact: false }).waitFor();
    expect(await unit.getByTestId('timeline').textContent()).toContain('扣除 0 个工作日');
    await call('cg1', `/api/requests/${id}/actions`, 'POST', { action: 'answer', note: '已安排明日上午现场勘查。' });

    // The office records the call back on a phone.
    const phone = await open('office1', 390);
    await phone.goto(`${server.url}/requests/${id}`);
    await phone.getByTestId('callback-rating').getByText('基本满意').click();
    await phone.getByTestId('callback-comment').fill('希望勘查后尽快通水');
    await phone.getByRole('button', { name: '登记回访评价' }).click();
    await phone.getByRole('button', { name: '登记回访评价' }).waitFor({ state: 'detached' });
    expect(await phone.getByTestId('stage').first().textContent()).toBe('已办结');
    expect(await phone.getByTestId('time-panel').textContent()).toContain('营商办甲');
    expect(await phone.getByTestId('timeline').textContent()).toContain('基本满意：希望勘查后尽快通水');
    await shot(phone, 'callback-recorded-390');
  });

  it('lists an open 问题工单 in the leader view', async () => {
    const { id } = await call('admin', '/api/requests/intake', 'POST', {
      category: '投诉举报',
      subject: '占道施工长期未恢复',
      description: '门前道路施工完毕两个月仍未恢复路面。',
      contactName: '赵六',
      contactPhone: '13800001111',
      channel: '来访',
    });
    for (let i = 1; i <= 3; i++) {
      await call('admin', `/api/requests/${id}/actions`, 'POST', { action: 'route', unitId });
      await call('cg1', `/api/requests/${id}/actions`, 'POST', { action: 'return', note: `非本单位职责（第${i}次）` });
    }
    await call('admin', `/api/requests/${id}/actions`, 'POST', { action: 'route', unitId });
    for (const width of [1440, 390]) {
      const leader = await open('leader1', width);
      await leader.goto(`${server.url}/ledger/leader`);
      await leader.getByTestId('leader-escalated').getByText('占道施工长期未恢复').waitFor();
      expect(await leader.getByTestId('leader-escalated').textContent()).toContain('退单 3 次');
      await shot(leader, `leader-escalated-${width}`);
    }
  });
});
