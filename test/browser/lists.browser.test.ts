import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { naturalCompare } from '../../src/ledger/core/lists.js';
import { haveChromium, launchBrowser, startServer, useDemoData, type RunningServer } from '../browser.js';

const DEMO_PASSWORD = 'Jiefangbei-2026';
/** Screenshots at 1440 and 390 px, to look at (not compared). */
const SHOTS = path.join(os.tmpdir(), 'bizenv-screens', 'lists');

// Lists and exports (issue 12): filters and sort in the URL, the export of the list as shown, staff lists at
// phone width without a horizontal scroll of the page, and print without the menu.
describe.skipIf(!haveChromium && !process.env.CI)('lists, exports, phone width and print in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let planId = 0;
  let taskId = 0;
  let itemId = 0;
  let unitAccount = '';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bizenv-browser-lists-'));

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    // The sample plan and `bizenv demo` (ledger tasks, reports, orders, demo firms and policies) before the server starts.
    await useDemoData(dataDir); // `bizenv demo` (200 enterprises), built once per run
    server = await startServer({ BIZENV_DATA_DIR: dataDir });
    browser = await launchBrowser();
    const office = await apiLogin('demo-office');
    planId = ((await api(office, '/api/plan/plans')) as Array<{ id: number }>)[0]!.id;
    const tasks = (await api(office, `/api/ledger/plans/${planId}/tasks`)) as Array<{ id: number; leadUnits: Array<{ id: number }> }>;
    taskId = tasks.find((t) => t.leadUnits.length)!.id;
    unitAccount = `demo-unit${tasks.find((t) => t.leadUnits.length)!.leadUnits[0]!.id}`;
    itemId = ((await api(office, '/api/policies/funnel')) as Array<{ item_id: number; eligible: number }>).sort((a, b) => b.eligible - a.eligible)[0]!.item_id;
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function apiLogin(account: string): Promise<string> {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ account, password: DEMO_PASSWORD }),
    });
    expect(res.status).toBe(200);
    return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  }
  async function api(cookie: string, url: string): Promise<unknown> {
    const res = await fetch(`${server.url}${url}`, { headers: { cookie } });
    if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    return res.json();
  }
  async function login(page: Page, account: string) {
    await page.goto(`${server.url}/login`);
    await page.getByLabel('账号').fill(account);
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.getByTestId('current-user').waitFor();
  }
  const rowCodes = (page: Page) => page.locator('[data-testid="task-table"] tbody tr.ant-table-row td:first-child').allTextContents();

  it('filters and sorts the ledger in the URL, and exports the list as shown', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await login(page, 'demo-office');
    await page.goto(`${server.url}/ledger`);
    await page.getByTestId('task-table').locator('tbody tr.ant-table-row').first().waitFor();
    const first = await rowCodes(page);
    expect(first).toEqual([...first].sort(naturalCompare)); // 2-9 before 2-10
    // Search: the query goes into the URL and to the server.
    await page.getByTestId('filter-q').locator('input').fill('区政务服务办');
    await page.getByTestId('filter-q').locator('input').press('Enter');
    await page.waitForURL(/q=%E5%8C%BA/);
    // Sort by 编号 descending: click the header twice.
    const codeHeader = page.locator('[data-testid="task-table"] thead th').filter({ hasText: '编号' });
    // The header's next order follows the one it shows: wait for the table to show ascending before the second click.
    await codeHeader.click();
    await page.waitForURL(/sort=code/);
    await expect.poll(() => codeHeader.getAttribute('aria-sort')).toBe('ascending');
    await codeHeader.click();
    await page.waitForURL(/sort=-code/);
    await expect.poll(async () => (await rowCodes(page))[0]).not.toBe(first[0]);
    const shown = await rowCodes(page);
    expect(shown).toEqual([...shown].sort(naturalCompare).reverse());
    await page.screenshot({ path: path.join(SHOTS, 'ledger-1440.png'), fullPage: true });

    // The same URL opened anew shows the same list (a page can be shared).
    const again = await context.newPage();
    await again.goto(page.url());
    await again.getByTestId('task-table').locator('tbody tr.ant-table-row').first().waitFor();
    expect(await rowCodes(again)).toEqual(shown);

    // Export: a download of every page of the filtered, sorted list.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/^任务台账-\d{8}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell(2, 1).value)).toContain('搜索：区政务服务办');
    expect(String(ws.getCell(2, 1).value)).toContain('排序：编号（降序）');
    const fileCodes: string[] = [];
    ws.eachRow((row, n) => {
      if (n >= 4) fileCodes.push(String(row.getCell(1).value));
    });
    const cookie = await apiLogin('demo-office');
    const all = (await api(cookie, `/api/ledger/plans/${planId}/tasks?q=${encodeURIComponent('区政务服务办')}&sort=-code`)) as Array<{ code: string }>;
    expect(fileCodes).toEqual(all.map((t) => t.code));
    expect(fileCodes.slice(0, shown.length)).toEqual(shown);
    await context.close();
  });

  it('shows every staff list at 390 px without a horizontal scroll of the page', async () => {
    const pages: Array<[account: () => string, url: () => string, name: string]> = [
      [() => 'demo-office', () => '/ledger', 'ledger'],
      [() => 'demo-office', () => `/ledger/tasks/${taskId}`, 'task'],
      [() => 'demo-office', () => '/ledger/reviews?cycleId=all', 'reports'],
      [() => 'demo-office', () => '/ledger/orders', 'orders'],
      [() => 'demo-office', () => '/ledger/assessment', 'assessment'],
      [() => 'demo-office', () => '/indicators', 'indicators'],
      [() => 'demo-office', () => '/indicators/records', 'records'],
      [() => 'demo-office', () => '/policies/funnel', 'funnel'],
      [() => 'demo-office', () => `/policies/funnel/${itemId}`, 'funnel-item'],
      [() => 'demo-office', () => '/enterprises', 'enterprises'],
      [() => unitAccount, () => '/ledger', 'ledger-unit'],
      [() => unitAccount, () => '/ledger/orders', 'orders-unit'],
    ];
    const overflow: string[] = [];
    const contexts = new Map<string, Page>();
    for (const [account, url, name] of pages) {
      let page = contexts.get(account());
      if (!page) {
        // Not `isMobile`: a mobile viewport widens its layout to the page's content, hiding the very overflow we look for.
        page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
        await login(page, account());
        contexts.set(account(), page);
      }
      await page.goto(`${server.url}${url()}`);
      await page.locator('.ant-table-row, .ant-empty, .ant-card-body').first().waitFor({ timeout: 30_000 });
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: path.join(SHOTS, `${name}-390.png`), fullPage: true });
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth }));
      expect(innerWidth).toBe(390);
      if (scrollWidth > innerWidth) overflow.push(`${url()} as ${account()}: ${scrollWidth} > ${innerWidth}`);
    }
    expect(overflow).toEqual([]);
  });

  it('prints a page without the menu, header and action buttons', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await login(page, 'demo-office');
    await page.goto(`${server.url}/ledger/orders`);
    await page.locator('.ant-table-row').first().waitFor();
    const visible = (selector: string) => page.locator(selector).first().isVisible();
    expect(await visible('.ant-layout-sider')).toBe(true);
    expect(await visible('[data-testid="export-xlsx"]')).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await visible('.ant-layout-sider')).toBe(false);
    expect(await visible('.ant-layout-header')).toBe(false);
    expect(await visible('[data-testid="export-xlsx"]')).toBe(false);
    expect(await visible('.ant-table-row')).toBe(true);
    // The content takes the page's width (not the width antd gives it beside the hidden menu).
    expect(await page.locator('main.ant-layout-content').evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThan(1400);
    await page.screenshot({ path: path.join(SHOTS, 'orders-print.png'), fullPage: true });
  });
});
