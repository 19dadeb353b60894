import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { csrfToken } from '../../src/server/csrf.js';
import { createAccount, haveChromium, launchBrowser, startServer, type RunningServer } from '../browser.js';

const PASSWORD = 'Passw0rd-plans';
const SHOTS = process.env.MULTI_PLAN_SHOTS ?? path.join(os.tmpdir(), 'bizenv-multi-plan-shots');

// Issue 13: with a second plan imported (test/fixtures/plans/yuzhong-2022.txt, a constructed 2022 variant of the
// sample, not a published document), the plan page and the ledger show the plan chosen in the plan bar, by
// default the current (newest) one, and each plan's own content.
describe.skipIf(!haveChromium && !process.env.CI)('choosing between two plans (real browser)', () => {
  let server: RunningServer;
  let browser: Browser;
  let adminCookie = '';
  let p21 = 0;
  let p22 = 0;
  const call = async (url: string, method = 'GET', body?: unknown) => {
    const res = await fetch(`${server.url}${url}`, {
      method,
      headers: {
        cookie: adminCookie,
        'x-csrf-token': csrfToken(adminCookie.replace(/^bizenv_session=/, '')),
        ...(body && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}),
      },
      body: body instanceof FormData ? body : body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const login = async (page: Page) => {
    await page.goto(`${server.url}/login`);
    await page.locator('input#account, input[autocomplete="username"]').fill('office1');
    await page.locator('input[autocomplete="current-password"]').fill(PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.getByTestId('current-user').waitFor();
  };
  const pick = async (page: Page, label: string) => {
    await page.getByTestId('plan-picker').click();
    await page.locator('.ant-select-item-option').filter({ hasText: label }).click();
  };
  const noSideScroll = async (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

  beforeAll(async () => {
    server = await startServer({ BIZENV_ADMIN_PASSWORD: PASSWORD });
    browser = await launchBrowser();
    fs.mkdirSync(SHOTS, { recursive: true });
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ account: 'admin', password: PASSWORD }),
    });
    adminCookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    const form = new FormData();
    form.append('file', new Blob([fs.readFileSync('test/fixtures/plans/yuzhong-2022.txt')]), 'yuzhong-2022.txt');
    // The plan is written in the background: wait for its run's result, which links to the plan.
    const { runId } = await call('/api/plan/plans', 'POST', form);
    // (vi.waitFor: expect.poll is for tests, not beforeAll)
    const run = await vi.waitFor(
      async () => {
        const r = await call(`/api/jobs/runs/${runId}`);
        if (r.status !== 'succeeded') throw new Error(`run ${runId}: ${r.status} ${r.error ?? ''}`);
        return r;
      },
      { timeout: 60_000, interval: 100 },
    );
    const links = run.result.links as Array<{ href: string }>;
    p22 = Number(links.find((l) => l.href.startsWith('/plan?plan='))!.href.split('=')[1]);
    const plans = (await call('/api/plan/plans')) as Array<{ id: number; year: number; current: boolean }>;
    p21 = plans.find((p) => p.year === 2021)!.id;
    expect(plans.find((p) => p.current)?.id).toBe(p22);
    for (const id of [p21, p22]) await call(`/api/ledger/plans/${id}/init`, 'POST');
    await createAccount(server.url, adminCookie, { account: 'office1', name: '营商办甲', role: 'office', password: PASSWORD });
  }, 150_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('switches the plan on the plan page and on the ledger; each shows its own content; the choice is in the address', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await login(page);
    await page.goto(`${server.url}/plan`);
    // The current plan by default: the newest year.
    await expect.poll(() => page.getByTestId('plan-title').textContent()).toContain('2022年');
    expect(await page.getByTestId('measure-link-52').first().textContent()).toContain('企业之家');

    await pick(page, '渝中府办〔2021〕16号');
    await expect.poll(() => page.getByTestId('plan-title').textContent()).toContain('2021年');
    expect(new URL(page.url()).searchParams.get('plan')).toBe(String(p21));
    await expect.poll(() => page.getByTestId('measure-link-52').first().textContent()).toContain('招商落地企业回访');

    // The ledger opened from the menu keeps the plan chosen in this tab; its tasks are the 2021 plan's.
    await page.goto(`${server.url}/ledger?sort=-code`);
    await expect.poll(() => page.getByTestId('task-link-52-1').textContent(), { timeout: 30_000 }).toContain('招商落地企业回访');
    await pick(page, '渝中府办〔2022〕8号');
    await expect.poll(() => page.getByTestId('task-link-52-1').textContent(), { timeout: 30_000 }).toContain('企业之家');
    const url = new URL(page.url());
    expect(url.searchParams.get('plan')).toBe(String(p22));
    expect(url.searchParams.get('sort')).toBe('-code'); // the list's own filters stay

    // A shared address opens the plan it names, whatever this tab chose before.
    await page.goto(`${server.url}/ledger?plan=${p21}&sort=-code`);
    await expect.poll(() => page.getByTestId('task-link-52-1').textContent(), { timeout: 30_000 }).toContain('招商落地企业回访');
    await page.goto(`${server.url}/plan?plan=${p22}`);
    await expect.poll(() => page.getByTestId('plan-title').textContent()).toContain('2022年');
  }, 120_000);

  it('screenshots at 1440 and 390 px: the picker fits, no sideways scrolling', async () => {
    for (const width of [1440, 390]) {
      // Reduced motion: charts are drawn at once (no animation to wait for before the screenshot).
      const page = await (await browser.newContext({ viewport: { width, height: width === 390 ? 844 : 900 }, reducedMotion: 'reduce' })).newPage();
      await login(page);
      for (const [name, url, text] of [
        ['plan', `/plan?plan=${p21}`, '2021年'],
        ['ledger', `/ledger?plan=${p22}&sort=-code`, '企业之家'],
      ] as const) {
        await page.goto(`${server.url}${url}`);
        await page.getByTestId('plan-picker').waitFor();
        await expect.poll(() => page.locator('main, .ant-layout-content').first().textContent(), { timeout: 30_000 }).toContain(text);
        if (name === 'plan') await page.locator('.echarts-for-react canvas').first().waitFor(); // the plan's chart drawn
        await page.screenshot({ path: path.join(SHOTS, `multi-plan-${name}-${width}.png`) });
        expect(await noSideScroll(page), `${name} at ${width}`).toBe(true);
        const box = await page.getByTestId('plan-picker').boundingBox();
        expect(box!.x + box!.width, `${name} at ${width}`).toBeLessThanOrEqual(width);
      }
    }
  }, 120_000);
});
