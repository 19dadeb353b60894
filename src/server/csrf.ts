import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../auth/index.js';
import { ForbiddenError } from '../shared/index.js';

/** The readable cookie that carries the CSRF token to the web app, and the header it is sent back in. */
export const CSRF_COOKIE = 'bizenv_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The CSRF token of a session: derived from the session token, which is in an http-only cookie no
 * other site or script can read, so it cannot be forged even by someone able to plant cookies.
 */
export function csrfToken(sessionToken: string): string {
  return crypto.createHash('sha256').update(`bizenv-csrf\n${sessionToken}`).digest('base64url');
}

/**
 * Protection of state-changing requests against cross-site request forgery (OWASP CSRF cheat sheet):
 * 1. Fetch metadata and Origin: a non-GET request that a browser marks as coming from another site
 *    (another port of the same host included: `Sec-Fetch-Site: same-site`), or whose Origin is
 *    neither this server's Host nor BIZENV_PUBLIC_URL, is refused.
 * 2. A request authenticated by the session cookie must send the session's CSRF token in the
 *    `x-csrf-token` header (the web app reads it from the `bizenv_csrf` cookie, which this hook
 *    sets). Requests authenticated by an API token (no session cookie) need none.
 */
export function installCsrfProtection(app: FastifyInstance, opts: { publicUrl?: URL; secureCookies?: boolean } = {}): void {
  app.addHook('onRequest', async (req, reply) => {
    const session = req.cookies?.[SESSION_COOKIE];
    if (session) {
      const token = csrfToken(session);
      if (req.cookies[CSRF_COOKIE] !== token) {
        reply.setCookie(CSRF_COOKIE, token, { path: '/', httpOnly: false, sameSite: 'strict', secure: opts.secureCookies ?? false });
      }
    }
    if (SAFE.has(req.method)) return;
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') throw new ForbiddenError('已拒绝来自其他网站的请求（跨站请求）');
    const origin = req.headers.origin;
    if (origin !== undefined && !sameOrigin(req, origin, opts.publicUrl)) throw new ForbiddenError('已拒绝来自其他网站的请求（来源不符）');
    if (session) {
      const sent = req.headers[CSRF_HEADER];
      const expected = Buffer.from(csrfToken(session));
      const given = Buffer.from(typeof sent === 'string' ? sent : '');
      if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
        throw new ForbiddenError('请求缺少有效的防伪令牌，请刷新页面后重试');
      }
    }
  });
}

function sameOrigin(req: FastifyRequest, origin: string, publicUrl?: URL): boolean {
  let o: URL;
  try {
    o = new URL(origin);
  } catch {
    return false;
  }
  if (publicUrl && o.origin === publicUrl.origin) return true;
  return o.host === req.headers.host;
}
