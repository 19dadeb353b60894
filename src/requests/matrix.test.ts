import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../test/app.js';
import { describeStore } from '../../test/db.js';
import { actOnRequest, fileRequest } from './request-store.js';
import { SAMPLE, seedRequests, type RequestFixture } from './testing.js';

type Who = 'visitor' | 'office' | 'admin' | 'leader' | 'unit' | 'otherUnit' | 'firmA' | 'firmB';
const ALL: Who[] = ['visitor', 'office', 'admin', 'leader', 'unit', 'otherUnit', 'firmA', 'firmB'];
const OFFICE: Who[] = ['office', 'admin'];

/**
 * The permission matrix: every requests route × every role. `unit` is staff of the unit the request is routed to,
 * `otherUnit` staff of another unit; `firmA` filed the request, `firmB` is another firm. "Allowed" means neither 401
 * nor 403 (nor a 5xx); "refused" means exactly 403 (401 for a visitor). A route missing here fails the test.
 */
const MATRIX: Record<string, Who[]> = {
  'GET /api/requests/meta': ['office', 'admin', 'leader', 'unit', 'otherUnit', 'firmA', 'firmB'],
  'PUT /api/requests/limits': OFFICE,
  // Lists are scoped (each sees its own), so every logged-in role may call them.
  'GET /api/requests/': ['office', 'admin', 'leader', 'unit', 'otherUnit', 'firmA', 'firmB'],
  'GET /api/requests/{requestId}': ['office', 'admin', 'leader', 'unit', 'firmA'],
  'POST /api/requests/': ['firmA', 'firmB'],
  'POST /api/requests/intake': OFFICE,
  // Office routes (on a new request); the routed unit signs (on a routed one).
  'POST /api/requests/{requestId}/actions': ['office', 'admin', 'unit'],
  'POST /api/requests/{requestId}/rating': ['firmA'],
  // Handling time (time-routes.ts): the routed unit asks 挂起/延期, the office decides, urges, records call backs;
  // the unit or the office resumes.
  'POST /api/requests/{requestId}/holds': ['unit'],
  'POST /api/requests/{requestId}/holds/decision': OFFICE,
  'POST /api/requests/{requestId}/resume': ['office', 'admin', 'unit'],
  'POST /api/requests/{requestId}/urge': OFFICE,
  'POST /api/requests/{requestId}/callback': OFFICE,
};

describeStore('requests permission matrix', (ctx) => {
  let app: FastifyInstance;
  let f: RequestFixture;
  let routedId: number;
  beforeAll(async () => {
    app = await createTestApp(ctx);
    f = await seedRequests(app, ctx);
    routedId = (await fileRequest(ctx.db, f.users.firmA, SAMPLE)).id;
    await actOnRequest(ctx.db, f.users.office, routedId, { action: 'route', unitId: f.water });
  });

  it('answers every requests route for every role as declared', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths)
      .filter(([p]) => p.startsWith('/api/requests/'))
      .flatMap(([p, ms]) => Object.keys(ms).map((m) => `${m.toUpperCase()} ${p}`));
    expect(routes.filter((r) => !MATRIX[r])).toEqual([]);
    expect(Object.keys(MATRIX).filter((r) => !routes.includes(r))).toEqual([]);
    const wrong: string[] = [];
    for (const route of routes) {
      const [method, pattern] = route.split(' ') as [string, string];
      for (const who of ALL) {
        let requestId = routedId;
        let body: object | undefined;
        if (route === 'PUT /api/requests/limits') body = { limits: [{ category: '咨询', signDays: 1, answerDays: 1 }] };
        if (route === 'POST /api/requests/') body = SAMPLE;
        if (route === 'POST /api/requests/intake') body = { ...SAMPLE, channel: '电话' };
        if (route === 'POST /api/requests/{requestId}/holds') body = { kind: '挂起', reason: '等待企业补充材料' };
        if (route === 'POST /api/requests/{requestId}/holds/decision') body = { approve: false, note: '时限内可以办结' };
        if (route === 'POST /api/requests/{requestId}/resume') body = {};
        if (route === 'POST /api/requests/{requestId}/urge') body = { note: '请加快办理' };
        if (route === 'POST /api/requests/{requestId}/callback') body = { rating: '满意', calledAt: '2021-10-09T02:00:00Z' };
        if (route === 'POST /api/requests/{requestId}/actions') {
          // A fresh request per call: the office routes a new one, the units sign a routed one.
          requestId = (await fileRequest(ctx.db, f.users.firmA, SAMPLE)).id;
          if (who === 'office' || who === 'admin') body = { action: 'route', unitId: f.water };
          else {
            await actOnRequest(ctx.db, f.users.office, requestId, { action: 'route', unitId: f.water });
            body = { action: 'sign' };
          }
        }
        if (route === 'POST /api/requests/{requestId}/rating') {
          requestId = (await fileRequest(ctx.db, f.users.firmA, SAMPLE)).id;
          await actOnRequest(ctx.db, f.users.office, requestId, { action: 'route', unitId: f.water });
          await actOnRequest(ctx.db, f.users.unit, requestId, { action: 'sign' });
          await actOnRequest(ctx.db, f.users.unit, requestId, { action: 'answer', note: '已办理' });
          body = { rating: '满意' };
        }
        const url = pattern.replace('{requestId}', String(requestId));
        const res = await app.inject({ method: method as 'GET', url, headers: who === 'visitor' ? {} : f.headers[who], payload: body });
        const allowed = MATRIX[route]!.includes(who);
        const expected = who === 'visitor' ? 401 : 403;
        if (allowed ? [401, 403].includes(res.statusCode) || res.statusCode >= 500 : res.statusCode !== expected)
          wrong.push(`${route} as ${who}: ${res.statusCode} ${res.body.slice(0, 100)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
