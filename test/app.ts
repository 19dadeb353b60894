import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.js';
import { createUser, type Role } from '../src/auth/index.js';
import type { TestDatabase } from './db.js';

export const TEST_PASSWORD = 'Passw0rd-test';

/** A Fastify app on a test database (no web front end, no listening socket: use app.inject). */
export async function createTestApp(ctx: TestDatabase): Promise<FastifyInstance> {
  return buildApp({ db: ctx.db, dataDir: ctx.dataDir, serveWeb: false });
}

/** Creates an account (units by canonical name) and returns its session cookie header. */
export async function loginAs(app: FastifyInstance, ctx: TestDatabase, p: { account: string; role: Role; units?: string[]; enterpriseId?: number }): Promise<{ cookie: string }> {
  const exists = await ctx.db.selectFrom('app_user').select('id').where('account', '=', p.account).executeTakeFirst();
  if (!exists) await createUser(ctx.db, { account: p.account, name: p.account, role: p.role, password: TEST_PASSWORD, unitNames: p.units, enterpriseId: p.enterpriseId ?? null, actor: 'test' });
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { account: p.account, password: TEST_PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`login ${p.account} failed: ${res.statusCode} ${res.body}`);
  const c = res.cookies.find((x) => x.name === 'bizenv_session')!;
  return { cookie: `bizenv_session=${c.value}` };
}

/** An upload request body (field `file`) for `app.inject`. */
export function multipart(fileName: string, content: Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----bizenvtest';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content, Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
