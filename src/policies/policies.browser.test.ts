import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { haveChromium, launchBrowser, startServer, useDemoData, type RunningServer } from '../../test/browser.js';

// An enterprise logs in, opens 政策计算器, sees an eligible item with its explanation, and reads the pushed message.
describe.skipIf(!haveChromium && !process.env.CI)('政策计算器 and push in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bizenv-browser-policies-'));
  beforeAll(async () => {
    // The sample plan (as `npm start` imports it) and `bizenv demo` on the server's database, before
    // it starts (the embedded database has one user at a time).
    const env = { ...process.env, BIZENV_DATA_DIR: dataDir, DATABASE_URL: '', BIZENV_PASSWORD: 'Jiefangbei-2026' };
    await useDemoData(dataDir); // the sample plan and `bizenv demo` (200 enterprises: demo-qiye2 needs more than 50)
    execFileSync(
      process.execPath,
      ['bin/bizenv.js', 'users', 'add', '--account', 'office1', '--name', '营商办', '--role', 'office', '--password', 'Office-pass-1'],
      { env, stdio: 'pipe' },
    );
    server = await startServer({ BIZENV_DATA_DIR: dataDir });
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows an eligible item with its explanation and the pushed message', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/login?next=${encodeURIComponent('/policies/calculator')}`);
    await page.getByLabel('账号').fill('demo-qiye2');
    await page.getByLabel('密码').fill('Jiefangbei-2026');
    await page.locator('form button[type="submit"]').click();
    await page.getByTestId('current-user').waitFor();
    await page.goto(`${server.url}/policies/calculator`);
    const eligible = page.locator('[data-testid="calc-result"][data-outcome="eligible"]');
    await eligible.first().waitFor({ timeout: 30_000 });
    const card = eligible.filter({ hasText: '专精特新企业认定奖励' });
    await expect(card.count()).resolves.toBe(1);
    const lines = await card.getByTestId('explanation-line').allTextContents();
    expect(lines.join('\n')).toContain('具有有效的“专精特新”资质');
    expect(lines.join('\n')).toContain('满足');
    await expect(card.getByTestId('calc-amount').textContent()).resolves.toContain('10 万元');

    await page.goto(`${server.url}/messages`);
    const msg = page.getByTestId('message').filter({ hasText: '专精特新企业认定奖励' });
    await msg.waitFor();
    expect(await msg.getAttribute('data-read')).toBe('false');
    await msg.click();
    await expect(page.getByTestId('message-body').textContent()).resolves.toContain('渝中演示〔2025〕1号');
    await page.locator('[data-testid="message"][data-read="true"]').filter({ hasText: '专精特新企业认定奖励' }).waitFor();
  });

  it("lets staff search policies, read a rule in Chinese and try it in the rule builder, and see a profile's size rule", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/login?next=${encodeURIComponent('/policies')}`);
    await page.getByLabel('账号').fill('office1');
    await page.getByLabel('密码').fill('Office-pass-1');
    await page.locator('form button[type="submit"]').click();
    await page.getByTestId('current-user').waitFor();
    await page.goto(`${server.url}/policies`);
    await page.getByTestId('policy-search').locator('input').fill('专精特新 奖励');
    await page.getByTestId('policy-search').locator('input').press('Enter');
    const hit = page.getByTestId('policy-hit').first();
    await hit.locator('mark').first().waitFor();
    await hit.locator('a').first().click();
    await page.getByTestId('policy-title').waitFor();
    await page.locator('.ant-table-row-expand-icon').first().click();
    await page.getByTestId('rule-edit').first().click();
    await page.getByTestId('rule-editor').waitFor();
    await page.getByTestId('rule-preview').click();
    await expect(page.getByTestId('rule-text').textContent()).resolves.toContain('具有有效的“专精特新”资质');

    await page.goto(`${server.url}/enterprises`);
    await page.locator('.ant-table-row a').first().click();
    await expect(page.getByTestId('size-explanation').textContent()).resolves.toContain('统计上大中小微型企业划分办法（2017）');
  });
  it('keeps a published policy’s public text until the office publishes the edit', async () => {
    const list = (await (await fetch(`${server.url}/api/policies/?limit=1`)).json()) as { items: Array<{ id: number; title: string }> };
    const { id, title } = list.items[0]!;
    const page = await browser.newPage();
    await page.goto(`${server.url}/login?next=${encodeURIComponent(`/policies/${id}/edit`)}`);
    await page.getByLabel('账号').fill('office1');
    await page.getByLabel('密码').fill('Office-pass-1');
    await page.locator('form button[type="submit"]').click();
    const titleInput = page.getByLabel('标题');
    await titleInput.waitFor();
    await titleInput.fill(`${title}（修订）`);
    await page.locator('form button[type="submit"]').click();
    await page.getByTestId('pending-revision').waitFor();
    expect(await page.getByTestId('policy-title').textContent()).toBe(title);
    const publicView = (await (await fetch(`${server.url}/api/policies/${id}`)).json()) as { title: string };
    expect(publicView.title).toBe(title);
    await page.getByTestId('pending-revision').getByRole('button', { name: '发布修改' }).click();
    await page.getByTestId('pending-revision').waitFor({ state: 'detached' });
    expect(await page.getByTestId('policy-title').textContent()).toBe(`${title}（修订）`);
    await page.close();
  }, 120_000);
});
