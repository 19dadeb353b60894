import crypto from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { ROLE_CHECK } from '../auth/index.js';
import { chinaToday } from '../calendar/index.js';
import type { Database } from '../db/index.js';
import type { PublicReadConfig, ReadDomain } from '../shared/index.js';

/**
 * The read cache of public answers (issue 18). A route opts in with `publicRead(domains)` (src/shared/read-cache.ts);
 * for such a GET this module
 * 1. reads the revisions of all read domains (`read_revision`, one small query shared by every request that
 *    arrived before it started: a request never uses a read that began before it arrived, so a change committed
 *    before the request is always seen — on every backend and with several server processes, no timers,
 *    no notifications needed);
 * 2. answers from the cache when the entry of the URL was built at the same revisions of the route's domains
 *    and on the same day (China time): the serialized JSON, brotli or gzip compressed once per entry, or 304
 *    when `If-None-Match` names its ETag; concurrent misses of one URL wait for the first one's answer;
 * 3. otherwise lets the handler answer and keeps what it sent (status 200 only).
 * Public answers carry `Cache-Control: public, no-cache` and an ETag (browsers and proxies revalidate every
 * time, so no page is ever stale); every other /api answer gets `private, no-store` unless the route set one.
 *
 * Staff pages opt in with `userRead(domains)`: the same, but kept per user (the key holds everything the
 * session says about the user: id, role, units, enterprise) after the route's role check has run, and sent
 * `private, no-cache` with an ETag. A route with a role check cannot be a `publicRead`, and a `userRead`
 * must have one (checked when the route is registered).
 *
 * Bounded: at most 5,000 entries and 64 MB (least recently used first out).
 *
 * Revisions are bumped by triggers on the domains' tables in the writing transaction, at commit
 * (src/db/migrations/2026113061-read-revisions.ts): no store needs to know about the cache.
 */

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
/** Below this size an answer is sent as it is (as @fastify/compress's threshold). */
const COMPRESS_THRESHOLD = 1024;
export const PUBLIC_CACHE_CONTROL = 'public, no-cache';
export const PRIVATE_CACHE_CONTROL = 'private, no-store';
/** A user's own cached answer (`userRead`): the browser may keep it but must revalidate it. */
export const USER_CACHE_CONTROL = 'private, no-cache';

interface Entry {
  version: string;
  cacheControl: string;
  etag: string;
  body: Buffer;
  encoded: Map<'br' | 'gzip', Promise<Buffer>>;
  bytes: number;
}

export interface ReadCacheStats {
  hits: number;
  misses: number;
  entries: number;
  bytes: number;
  revisionReads: number;
}

export interface ReadCache {
  stats(): ReadCacheStats;
}

/** Reads of `read_revision`, shared by the requests that arrived before each read started. */
function revisionReader(db: Kysely<Database>, onRead: () => void) {
  let inflight: Promise<Map<string, number>> | undefined;
  let next: Promise<Map<string, number>> | undefined;
  const start = (): Promise<Map<string, number>> => {
    onRead();
    const p = db
      .selectFrom('read_revision')
      .select(['domain', 'revision'])
      .execute()
      .then((rows) => new Map(rows.map((r) => [r.domain, Number(r.revision)])));
    inflight = p;
    const clear = () => {
      if (inflight === p) inflight = undefined;
    };
    p.then(clear, clear);
    return p;
  };
  return (): Promise<Map<string, number>> => {
    if (!inflight) return start();
    // The read in flight may have started before a change this request must see: wait for the next one.
    if (!next) {
      const after = () => {
        next = undefined;
        return start();
      };
      next = inflight.then(after, after);
    }
    return next;
  };
}

function acceptedEncoding(header: string | undefined): 'br' | 'gzip' | undefined {
  if (!header) return undefined;
  const accepted = new Set<string>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name);
  }
  return accepted.has('br') ? 'br' : accepted.has('gzip') || accepted.has('*') ? 'gzip' : undefined;
}

