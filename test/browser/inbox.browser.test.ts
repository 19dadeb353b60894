import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { csrfToken } from '../../src/server/csrf.js';
import { chooseOption, createAccount, haveChromium, launchBrowser, startServer, type RunningServer } from '../browser.js';

const PASSWORD = 'Passw0rd-inbox';
/** Screenshots to look at (gitignored). */
const SHOTS = path.resolve('tmp/screenshots');

// The inbox of issue 12 in a real browser: the header's unread count, paging (25 notices, 20 a page), marking
// one read, a reviewed report's notice shown as 已处理, mark all, a visitor's login prompt; at 1440 and 390 px.
describe.skipIf(!haveChromium && !process.env.CI)('inbox in a real browser (npm start server)', () => {
  let server: RunningServer;
  let browser: Browser;
  let adminCookie = '';
  let unitCookie = '';
  const reportIds: number[] = [];
  const call = async (url: string, method = 'GET', body?: unknown, cookie = adminCookie) => {
    const res = await fetch(`${server.url}${url}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken(cookie.replace(/^bizenv_session=/, '')), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const cookieOf = async (account: string) => {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ account, password: PASSWORD }),
    });
    return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  };
  const login = async (page: Page, account: string) => {
    await page.goto(`${server.url}/login`);
    await page.locator('input[autocomplete="username"]').fill(account);
    await page.locator('input[autocomplete="current-password"]').fill(PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.getByTestId('current-user').waitFor();
  };
  const bell = (page: Page) => page.getByTestId('inbox-bell');
  const count = async (page: Page) => Number(await bell(page).getAttribute('data-count'));
  const noHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `inbox-${name}.png`), fullPage: true });

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer({ BIZENV_ADMIN_PASSWORD: PASSWORD });
    browser = await launchBrowser();
    adminCookie = await cookieOf('admin');
    const planId = (await call('/api/plan/plans'))[0].id as number;
    await call(`/api/ledger/plans/${planId}/init`, 'POST');
    // 25 monthly cycles: a report in each is 25 notices "进展报告待审核" for the office.
    await call(`/api/ledger/plans/${planId}/cycles`, 'POST', { from: '2021-01', to: '2023-01' });
    await createAccount(server.url, adminCookie, { account: 'office1', name: '营商办甲', role: 'office', password: PASSWORD });
    await createAccount(server.url, adminCookie, { account: 'zwfw1', name: '政务服务办乙', role: 'unit_staff', password: PASSWORD, units: ['区政务服务办'] });
    unitCookie = await cookieOf('zwfw1');
    const taskId = ((await call(`/api/ledger/plans/${planId}/tasks`)) as Array<{ id: number; code: string }>).find((t) => t.code === '22-1')!.id;
    const cycles = (await call(`/api/ledger/plans/${planId}/cycles`)) as Array<{ id: number }>;
    expect(cycles).toHaveLength(25);
    for (const [i, c] of cycles.entries()) {
      const r = await call(
        `/api/ledger/tasks/${taskId}/reports/${c.id}`,
        'PUT',
        { status: 'in_progress', progress: 2 + i * 2, done: `第 ${i + 1} 期推进` },
        unitCookie,
      );
      reportIds.push(r.reportId);
    }
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('counts unread notices in the header, pages them, marks one and then all read (1440 px)', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await login(page, 'office1');
    await expect.poll(() => count(page)).toBe(25);
    await bell(page).click();
    await page.waitForURL(/\/inbox$/);
    const items = page.getByTestId('message');
    await expect.poll(() => items.count()).toBe(20);
    await page.getByText('共 25 条').waitFor();
    const first = items.first();
    expect(await first.getByTestId('message-title').textContent()).toMatch(/^进展报告待审核：22-1 .+（区政务服务办）2023年1月$/);
    await shot(page, '1440-office');

    // page 2 holds the 5 oldest
    await page.locator('.ant-pagination-item-2').click();
    await expect.poll(() => items.count()).toBe(5);
    expect(page.url()).toContain('page=2');
    expect(await items.last().getByTestId('message-title').textContent()).toContain('2021年1月');

    // opening one shows what to do and marks it read: the header count drops
    await items.first().click();
    await expect(page.getByTestId('message-body').textContent()).resolves.toContain('请审核');
    await expect.poll(() => count(page)).toBe(24);
    await expect.poll(() => items.first().getAttribute('data-read')).toBe('true');

    // a report reviewed elsewhere: its notice shows 已处理 and no longer counts (read again on navigation)
    await call(`/api/ledger/reports/${reportIds[24]}/review`, 'POST', { outcome: 'accept' }, await cookieOf('office1'));
    await page.goto(`${server.url}/inbox`);
    await expect.poll(() => count(page)).toBe(23);
    const done = items.filter({ has: page.getByTestId('message-done') });
    await expect.poll(() => done.count()).toBe(1);
    expect(await done.getByTestId('message-title').textContent()).toContain('2023年1月');
    await shot(page, '1440-office-done');

    // unread only, then mark all read
    await page.getByTestId('filter-unread').getByText('未读').click();
    await expect.poll(() => items.count()).toBe(20);
    await page.getByText('共 23 条').waitFor();
    await page.getByTestId('mark-all-read').click();
    await expect.poll(() => count(page)).toBe(0);
    await page.getByText('没有符合条件的消息').waitFor();

    // the link opens the item
    await page.getByTestId('filter-unread').getByText('全部').click();
    await items.first().getByTestId('message-link').click();
    await page.waitForURL(new RegExp(`/ledger/reports/${reportIds[24]}$`));
    expect(await noHorizontalScroll(page)).toBe(true);
  });

  it('works at 390 px: the bell beside the name, cards that fit, a kind filter; visitors get a login prompt', async () => {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })).newPage();
    await login(page, 'zwfw1');
    await call(`/api/ledger/reports/${reportIds[0]}/review`, 'POST', { outcome: 'return', comment: '请补充办理时限数据' }, await cookieOf('office1'));
    await page.goto(`${server.url}/messages`); // the former address
    await page.waitForURL(/\/inbox$/);
    await expect.poll(() => count(page)).toBe(2); // accepted 2023年1月, returned 2021年1月
    const items = page.getByTestId('message');
    await expect.poll(() => items.count()).toBe(2);
    expect(await items.first().getByTestId('message-title').textContent()).toMatch(/^进展报告被退回：22-1 .+（区政务服务办）2021年1月$/);
    await items.first().click();
    await expect(page.getByTestId('message-body').textContent()).resolves.toContain('退回意见：请补充办理时限数据');
    await expect.poll(() => count(page)).toBe(1);
    expect(await noHorizontalScroll(page)).toBe(true);
    expect(await bell(page).isVisible()).toBe(true);
    await shot(page, '390-unit');

    await chooseOption(page, page.getByTestId('filter-kind'), '政策推送');
    await page.getByText('没有符合条件的消息').waitFor();

    const visitor = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })).newPage();
    await visitor.goto(`${server.url}/inbox`);
    await visitor.getByText('请先登录').waitFor();
    expect(await visitor.locator('.ant-alert-error').count()).toBe(0);
    expect(await visitor.getByTestId('inbox-bell').count()).toBe(0);
    await shot(visitor, '390-visitor');
    await visitor
      .getByTestId('need-login')
      .getByRole('button', { name: /登\s*录/ })
      .click();
    await visitor.waitForURL(/\/login\?next=%2Finbox$/);
  });
});
