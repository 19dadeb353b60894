import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { csrfToken } from '../../src/server/csrf.js';
import { completeCreditCode } from '../../src/enterprises/index.js';
import { createAccount, haveChromium, launchBrowser, startServer, type RunningServer } from '../browser.js';

const PASSWORD = 'Passw0rd-credit1';
const SHOTS = path.resolve('tmp/screenshots/insp-credit');
const A = completeCreditCode('91500103MA5UB001A');
const B = completeCreditCode('91500103MA5UB002A');

// Issue 15, credit part: the office imports classification results (a bad file first: row errors, nothing
// imported), opens a firm's history and records a 信用修复; adds a 免罚清单 entry that a visitor then reads.
describe.skipIf(!haveChromium && !process.env.CI)('credit classes and 免罚清单 in a real browser', () => {
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
  const open = async (account: string | null, width: number) => {
    const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
    if (!account) return page;
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
  const csv = (rows: string[][]) =>
    Buffer.from(`\ufeff${[['统一社会信用代码', '企业名称', '信用风险分类', '分类日期'], ...rows].map((r) => r.join(',')).join('\r\n')}\r\n`);

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
    await call('/api/enterprises', 'POST', { creditCode: A, name: '重庆渝信商贸有限公司', industryCode: '5212' });
    await call('/api/enterprises', 'POST', { creditCode: B, name: '重庆解放碑餐饮管理有限公司', industryCode: '6210' });
    await createAccount(server.url, adminCookie, { account: 'office1', name: '营商办甲', role: 'office', password: PASSWORD });
    await createAccount(server.url, adminCookie, { account: 'sj1', name: '市场监管局赵六', role: 'unit_staff', password: PASSWORD, units: ['区市场监管局'] });
  }, 150_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('imports classes with row errors then for real, records a 信用修复, and keeps a public 免罚清单', async () => {
    const office = await open('office1', 1440);
    await office.goto(`${server.url}/inspections/credit`);
    await office.getByTestId('credit-classes').getByText('信用风险较高').waitFor();
    const input = office.locator('input[type="file"]');
    await input.setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: csv([[A, '渝信', 'E', '2025-03-31']]) });
    await office.getByTestId('credit-import-problems').getByText('第2行 信用风险分类：“E”不是已设置的类别').waitFor();
    await shot(office, 'credit-import-errors-1440');
    await input.setInputFiles({
      name: 'classes.csv',
      mimeType: 'text/csv',
      buffer: csv([
        [A, '渝信', 'A', '2025-03-31'],
        [B, '餐饮', '信用风险高', '2025-03-31'],
      ]),
    });
    await office.getByText('导入完成：2 行，新增 2，已有 0').waitFor();
    await office.getByTestId('standing-list').getByText('重庆解放碑餐饮管理有限公司').click();
    const history = office.getByTestId('credit-history');
    await history.getByText('公共信用综合评价结果').waitFor();
    await history.getByLabel('修复依据').fill('渝中信修〔2025〕3号');
    await history.getByTestId('repair-submit').click();
    await office.getByText('已登记信用修复').waitFor();
    await history.getByText('渝中信修〔2025〕3号').waitFor();
    await shot(office, 'credit-history-1440');
    // The class in force today is now B for the repaired firm.
    const standing = await call(`/api/inspections/credit/standing?classCode=D`);
    expect(standing.total).toBe(0);

    await office.goto(`${server.url}/inspections/exemptions`);
    await office.getByTestId('exemption-add').click();
    await office.getByLabel('违法行为').fill('未将营业执照置于经营场所醒目位置');
    await office.getByLabel('适用条件').fill('初次违法，经责令当场改正');
    await office.getByLabel('违法依据').fill('《市场主体登记管理条例》第三十六条');
    await office.locator('.ant-modal-footer .ant-btn-primary').click();
    await office.getByText('已保存').waitFor();
    await shot(office, 'exemptions-office-1440');

    // A unit's staff reads the classes on a phone; a visitor reads the 免罚清单 on a phone.
    const unit = await open('sj1', 390);
    await unit.goto(`${server.url}/inspections/credit`);
    await unit.getByTestId('standing-list').getByText('重庆渝信商贸有限公司').waitFor();
    expect(await unit.getByTestId('classes-edit').count()).toBe(0);
    await shot(unit, 'credit-unit-390');
    const visitor = await open(null, 390);
    await visitor.goto(`${server.url}/inspections/exemptions`);
    await visitor.getByText('未将营业执照置于经营场所醒目位置').waitFor();
    await shot(visitor, 'exemptions-public-390');
    await visitor.goto(`${server.url}/inspections/credit`);
    await visitor.getByText('请先登录').first().waitFor();
  }, 180_000);
});
