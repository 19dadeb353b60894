import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { watchBrowser, watchServer } from './failure-evidence.js';
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
 * A data directory built once per test run by `build` (given a fresh directory holding a copy of the run's migrated
 * template database) and shared by the test files that need the same starting data: the first file to ask builds it
 * (the others wait for it, in whatever worker they run), and each gets its own copy in `into`. A failed build fails
 * every file that asked for it, with the builder's message.
 */
async function prepared(name: string, into: string, build: (dataDir: string) => Promise<void>): Promise<void> {
  const dir = path.join(inject('preparedRoot'), name);
  const data = path.join(dir, 'data');
  let builder = true;
  try {
    fs.mkdirSync(dir); // atomic: exactly one file builds
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    builder = false;
  }
  if (builder) {
    try {
      fs.cpSync(path.join(inject('pgliteTemplate'), 'pgdata'), path.join(data, 'pgdata'), { recursive: true });
      await build(data);
      fs.writeFileSync(path.join(dir, 'READY'), '');
    } catch (e) {
      fs.writeFileSync(path.join(dir, 'FAILED'), String((e as Error).stack ?? e));
      throw e;
    }
  } else {
    const deadline = Date.now() + 600_000;
    while (!fs.existsSync(path.join(dir, 'READY'))) {
      if (fs.existsSync(path.join(dir, 'FAILED'))) throw new Error(`preparing ${name} failed:\n${fs.readFileSync(path.join(dir, 'FAILED'), 'utf8')}`);
      if (Date.now() > deadline) throw new Error(`preparing ${name} took over 600 s`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  fs.cpSync(data, into, { recursive: true });
}

/**
 * Fills the empty directory `dataDir` with what the demo-data browser tests start from: the sample plan
 * (`bizenv plan import samples/plans/…`) and `bizenv demo --enterprises <enterprises> --password Jiefangbei-2026`,
 * run on this run's migrated template. Building it takes about a minute whatever the number of enterprises
 * (`bizenv demo` is mostly fixed work: ledger cycles, requests, indicators), so it is built once per run and number
 * and copied; the server then starts on `dataDir` with its first-run bootstrap (the admin account) as before.
 * Accounts a file needs besides the demo's are added after. Every file uses the demo's default, 200 enterprises
 * (the demo's second enterprise account, demo-qiye2, a firm with a valid 专精特新 qualification, needs more than
 * 50): one build per run serves them all (a second size would cost a second build, ~40 s under load, for
 * ~3 s less work; measured 2026-11-30: 50 firms 42.0 s, 200 firms 44.8 s).
 */
export async function useDemoData(dataDir: string, enterprises = 200): Promise<void> {
  await prepared(`demo-${enterprises}`, dataDir, async (d) => {
    const env = { ...process.env, BIZENV_DATA_DIR: d, DATABASE_URL: '', BIZENV_PASSWORD: DEMO_PASSWORD };
    const { execFileSync } = await import('node:child_process');
    execFileSync(process.execPath, ['bin/bizenv.js', 'plan', 'import', 'samples/plans/yuzhong-2021-business-environment-plan.txt'], { env, stdio: 'pipe' });
    execFileSync(process.execPath, ['bin/bizenv.js', 'demo', '--enterprises', String(enterprises), '--password', DEMO_PASSWORD], { env, stdio: 'pipe' });
  });
}

/** The password of the demo's accounts in `useDemoData`. */
export const DEMO_PASSWORD = 'Jiefangbei-2026';

/**
 * Starts the real server the way `npm start` does (`bizenv start`, first-run bootstrap) on a free port: on
 * `env.BIZENV_DATA_DIR` when given (a directory the test prepared), else on a fresh embedded database that already
 * holds the sample plan, imported by the bootstrap's own `importSamplePlanIfEmpty` once per run (test `prepared`)
 * instead of by every server start; the start still creates the admin account (BIZENV_ADMIN_PASSWORD).
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const own = !env.BIZENV_DATA_DIR;
  const dataDir = env.BIZENV_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'bizenv-browser-'));
  if (own)
    await prepared('sample-plan', dataDir, async (d) => {
      const { openEmbedded } = await import('../src/db/index.js');
      const { importSamplePlanIfEmpty } = await import('../src/server/bootstrap.js');
      const h = await openEmbedded(path.join(d, 'pgdata'));
      try {
        await importSamplePlanIfEmpty(h.db, () => undefined);
      } finally {
        await h.close();
      }
    });
  const server = await spawnServer({ BIZENV_DATA_DIR: dataDir, DATABASE_URL: '', BIZENV_ADMIN_PASSWORD: 'Chaotianmen-2026', ...env }, 90_000);
  const forget = watchServer(server);
  return {
    url: server.url,
    dataDir,
    output: server.output,
    stop: async () => {
      forget();
      await server.stop();
      if (own) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Debian's chromium through playwright-core, headless, with this machine's required flags. */
export async function launchBrowser(): Promise<Browser> {
  const b = await chromium.launch({
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
  watchBrowser(b);
  return b;
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
