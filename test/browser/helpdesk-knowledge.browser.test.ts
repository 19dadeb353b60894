import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfToken } from '../../src/server/csrf.js';
import { haveChromium, launchBrowser, startServer, type RunningServer } from '../browser.js';

const SHOTS = path.resolve('tmp/screenshots');
const PASSWORD = 'Chaotianmen-2026';

// The office's 智能客服知识库 page: adds an FAQ entry in the form and tries the question in 试问, at 1440 and 390 px.
describe.skipIf(!haveChromium && !process.env.CI)('helpdesk knowledge page in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let cookie = '';
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ account: 'admin', password: PASSWORD }),
    });
    cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    const faq = (code: string, question: string, answer: string) => ({
      code,
      question,
      variants: [],
      answer,
      sourceDocument: '渝中府办〔2021〕16号',
      sourceArticle: '第6条',
      sourcePath: null,
      unitName: '区城管局',
      validFrom: null,
      validTo: null,
    });
    for (const f of [
      faq('M014', '用水报装需要多长时间？', '获得用水一般项目用户全流程总用时不超过9个工作日。'),
      faq('M017', '天然气报装多久能通气？', '获得用气用户办理总用时不超过13个工作日。'),
    ]) {
      const r = await fetch(`${server.url}/api/helpdesk/faq`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken(cookie.replace(/^bizenv_session=/, '')), 'content-type': 'application/json' },
        body: JSON.stringify(f),
      });
      expect(r.status).toBe(200);
    }
  }, 150_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const open = async (width: number): Promise<Page> => {
    const ctx = await browser.newContext({ viewport: { width, height: 900 } });
    await ctx.addCookies([{ name: 'bizenv_session', value: cookie.replace(/^bizenv_session=/, ''), url: server.url }]);
    const page = await ctx.newPage();
    await page.goto(`${server.url}/helpdesk/knowledge`);
    await page.getByText('用水报装需要多长时间？').waitFor();
    return page;
  };
  const noHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);

  it('adds an entry in the form, and 试问 answers it with its source', async () => {
    const page = await open(1440);
    await page.getByRole('button', { name: '新增' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('编号').fill('F100');
    await dialog.getByLabel('问题').fill('政务中心可以停车吗');
    await dialog.getByLabel('相似问法（每行一条）').fill('办事停车位在哪');
    await dialog.getByLabel('答案').fill('政务中心地下车库向办事群众开放（测试）。');
    await dialog.getByLabel('或本平台页面').fill('/calendar');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('政务中心可以停车吗').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'helpdesk-knowledge-1440.png'), fullPage: true });
    await page.getByRole('tab', { name: '试问' }).click();
    await page.getByPlaceholder('输入一个问题，看看智能客服怎么答').fill('办事的停车位在哪里');
    await page.getByRole('button', { name: /试\s*问/ }).click();
    await page.getByRole('tabpanel').getByText('常见问题：政务中心可以停车吗').waitFor();
    expect(await page.getByText('有把握').first().isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'helpdesk-try-1440.png'), fullPage: true });
  });

  it('fits a 390 px phone', async () => {
    const page = await open(390);
    expect(await noHorizontalScroll(page)).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'helpdesk-knowledge-390.png'), fullPage: true });
  });
});