/** Whether `If-None-Match` names this ETag (weak comparison, RFC 9110 §13.1.2). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

interface Pending {
  version: string;
  done: Promise<void>;
  resolve: () => void;
}

export function installReadCache(app: FastifyInstance, db: Kysely<Database>, opts: { maxBytes?: number; maxEntries?: number } = {}): ReadCache {
  const maxBytes = opts.maxBytes ?? 64 * 1024 * 1024;
  const maxEntries = opts.maxEntries ?? 5000;
  const entries = new Map<string, Entry>();
  const pending = new Map<string, Pending>();
  /** Per request: the cache key and version its answer is stored under, or 'served'. */
  const state = new WeakMap<FastifyRequest, { key: string; version: string; cacheControl: string; pending?: Pending } | 'served'>();
  const stats = { hits: 0, misses: 0, bytes: 0, revisionReads: 0 };
  const revisions = revisionReader(db, () => stats.revisionReads++);

  // A route that checks roles answers personal data: it can never be declared a public read; a user's read must check roles.
  app.addHook('onRoute', (opts) => {
    const cfg = opts.config?.publicRead;
    if (!cfg) return;
    const hooks = [opts.onRequest, opts.preHandler].flat().filter((h) => h !== undefined);
    const checksRoles = hooks.some((h) => (h as unknown as Record<symbol, unknown>)[ROLE_CHECK]);
    if (checksRoles && !cfg.perUser) throw new Error(`${opts.method} ${opts.url}: a route with a role check cannot be a public read (publicRead)`);
    if (!checksRoles && cfg.perUser) throw new Error(`${opts.method} ${opts.url}: a user's read (userRead) must check roles`);
    if (![opts.method].flat().every((m) => m === 'GET' || m === 'HEAD'))
      throw new Error(`${String(opts.method)} ${opts.url}: only GET routes can be public reads`);
  });

  const versionOf = (cfg: PublicReadConfig, revs: Map<string, number>) =>
    `${cfg.domains.map((d: ReadDomain) => `${d}${revs.get(d) ?? 0}`).join('.')}.${chinaToday()}`;

  const release = (key: string, p: Pending) => {
    if (pending.get(key) === p) pending.delete(key);
    p.resolve();
  };

  const remember = (key: string, entry: Entry) => {
    const old = entries.get(key);
    if (old) {
      stats.bytes -= old.bytes;
      entries.delete(key);
    }
    entries.set(key, entry);
    stats.bytes += entry.bytes;
    while ((stats.bytes > maxBytes || entries.size > maxEntries) && entries.size > 1) {
      const [k, e] = entries.entries().next().value!;
      entries.delete(k);
      stats.bytes -= e.bytes;
    }
  };

  const encoded = (key: string, entry: Entry, enc: 'br' | 'gzip'): Promise<Buffer> => {
    let p = entry.encoded.get(enc);
    if (!p) {
      p =
        enc === 'br'
          ? brotli(entry.body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 6, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: entry.body.length } })
          : gzip(entry.body, { level: 6 });
      entry.encoded.set(enc, p);
      void p.then((b) => {
        entry.bytes += b.length;
        if (entries.get(key) === entry) stats.bytes += b.length;
      });
    }
    return p;
  };

  /** Headers and body of a cached answer (304 when the client has it). */
  const answer = async (req: FastifyRequest, reply: FastifyReply, key: string, entry: Entry): Promise<Buffer | string> => {
    state.set(req, 'served');
    reply.header('etag', entry.etag).header('cache-control', entry.cacheControl).header('vary', 'accept-encoding');
    if (etagMatches(req.headers['if-none-match'], entry.etag)) {
      reply.code(304);
      return '';
    }
    reply.header('content-type', 'application/json; charset=utf-8');
    const enc = entry.body.length >= COMPRESS_THRESHOLD ? acceptedEncoding(req.headers['accept-encoding']) : undefined;
    if (!enc) return entry.body;
    reply.header('content-encoding', enc);
    return encoded(key, entry, enc);
  };

  app.addHook('preHandler', async (req, reply) => {
    const cfg = req.routeOptions.config.publicRead;
    if (!cfg || req.method !== 'GET' || cfg.personal?.(req)) return;
    if (cfg.perUser && !req.user) return;
    const version = versionOf(cfg, await revisions());
    // A user's answer is kept under everything the session says about the user (id, role, units, enterprise).
    const key = cfg.perUser ? `${JSON.stringify(req.user)} ${req.url}` : req.url;
    let entry = entries.get(key);
    if (!entry || entry.version !== version) {
      const p = pending.get(key);
      if (p && p.version === version) {
        await p.done; // the first miss of this URL is being answered: use its answer
        entry = entries.get(key);
      }
    }
    if (entry && entry.version === version) {
      stats.hits++;
      entries.delete(key); // most recently used last
      entries.set(key, entry);
      return reply.send(await answer(req, reply, key, entry));
    }
    stats.misses++;
    let p = pending.get(key);
    if (!p || p.version !== version) {
      let resolve!: () => void;
      const done = new Promise<void>((r) => {
        resolve = r;
      });
      p = { version, done, resolve };
      pending.set(key, p);
    }
    state.set(req, { key, version, pending: p, cacheControl: cfg.perUser ? USER_CACHE_CONTROL : PUBLIC_CACHE_CONTROL });
    // Whatever ends this request (an answer, an error, a client gone), its waiters are released.
    const mine = p;
    reply.raw.once('close', () => release(key, mine));
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const s = state.get(req);
    if (s === 'served') return payload;
    if (s && reply.statusCode === 200 && (typeof payload === 'string' || Buffer.isBuffer(payload))) {
      const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
      const etag = `"${crypto.createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
      const entry: Entry = { version: s.version, cacheControl: s.cacheControl, etag, body, encoded: new Map(), bytes: body.length + s.key.length };
      remember(s.key, entry);
      if (s.pending) release(s.key, s.pending);
      return answer(req, reply, s.key, entry);
    }
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', PRIVATE_CACHE_CONTROL);
    return payload;
  });

  // A miss that did not end in a stored answer (an error, a 404) lets the requests waiting for it compute their own.
  app.addHook('onResponse', async (req) => {
    const s = state.get(req);
    if (s && s !== 'served' && s.pending) release(s.key, s.pending);
  });

  return { stats: () => ({ ...stats, entries: entries.size }) };
}
