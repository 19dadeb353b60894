import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { csrfToken } from '../../src/server/csrf.js';
import { createAccount, haveChromium, launchBrowser, startServer, type RunningServer } from '../browser.js';

const PASSWORD = 'Passw0rd-workbench';
/** Screenshots to look at (1440 and 390 px wide); tmp/ is not committed. */
const SHOTS = path.resolve('tmp/screenshots/workbench');

// Issue 12, "each role lands on its own work": the landing page per role, a 批示 round trip and the bulk review.
describe.skipIf(!haveChromium && !process.env.CI)('workbench in a real browser (npm start server)', () => {
  let server: RunningServer;
  let browser: Browser;
  const cookies: Record<string, string> = {};
  const ids: Record<string, number> = {};

  const loginCookie = async (account: string, password = PASSWORD) => {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ account, password }),
    });
    if (!res.ok) throw new Error(`login ${account}: ${res.status}`);
    return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  };
  const call = async (url: string, method = 'GET', body?: unknown, who = 'admin') => {
    const cookie = cookies[who]!;
    const res = await fetch(`${server.url}${url}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken(cookie.replace(/^bizenv_session=/, '')), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const pageAs = async (account: string, width = 1440): Promise<Page> => {
    const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
    await page.goto(`${server.url}/login`);
    await page.locator('input#account, input[autocomplete="username"]').fill(account);
    await page.locator('input[autocomplete="current-password"]').fill(PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.getByTestId('current-user').waitFor();
    return page;
  };
  /** A full-page screenshot, and the page must not scroll sideways. */
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
    cookies.admin = await loginCookie('admin');
    const planId = (await call('/api/plan/plans'))[0].id as number;
    ids.planId = planId;
    await call(`/api/ledger/plans/${planId}/init`, 'POST');
    await call(`/api/ledger/plans/${planId}/cycles`, 'POST', { from: '2021-09', to: '2021-10' });
    for (const [account, name, role, units] of [
      ['office1', '营商办周敏', 'office', []],
      ['leader1', '区领导陈刚', 'leader', []],
      ['zwfw1', '政务服务办刘洋', 'unit_staff', ['区政务服务办']],
      ['cgj1', '城管局孙丽', 'unit_staff', ['区城管局']],
    ] as const) {
      await createAccount(server.url, cookies.admin, { account, name, role, password: PASSWORD, units: [...units] });
      cookies[account] = await loginCookie(account);
    }
    const tasks = (await call(`/api/ledger/plans/${planId}/tasks`)) as Array<{ id: number; code: string }>;
    ids.t22 = tasks.find((t) => t.code === '22-1')!.id;
    ids.t6 = tasks.find((t) => t.code === '6-1')!.id;
    const cycles = (await call(`/api/ledger/plans/${planId}/cycles`)) as Array<{ id: number }>;
    [ids.sep, ids.oct] = [cycles[0]!.id, cycles[1]!.id];
    // 区政务服务办 filed September (returned by the office) and owes October; an order to it is issued.
    const r = await call(`/api/ledger/tasks/${ids.t22}/reports/${ids.sep}`, 'PUT', { status: 'in_progress', progress: 30, done: '梳理通办事项' }, 'zwfw1');
    await call(`/api/ledger/reports/${r.reportId}/review`, 'POST', { outcome: 'return', comment: '请补充事项清单' }, 'office1');
    const order = await call(
      '/api/ledger/orders',
      'POST',
      {
        taskId: ids.t22,
        unitId: (await call(`/api/ledger/tasks/${ids.t22}`)).leadUnits[0].id,
        reason: '进度滞后',
        requirement: '说明原因并提出措施',
        replyDays: 5,
      },
      'office1',
    );
    await call(`/api/ledger/orders/${order.id}/actions`, 'POST', { action: 'issue' }, 'office1');
    // The October bulletin is issued: the leader's "latest bulletin" is the latest issued one.
    // Drafted in the background: the run's result links to the draft.
    const { runId } = await call(`/api/ledger/plans/${planId}/bulletins`, 'POST', { cycleId: ids.oct }, 'office1');
    // (vi.waitFor: expect.poll is for tests, not beforeAll)
    const run = await vi.waitFor(
      async () => {
        const r = await call(`/api/jobs/runs/${runId}`, 'GET', undefined, 'office1');
        if (r.status !== 'succeeded') throw new Error(`run ${runId}: ${r.status} ${r.error ?? ''}`);
        return r;
      },
      { timeout: 60_000, interval: 100 },
    );
    const links = run.result.links as Array<{ href: string }>;
    const draftId = Number(
      links
        .find((l) => l.href.startsWith('/ledger/bulletins/'))!
        .href.split('/')
        .pop(),
    );
    await call(`/api/ledger/bulletins/${draftId}/issue`, 'POST', undefined, 'office1');
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lands each role on its own work, at 1440 and 390 px', async () => {
    for (const [account, url, title] of [
      ['zwfw1', '/ledger/todo', '我的待办'],
      ['leader1', '/ledger/leader', '领导视图'],
      ['office1', '/ledger/queue', '工作队列'],
    ] as const) {
      for (const width of [1440, 390]) {
        const page = await pageAs(account, width);
        await page.goto(`${server.url}/`);
        await page.waitForURL(`${server.url}${url}`);
        expect(await page.getByTestId('page-title').textContent()).toBe(title);
        if (account === 'zwfw1') {
          await page.getByTestId('todo-owed-22-1').first().waitFor();
          expect(await page.getByTestId('todo-returned').textContent()).toContain('请补充事项清单');
          expect(await page.getByTestId('todo-orders').textContent()).toContain('待签收');
        }
        if (account === 'leader1') {
          // As of 2021-12-31 (the plan year is over) many tasks are red; the ranking and the latest issued bulletin are there.
          await page
            .getByTestId('leader-red')
            .getByText(/任务\d+-\d+/)
            .first()
            .waitFor();
          expect(await page.getByTestId('leader-bulletin').textContent()).toContain('关于2021年10月优化营商环境改革任务推进情况的通报');
          expect(await page.getByTestId('leader-ranking').locator('tbody tr').count()).toBeGreaterThan(5);
        }
        await shot(page, `${account}-${width}`);
        await page.context().close();
      }
    }
    // A visitor lands on the plan.
    const visitor = await browser.newPage();
    await visitor.goto(`${server.url}/`);
    await visitor.waitForURL(`${server.url}/plan`);
    await visitor.close();
  });

  it('hides the status and progress controls from unit staff (the server refuses them too)', async () => {
    const page = await pageAs('zwfw1');
    await page.goto(`${server.url}/ledger/tasks/${ids.t22}`);
    await page.getByTestId('status-by-report').waitFor();
    expect(await page.getByRole('button', { name: '更正' }).count()).toBe(0);
    await expect(call(`/api/ledger/tasks/${ids.t22}`, 'PATCH', { progress: 90 }, 'zwfw1')).rejects.toThrow(/403/);
    await page.context().close();
  });

  it('carries a 批示 from the leader to the unit and its answer back', async () => {
    const leader = await pageAs('leader1');
    await leader.goto(`${server.url}/ledger/tasks/${ids.t22}`);
    await leader.getByTestId('instruction-input').fill('请于本月底前完成通办事项清单');
    await leader.getByTestId('instruction-send').click();
    await leader.getByTestId('instruction-text').getByText('请于本月底前完成通办事项清单').waitFor();

    const unit = await pageAs('zwfw1', 390);
    await unit.goto(`${server.url}/`);
    const card = unit.getByTestId('todo-instructions');
    await card.getByText('请于本月底前完成通办事项清单').waitFor();
    expect(await card.getByTestId('instruction-target').textContent()).toContain('任务22-1');
    await shot(unit, 'zwfw1-instruction-390');
    await card.getByTestId('instruction-answer-input').fill('已完成第三批清单梳理，月底前印发');
    await card.getByTestId('instruction-answer-send').click();
    await unit.getByTestId('todo-instructions').getByText('没有待办').waitFor();
    // Staff of another unit neither see nor answer it.
    expect(await call(`/api/ledger/instructions?targetKind=task&targetId=${ids.t22}`, 'GET', undefined, 'cgj1')).toEqual([]);

    await leader.goto(`${server.url}/ledger/leader`);
    const mine = leader.getByTestId('leader-instructions');
    await expect.poll(async () => mine.getByTestId('instruction-answer').textContent()).toContain('已完成第三批清单梳理，月底前印发');
    expect(await mine.getByTestId('instruction-answer').textContent()).toContain('政务服务办刘洋');
    await shot(leader, 'leader1-instruction-1440');
    await leader.goto(`${server.url}/ledger/tasks/${ids.t22}`);
    await leader.getByTestId('instruction-answer').getByText('已完成第三批清单梳理').waitFor();
    const inbox = JSON.stringify(await call('/api/inbox/messages', 'GET', undefined, 'leader1'));
    expect(inbox).toContain('批示已答复：任务22-1');
    await leader.context().close();
    await unit.context().close();
  });

  it('lets the office review several reports at once with one comment', async () => {
    await call(`/api/ledger/tasks/${ids.t22}/reports/${ids.oct}`, 'PUT', { status: 'in_progress', progress: 45, done: '完成清单梳理' }, 'zwfw1');
    await call(`/api/ledger/tasks/${ids.t6}/reports/${ids.sep}`, 'PUT', { status: 'in_progress', progress: 40, done: '优化报装流程' }, 'cgj1');
    const office = await pageAs('office1');
    await office.goto(`${server.url}/ledger/queue`);
    const table = office.getByTestId('queue-reports');
    await table.getByTestId('queue-report-6-1').waitFor();
    for (const code of ['22-1', '6-1'])
      await table
        .locator('tr', { has: office.getByTestId(`queue-report-${code}`) })
        .locator('input[type="checkbox"]')
        .check();
    const phone = await pageAs('office1', 390);
    await phone.goto(`${server.url}/ledger/queue`);
    await phone.getByTestId('queue-report-6-1').waitFor();
    await shot(phone, 'office1-queue-390');
    await phone.context().close();
    await office.getByTestId('bulk-comment').fill('同意，继续推进');
    await shot(office, 'office1-bulk-1440');
    await office.getByTestId('bulk-accept').click();
    await office.getByText('已通过 2 份报告').waitFor();
    await expect.poll(async () => table.getByTestId('queue-report-6-1').count()).toBe(0);
    const reports = (await call('/api/ledger/reports', 'GET', undefined, 'office1')) as Array<{ code: string; cycleId: number; state: string }>;
    expect(
      reports
        .filter((r) => r.state === 'accepted')
        .map((r) => r.code)
        .sort(),
    ).toEqual(['22-1', '6-1']);
    expect((await call(`/api/ledger/tasks/${ids.t6}`)).progress).toBe(40);
    await office.context().close();
  });

  it('shows 偏离目标 once on a task off track on two indicators, each signal listed once', async () => {
    // 2021-09-23 → 2021-10-12: 10 working days, over both 9 (用水) and 8 (用电) of measure 6.
    await call('/api/indicators/records/utility', 'POST', {
      records: [
        { externalId: 'W1', 责任单位: '区城管局', 报装类型: '用水', 申请日期: '2021-09-23', 接通日期: '2021-10-12' },
        { externalId: 'E1', 责任单位: '区经济信息委', 报装类型: '低压用电', 申请日期: '2021-09-23', 接通日期: '2021-10-12' },
      ],
    });
    const task = await call(`/api/ledger/tasks/${ids.t6}`);
    expect(task.flags.filter((f: { kind: string }) => f.kind === 'off_track').length).toBeGreaterThan(1);
    const page = await pageAs('leader1');
    await page.goto(`${server.url}/ledger/tasks/${ids.t6}`);
    const alert = page.getByTestId('off-track');
    await alert.waitFor();
    expect(await page.getByTestId('flag-off_track').count()).toBe(1);
    const text = (await alert.textContent()) ?? '';
    for (const f of task.flags.filter((x: { kind: string }) => x.kind === 'off_track')) expect(text.split(f.message).length - 1).toBe(1);
    await page.context().close();
  });
});
