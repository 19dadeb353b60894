import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { spawnServer } from './server-process.js';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const haveChromium = fs.existsSync(CHROMIUM);

export interface RunningServer {
  url: string;
  dataDir: string;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts the real server the way `npm start` does (`bizenv start`: first-run bootstrap with the
 * sample plan) on a fresh embedded database and a free port.
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bizenv-browser-'));
  // The run's migrated template database (test/global-setup.ts): creating a PGlite data directory takes seconds,
  // copying one a fraction of that. First-run bootstrap (admin, sample plan) still happens: the template has neither.
  fs.cpSync(path.join(inject('pgliteTemplate'), 'pgdata'), path.join(dataDir, 'pgdata'), { recursive: true });
  const server = await spawnServer({ BIZENV_DATA_DIR: dataDir, DATABASE_URL: '', BIZENV_ADMIN_PASSWORD: 'Chaotianmen-2026', ...env }, 90_000);
  return {
    url: server.url,
    dataDir,
    output: server.output,
    stop: async () => {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Debian's chromium through playwright-core, headless, with this machine's required flags. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}

/**
 * Creates an account through the accounts API as the office does (`cookie`: a logged-in office or admin
 * session), then makes the forced first-login password change (an account the office creates must change its
 * password), so that the account logs in with `body.password` straight to its pages.
 */
export async function createAccount(
  url: string,
  cookie: string,
  body: { account: string; name: string; role: string; password: string; units?: string[]; enterpriseId?: number },
): Promise<void> {
  const { csrfToken } = await import('../src/server/csrf.js');
  const initial = `${body.password}-initial9`;
  const created = await fetch(`${url}/api/ledger/users`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrfToken(cookie.replace(/^bizenv_session=/, '')), 'content-type': 'application/json' },
    body: JSON.stringify({ ...body, password: initial }),
  });
  if (!created.ok) throw new Error(`create ${body.account}: ${created.status} ${await created.text()}`);
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ account: body.account, password: initial }),
  });
  const own = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const changed = await fetch(`${url}/api/auth/password`, {
    method: 'POST',
    headers: { cookie: own, 'x-csrf-token': csrfToken(own.replace(/^bizenv_session=/, '')), 'content-type': 'application/json' },
    body: JSON.stringify({ currentPassword: initial, newPassword: body.password }),
  });
  if (!changed.ok) throw new Error(`first password change of ${body.account}: ${changed.status} ${await changed.text()}`);
}

/**
 * Chooses `option` in an antd Select: opens `select` (its root or its input), types `typed` to search if given, clicks
 * the option in the dropdown. Under load a click during the dropdown's opening animation, or a re-render of the list,
 * can be lost (CI runs of 2026-11-30 saw a filter and a form field left empty); the choice is then made again, at
 * most 3 times, until the select shows `option` as its value (an element titled so within `scope`, default the select;
 * the dropdown's options are in a portal outside it),
 * and the last wait fails the test with Playwright's own message.
 *
 * @example
 *   await chooseOption(page, page.getByTestId('filter-kind'), '政策推送');
 *   await chooseOption(page, dialog.getByLabel('抽查事项'), '食品经营许可情况检查', { scope: dialog });
 */
export async function chooseOption(page: Page, select: Locator, option: string, o: { typed?: string; scope?: Locator } = {}): Promise<void> {
  const chosen = (o.scope ?? select).locator(`[title="${option}"]:not(.ant-select-item-option)`).first();
  for (let i = 0; i < 3 && !(await chosen.count()); i++) {
    await select.click();
    // `fill` replaces what an earlier attempt typed (typing again would search for the text twice over).
    if (o.typed) await ((await select.evaluate((e) => e.tagName)) === 'INPUT' ? select : select.locator('input')).fill(o.typed);
    await page
      .locator(`.ant-select-item-option[title="${option}"]`)
      .click({ timeout: 8000 })
      .catch(() => undefined);
    await chosen.waitFor({ timeout: 8000 }).catch(() => undefined);
  }
  await chosen.waitFor();
}
