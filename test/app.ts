import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.js';
import { createUser, type Role } from '../src/auth/index.js';
import { importPlan, parsePlanFile } from '../src/plan/index.js';
import type { TestDatabase } from './db.js';
import { csrfToken } from '../src/server/csrf.js';

/** The headers of a logged-in browser: session cookie and CSRF token. */
export type SessionHeaders = Record<string, string> & { cookie: string; 'x-csrf-token': string };

export const TEST_PASSWORD = 'Passw0rd-test';

/** A Fastify app on a test database (no web front end, no listening socket: use app.inject). */
export async function createTestApp(ctx: TestDatabase, logger?: FastifyBaseLogger): Promise<FastifyInstance> {
  return buildApp({ db: ctx.db, dataDir: ctx.dataDir, serveWeb: false, ...(logger ? { logger } : {}) });
}

/** Creates an account (units by canonical name) and returns its session cookie header. */
export async function loginAs(
  app: FastifyInstance,
  ctx: TestDatabase,
  p: { account: string; role: Role; units?: string[]; enterpriseId?: number },
): Promise<SessionHeaders> {
  const exists = await ctx.db.selectFrom('app_user').select('id').where('account', '=', p.account).executeTakeFirst();
  if (!exists)
    await createUser(ctx.db, {
      account: p.account,
      name: p.account,
      role: p.role,
      password: TEST_PASSWORD,
      unitNames: p.units,
      enterpriseId: p.enterpriseId ?? null,
      actor: 'test',
    });
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { account: p.account, password: TEST_PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`login ${p.account} failed: ${res.statusCode} ${res.body}`);
  const c = res.cookies.find((x) => x.name === 'bizenv_session')!;
  // The headers a browser session sends: the cookie, and the CSRF token for state-changing requests.
  return { cookie: `bizenv_session=${c.value}`, 'x-csrf-token': csrfToken(c.value) };
}

/** An upload request body (field `file`) for `app.inject`. */
export function multipart(fileName: string, content: Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----bizenvtest';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export interface SamplePlanApp {
  app: FastifyInstance;
  office: SessionHeaders;
  leader: SessionHeaders;
  /** Unit staff of 区城管局 (the water connections of measure 6) and of 区财政局. */
  water: SessionHeaders;
  finance: SessionHeaders;
  waterUnit: number;
  financeUnit: number;
}

/** An app with the sample plan imported (its unit directory too) and four accounts: office, leader and two units' staff. */
export async function samplePlanApp(ctx: TestDatabase, opts: { logger?: FastifyBaseLogger } = {}): Promise<SamplePlanApp> {
  const plan = await parsePlanFile('test/fixtures/plans/yuzhong-2021.txt');
  await importPlan(ctx.db, { plan, sourceName: 'yuzhong-2021.txt', sourceKind: 'txt', actor: 'test' });
  const app = await createTestApp(ctx, opts.logger);
  const unitId = async (name: string) => (await ctx.db.selectFrom('unit').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  return {
    app,
    office: await loginAs(app, ctx, { account: 'office1', role: 'office' }),
    leader: await loginAs(app, ctx, { account: 'leader1', role: 'leader' }),
    water: await loginAs(app, ctx, { account: 'cg1', role: 'unit_staff', units: ['区城管局'] }),
    finance: await loginAs(app, ctx, { account: 'cz1', role: 'unit_staff', units: ['区财政局'] }),
    waterUnit: await unitId('区城管局'),
    financeUnit: await unitId('区财政局'),
  };
}
