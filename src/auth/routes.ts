import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { Ok } from '../shared/index.js';
import { ChangePasswordBody, LoginBody, LoginResult, Me, UnlockBody, Unlocked } from './api.js';
import { requireLogin, requireRole, SESSION_COOKIE, sessionUser } from './auth-plugin.js';
import { changePassword, LoginFailedError, login, logout, unlockLogin } from './auth-service.js';
import { failureDelayMs } from './login-throttle.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Logging in and out, and who is logged in. */
export function authRoutes(db: Kysely<Database>, opts: { secureCookies?: boolean } = {}): FastifyPluginAsyncTypebox {
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
          const r = await login(db, { account, password, source: req.ip });
          reply.setCookie(SESSION_COOKIE, r.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: opts.secureCookies, expires: r.expiresAt });
          return { user: r.user, expiresAt: r.expiresAt.toISOString() };
        } catch (e) {
          // Slows guessing down; the count lives in the database (login-throttle.ts), nothing in memory.
          if (e instanceof LoginFailedError) await sleep(failureDelayMs(e.attempt));
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

    app.post(
      '/password',
      {
        preHandler: requireLogin,
        config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
        schema: { tags: ['auth'], summary: '修改本人密码（其他会话随之失效）', body: ChangePasswordBody, response: { 200: Ok } },
      },
      async (req) => {
        await changePassword(db, {
          userId: sessionUser(req).id,
          currentPassword: req.body.currentPassword,
          newPassword: req.body.newPassword,
          keepSessionToken: req.cookies[SESSION_COOKIE],
        });
        return { ok: true as const };
      },
    );

    app.post(
      '/unlock',
      {
        preHandler: requireRole('admin'),
        schema: { tags: ['auth'], summary: '解除账号的登录锁定（系统管理员）', body: UnlockBody, response: { 200: Unlocked } },
      },
      async (req) => unlockLogin(db, { account: req.body.account, actor: sessionUser(req).account }),
    );
  };
}
