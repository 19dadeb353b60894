import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { ForbiddenError, UnauthorizedError } from '../shared/index.js';
import { userForToken } from './auth-service.js';
import { ROLE_LABELS, type Role, type SessionUser } from './roles.js';

export const SESSION_COOKIE = 'bizenv_session';

/** Routes a user who must change the initial password may still use. */
const PASSWORD_CHANGE_OPEN = new Set(['/api/auth/me', '/api/auth/logout', '/api/auth/password', '/api/health']);

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in user, or null for a visitor. */
    user: SessionUser | null;
  }
}

/** Resolves the session cookie on every request (not a plugin: the hook must apply app-wide). */
export function installAuth(app: FastifyInstance, db: Kysely<Database>): void {
  app.decorateRequest('user', null);
  hoistRoleChecks(app);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies?.[SESSION_COOKIE];
    req.user = token ? await userForToken(db, token) : null;
  });
  // An initial (or reset) password is changed before anything else: only these stay open meanwhile.
  app.addHook('preHandler', async (req) => {
    if (!req.user?.mustChangePassword) return;
    const url = req.routeOptions.url ?? '';
    if (!url.startsWith('/api/') || PASSWORD_CHANGE_OPEN.has(url)) return;
    throw new ForbiddenError('请先修改初始密码');
  });
}

/** Marks role checks so that `hoistRoleChecks` can run them before body validation. */
export const ROLE_CHECK = Symbol('bizenv.roleCheck');

/** Route hook: 401 for visitors, 403 for a role not listed. Use as `preHandler` or `onRequest`. */
export function requireRole(...roles: Role[]) {
  const check = async (req: FastifyRequest, _reply: FastifyReply) => {
    if (!req.user) throw new UnauthorizedError();
    if (roles.length && !roles.includes(req.user.role)) throw new ForbiddenError(`此操作仅限：${roles.map((r) => ROLE_LABELS[r]).join('、')}`);
  };
  return Object.assign(check, { [ROLE_CHECK]: true });
}

/**
 * Moves role checks declared as `preHandler` to `onRequest`, so that they run before the body is
 * parsed and validated: a visitor gets 401, not a validation message about a route they may not use.
 */
export function hoistRoleChecks(app: FastifyInstance): void {
  app.addHook('onRoute', (opts) => {
    const pre = opts.preHandler === undefined ? [] : Array.isArray(opts.preHandler) ? opts.preHandler : [opts.preHandler];
    const checks = pre.filter((h) => (h as unknown as Record<symbol, unknown>)[ROLE_CHECK]);
    if (checks.length === 0) return;
    opts.preHandler = pre.filter((h) => !checks.includes(h));
    const on = opts.onRequest === undefined ? [] : Array.isArray(opts.onRequest) ? opts.onRequest : [opts.onRequest];
    opts.onRequest = [...on, ...checks] as typeof opts.onRequest;
  });
}

/**
 * The logged-in user of a request whose route checks the role (`requireRole`/`requireLogin`):
 * typed, without `req.user!`; a 401 if a route forgot the check and a visitor came.
 */
export function sessionUser(req: FastifyRequest): SessionUser {
  if (!req.user) throw new UnauthorizedError();
  return req.user;
}

/** preHandler: any logged-in user. */
export const requireLogin = requireRole();
