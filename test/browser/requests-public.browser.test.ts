import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { csrfToken } from '../../src/server/csrf.js';
import { createAccount, haveChromium, launchBrowser, startServer, type RunningServer } from '../browser.js';

const PASSWORD = 'Passw0rd-requests';
const SHOTS = path.resolve('tmp/screenshots/requests-public');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

// Issue 14: a visitor without an account files a request on a phone (name, mobile, an attachment), gets its number
// and query code, and follows it to the unit's answer.
describe.skipIf(!haveChromium && !process.env.CI)('anonymous requests in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const session = async (account: string) => {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ account, password: PASSWORD }),
    });
    return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  };
  const call = async (cookie: string, url: string, method = 'GET', body?: unknown) => {
    const res = await fetch(`${server.url}${url}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken(cookie.replace(/^bizenv_session=/, '')), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const shot = async (page: Page, name: string) => {
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
    const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    expect(scroll, `${name}: horizontal scroll`).toBeLessThanOrEqual(client);
  };

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    fs.writeFileSync(path.join(SHOTS, '门面照片.png'), PNG);
    server = await startServer({ BIZENV_ADMIN_PASSWORD: PASSWORD });
    browser = await launchBrowser();
    const admin = await session('admin');
    await createAccount(server.url, admin, { account: 'cg1', name: '城管局王五', role: 'unit_staff', password: PASSWORD, units: ['区城管局'] });
  }, 150_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('files without an account at 390 px and follows the request with its number and query code', async () => {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 900 } })).newPage();
    await page.goto(`${server.url}/requests/public`);
    await page.getByTestId('public-request-form').waitFor();
    await page.getByLabel('诉求标题').fill('门店招牌审批咨询');
    await page.getByLabel('诉求内容').fill('新开餐馆想在门头装招牌，需要向哪个部门申请、要准备什么材料？');
    await page.getByLabel('姓名').fill('李四');
    await page.getByLabel('手机号码').fill('0236389');
    await page.getByRole('button', { name: '提交诉求' }).click();
    await page.getByText('请填写正确的手机号码（11 位）').waitFor();
    await page.getByLabel('手机号码').fill('13912345678');
    await page.locator('input[type="file"]').setInputFiles(path.join(SHOTS, '门面照片.png'));
    await page.getByText('门面照片.png').waitFor();
    await page.waitForTimeout(600); // the upload list's and the field's animations
    await shot(page, 'public-form-390');
    await page.getByRole('button', { name: '提交诉求' }).click();
    await page.getByTestId('public-filed').waitFor();
    const number = (await page.getByTestId('filed-number').textContent())!.trim();
    const code = (await page.getByTestId('filed-code').textContent())!.trim();
    expect(number).toMatch(/^渝中诉〔\d{4}〕\d{6}号$/);
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    await shot(page, 'public-filed-390');

    // The office routes it to 区城管局; the unit signs and answers (through the API: the staff pages have their own test).
    const admin = await session('admin');
    const units = (await call(admin, '/api/plan/units')) as { id: number; name: string }[];
    const id = (await call(admin, `/api/requests/?q=${encodeURIComponent('门店招牌')}`)).items[0].id as number;
    await call(admin, `/api/requests/${id}/actions`, 'POST', { action: 'route', unitId: units.find((u) => u.name === '区城管局')!.id });
    const unit = await session('cg1');
    await call(unit, `/api/requests/${id}/actions`, 'POST', { action: 'sign' });
    await call(unit, `/api/requests/${id}/actions`, 'POST', {
      action: 'answer',
      note: '门头招牌设置向区城管局申请，需提供营业执照和设计效果图，5 个工作日内办结。',
    });
    const files = (await call(admin, `/api/requests/${id}/attachments`)) as { fileName: string }[];
    expect(files.map((f) => f.fileName)).toEqual(['门面照片.png']);

    // The visitor follows it: 查询进度 is filled in with the number and the code just shown.
    await page.getByRole('button', { name: '查询进度' }).click();
    await page.getByTestId('follow-form').getByRole('button', { name: '查询进度' }).click();
    await page.getByTestId('public-answer').waitFor();
    expect(await page.getByTestId('public-answer').textContent()).toContain('门头招牌设置向区城管局申请');
    const steps = await page.getByTestId('public-timeline').locator('.ant-timeline-item').allTextContents();
    expect(steps.map((s) => s.replace(/\d{4}-\d{2}-\d{2}.*/, ''))).toEqual(['已受理', '已派单', '承办单位已签收', '已答复']);
    expect(await page.getByTestId('follow-result').textContent()).not.toContain('王五');
    await shot(page, 'public-follow-390');

    // A wrong code says so, without telling whether the number exists.
    await page.getByLabel('查询码').fill('AAAAAAAA');
    await page.getByTestId('follow-form').getByRole('button', { name: '查询进度' }).click();
    await page.getByText('诉求编号或查询码不正确').waitFor();

    const wide = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await wide.goto(`${server.url}/requests/public`);
    await wide.getByTestId('public-request-form').waitFor();
    await shot(wide, 'public-form-1440');
  }, 120_000);
});
