import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { csrfToken } from '../../src/server/csrf.js';
import { completeCreditCode } from '../../src/enterprises/index.js';
import { createAccount, haveChromium, launchBrowser, startServer, type RunningServer } from '../browser.js';

const PASSWORD = 'Passw0rd-requests';
const SHOTS = path.resolve('tmp/screenshots/requests');

// Issue 14's whole loop in a real browser: an enterprise files a request, the office routes it, the unit signs and
// answers, the enterprise rates 不满意 and the request reopens to the same unit, the unit answers again, the enterprise
// rates 满意, and the unit's rates on the figures page change accordingly (read before and after).
describe.skipIf(!haveChromium && !process.env.CI)('enterprise requests in a real browser', () => {
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
  /** A full-page screenshot; the page must not scroll sideways. */
  const shot = async (page: Page, name: string) => {
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
    const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    expect(scroll, `${name}: horizontal scroll`).toBeLessThanOrEqual(client);
  };

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
    const firm = await call('/api/enterprises', 'POST', {
      creditCode: completeCreditCode('91500103MA5UR201A'),
      name: '重庆渝诉科技有限公司',
      industryCode: '6510',
    });
    await createAccount(server.url, adminCookie, { account: 'firm1', name: '渝诉科技李四', role: 'enterprise', password: PASSWORD, enterpriseId: firm.id });
    await createAccount(server.url, adminCookie, { account: 'office1', name: '营商办甲', role: 'office', password: PASSWORD });
    await createAccount(server.url, adminCookie, { account: 'cg1', name: '城管局王五', role: 'unit_staff', password: PASSWORD, units: ['区城管局'] });
  }, 150_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('files, routes, signs, answers, rates 不满意, reopens, answers again, rates 满意; the unit’s rates change', async () => {
    // The enterprise files on a phone.
    const firm = await open('firm1', 390);
    await firm.goto(`${server.url}/requests/mine`);
    await firm.getByText('提交新诉求').click();
    await firm.getByLabel('诉求标题').fill('厂房用水报装进度慢');
    await firm.getByLabel('诉求内容').fill('用水报装申请已提交 10 天仍未安排现场勘查，影响投产。');
    await firm.getByLabel('联系人').fill('李四');
    await firm.getByLabel('联系电话').fill('13912345678');
    await shot(firm, 'mine-form-390');
    await firm.getByRole('button', { name: '提交诉求' }).click();
    await firm.getByTestId('my-requests').getByText('厂房用水报装进度慢').waitFor();
    expect(await firm.getByTestId('my-requests').getByTestId('stage').first().textContent()).toBe('已受理');
    await shot(firm, 'mine-390');
    const id = (await call('/api/requests/?q=%E5%8E%82%E6%88%BF')).items[0].id as number;

    // The office routes it to 区城管局 from the workbench.
    const office = await open('office1', 1440);
    await office.goto(`${server.url}/requests`);
    await office.getByTestId('request-table').getByText('厂房用水报装进度慢').waitFor();
    await shot(office, 'workbench-office-1440');
    await office.getByTestId('request-table').getByRole('link').first().click();
    for (let i = 0; i < 3 && !(await office.locator('.ant-select-selection-item[title="区城管局"]').count()); i++) {
      await office.getByTestId('route-unit').click();
      await office.getByTestId('route-unit').locator('input').fill('区城管');
      await office.locator('.ant-select-item-option[title="区城管局"]').click();
    }
    await office.getByRole('button', { name: /^派\s*单$/ }).click();
    await office.getByText('待承办单位签收').or(office.getByText('前签收')).first().waitFor();
    await shot(office, 'request-office-1440');

    // The unit signs and answers, on a phone.
    const unit = await open('cg1', 390);
    await unit.goto(`${server.url}/requests`);
    await unit.getByTestId('request-table').getByRole('link').first().click();
    await unit.getByRole('button', { name: /^签\s*收$/ }).click();
    await unit.getByRole('button', { name: /^答\s*复$/ }).waitFor();
    await unit.getByTestId('unit-note').fill('已协调水务公司，三个工作日内安排勘查。');
    await unit.getByRole('button', { name: /^答\s*复$/ }).click();
    await unit.getByTestId('answer').waitFor();
    await shot(unit, 'request-unit-390');
    await unit.setViewportSize({ width: 390, height: 900 });
    await unit.goto(`${server.url}/requests`);
    await unit.getByTestId('request-table').waitFor();
    await shot(unit, 'workbench-unit-390');

    // The enterprise rates 不满意 with a reason: the request goes back to the unit.
    await firm.goto(`${server.url}/requests/${id}`);
    await firm.getByTestId('rating').getByText('不满意').click();
    await firm.getByTestId('rating-comment').fill('没有给出具体勘查日期');
    await firm.getByRole('button', { name: '提交评价' }).click();
    await firm.getByText('重办 1 次').first().waitFor();
    expect(await firm.getByTestId('stage').first().textContent()).toBe('办理中');
    expect(await firm.getByTestId('timeline').textContent()).toContain('没有给出具体勘查日期');
    await shot(firm, 'request-reopened-390');
    const detail = await call(`/api/requests/${id}`);
    expect(detail).toMatchObject({ stage: '办理', reopens: 1, unitName: '区城管局', rating: '不满意' });

    // The unit sees it to answer again, in 我的待办.
    await unit.goto(`${server.url}/ledger/todo`);
    await unit.getByTestId('todo-requests').getByText(detail.number).waitFor();
    expect(await unit.getByTestId('todo-requests').textContent()).toContain('待答复');
    await shot(unit, 'todo-unit-390');

    // The unit's rates on the figures page (办结率, 满意率, 重办率) before the loop closes: one 不满意 rating, reopened.
    const unitRates = async () => {
      await office.goto(`${server.url}/requests/figures`);
      const row = office.getByTestId('figure-table').locator('tbody tr', { hasText: '区城管局' });
      await row.waitFor();
      const cells = await row.locator('td').allTextContents();
      return { closed: cells[4], satisfied: cells[5], reopened: cells[6] };
    };
    expect(await unitRates()).toEqual({ closed: '0.00%', satisfied: '0.00%', reopened: '100.00%' });

    // The unit answers again; the enterprise rates 满意: the request is closed (办结).
    await unit.goto(`${server.url}/requests/${id}`);
    await unit.getByTestId('unit-note').fill('已于 3 日现场勘查，本周内完成接水。');
    await unit.getByRole('button', { name: /^答\s*复$/ }).click();
    await unit.getByTestId('answer').getByText('本周内完成接水').waitFor();
    await firm.goto(`${server.url}/requests/${id}`);
    await firm.getByTestId('rating').getByText('满意', { exact: true }).click();
    await firm.getByRole('button', { name: '提交评价' }).click();
    await firm.getByTestId('stage').getByText('已办结').first().waitFor();
    expect(await call(`/api/requests/${id}`)).toMatchObject({ stage: '办结', reopens: 1, rating: '满意' });
    // Closed now; two ratings (不满意, 满意) → 满意率 50 %; reopened once → 重办率 stays 100 %.
    expect(await unitRates()).toEqual({ closed: '100.00%', satisfied: '50.00%', reopened: '100.00%' });
    await shot(office, 'figures-after-loop-1440');
    // The office records a phone call (staff intake with its channel).
    await office.goto(`${server.url}/requests`);
    await office.getByRole('button', { name: /登记诉求/ }).click();
    const dialog = office.getByRole('dialog');
    await dialog.getByLabel('诉求标题').fill('咨询跨区迁移登记流程');
    await dialog.getByLabel('诉求内容').fill('企业拟从江北区迁入，询问需要准备的材料。');
    await dialog.getByLabel('联系人').fill('赵六');
    await dialog.getByLabel('联系电话').fill('023-63891234');
    await shot(office, 'intake-1440');
    await dialog.getByRole('button', { name: '提交诉求' }).click();
    await office.getByTestId('request-table').getByText('咨询跨区迁移登记流程').waitFor();
    expect(await office.getByTestId('request-table').locator('tbody tr', { hasText: '咨询跨区迁移登记流程' }).textContent()).toContain('电话');

    const wide = await open('firm1', 1440);
    await wide.goto(`${server.url}/requests/mine`);
    await wide.getByTestId('my-requests').waitFor();
    await shot(wide, 'mine-1440');
  }, 180_000);
});
