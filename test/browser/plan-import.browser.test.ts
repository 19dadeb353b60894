import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chooseOption, createAccount, haveChromium, launchBrowser, startServer, type RunningServer } from '../browser.js';

const PASSWORD = 'Passw0rd-import';
const SHOTS = path.resolve('tmp/screenshots');
const FIXTURE = fs.readFileSync(path.resolve('test/fixtures/plans/import-units-2025.txt'));

// Issue 13 in a real browser: the office previews a plan with a unit no directory knows and a warning, imports it,
// merges the unknown unit into an existing one, and the plan's measure then shows the existing unit.
describe.skipIf(!haveChromium && !process.env.CI)('plan import page in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;

  const login = async (page: Page, account: string) => {
    await page.goto(`${server.url}/login`);
    await page.locator('input#account, input[autocomplete="username"]').fill(account);
    await page.locator('input[autocomplete="current-password"]').fill(PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.getByTestId('current-user').waitFor();
  };
  const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer({ BIZENV_ADMIN_PASSWORD: PASSWORD });
    browser = await launchBrowser();
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ account: 'admin', password: PASSWORD }),
    });
    const adminCookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    await createAccount(server.url, adminCookie, { account: 'office1', name: '营商办甲', role: 'office', password: PASSWORD });
  }, 150_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  // The import page's own file input: while its code loads, the plan page (with the ledger's upload) is still shown.
  const importInput = (page: Page) => page.getByTestId('plan-import-page').locator('input[type="file"]');

  it('previews, imports and merges the unknown unit into an existing one (1440 px)', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await login(page, 'office1');
    await page.goto(`${server.url}/plan`);
    await page.getByTestId('plan-import-link').click();
    await page.waitForURL(/\/plan\/import$/);

    await importInput(page).setInputFiles({ name: '数字政务提升工作方案.txt', mimeType: 'text/plain', buffer: FIXTURE });
    const preview = page.getByTestId('plan-preview');
    await preview.waitFor();
    expect(await page.getByTestId('preview-title').textContent()).toBe('渝中区2025年数字政务提升工作方案');
    await expect.poll(() => preview.textContent()).toContain('2 个部分，2 条措施，2 个量化目标，1 个完成时限');
    const warnings = page.getByTestId('preview-warnings');
    expect(await warnings.textContent()).toContain('区数据管理局');
    expect(await warnings.locator('tbody tr').first().locator('td').first().textContent()).toBe('5');
    expect(await page.getByTestId('preview-units').textContent()).toContain('区数据管理局措施 1、2');
    // Nothing written by the preview.
    expect(await (await fetch(`${server.url}/api/plan/plans`)).json()).toHaveLength(1);
    await page.screenshot({ path: path.join(SHOTS, 'plan-import-preview-1440.png'), fullPage: true });

    await page.getByTestId('import-plan').click();
    // Written in the background: the run's progress, then its result on the page.
    await expect.poll(() => page.getByTestId('run-result').textContent(), { timeout: 60_000 }).toContain('已导入“渝中府办〔2025〕9号”，第1版');
    const pending = page.getByTestId('pending-unit-区数据管理局');
    await pending.waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'plan-import-units-1440.png'), fullPage: true });

    // Under load a choice in the dropdown can be lost (the CI run of 2026-11-30 saw 合并 stay disabled): chooseOption retries.
    await chooseOption(page, pending.getByTestId('merge-into'), '区大数据局', { typed: '区大数据局' });
    const merge = pending.getByTestId('merge-unit');
    await merge.click();
    await page.getByTestId('units-to-confirm').getByText('没有待确认的单位').waitFor();

    const plans = (await (await fetch(`${server.url}/api/plan/plans`)).json()) as Array<{ id: number; title: string }>;
    const planId = plans.find((p) => p.title === '渝中区2025年数字政务提升工作方案')!.id;
    await page.goto(`${server.url}/plan/${planId}/measures/1`);
    await page.getByText('建设数据共享平台').first().waitFor();
    const body = (await page.locator('main, .ant-layout-content').first().textContent()) ?? '';
    expect(body).toContain('区大数据局');
    expect(body).not.toContain('区数据管理局');
    const units = (await (await fetch(`${server.url}/api/plan/units`)).json()) as Array<{ name: string; aliases: string[] }>;
    expect(units.find((u) => u.name === '区大数据局')!.aliases).toContain('区数据管理局');
    expect(units.some((u) => u.name === '区数据管理局')).toBe(false);
  }, 120_000);

  it('on a phone: the merged name maps to its unit in the next preview; another new unit is confirmed (390 px)', async () => {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })).newPage();
    await login(page, 'office1');
    await page.goto(`${server.url}/plan/import`);
    await importInput(page).setInputFiles({ name: '数字政务提升工作方案.txt', mimeType: 'text/plain', buffer: FIXTURE });
    await page.getByTestId('plan-preview').waitFor();
    await expect.poll(() => page.getByTestId('plan-preview').textContent()).toContain('方案中的单位都在单位名录中');
    expect(await page.getByTestId('plan-preview').textContent()).toContain('无解析提示');

    const other = Buffer.from(
      FIXTURE.toString('utf8')
        .replace(/区数据管理局/g, '区数字化发展中心')
        .replace('〔2025〕9号', '〔2025〕10号')
        .replace('数字政务提升', '数字政务深化'),
    );
    await importInput(page).setInputFiles({ name: '数字政务深化工作方案.txt', mimeType: 'text/plain', buffer: other });
    await expect.poll(() => page.getByTestId('preview-title').textContent()).toBe('渝中区2025年数字政务深化工作方案');
    expect(await noSidewaysScroll(page)).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'plan-import-preview-390.png'), fullPage: true });
    await page.getByTestId('import-plan').click();
    const pending = page.getByTestId('pending-unit-区数字化发展中心');
    await pending.waitFor();
    expect(await noSidewaysScroll(page)).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'plan-import-units-390.png'), fullPage: true });

    // Open the kind list and choose 事业单位; a click lost while the list re-renders is made again.
    const kind = pending.getByTestId('confirm-kind');
    for (let i = 0; i < 3 && !((await kind.textContent()) ?? '').includes('事业单位'); i++) {
      await kind.click();
      await page
        .locator('.ant-select-item-option[title="事业单位"]')
        .click({ timeout: 5000 })
        .catch(() => {});
    }
    expect(await kind.textContent()).toContain('事业单位');
    await pending.getByRole('button', { name: /确认为新单位/ }).click();
    await page.getByTestId('units-to-confirm').getByText('没有待确认的单位').waitFor();
    const units = (await (await fetch(`${server.url}/api/plan/units`)).json()) as Array<{ name: string; kind: string }>;
    expect(units.find((u) => u.name === '区数字化发展中心')?.kind).toBe('institution');
  }, 120_000);
});
