import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp, multipart } from '../../test/app.js';
import { createApiToken } from '../auth/index.js';
import { withAttachments } from './attachment-store.js';
import { fileAnonymousRequest } from './public-store.js';
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
  // Anonymous filing and following (no login needed; the query code is the key), attachments, the 12345 import.
  'POST /api/requests/public': ALL,
  'POST /api/requests/public/follow': ALL,
  'POST /api/requests/public/attachments/{attachmentId}': ALL,
  'GET /api/requests/{requestId}/attachments': ['office', 'admin', 'leader', 'unit', 'firmA'],
  'GET /api/requests/{requestId}/attachments/{attachmentId}': ['office', 'admin', 'leader', 'unit', 'firmA'],
  'POST /api/requests/import': OFFICE,
};

/**
 * Open311 (outside /api): who calls with which credential. `water` is the API token of the unit the request is routed
 * to, `finance` another unit's token; sessions carry no token. Refused: 403 without a valid token; 404 for a request
 * that is not the token's unit's (its existence is not revealed).
 */
type Caller = 'visitor' | 'office' | 'firmA' | 'water' | 'finance';
const CALLERS: Caller[] = ['visitor', 'office', 'firmA', 'water', 'finance'];
const OPEN311: Record<string, { allowed: Caller[]; refused: number }> = {
  'GET /open311/v2/services.json': { allowed: CALLERS, refused: 403 },
  'POST /open311/v2/requests.json': { allowed: ['water', 'finance'], refused: 403 },
  'GET /open311/v2/requests.json': { allowed: ['water', 'finance'], refused: 403 },
  'GET /open311/v2/requests/{id}.json': { allowed: ['water'], refused: 403 },
};

describeStore('requests permission matrix', (ctx) => {
  let app: FastifyInstance;
  let f: RequestFixture;
  let routedId: number;
  let attachmentId: number;
  let anonymous: { number: string; queryCode: string; attachmentId: number };
  let tokens: { water: string; finance: string };
  beforeAll(async () => {
    app = await createTestApp(ctx);
    f = await seedRequests(app, ctx);
    const pdf = { fileName: 'a.pdf', contentBase64: Buffer.from('%PDF-1.4 test').toString('base64') };
    routedId = (await fileRequest(ctx.db, f.users.firmA, SAMPLE, withAttachments(ctx.dataDir, [pdf], 'rq-firm-a'))).id;
    await actOnRequest(ctx.db, f.users.office, routedId, { action: 'route', unitId: f.water });
    attachmentId = (await ctx.db.selectFrom('request_attachment').select('id').where('request_id', '=', routedId).executeTakeFirstOrThrow()).id;
    const anon = await fileAnonymousRequest(ctx.db, ctx.dataDir, { ...SAMPLE, attachments: [pdf] });
    const anonId = (await ctx.db.selectFrom('request_item').select('id').where('number', '=', anon.number).executeTakeFirstOrThrow()).id;
    anonymous = {
      ...anon,
      attachmentId: (await ctx.db.selectFrom('request_attachment').select('id').where('request_id', '=', anonId).executeTakeFirstOrThrow()).id,
    };
    tokens = {
      water: (await createApiToken(ctx.db, { unitId: f.water, label: 'matrix', actor: 'test' })).token,
      finance: (await createApiToken(ctx.db, { unitId: f.finance, label: 'matrix', actor: 'test' })).token,
    };
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
        if (route === 'POST /api/requests/public') body = SAMPLE;
        if (route.startsWith('POST /api/requests/public/')) body = { number: anonymous.number, code: anonymous.queryCode };
        let headers: Record<string, string> = who === 'visitor' ? {} : f.headers[who];
        let payload: object | Buffer | undefined = body;
        if (route === 'POST /api/requests/import') {
          const file = multipart(
            '12345.csv',
            Buffer.from('工单编号,受理日期,诉求类别,诉求标题,诉求内容,联系人,联系电话\nM-1,2026-11-02,咨询,标题,内容,王五,13700001111\n'),
          );
          headers = { ...headers, ...file.headers };
          payload = file.payload;
        }
        const url = pattern
          .replace('{requestId}', String(requestId))
          .replace('{attachmentId}', String(route.includes('/public/') ? anonymous.attachmentId : attachmentId));
        const res = await app.inject({ method: method as 'GET', url, headers, payload });
        const allowed = MATRIX[route]!.includes(who);
        const expected = who === 'visitor' ? 401 : 403;
        if (allowed ? [401, 403].includes(res.statusCode) || res.statusCode >= 500 : res.statusCode !== expected)
          wrong.push(`${route} as ${who}: ${res.statusCode} ${res.body.slice(0, 100)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers every Open311 route for every caller as declared', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths)
      .filter(([p]) => p.startsWith('/open311/'))
      .flatMap(([p, ms]) => Object.keys(ms).map((m) => `${m.toUpperCase()} ${p}`));
    expect(routes.filter((r) => !OPEN311[r])).toEqual([]);
    expect(Object.keys(OPEN311).filter((r) => !routes.includes(r))).toEqual([]);
    const wrong: string[] = [];
    for (const route of routes) {
      const [method, pattern] = route.split(' ') as [string, string];
      for (const who of CALLERS) {
        const headers: Record<string, string> =
          who === 'visitor' ? {} : who === 'water' || who === 'finance' ? { authorization: `Bearer ${tokens[who]}` } : f.headers[who];
        const body = method === 'POST' ? { service_code: 'consult', description: '咨询', last_name: '王', first_name: '五', phone: '13700001111' } : undefined;
        const res = await app.inject({ method: method as 'GET', url: pattern.replace('{id}', String(routedId)), headers, payload: body });
        const { allowed, refused } = OPEN311[route]!;
        // Another unit's token asking for one request gets 404: the request is not its unit's.
        const expected = who === 'finance' && pattern.includes('{id}') ? 404 : refused;
        if (allowed.includes(who) ? res.statusCode >= 400 : res.statusCode !== expected)
          wrong.push(`${route} as ${who}: ${res.statusCode} ${res.body.slice(0, 100)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
