import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { csrfToken } from '../../src/server/csrf.js';
import { createAccount, haveChromium, launchBrowser, startServer, type RunningServer } from '../browser.js';

const PASSWORD = 'Chaotianmen-2026';
/** Screenshots to look at (BIZENV_SCREENSHOTS, else a temporary folder). */
const SHOTS = process.env.BIZENV_SCREENSHOTS ?? fs.mkdtempSync(path.join(os.tmpdir(), 'bizenv-jobs-shots-'));

// The 定时任务 page on the real server (jobs on, as `npm start` runs them): the office starts the daily
// warnings by hand and sees what was sent to whom, edits a time, turns a job off; at 1440 and 390 px.
describe.skipIf(!haveChromium && !process.env.CI)('定时任务 page in a real browser', () => {
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
  const login = async (page: Page) => {
    await page.goto(`${server.url}/login`);
    await page.locator('input#account, input[autocomplete="username"]').fill('admin');
    await page.locator('input[autocomplete="current-password"]').fill(PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.getByTestId('current-user').waitFor();
  };

  beforeAll(async () => {
    server = await startServer({ BIZENV_ADMIN_PASSWORD: PASSWORD });
    browser = await launchBrowser();
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ account: 'admin', password: PASSWORD }),
    });
    adminCookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    const planId = (await call('/api/plan/plans'))[0].id as number;
    await call(`/api/ledger/plans/${planId}/init`, 'POST');
    await call(`/api/ledger/plans/${planId}/cycles`, 'POST', { from: '2021-09', to: '2021-10' });
    await createAccount(server.url, adminCookie, { account: 'zwfw1', name: '政务服务办乙', role: 'unit_staff', password: PASSWORD, units: ['区政务服务办'] });
    await createAccount(server.url, adminCookie, { account: 'scjg1', name: '市场监管局丙', role: 'unit_staff', password: PASSWORD, units: ['区市场监管局'] });
  }, 150_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows each job in words, runs one by hand with what it sent, edits a time and turns a job off', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
    await login(page);
    await page.goto(`${server.url}/jobs`);
    const flags = page.getByTestId('schedule-ledger.daily-flags');
    await flags.getByText('每天 08:30').waitFor();
    await page.getByTestId('schedule-audit.checkpoint').getByText('每天 00:10').waitFor();
    await page.getByTestId('schedule-ledger.reminders').getByText('到期提醒（进展报告、督办单）').waitFor();

    // 立即运行: the daily warnings (the 2021 cycles have no reports: every lead unit with staff is told).
    await flags.getByRole('button', { name: '立即运行' }).click();
    await flags.getByText('成功').waitFor({ timeout: 30_000 });
    await flags.getByText(/区政务服务办 \d+ 条/).waitFor();
    await flags
      .getByText(/营商办 \d+ 条|区市场监管局 \d+ 条/)
      .first()
      .waitFor();
    expect(await flags.getByText('admin 手动运行').count()).toBe(0); // names, not account names
    await page.getByTestId(/^run-/).first().getByText('每日预警（红灯、未报送、督办逾期）').waitFor();

    // A new time, and a job turned off.
    const reminders = page.getByTestId('schedule-ledger.reminders');
    const time = reminders.locator('.ant-picker input');
    await time.click();
    await time.fill('09:15');
    await time.press('Enter');
    await reminders.getByRole('button', { name: '保存时间' }).click();
    await reminders.getByText('每天 09:15').waitFor();
    const audit = page.getByTestId('schedule-audit.checkpoint');
    await audit.getByRole('switch').click();
    await audit.getByText('已停用，不会自动运行').waitFor();
    const overview = await call('/api/jobs/overview');
    expect(overview.schedules.find((s: { name: string }) => s.name === 'ledger.reminders')).toMatchObject({ cron: '15 9 * * *', updatedBy: '系统管理员' });
    await page.screenshot({ path: path.join(SHOTS, 'jobs-1440.png'), fullPage: true });

    const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })).newPage();
    await login(phone);
    await phone.goto(`${server.url}/jobs`);
    await phone
      .getByTestId('schedule-ledger.daily-flags')
      .getByText(/区政务服务办 \d+ 条/)
      .waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: path.join(SHOTS, 'jobs-390.png'), fullPage: true });
    console.log(`screenshots in ${SHOTS}`);
  }, 120_000);

  it('an import of case records runs in the background: the bar advances with rows and time left, then its result stays at /jobs/runs/:id', async () => {
    // 400,000 new water connections (~18 MB): checked for a few seconds, so the bar is seen moving.
    const rows = 400_000;
    const lines = ['申请编号,报装类型,申请日期,接通日期'];
    for (let i = 0; i < rows; i++) lines.push(`B${i},用水,2021-0${1 + (i % 9)}-1${i % 10},2021-0${1 + (i % 9)}-2${i % 8}`);
    const file = path.join(SHOTS, 'water-400k.csv');
    fs.writeFileSync(file, lines.join('\n'));

    const page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
    await login(page);
    await page.goto(`${server.url}/indicators/upload`);
    await page.getByTestId('upload-button').waitFor();
    // Every text the bar shows is recorded in the page as it renders (a MutationObserver), not sampled by the test: the
    // rows are checked in a worker thread in a few seconds and the page polls once a second, so sampling could miss
    // the short running phase under load (it did in CI). Started before the upload.
    await page.evaluate(() => {
      const w = window as unknown as { seenRows: string[]; seenLeft: boolean };
      w.seenRows = [];
      w.seenLeft = false;
      const look = () => {
        const t = document.querySelector('[data-testid="run-rows"]')?.textContent;
        if (t && w.seenRows[w.seenRows.length - 1] !== t) w.seenRows.push(t);
        if (document.body.textContent?.includes('剩余时间：')) w.seenLeft = true;
      };
      new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.locator('input[type="file"]').setInputFiles(file);
    const result = page.getByTestId('run-result');
    await result.waitFor({ timeout: 120_000 });
    const seen = await page.evaluate(() => (window as unknown as { seenRows: string[]; seenLeft: boolean }).seenRows);
    const counts = seen.map((t) => /^([\d,]+) \/ 400,000 行$/.exec(t)).flatMap((m) => (m ? [Number(m[1]!.replace(/,/g, ''))] : []));
    // The bar advanced: rows done short of the total while it ran, with the time left; then the run's result.
    expect(
      counts.some((n) => n > 0 && n < rows),
      `texts seen: ${seen.join(' | ')}`,
    ).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { seenLeft: boolean }).seenLeft)).toBe(true);
    await page.getByTestId('run-status').getByText('成功').waitFor();
    await result.getByText('400,000').first().waitFor(); // 行数, 新增
    await page.screenshot({ path: path.join(SHOTS, 'import-result-1440.png'), fullPage: true });

    // The result page stays: reached from the card, and on a phone.
    const href = await page.getByRole('link', { name: '结果页' }).getAttribute('href');
    expect(href).toMatch(/^\/jobs\/runs\/\d+$/);
    const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })).newPage();
    await login(phone);
    await phone.goto(`${server.url}${href}`);
    await phone.getByTestId('run-result').getByText('新增', { exact: true }).waitFor();
    await phone.getByRole('link', { name: '查看记录' }).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: path.join(SHOTS, 'import-result-390.png'), fullPage: true });
  }, 300_000);
  it('the 12345 import, 重新计算全部指标 and 全量匹配并推送 run in the background and show their results on the page', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
    await login(page);
    // 12345: a checked file is written in the background; the modal follows the run to its counts.
    const file = path.join(SHOTS, '12345转办.csv');
    fs.writeFileSync(
      file,
      [
        '工单编号,受理日期,诉求类别,诉求标题,诉求内容,联系人,联系电话',
        'GD-B1,2026-11-02,咨询,开办咨询,开办企业需要哪些材料,王五,13700001111',
        'GD-B2,2026-11-03,建议,延长窗口时间,建议午间不停办,赵六,13700002222',
      ].join('\n'),
    );
    await page.goto(`${server.url}/requests`);
    await page.getByTestId('import-12345').click();
    await page.locator('.ant-modal input[type="file"]').setInputFiles(file);
    const imported = page.locator('.ant-modal').getByTestId('run-result');
    await imported.getByText(/文件中 2 件，新增 2 件/).waitFor({ timeout: 60_000 });
    await page.locator('.ant-modal').getByTestId('run-status').getByText('成功').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'import-12345-1440.png'), fullPage: true });
    await page.keyboard.press('Escape');

    // 重新计算全部指标: a bar of indicators, then how many were recomputed.
    await page.goto(`${server.url}/indicators`);
    await page.getByTestId('recompute').click();
    const recomputed = page.getByTestId('run-result');
    await recomputed.getByText(/^已重新计算 \d{4} 年.*的 \d+ 项指标/).waitFor({ timeout: 60_000 });
    await recomputed.getByRole('link', { name: '查看指标' }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'recompute-1440.png'), fullPage: true });

    // 全量匹配并推送 on the 应享尽享 page, on a phone.
    const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })).newPage();
    await login(phone);
    await phone.goto(`${server.url}/policies/funnel`);
    await phone.getByTestId('match-all').click();
    const matched = phone.getByTestId('run-result');
    await matched.getByText(/^已匹配 [\d,]+ 家企业 × [\d,]+ 个政策事项/).waitFor({ timeout: 60_000 });
    await matched.getByText('推送消息', { exact: true }).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: path.join(SHOTS, 'match-390.png'), fullPage: true });
  }, 180_000);
});
