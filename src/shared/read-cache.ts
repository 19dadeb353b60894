import type { FastifyRequest } from 'fastify';

/**
 * Public reads cached by the server (src/server/read-cache.ts, issue 18): the route declares which
 * data domains its answer is built from; the server keeps the serialized (and compressed) answer per
 * URL until one of those domains gets a new revision (bumped by database triggers in the writing
 * transaction, migration 2026113061-read-revisions) or the day changes (China time), and answers
 * `If-None-Match` with 304. Such answers are `Cache-Control: public, no-cache` (revalidated on every
 * use, never stale); every other /api answer is `private, no-store`.
 *
 * Only for answers that are the same for every visitor: the handler must not read the user, except
 * through `personal` (those requests are answered by the handler, uncached and private). Staff pages
 * whose answer depends only on the user use `userRead` (kept per user, private).
 */
export const READ_DOMAINS = [
  'plan',
  'units',
  'policies',
  'calendar',
  'requests',
  'inspections',
  'ledger',
  'indicators',
  'accounts',
  'finance',
  'enterprises',
] as const;
export type ReadDomain = (typeof READ_DOMAINS)[number];

export interface PublicReadConfig {
  /** The domains the answer is built from (their tables: src/db/migrations/2026113061-read-revisions.ts). */
  domains: readonly ReadDomain[];
  /** True for requests that get a personal answer instead of the public one (e.g. staff also see drafts). */
  personal?: (req: FastifyRequest) => boolean;
  /** One user's answer (a staff page): kept per user (id, role, units …) and sent `private, no-cache`. */
  perUser?: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set through `publicRead(…)` or `userRead(…)`. */
    publicRead?: PublicReadConfig;
  }
}

/**
 * Route options of a public read, spread into the route's options.
 *
 * @example
 *   app.get('/plans/:planId', { ...publicRead(['plan', 'units']), schema: { … } }, handler);
 *   app.get('/:id', { ...publicRead(['policies'], (req) => isStaff(req.user)), schema }, handler); // staff: drafts, uncached
 */
export function publicRead(domains: readonly ReadDomain[], personal?: (req: FastifyRequest) => boolean): { config: { publicRead: PublicReadConfig } } {
  return { config: { publicRead: personal ? { domains, personal } : { domains } } };
}

/**
 * Route options of a staff page whose answer depends only on the logged-in user (role, units …), the URL
 * and the data of `domains`: kept per user until that data changes, `Cache-Control: private, no-cache`
 * with an ETag. The route keeps its role check (it runs before the cache is consulted).
 *
 * @example
 *   app.get('/plans/:planId/dashboard', { preHandler: readers, ...userRead(['ledger', 'plan', 'units']), schema }, handler);
 */
export function userRead(domains: readonly ReadDomain[]): { config: { publicRead: PublicReadConfig } } {
  return { config: { publicRead: { domains, perUser: true } } };
}
