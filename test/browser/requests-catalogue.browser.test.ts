import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { csrfToken } from '../../src/server/csrf.js';
import { createAccount, haveChromium, launchBrowser, startServer, type RunningServer } from '../browser.js';

const PASSWORD = 'Passw0rd-catalogue';
const SHOTS = path.resolve('tmp/screenshots/requests-catalogue');

// Issue 14, routing: the office seeds the 派单目录 from the plan, edits a topic, and routes a request with the
// suggestion (topic and unit pre-filled, reasons shown); the decision records that the suggestion was taken.
describe.skipIf(!haveChromium && !process.env.CI)('派单目录 and dispatch in a real browser', () => {
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
    await createAccount(server.url, adminCookie, { account: 'office1', name: '营商办甲', role: 'office', password: PASSWORD });
  }, 150_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('seeds, edits, and routes with the suggestion', async () => {
    const office = await open('office1', 1440);
    await office.goto(`${server.url}/requests/catalogue`);
    await office.getByTestId('seed').click();
    await office.getByTestId('topic').first().waitFor();
    expect(await office.getByTestId('topic').count()).toBe(15);
    expect(await office.getByTestId('topic').filter({ hasText: '水电气报装' }).textContent()).toContain('区经济信息委');

    // Edit 融资: add a keyword; the card shows it.
    await office.getByTestId('topic').filter({ hasText: /^融资/ }).getByTestId('edit-topic').click();
    const kw = office.getByTestId('topic-keywords');
    await kw.fill(`${await kw.inputValue()}，银税互动 6`);
    await office
      .getByRole('dialog')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await office.getByTestId('topic').filter({ hasText: '银税互动 6' }).waitFor();

    // Try-out box.
    await office.getByTestId('try-subject').fill('投标保证金迟迟不退');
    await office.getByTestId('try').click();
    await office.getByTestId('suggestions').getByText('招标投标 → 区发展改革委').waitFor();
    await shot(office, 'catalogue-1440');
    await office.setViewportSize({ width: 390, height: 900 });
    await shot(office, 'catalogue-390');

    // A phone request about a loan: the 派单 screen suggests 融资 → 区金融办 with the words; the office confirms.
    const { id } = await call('/api/requests/intake', 'POST', {
      category: '求决',
      channel: '电话',
      subject: '续贷到期银行要求先还后贷',
      description: '公司流动资金贷款下月到期，银行要求先还清再申请，资金周转困难，希望协调。',
      contactName: '王六',
      contactPhone: '13700001234',
    });
    await office.goto(`${server.url}/requests/${id}`);
    await office.getByTestId('dispatch-card').getByTestId('reason').first().waitFor();
    expect(await office.getByTestId('dispatch-topic').textContent()).toContain('融资');
    expect(await office.getByTestId('dispatch-unit').textContent()).toContain('区金融办');
    expect(await office.getByTestId('suggestions').textContent()).toContain('贷款');
    await shot(office, 'dispatch-390');
    await office.setViewportSize({ width: 1440, height: 900 });
    await shot(office, 'dispatch-1440');
    await office.getByTestId('dispatch').click();
    await office.getByText('前签收').first().waitFor();
    const routing = await call(`/api/requests/${id}/routing`);
    expect(routing.decisions).toEqual([expect.objectContaining({ topicName: '融资', unitName: '区金融办', topicTaken: true, unitTaken: true })]);
    expect(routing.atArrival[0]).toMatchObject({ topicName: '融资' });
  }, 180_000);
});
