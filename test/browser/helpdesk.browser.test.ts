import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfToken } from '../../src/server/csrf.js';
import { createAccount, haveChromium, launchBrowser, startServer, type RunningServer } from '../browser.js';

const SHOTS = path.resolve('tmp/screenshots');
const PASSWORD = 'Chaotianmen-2026';

// The walk: a visitor asks about water connection time in the chat window and gets the plan's 9 个工作日 with
// the source link; asks something the platform does not know, hands off (转人工 → a request), and the office sees the
// request; the office turns the miss into an FAQ entry and the same question is then answered. Plus the window at 390 px.
describe.skipIf(!haveChromium && !process.env.CI)('智能客服 chat window in a real browser', () => {
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
    cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!.replace(/^bizenv_session=/, '');
  }, 150_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const visitor = async (width: number): Promise<{ ctx: BrowserContext; page: Page }> => {
    const ctx = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(`${server.url}/`);
    await page.getByTestId('helpdesk-open').click();
    return { ctx, page };
  };
  const askInChat = async (page: Page, question: string) => {
    const chat = page.getByTestId('helpdesk-widget');
    await chat.getByLabel('您的问题').fill(question);
    await chat.getByLabel('您的问题').press('Enter');
    await chat.getByText('正在查找……').waitFor({ state: 'detached' });
    return chat;
  };

  it('answers, hands off to a request the office sees, and answers after the office made the miss an FAQ entry', async () => {
    const { page } = await visitor(1440);
    const chat = await askInChat(page, '用水报装要多长时间？');
    await chat
      .getByText(/9个工作日/)
      .first()
      .waitFor();
    const source = chat.getByRole('link', { name: /实施方案|第6条|获得用水/ }).first();
    expect(await source.getAttribute('href')).toMatch(/^\/plan\/\d+\/measures\/6$/);
    await page.screenshot({ path: path.join(SHOTS, 'helpdesk-widget-1440.png') });
    await source.click();
    await page.waitForURL(/\/plan\/\d+\/measures\/6$/);
    await chat
      .getByText(/9个工作日/)
      .first()
      .waitFor(); // the conversation stays open on the new page

    await askInChat(page, '无人机航拍需要审批吗');
    await chat.getByTestId('helpdesk-not-sure').last().waitFor();
    await chat.getByRole('button', { name: '转人工' }).click();
    const form = chat.getByTestId('helpdesk-handoff');
    await form.getByLabel('联系人').fill('王女士');
    await form.getByLabel('手机号码').fill('13800138000');
    await form.getByRole('button', { name: '提交诉求' }).click();
    const done = chat.getByTestId('helpdesk-handed-off');
    await done.waitFor();
    const number = /编号 (\S+?号)/.exec((await done.textContent()) ?? '')![1]!;
    expect(await done.getByText('查询码').isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'helpdesk-handoff-1440.png') });

    // The office: the request in the workbench, the miss on the misses page, made into an FAQ entry.
    const office = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await office.addCookies([{ name: 'bizenv_session', value: cookie, url: server.url }]);
    const op = await office.newPage();
    await op.goto(`${server.url}/requests`);
    await op.getByText(number).first().waitFor();
    await op.goto(`${server.url}/helpdesk/misses`);
    const group = op.getByTestId('miss-group').filter({ hasText: '无人机航拍需要审批吗' });
    await group.waitFor();
    await op.screenshot({ path: path.join(SHOTS, 'helpdesk-misses-1440.png'), fullPage: true });
    await group.getByRole('button', { name: /转为常见问题/ }).click();
    const dialog = op.getByRole('dialog');
    expect(await dialog.getByLabel('问题').inputValue()).toBe('无人机航拍需要审批吗');
    await dialog.getByLabel('答案').fill('在渝中区使用无人机航拍，须提前向空管部门申请飞行空域（测试）。');
    await dialog.getByLabel('或本平台页面').fill('/calendar');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await group.waitFor({ state: 'detached' });

    await askInChat(page, '无人机航拍需要审批吗');
    await chat.getByText('须提前向空管部门申请飞行空域').waitFor();
    const lastTurnUnsure = await chat.getByTestId('helpdesk-not-sure').count();
    expect(lastTurnUnsure).toBe(1); // only the first time
  });

  it('fits a 390 px phone: suggested question, answer with its source', async () => {
    const { page } = await visitor(390);
    const chat = page.getByTestId('helpdesk-widget');
    await chat.getByRole('button', { name: '用水报装要多长时间？' }).click();
    await chat
      .getByText(/9个工作日/)
      .first()
      .waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    const box = (await chat.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(SHOTS, 'helpdesk-widget-390.png') });
  });

  // 在线人工 between two browser sessions: a visitor starts a live chat from the chat window during office hours; the
  // office (admin here) takes it from the console's queue, answers in its own words and with a canned FAQ answer,
  // and transfers it to a colleague; the visitor sees each of these by polling.
  it('live chat: a visitor and a staff member at the console, with a canned answer and a transfer', async () => {
    const api = async (method: string, url: string, body: unknown) => {
      const res = await fetch(`${server.url}${url}`, {
        method,
        headers: { cookie: `bizenv_session=${cookie}`, 'x-csrf-token': csrfToken(cookie), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status, await res.clone().text()).toBe(200);
    };
    // The office's setup: staff on duty all day every day (so "now" is inside the hours), an FAQ entry to cite, a colleague.
    await api('PUT', '/api/helpdesk/live/hours', { periods: [{ from: '00:00', to: '24:00' }], everyDay: true });
    await api('POST', '/api/helpdesk/faq', {
      code: 'LC001',
      question: '夜间施工许可怎么办理',
      variants: [],
      answer: '夜间施工须提前3个工作日向区城管局申请夜间施工许可（测试）。',
      sourceDocument: null,
      sourceArticle: null,
      sourcePath: '/calendar',
      unitName: null,
      validFrom: null,
      validTo: null,
    });
    await createAccount(server.url, `bizenv_session=${cookie}`, { account: 'lc-colleague', name: '李明', role: 'office', password: 'Kuixinglou-2026' });

    const { page } = await visitor(1440);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const chat = await askInChat(page, '周末能办夜间施工许可吗');
    await chat.getByTestId('helpdesk-live-open').click();
    const modal = page.getByRole('dialog', { name: '在线人工客服' });
    expect(await modal.getByLabel('咨询问题').inputValue()).toBe('周末能办夜间施工许可吗'); // the chat window's question
    await modal.getByLabel('称呼').fill('陈女士');
    await modal.getByRole('button', { name: '发起在线咨询' }).click();
    await modal.getByText('正在为您接入工作人员').waitFor();
    await modal.getByLabel('消息').fill('工地在解放碑附近');
    await modal.getByLabel('消息').press('Enter');
    await modal.locator('[data-author="visitor"]', { hasText: '工地在解放碑附近' }).waitFor();

    // The staff member's browser: the console's queue, accept, reply, canned answer, transfer.
    const staffCtx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await staffCtx.addCookies([{ name: 'bizenv_session', value: cookie, url: server.url }]);
    const sp = await staffCtx.newPage();
    await sp.goto(`${server.url}/helpdesk/console`);
    await sp.getByRole('listitem').filter({ hasText: '陈女士' }).click();
    const pane = sp.getByTestId('helpdesk-chat-pane');
    await pane.getByText('工地在解放碑附近').waitFor();
    await pane.getByRole('button', { name: /接\s*入/ }).click();
    await modal.getByText(/已接入，为您服务/).waitFor();
    await pane.getByLabel('回复', { exact: true }).fill('您好，周末可以申请，我们马上为您查询。');
    await pane.getByRole('button', { name: /发\s*送/ }).click();
    await modal.locator('[data-author="staff"]', { hasText: '周末可以申请' }).waitFor();
    await pane.getByLabel('常用回复').fill('夜间施工');
    await pane.getByLabel('常用回复').press('Enter');
    await pane
      .getByRole('listitem')
      .filter({ hasText: '夜间施工许可怎么办理' })
      .getByRole('button', { name: /插\s*入/ })
      .click();
    expect(await pane.getByLabel('回复', { exact: true }).inputValue()).toContain('提前3个工作日');
    await pane.getByRole('button', { name: /发\s*送/ }).click();
    await modal.locator('[data-author="staff"]', { hasText: '提前3个工作日向区城管局申请' }).waitFor();
    await modal.getByLabel('消息').fill('好的，谢谢');
    await modal.getByRole('button', { name: /发\s*送/ }).click();
    await pane.getByText('好的，谢谢').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'helpdesk-live-visitor-1440.png') });
    await sp.screenshot({ path: path.join(SHOTS, 'helpdesk-live-console-1440.png'), fullPage: true });

    // Transferred once the choice is made; under load the option's click can be lost (CI, 2026-11-30): choose again,
    // bounded, until the visitor sees the transfer.
    const transferred = modal.getByText('已转接给工作人员李明');
    for (let i = 0; i < 3 && !(await transferred.count()); i++) {
      await pane.getByLabel('转接').click();
      await sp
        .locator('.ant-select-item-option', { hasText: '李明' })
        .click({ timeout: 8000 })
        .catch(() => undefined);
      await transferred.waitFor({ timeout: 10_000 }).catch(() => undefined);
    }
    await transferred.waitFor();
    await modal.getByText('李明为您服务').waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth + 1, null, { timeout: 30_000 });
    await page.screenshot({ path: path.join(SHOTS, 'helpdesk-live-visitor-390.png') });
    const box = (await modal.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]); // the second message once blanked the page (an effect returned scrollIntoView's Promise)
    await sp.setViewportSize({ width: 390, height: 844 });
    await sp.waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth + 1, null, { timeout: 30_000 });
    await sp.screenshot({ path: path.join(SHOTS, 'helpdesk-live-console-390.png'), fullPage: true });
  }, 150_000);
});
