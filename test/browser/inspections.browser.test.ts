import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { csrfToken } from '../../src/server/csrf.js';
import { completeCreditCode } from '../../src/enterprises/index.js';
import { chooseOption, haveChromium, launchBrowser, startServer, type RunningServer } from '../browser.js';

const PASSWORD = 'Passw0rd-inspections';
const SHOTS = path.resolve('tmp/screenshots/inspections');

// Issue 15's draw in a real browser: the office commits a draw, the witnesses' numbers and the lottery result are
// entered, the draw runs, and an outsider (no login, on a phone) opens the public proof page and verifies it; then an
// inspector sent to a drawn object records the result on a phone, the department publishes it, and it is public.
describe.skipIf(!haveChromium && !process.env.CI)('双随机 draws in a real browser', () => {
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
  const page = async (width: number, login: boolean, who = { account: 'admin', password: PASSWORD }) => {
    const p = await (await browser.newContext({ viewport: { width, height: 900 }, reducedMotion: 'reduce' })).newPage();
    if (login) {
      await p.goto(`${server.url}/login`);
      await p.locator('input#account, input[autocomplete="username"]').fill(who.account);
      await p.locator('input[autocomplete="current-password"]').fill(who.password);
      await p.locator('form button[type="submit"]').click();
      await p.getByTestId('current-user').waitFor();
    }
    return p;
  };
  /** A full-page screenshot; the page must not scroll sideways (once a chosen option's dropdown has closed). */
  const shot = async (p: Page, name: string) => {
    await p.waitForLoadState('networkidle');
    await expect.poll(() => p.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count()).toBe(0);
    await p.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
    const [scroll, client] = await p.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    expect(scroll, `${name}: horizontal scroll`).toBeLessThanOrEqual(client);
  };
  const pick = (p: Page, testId: string, typed: string, option: string) => chooseOption(p, p.getByTestId(testId), option, { typed });
  let unitName = '';

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer({ BIZENV_ADMIN_PASSWORD: PASSWORD });
    browser = await launchBrowser();
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ account: 'admin', password: PASSWORD }),
    });
    adminCookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    const units = (await call('/api/plan/units')) as Array<{ id: number; name: string }>;
    const unit = units.find((u) => u.name === '区市场监管局') ?? units[0]!;
    unitName = unit.name;
    for (let i = 1; i <= 4; i++)
      await call('/api/enterprises', 'POST', {
        creditCode: completeCreditCode(`91500103MA5UT${i}01A`),
        name: `渝中抽检样本${i}号有限公司`,
        industryCode: '5211',
      });
    for (const [name, certNo] of [
      ['周检查', '50010300101'],
      ['吴检查', '50010300102'],
      ['郑检查', '50010300103'],
    ])
      await call('/api/inspections/inspectors', 'POST', { unitId: unit.id, name, certNo, fields: ['食品安全'], active: true, relations: [] });
    await call('/api/inspections/items', 'POST', {
      unitId: unit.id,
      name: '食品经营许可情况检查',
      legalBasis: '《中华人民共和国食品安全法》第一百一十条',
      objectScope: '食品经营者',
      method: '实地核查',
      active: true,
    });
  }, 150_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('commits, takes the witnesses’ numbers and the lottery, runs, and an outsider verifies it', async () => {
    const office = await page(1440, true);
    await office.goto(`${server.url}/inspections/directories`);
    await office.getByTestId('object-table').getByText('渝中抽检样本1号有限公司').waitFor();
    await shot(office, 'directories-1440');
    await office.getByRole('tab', { name: '执法检查人员名录库' }).click();
    await office.getByTestId('inspector-table').getByText('周检查').waitFor();
    await shot(office, 'inspectors-1440');

    await office.goto(`${server.url}/inspections/draws`);
    await office.getByTestId('commit-draw').click();
    const dialog = office.getByRole('dialog');
    await dialog.getByLabel('抽查任务名称').fill('食品经营许可随机抽查');
    await pick(office, 'lead-unit', unitName.slice(1, 4), unitName);
    await chooseOption(office, dialog.getByLabel('抽查事项'), `${unitName}：食品经营许可情况检查`, { scope: dialog });
    await dialog.getByLabel('抽查比例').fill('50');
    await dialog.getByLabel('监督人').fill('王监督、李监督');
    await shot(office, 'commit-1440');
    await dialog.getByRole('button', { name: '公开承诺' }).click();
    await office.getByTestId('witness-0').fill('271828');
    await office.getByTestId('witness-1').fill('0314');
    await office.getByTestId('save-witnesses').click();
    await office.getByTestId('lottery').fill('03 07 12 19 25 31 + 09');
    await office.getByTestId('save-lottery').click();
    await office.getByTestId('run-draw').click();
    await office.getByTestId('pick-table').waitFor();
    expect(await office.getByTestId('pick-table').locator('tbody tr').count()).toBe(2); // ⌈4 × 50%⌉
    await shot(office, 'draw-1440');

    // An outsider, no login, on a phone.
    const visitor = await page(390, false);
    await visitor.goto(`${server.url}/public/inspections`);
    await visitor.getByTestId('public-draw-table').getByRole('link').first().click();
    await visitor.getByTestId('verify-draw').click();
    await visitor.getByTestId('verify-result').waitFor();
    expect(await visitor.getByTestId('verify-result').textContent()).toContain('验证通过');
    await shot(visitor, 'public-verify-390');
    await visitor.setViewportSize({ width: 1440, height: 900 });
    await shot(visitor, 'public-verify-1440');
    await office.setViewportSize({ width: 390, height: 900 });
    await office.goto(`${server.url}/inspections/directories`);
    await office.getByTestId('object-table').waitFor();
    await shot(office, 'directories-390');
    const [d] = await call('/api/inspections/draws');
    expect(d).toMatchObject({ status: 'run', picked: 2, leadUnitName: unitName });
  }, 180_000);

  it('an inspector records a result, the department publishes it, and it appears on the public page', async () => {
    const [d] = (await call('/api/inspections/draws')) as Array<{ id: number }>;
    const draw = (await call(`/api/inspections/draws/${d!.id}`)) as {
      picks: Array<{ objectKey: string; objectName: string; team: Array<{ certNo: string; name: string }> }>;
    };
    const pick = draw.picks[0]!;
    const member = pick.team[0]!;
    const inspectors = (await call('/api/inspections/inspectors')) as { items: Array<{ id: number; certNo: string }> };
    const inspectorId = inspectors.items.find((i) => i.certNo === member.certNo)!.id;
    // The inspector's own login (a staff account of the unit), first password changed as at a first login.
    const first = 'Chushi-mima-2026';
    const password = 'Jiancha-luru-2026';
    await call('/api/ledger/users', 'POST', { account: 'jiancha1', name: member.name, role: 'unit_staff', password: first, units: [unitName] });
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ account: 'jiancha1', password: first }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const changed = await fetch(`${server.url}/api/auth/password`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken(cookie.replace(/^bizenv_session=/, '')), 'content-type': 'application/json' },
      body: JSON.stringify({ currentPassword: first, newPassword: password }),
    });
    expect(changed.status).toBe(200);

    // The office links the inspector to that login in the 执法检查人员名录库.
    const office = await page(1440, true);
    await office.goto(`${server.url}/inspections/directories`);
    await office.getByRole('tab', { name: '执法检查人员名录库' }).click();
    await office.getByTestId(`inspector-account-${inspectorId}`).click();
    await office.getByRole('dialog').getByLabel('登录账号').fill('jiancha1');
    await office.getByRole('dialog').getByLabel('登录账号').press('Enter');
    await office.getByText('已关联登录账号').waitFor();

    // The inspector, on a phone, records the result of the object.
    const inspector = await page(390, true, { account: 'jiancha1', password });
    await inspector.goto(`${server.url}/inspections/checks`);
    await inspector.getByTestId('my-checks').getByText(pick.objectName).waitFor();
    await inspector.locator(`[data-testid^="record-${d!.id}-${pick.objectKey}-"]`).click();
    await inspector.getByTestId('result-category').click();
    await inspector.locator('.ant-select-item-option', { hasText: '发现问题已责令改正' }).click();
    await inspector.getByTestId('result-notes').fill('经营场所未公示食品经营许可证');
    await inspector.getByTestId('result-rectify').fill('10');
    await shot(inspector, 'record-result-390');
    await inspector.getByTestId('save-result').click();
    await inspector.getByText('检查结果已录入').waitFor();
    await inspector.getByTestId('my-checks').getByText('发现问题已责令改正').waitFor();
    await shot(inspector, 'my-checks-390');

    // The department (here the office) publishes it; the deadline is shown until then.
    await office.goto(`${server.url}/inspections/results`);
    await office.getByTestId('result-table').getByText(pick.objectName).waitFor();
    await shot(office, 'results-1440');
    await office.locator('[data-testid^="publish-"]:not([data-testid="publish-selected"])').first().click();
    await office.getByText('已公示 1 条结果').waitFor();
    // The problem found raises a 风险预警 pushed to the department; the figures count the check.
    await office.goto(`${server.url}/inspections/risk`);
    await office.getByTestId('risk-evaluate').click();
    await office.getByTestId('risk-flags').getByText(pick.objectName).waitFor();
    await shot(office, 'risk-1440');
    await office.goto(`${server.url}/inspections/figures`);
    await office.getByTestId('figures-departments').getByText(unitName).waitFor();
    await shot(office, 'figures-1440');
    await office.setViewportSize({ width: 390, height: 900 });
    await shot(office, 'figures-390');
    await office.goto(`${server.url}/inspections/risk`);
    await office.getByTestId('risk-flags').getByText(pick.objectName).waitFor();
    await shot(office, 'risk-390');

    // An outsider finds it on the public page.
    const visitor = await page(390, false);
    await visitor.goto(`${server.url}/public/inspection-results`);
    const table = visitor.getByTestId('public-result-table');
    await table.getByText(pick.objectName).waitFor();
    expect(await table.textContent()).toContain('发现问题已责令改正');
    expect(await table.textContent()).toContain(member.certNo);
    expect(await table.textContent()).not.toContain('未公示食品经营许可证'); // the notes stay internal
    await shot(visitor, 'public-results-390');
    await visitor.setViewportSize({ width: 1440, height: 900 });
    await shot(visitor, 'public-results-1440');
  }, 180_000);
});
