import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { haveChromium, launchBrowser, startServer, useDemoData, type RunningServer } from '../browser.js';

const PASSWORD = 'Jiefangbei-2026';
/** Screenshots to look at (1440 and 390 px wide). */
const SHOTS = process.env.REQUEST_FIGURES_SHOTS ?? path.join(os.tmpdir(), 'bizenv-request-figures-shots');

// Issue 14, "Measured and published": the demo year of requests on the figures page (leaders), the bulletin and the
// public page (no login, district figures only), at 1440 and 390 px; and the demo's 政企沟通 and 回访 (visits page).
describe.skipIf(!haveChromium && !process.env.CI)('request figures, bulletin and public page (real browser, demo data)', () => {
  let server: RunningServer;
  let browser: Browser;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bizenv-browser-rq-figures-'));
  beforeAll(async () => {
    await useDemoData(dataDir); // the sample plan and `bizenv demo` (200 enterprises), built once per run
    server = await startServer({ BIZENV_DATA_DIR: dataDir });
    browser = await launchBrowser();
    fs.mkdirSync(SHOTS, { recursive: true });
  }, 400_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const login = async (page: Page, account: string) => {
    await page.goto(`${server.url}/login`);
    await page.getByLabel('账号').fill(account);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.getByTestId('current-user').waitFor();
  };
  const noHorizontalScroll = async (page: Page) =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1)).toBe(true);

  for (const width of [1440, 390])
    it(`shows the demo year's figures to a leader, the bulletin and the public page at ${width} px`, async () => {
      // Reduced motion: charts are drawn at once (no animation to wait for before the screenshot).
      const ctx = await browser.newContext({ viewport: { width, height: 900 }, reducedMotion: 'reduce' });
      const page = await ctx.newPage();
      await login(page, 'demo-leader');
      await page.goto(`${server.url}/requests/figures?year=2021&period=quarter&index=3`);
      await page.getByTestId('rate-cards').waitFor({ timeout: 60_000 });
      await page.getByTestId('figure-table').waitFor();
      const text = (await page.locator('main, .ant-layout-content').first().textContent()) ?? '';
      expect(text).toContain('2021年第三季度');
      expect(text).toContain('按时办结率');
      expect(text).toContain('区市场监管局');
      expect(text).toContain('指标说明');
      await page.locator('.echarts-for-react canvas').first().waitFor(); // charts drawn
      await noHorizontalScroll(page);
      await page.screenshot({ path: path.join(SHOTS, `figures-${width}.png`), fullPage: true });
      if (width === 390)
        for (const y of [0, 1200])
          await page.screenshot({ path: path.join(SHOTS, `figures-390-${y}.png`), fullPage: true, clip: { x: 0, y, width: 390, height: 1200 } });

      await page.goto(`${server.url}/requests/figures/bulletin?year=2021&period=month&index=9`);
      await page.getByText('2021年9月企业诉求办理通报').first().waitFor({ timeout: 60_000 });
      await noHorizontalScroll(page);
      await page.screenshot({ path: path.join(SHOTS, `bulletin-${width}.png`), fullPage: true });
      if (width === 390)
        await page.screenshot({ path: path.join(SHOTS, 'bulletin-390-0.png'), fullPage: true, clip: { x: 0, y: 0, width: 390, height: 1200 } });
      const docx = await page.request.get(`${server.url}/api/requests/bulletin.docx?year=2021&period=month&index=9`);
      expect(docx.status()).toBe(200);

      // 政企沟通 and 回访 of the demo year: the visits page opens on its last quarter with the key firms visited; meetings
      // and the 监督员 register are filled.
      await page.goto(`${server.url}/requests/visits`);
      await page
        .getByTestId('coverage-total')
        .getByText(/2021年第四季度.*重点招商企业 [1-9]\d* 家，已回访 [1-9]\d* 家/)
        .waitFor({ timeout: 60_000 });
      await page.getByTestId('coverage').waitFor();
      await noHorizontalScroll(page);
      await page.screenshot({ path: path.join(SHOTS, `visits-${width}.png`), fullPage: true });
      const meetings = (await (await page.request.get(`${server.url}/api/requests/meetings`)).json()) as { title: string; issues: number }[];
      expect(meetings.length).toBe(8);
      expect(meetings.every((m) => m.title.endsWith('（演示）')) && meetings.some((m) => m.issues > 0)).toBe(true);
      expect(((await (await page.request.get(`${server.url}/api/requests/reporters`)).json()) as unknown[]).length).toBe(9);

      const visitor = await (await browser.newContext({ viewport: { width, height: 900 }, reducedMotion: 'reduce' })).newPage();
      await visitor.goto(`${server.url}/requests/figures/public?year=2021`);
      await visitor.getByTestId('rate-cards').waitFor({ timeout: 60_000 });
      const pub = (await visitor.locator('main, .ant-layout-content').first().textContent()) ?? '';
      expect(pub).toContain('企业诉求办理情况公开');
      expect(pub).not.toContain('区市场监管局');
      expect(pub).not.toContain('有限公司');
      await visitor.locator('.echarts-for-react canvas').first().waitFor(); // the trend chart drawn
      await noHorizontalScroll(visitor);
      await visitor.screenshot({ path: path.join(SHOTS, `public-${width}.png`), fullPage: true });
      if (width === 390)
        await visitor.screenshot({ path: path.join(SHOTS, 'public-390-0.png'), fullPage: true, clip: { x: 0, y: 0, width: 390, height: 1200 } });
      await ctx.close();
    }, 120_000);
});
