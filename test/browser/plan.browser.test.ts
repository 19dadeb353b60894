import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { haveChromium, launchBrowser, startServer, type RunningServer } from '../browser.js';

// CI installs chromium (.ci/run); on a machine without it these tests are reported as skipped.
describe.skipIf(!haveChromium && !process.env.CI)('plan pages in a real browser (npm start server)', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the sample plan and measure 6 with its five time limits', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/plan`);
    await expect(page.getByTestId('plan-title').textContent()).resolves.toContain('优化营商环境实施方案');
    await page.getByTestId('measure-link-6').click();
    await page.waitForURL(/\/measures\/6$/);
    await expect(page.getByTestId('measure-title').textContent()).resolves.toContain('进一步压减接入时间');
    const rows = page.locator('[data-testid="targets-table"] tbody tr');
    await rows.first().waitFor();
    const requirements = (await rows.allTextContents()).join('\n');
    for (const limit of ['≤ 9 工作日', '≤ 8 工作日', '≤ 2 日', '≤ 30 工作日', '≤ 13 工作日']) expect(requirements).toContain(limit);
    expect(await rows.count()).toBe(5);
    // The targets are highlighted in the measure text.
    expect(await page.locator('[data-testid="measure-text"] mark[data-kind="target"]').count()).toBe(5);
  });

  it('filters measures by unit and by search text', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/plan`);
    await page.getByTestId('measure-search').locator('input').fill('电子营业执照');
    await page.getByTestId('measure-search').locator('input').press('Enter');
    await page.getByTestId('measure-link-3').waitFor();
    await page.getByText('检索结果（1 条措施）').waitFor();
    expect(await page.getByTestId('measure-link-6').count()).toBe(0);
  });
});
