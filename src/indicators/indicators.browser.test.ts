import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { haveChromium, launchBrowser, startServer, type RunningServer } from '../../test/browser.js';

const PASSWORD = 'Passw0rd-indic';

// Issue 5 in a real browser: the office uploads a small CSV of water connections, sees the indicator
// breached and the late case (10 working days across the National Day break) in the drill-down; a bad
// file shows its row-level errors and imports nothing. The late case's record is then corrected on the
// 案件记录 page (reached from the breaching list) and the indicator no longer lists it.
describe.skipIf(!haveChromium && !process.env.CI)('indicator upload and dashboard in a real browser (npm start server)', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    server = await startServer({ BIZENV_ADMIN_PASSWORD: PASSWORD });
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.goto(`${server.url}/login`);
    await page.locator('input#account, input[autocomplete="username"]').fill('admin');
    await page.locator('input[autocomplete="current-password"]').fill(PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.getByTestId('current-user').waitFor();
  }, 150_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const upload = async (name: string, text: string) => {
    await page.goto(`${server.url}/indicators/upload`);
    await page.getByTestId('upload-button').waitFor();
    await page.locator('input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
  };

  it('a bad file shows row-level errors', async () => {
    await upload('bad.csv', '申请编号,报装类型,申请日期,接通日期\nB1,用水,2021-10-12,2021-10-08\nB1,用水,2021-13-01,\n');
    // The import runs as a background job (issue 18): its result shows the refused rows.
    await page.getByTestId('run-problem-count').waitFor();
    const text = await page.getByTestId('run-result').getByTestId('problem-table').textContent();
    expect(text).toContain('早于申请日期');
    expect(text).toContain('与第2行重复');
    expect(text).toContain('不是有效日期');
  });

  it('uploads a small CSV; the indicator and a breaching case appear', async () => {
    await upload(
      'water.csv',
      [
        '申请编号,责任单位,报装类型,申请日期,接通日期',
        'S1,区城管局,用水,2021-09-24,2021-10-12', // 9 working days (09-26 and 10-09 are 调休 workdays)
        'S2,区城管局,用水,2021-09-23,2021-10-12', // 10: late
        'S3,区城管局,用水,2021-02-05,2021-02-22', // 8 across the Spring Festival
      ].join('\n'),
    );
    await page.getByTestId('run-result').waitFor();
    expect(await page.getByTestId('run-result').textContent()).toContain('新增 3');
    await page.goto(`${server.url}/indicators`);
    await page.getByTestId('status-water-connection').waitFor();
    expect(await page.getByTestId('status-water-connection').textContent()).toBe('未达标');
    await page.getByTestId('indicator-water-connection').click();
    await page.getByTestId('indicator-title').waitFor();
    expect(await page.getByTestId('indicator-status').textContent()).toBe('未达标');
    expect(await page.getByTestId('indicator-value').textContent()).toBe('66.67');
    const rows = page.locator('[data-testid="breaching-table"] tbody tr.ant-table-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    const row = await rows.first().textContent();
    expect(row).toContain('S2');
    expect(row).toContain('2021-10-11'); // the last compliant day
    expect(await rows.first().getByTestId('case-duration').textContent()).toBe('10');
  });

  it('corrects the late case on 案件记录: the indicator no longer lists it', async () => {
    await page.getByTestId('edit-case-S2').click();
    const date = page.locator('.ant-drawer #completed_on');
    await date.waitFor();
    expect(await date.inputValue()).toBe('2021-10-12');
    await date.fill('2021-10-11');
    await date.press('Enter');
    await page.getByTestId('record-save').click();
    await page.locator('.ant-message').getByText('已保存“S2”').waitFor();
    expect(await page.locator('[data-testid="records-table"] tbody tr.ant-table-row').first().textContent()).toContain('2021-10-11');
    await page.goto(`${server.url}/indicators/water-connection`);
    await page.getByTestId('indicator-title').waitFor();
    expect(await page.getByTestId('indicator-status').textContent()).toBe('达标');
    expect(await page.locator('[data-testid="breaching-table"] tbody tr.ant-table-row').count()).toBe(0);
  });
});
