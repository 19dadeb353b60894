import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { createTestApp, loginAs, type SessionHeaders } from '../../test/app.js';
import { ensureUnits } from '../units/index.js';
import { notify } from './inbox-store.js';

type Who = 'visitor' | 'office' | 'admin' | 'leader' | 'unit' | 'enterprise';
const USERS: Exclude<Who, 'visitor'>[] = ['office', 'admin', 'leader', 'unit', 'enterprise'];
const ALL: Who[] = ['visitor', ...USERS];

/**
 * Every inbox route of the OpenAPI document × every role: each logged-in role has an inbox (allowed: neither
 * 401 nor 403 nor 5xx); a visitor gets 401. A route missing here fails the test.
 */
const MATRIX: Record<string, Who[]> = {
  'GET /api/inbox/messages': USERS,
  'GET /api/inbox/unread-count': USERS,
  'POST /api/inbox/messages/{id}/read': USERS,
  'POST /api/inbox/messages/read-all': USERS,
};

describeStore('inbox permission matrix', (ctx) => {
  let app: FastifyInstance;
  const h = {} as Record<Exclude<Who, 'visitor'>, SessionHeaders>;
  /** Each user's own notice ids (3 each: 2 of ledger.report, 1 policy). */
  const own = {} as Record<Exclude<Who, 'visitor'>, number[]>;

  beforeAll(async () => {
    app = await createTestApp(ctx);
    await ensureUnits(ctx.db, ['区城管局']);
    for (const [who, role, units] of [
      ['office', 'office', []],
      ['admin', 'admin', []],
      ['leader', 'leader', []],
      ['unit', 'unit_staff', ['区城管局']],
      ['enterprise', 'enterprise', []],
    ] as const) {
      h[who] = await loginAs(app, ctx, { account: `i-${who}`, role, units: [...units] });
      const id = (await ctx.db.selectFrom('app_user').select('id').where('account', '=', `i-${who}`).executeTakeFirstOrThrow()).id;
      await notify(ctx.db, { userIds: [id], kind: 'ledger.report', title: `${who} 报告一`, body: '请审核', link: '/ledger/reports/1' });
      await notify(ctx.db, { userIds: [id], kind: 'ledger.report', title: `${who} 报告二`, body: '请审核', link: '/ledger/reports/2' });
      await notify(ctx.db, { userIds: [id], kind: 'policy', title: `${who} 政策`, body: '请申报' });
      own[who] = (await ctx.db.selectFrom('notification').select('id').where('user_id', '=', id).orderBy('id').execute()).map((r) => r.id);
    }
  });

  it('answers every inbox route for every role as declared', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths)
      .filter(([p]) => p.startsWith('/api/inbox/'))
      .flatMap(([p, ms]) => Object.keys(ms).map((m) => `${m.toUpperCase()} ${p}`));
    expect(routes.filter((r) => !MATRIX[r])).toEqual([]);
    expect(Object.keys(MATRIX).filter((r) => !routes.includes(r))).toEqual([]);
    const wrong: string[] = [];
    for (const route of routes) {
      const [method, pattern] = route.split(' ') as [string, string];
      for (const who of ALL) {
        const url = pattern.replace('{id}', String(who === 'visitor' ? own.office[0] : own[who][0]));
        const res = await app.inject({
          method: method as 'GET',
          url,
          headers: who === 'visitor' ? {} : h[who],
          // read-all of a kind nobody has here, so that the tests below still find unread notices
          payload: method === 'POST' ? (route.endsWith('read-all') ? { kind: 'ledger.flag' } : {}) : undefined,
        });
        const allowed = MATRIX[route]!.includes(who);
        if (allowed ? [401, 403].includes(res.statusCode) || res.statusCode >= 500 : res.statusCode !== 401)
          wrong.push(`${route} as ${who}: ${res.statusCode} ${res.body.slice(0, 100)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("shows each user only their own notices; another user's notice is a 404 to mark", async () => {
    for (const who of USERS) {
      const page = (await app.inject({ url: '/api/inbox/messages', headers: h[who] })).json() as { items: Array<{ id: number; title: string }>; total: number };
      expect(page.total).toBe(3);
      expect(page.items.map((m) => m.id).sort()).toEqual([...own[who]].sort());
      expect(page.items.every((m) => m.title.startsWith(`${who} `))).toBe(true);
      const other = USERS.find((w) => w !== who)!;
      const res = await app.inject({ method: 'POST', url: `/api/inbox/messages/${own[other][1]}/read`, headers: h[who], payload: {} });
      expect([res.statusCode, res.json().error.message]).toEqual([404, expect.stringContaining('消息')]);
    }
    // nobody else's second notice was marked by those attempts
    for (const who of USERS) {
      const page = (await app.inject({ url: `/api/inbox/messages?unreadOnly=true&kind=ledger.report`, headers: h[who] })).json();
      expect(page.items.map((m: { id: number }) => m.id)).toContain(own[who][1]);
    }
  });

  it('marks all of a kind read for the caller only; filters and page sizes are validated', async () => {
    const before = (await app.inject({ url: '/api/inbox/unread-count', headers: h.leader })).json().unread as number;
    const r = await app.inject({ method: 'POST', url: '/api/inbox/messages/read-all', headers: h.unit, payload: { kind: 'ledger.report' } });
    expect(r.json()).toEqual({ marked: expect.any(Number) });
    const unit = (await app.inject({ url: '/api/inbox/messages?unreadOnly=true', headers: h.unit })).json();
    expect(unit.items.map((m: { title: string }) => m.title)).toEqual(['unit 政策']);
    expect(unit.unread).toBe(1);
    expect((await app.inject({ url: '/api/inbox/unread-count', headers: h.leader })).json().unread).toBe(before);
    expect((await app.inject({ url: '/api/inbox/messages?kind=order', headers: h.unit })).statusCode).toBe(400);
    expect((await app.inject({ url: '/api/inbox/messages?pageSize=101', headers: h.unit })).statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: '/api/inbox/messages/read-all', headers: h.unit, payload: { kind: 'x' } })).statusCode).toBe(400);
    const paged = (await app.inject({ url: '/api/inbox/messages?page=2&pageSize=2', headers: h.unit })).json();
    expect([paged.items.length, paged.total, paged.page, paged.pageSize]).toEqual([1, 3, 2, 2]);
  });
});
