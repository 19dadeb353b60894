import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { haveChromium, launchBrowser, startServer, useDemoData, type RunningServer } from '../browser.js';

/** Screenshots to look at (1440 and 390 px): BIZENV_SCREENSHOTS or a folder in the temp directory. */
const SHOTS = process.env.BIZENV_SCREENSHOTS ?? path.join(os.tmpdir(), 'bizenv-screenshots', 'public-phone');

// The public pages as a visitor sees them on a phone (390 px) and on a desktop (1440 px), with the
// labelled demo data (`bizenv demo`: plan, policies, calendar) in the server's embedded database.
describe.skipIf(!haveChromium && !process.env.CI)('public pages at phone width in a real browser (npm start server)', () => {
  let server: RunningServer;
  let browser: Browser;
  let dataDir = '';
  let planId = 0;
  let policyId = 0;
  const pages = () => [
    { path: '/plan', ready: '[data-testid="measure-link-1"]' },
    { path: `/plan/${planId}/measures/6`, ready: '[data-testid="measure-title"]' },
    { path: '/units', ready: 'text=区人力社保局' },
    { path: '/policies', ready: '[data-testid="policy-hit"]' },
    { path: `/policies/${policyId}`, ready: '[data-testid="policy-title"]' },
    { path: '/policies/calculator', ready: '[data-testid="calculator-title"]' },
    { path: '/calendar', ready: 'text=期限计算器' },
  ];
  const open = async (page: Page, p: { path: string; ready: string }) => {
    await page.goto(`${server.url}${p.path}`);
    await page.locator(p.ready).first().waitFor();
    await page.waitForLoadState('networkidle');
  };
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bizenv-public-'));
    await useDemoData(dataDir); // the sample plan and `bizenv demo`, built once per run
    server = await startServer({ BIZENV_DATA_DIR: dataDir });
    browser = await launchBrowser();
    planId = ((await (await fetch(`${server.url}/api/plan/plans`)).json()) as { id: number }[])[0]!.id;
    policyId = ((await (await fetch(`${server.url}/api/policies/`)).json()) as { items: { id: number }[] }).items[0]!.id;
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('at 390 px no public page scrolls sideways; tables are cards, the chart fits, the menu opens from the header without covering the page', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    const page = await ctx.newPage();
    for (const p of pages()) {
      await open(page, p);
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth }));
      await shot(page, `390${p.path.replace(/\//g, '_')}`);
      expect(scrollWidth, `${p.path}: page wider than the screen`).toBeLessThanOrEqual(innerWidth + 1);
    }

    await open(page, pages()[0]!);
    // Measures as cards (no table squeezing the titles), the chart inside the screen.
    expect(await page.locator('.ant-table').count()).toBe(0);
    const link = await page.getByTestId('measure-link-6').boundingBox();
    expect(link!.width).toBeGreaterThan(100);
    const canvas = await page.locator('canvas').first().boundingBox();
    expect(canvas!.x).toBeGreaterThanOrEqual(0);
    expect(canvas!.x + canvas!.width).toBeLessThanOrEqual(390);
    // No zero-width tab of the collapsed Sider lies over the content: the menu is a ☰ in the header.
    expect(await page.locator('.ant-layout-sider-zero-width-trigger').count()).toBe(0);
    const header = (await page.locator('.ant-layout-header').boundingBox())!;
    const toggle = (await page.getByTestId('menu-toggle').boundingBox())!;
    expect(toggle.y + toggle.height).toBeLessThanOrEqual(header.y + header.height);
    const content = (await page.locator('.ant-layout-content').boundingBox())!;
    expect(content.x).toBe(0);
    expect(content.width).toBe(390);
    await page.getByTestId('menu-toggle').click();
    await page.locator('.ant-drawer .ant-menu').getByText('惠企政策').click();
    await page.waitForURL(/\/policies$/);
    await page.getByTestId('policy-hit').first().waitFor();
    await expect(page.locator('.ant-drawer-open').count()).resolves.toBe(0);

    // The units page's title is whole (the search no longer shares the card's header with it).
    await open(page, pages()[2]!);
    const title = page.locator('.ant-card-head-title').first();
    expect(await title.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    expect(await title.textContent()).toBe('单位名录');
    await ctx.close();
  });

  it('at 1440 px the policy library shows its titles on a line (not a character per line)', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    const page = await ctx.newPage();
    for (const p of pages()) {
      await open(page, p);
      await shot(page, `1440${p.path.replace(/\//g, '_')}`);
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth }));
      expect(scrollWidth, p.path).toBeLessThanOrEqual(innerWidth + 1);
    }
    await open(page, pages()[3]!);
    const titles = page.locator('[data-testid="policy-hit"] .ant-list-item-meta-title a');
    expect(await titles.count()).toBeGreaterThan(2);
    for (const t of await titles.all()) {
      const { width, fontSize } = await t.evaluate((el) => ({ width: el.getBoundingClientRect().width, fontSize: parseFloat(getComputedStyle(el).fontSize) }));
      expect(width, (await t.textContent()) ?? '').toBeGreaterThan(10 * fontSize);
    }
    await ctx.close();
  });
});
