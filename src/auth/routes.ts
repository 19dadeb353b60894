import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { Ok } from '../shared/index.js';
import { LoginBody, LoginResult, Me } from './api.js';
import { SESSION_COOKIE } from './auth-plugin.js';
import { login, logout } from './auth-service.js';

// Failed attempts are slowed down per account (in addition to the lock after repeated failures).
const failures = new Map<string, number>();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Logging in and out, and who is logged in. */
export function authRoutes(db: Kysely<Database>): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/login',
      {
        config: { rateLimit: { max: 120, timeWindow: '1 minute' } }, // per client address; per-account lockout is in login()
        schema: { tags: ['auth'], summary: '登录', body: LoginBody, response: { 200: LoginResult } },
      },
      async (req, reply) => {
        const { account, password } = req.body;
        try {
          const r = await login(db, { account, password });
          failures.delete(account);
          reply.setCookie(SESSION_COOKIE, r.token, { path: '/', httpOnly: true, sameSite: 'lax', expires: r.expiresAt });
          return { user: r.user, expiresAt: r.expiresAt.toISOString() };
        } catch (e) {
          const n = (failures.get(account) ?? 0) + 1;
          failures.set(account, n);
          await sleep(Math.min(200 * 2 ** (n - 1), 3000));
          throw e;
        }
      },
    );

    app.post('/logout', { schema: { tags: ['auth'], summary: '退出登录', response: { 200: Ok } } }, async (req, reply) => {
      const token = req.cookies?.[SESSION_COOKIE];
      if (token) await logout(db, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    });

    app.get('/me', { schema: { tags: ['auth'], summary: '当前用户', response: { 200: Me } } }, async (req) => ({ user: req.user }));
  };
}
