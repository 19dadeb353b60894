import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp, loginAs, multipart, type SessionHeaders } from '../../test/app.js';
import { createApiToken } from '../auth/index.js';
import { withAttachments } from './attachment-store.js';
import { fileAnonymousRequest } from './public-store.js';
import { describeStore } from '../../test/db.js';
import { createTopic } from './catalogue-store.js';
import { createMeeting } from './meeting-store.js';
import { actOnRequest, fileRequest } from './request-store.js';
import { registerReporter } from './reporter-store.js';
import { SAMPLE, seedRequests, type RequestFixture } from './testing.js';
import { planPeriod, recordVisit, setKeyFirm } from './visit-store.js';

type Who = 'visitor' | 'office' | 'admin' | 'leader' | 'unit' | 'otherUnit' | 'firmA' | 'firmB' | 'supervisor';
const ALL: Who[] = ['visitor', 'office', 'admin', 'leader', 'unit', 'otherUnit', 'firmA', 'firmB', 'supervisor'];
const OFFICE: Who[] = ['office', 'admin'];
/** Staff who read 政企沟通 and 回访 (unit staff: their units' rows only). */
const STAFF: Who[] = ['office', 'admin', 'leader', 'unit', 'otherUnit'];

/**
 * The permission matrix: every requests route × every role. `unit` is staff of the unit the request is routed to,
 * `otherUnit` staff of another unit; `firmA` filed the request, `firmB` is another firm; `supervisor` a registered
 * 监督员 (the meeting, key firm and visits belong to `unit`'s unit). "Allowed" means neither 401
 * nor 403 (nor a 5xx); "refused" means exactly 403 (401 for a visitor). A route missing here fails the test.
 */
const MATRIX: Record<string, Who[]> = {
  'GET /api/requests/meta': ['office', 'admin', 'leader', 'unit', 'otherUnit', 'firmA', 'firmB', 'supervisor'],
  'PUT /api/requests/limits': OFFICE,
  // Lists are scoped (each sees its own), so every logged-in role may call them.
  'GET /api/requests/': ['office', 'admin', 'leader', 'unit', 'otherUnit', 'firmA', 'firmB', 'supervisor'],
  'GET /api/requests/{requestId}': ['office', 'admin', 'leader', 'unit', 'firmA'],
  'POST /api/requests/': ['firmA', 'firmB'],
  'POST /api/requests/intake': OFFICE,
  // Office routes (on a new request); the routed unit signs (on a routed one).
  'POST /api/requests/{requestId}/actions': ['office', 'admin', 'unit'],
  'POST /api/requests/{requestId}/rating': ['firmA'],
  // The 派单目录: the office keeps it, leaders read it and a request's routing.
  'GET /api/requests/catalogue': ['office', 'admin', 'leader'],
  'POST /api/requests/catalogue': OFFICE,
  'PUT /api/requests/catalogue/{topicId}': OFFICE,
  'POST /api/requests/catalogue/seed': OFFICE,
  'POST /api/requests/catalogue/try': OFFICE,
  'GET /api/requests/{requestId}/routing': ['office', 'admin', 'leader'],
  'POST /api/requests/{requestId}/dispatch': OFFICE,
  // 政企沟通 and 回访
  'GET /api/requests/reporters': ['office', 'admin', 'leader'],
  'POST /api/requests/reporters': OFFICE,
  'PUT /api/requests/reporters/{reporterId}': OFFICE,
  'POST /api/requests/reporters/{reporterId}/active': OFFICE,
  'POST /api/requests/reports': ['supervisor'],
  'GET /api/requests/meetings': STAFF,
  'POST /api/requests/meetings': OFFICE,
  'GET /api/requests/meetings/{meetingId}': ['office', 'admin', 'leader', 'unit'],
  'PUT /api/requests/meetings/{meetingId}': OFFICE,
  'POST /api/requests/meetings/{meetingId}/issues': OFFICE,
  'GET /api/requests/key-firms': STAFF,
  'PUT /api/requests/key-firms/{enterpriseId}': OFFICE,
  'DELETE /api/requests/key-firms/{enterpriseId}': OFFICE,
  'GET /api/requests/visit-plans': STAFF,
  'POST /api/requests/visit-plans': OFFICE,
  'PUT /api/requests/visit-plans/{planId}': ['office', 'admin', 'unit'],
  'GET /api/requests/visits': STAFF,
  'POST /api/requests/visits': ['office', 'admin', 'unit'],
  'POST /api/requests/visits/{visitId}/needs/{needId}/request': ['office', 'admin', 'unit'],
  'GET /api/requests/coverage': STAFF,
  // Figures and the bulletin: office and leaders; the public page: anyone, visitors included.
  'GET /api/requests/figures': ['office', 'admin', 'leader'],
  'GET /api/requests/figures.xlsx': ['office', 'admin', 'leader'],
  'GET /api/requests/bulletin': ['office', 'admin', 'leader'],
  'GET /api/requests/bulletin.docx': ['office', 'admin', 'leader'],
  'GET /api/requests/public/figures': ALL,
  // Handling time (time-routes.ts): the routed unit asks 挂起/延期, the office decides, urges, records call backs;
  // the unit or the office resumes.
  'POST /api/requests/{requestId}/holds': ['unit'],
  'POST /api/requests/{requestId}/holds/decision': OFFICE,
  'POST /api/requests/{requestId}/resume': ['office', 'admin', 'unit'],
  'POST /api/requests/{requestId}/urge': OFFICE,
  'POST /api/requests/{requestId}/callback': OFFICE,
  // Anonymous filing and following (no login needed; the query code is the key), attachments, the 12345 import.
  'POST /api/requests/public': ALL,
  'POST /api/requests/public/follow': ALL,
  'POST /api/requests/public/attachments/{attachmentId}': ALL,
  'GET /api/requests/{requestId}/attachments': ['office', 'admin', 'leader', 'unit', 'firmA'],
  'GET /api/requests/{requestId}/attachments/{attachmentId}': ['office', 'admin', 'leader', 'unit', 'firmA'],
  'POST /api/requests/import': OFFICE,
};

const QUERY: Record<string, string> = {
  'GET /api/requests/visit-plans': '?period=2026Q1',
  'GET /api/requests/coverage': '?period=2026Q1',
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
  let topicId: number;
  let reporterId: number;
  const topicBody = (name: string) => ({
    name,
    answerDays: null,
    keywords: [{ word: '用水', weight: 5 }],
    units: [{ unitId: f.water, keywords: [] }],
    active: true,
  });
  let attachmentId: number;
  let anonymous: { number: string; queryCode: string; attachmentId: number };
  let tokens: { water: string; finance: string };
  let headers: Record<Exclude<Who, 'visitor'>, SessionHeaders>;
  let meetingId: number;
  let planId: number;
  const visit = {
    visitedOn: '2026-02-11',
    method: '上门',
    visitors: '王五',
    contactName: '李总',
    contactPhone: '13800002222',
    findings: '企业经营正常。',
    needs: ['协调停车位'],
  } as const;
  beforeAll(async () => {
    app = await createTestApp(ctx);
    f = await seedRequests(app, ctx);
    const supervisor = await loginAs(app, ctx, { account: 'rq-sup', role: 'supervisor' });
    const supId = (await ctx.db.selectFrom('app_user').select('id').where('account', '=', 'rq-sup').executeTakeFirstOrThrow()).id;
    await ctx.db
      .insertInto('request_reporter')
      .values({
        user_id: supId,
        account: 'rq-sup',
        kind: '监督员',
        organisation: '区人大代表',
        phone: '13900001111',
        registered_by: 'test',
        registered_on: '2026-01-05',
      })
      .execute();
    headers = { ...f.headers, supervisor };
    meetingId = (
      await createMeeting(ctx.db, f.users.office, {
        title: '座谈会',
        heldOn: '2026-01-20',
        place: '区政府',
        hostUnitId: f.water,
        unitIds: [],
        enterpriseIds: [f.firmA],
      })
    ).id;
    await setKeyFirm(ctx.db, f.users.office, f.firmA, { unitId: f.water, since: '2026-01-05' });
    await planPeriod(ctx.db, f.users.office, '2026Q1');
    planId = (await ctx.db.selectFrom('request_visit_plan').select('id').where('enterprise_id', '=', f.firmA).executeTakeFirstOrThrow()).id;
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
    topicId = (await createTopic(ctx.db, 'test', topicBody('矩阵用水'))).id;
    // A second register row for the edit and 停用 routes (the matrix's own supervisor keeps reporting).
    reporterId = (
      await registerReporter(ctx.db, f.users.office, { account: 'rq-rep2', name: '李顾问', kind: '专家', organisation: '重庆大学', phone: '13900002222' })
    ).id;
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
        let url =
          pattern.replace('{meetingId}', String(meetingId)).replace('{planId}', String(planId)).replace('{reporterId}', String(reporterId)) +
          (QUERY[route] ?? '');
        const meeting = { title: '座谈会', heldOn: '2026-01-20', place: '区政府', hostUnitId: f.water, unitIds: [], enterpriseIds: [f.firmA] };
        if (route === 'POST /api/requests/reporters')
          body = { account: `rep-${who}`, name: '王监督', kind: '监督员', organisation: '区人大代表', phone: '13900001111' };
        if (route === 'PUT /api/requests/reporters/{reporterId}') body = { name: '李顾问', kind: '专家', organisation: '重庆大学', phone: '13900002222' };
        if (route === 'POST /api/requests/reporters/{reporterId}/active') body = { active: true };
        if (route === 'POST /api/requests/reports') body = { category: '建议', subject: '建议延长午间服务', description: '午间增设窗口。' };
        if (route === 'POST /api/requests/meetings' || route === 'PUT /api/requests/meetings/{meetingId}') body = meeting;
        if (route === 'POST /api/requests/meetings/{meetingId}/issues') body = { ...SAMPLE, enterpriseId: f.firmA };
        if (route.includes('{enterpriseId}')) {
          url = url.replace('{enterpriseId}', String(f.firmB));
          // A firm flagged before each call, so that every allowed DELETE has something to remove.
          await setKeyFirm(ctx.db, f.users.office, f.firmB, { unitId: f.finance });
          if (route.startsWith('PUT')) body = { unitId: f.finance };
        }
        if (route === 'POST /api/requests/visit-plans') body = { period: '2026Q1' };
        if (route === 'PUT /api/requests/visit-plans/{planId}') body = { plannedOn: '2026-02-10', visitors: '王五' };
        if (route === 'POST /api/requests/visits') body = { ...visit, enterpriseId: f.firmA };
        if (route === 'POST /api/requests/visits/{visitId}/needs/{needId}/request') {
          // A fresh need per call.
          const v = await recordVisit(ctx.db, f.users.office, { ...visit, enterpriseId: f.firmA });
          const need = await ctx.db.selectFrom('request_visit_need').select('id').where('visit_id', '=', v.id).executeTakeFirstOrThrow();
          url = url.replace('{visitId}', String(v.id)).replace('{needId}', String(need.id));
          body = { category: '求决' };
        }
        if (route === 'PUT /api/requests/limits') body = { limits: [{ category: '咨询', signDays: 1, answerDays: 1 }] };
        if (route === 'POST /api/requests/') body = SAMPLE;
        if (route === 'POST /api/requests/intake') body = { ...SAMPLE, channel: '电话' };
        if (route === 'POST /api/requests/catalogue') body = topicBody(`矩阵${who}`);
        if (route === 'PUT /api/requests/catalogue/{topicId}') body = topicBody('矩阵用水');
        if (route === 'POST /api/requests/catalogue/try') body = { subject: SAMPLE.subject, description: SAMPLE.description };
        if (route === 'POST /api/requests/{requestId}/dispatch') {
          requestId = (await fileRequest(ctx.db, f.users.firmA, SAMPLE)).id;
          body = { topicId, unitId: f.water };
        }
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
        if (route === 'POST /api/requests/public') body = SAMPLE;
        if (route.startsWith('POST /api/requests/public/')) body = { number: anonymous.number, code: anonymous.queryCode };
        let sent: Record<string, string> = who === 'visitor' ? {} : headers[who];
        let payload: object | Buffer | undefined = body;
        if (route === 'POST /api/requests/import') {
          const file = multipart(
            '12345.csv',
            Buffer.from('工单编号,受理日期,诉求类别,诉求标题,诉求内容,联系人,联系电话\nM-1,2026-11-02,咨询,标题,内容,王五,13700001111\n'),
          );
          sent = { ...sent, ...file.headers };
          payload = file.payload;
        }
        const query = /figures|bulletin/.test(route) ? '?year=2021&period=quarter&index=3' : '';
        url =
          url
            .replace('{requestId}', String(requestId))
            .replace('{topicId}', String(topicId))
            .replace('{attachmentId}', String(route.includes('/public/') ? anonymous.attachmentId : attachmentId)) + query;
        const res = await app.inject({ method: method as 'GET', url, headers: sent, payload });
        const allowed = MATRIX[route]!.includes(who);
        const expected = who === 'visitor' ? 401 : 403;
        if (query && allowed && res.statusCode !== 200) wrong.push(`${route} as ${who}: ${res.statusCode} ${res.body.slice(0, 100)}`);
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
