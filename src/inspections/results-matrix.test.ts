import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp, multipart } from '../../test/app.js';
import { describeStore } from '../../test/db.js';
import { chinaToday } from '../calendar/index.js';
import { commitDraw, runStoredDraw, setSeedInputs } from './draw-store.js';
import { addEvidence, linkInspectorAccount, recordResult } from './result-store.js';
import { evaluateRiskFlags } from './risk-store.js';
import { jointDraw, seedInspections, type InspectionFixture } from './testing.js';

type Who = 'visitor' | 'office' | 'admin' | 'leader' | 'unit' | 'otherUnit' | 'firm';
const ALL: Who[] = ['visitor', 'office', 'admin', 'leader', 'unit', 'otherUnit', 'firm'];
const OFFICE: Who[] = ['office', 'admin'];
const STAFF: Who[] = ['office', 'admin', 'leader', 'unit', 'otherUnit'];
const DEPARTMENT: Who[] = ['office', 'admin', 'unit'];

/**
 * The permission matrix of the results part (recording, publication, 风险预警, figures, the public results): every
 * route × every role. `unit` is staff of 区市场监管局 and the login of an inspector sent to the first object; `otherUnit`
 * staff of 区财政局. "Allowed" means neither 401 nor 403 (nor a 5xx); "refused" means exactly 403 (401 for a visitor).
 * A route of these parts missing here fails the test.
 */
const MATRIX: Record<string, Who[]> = {
  'PUT /api/inspections/checks/inspector-accounts/{inspectorId}': DEPARTMENT,
  // Only unit staff have assignments; a login not linked to an assigned inspector is refused by the store (403).
  'GET /api/inspections/checks/mine': ['unit', 'otherUnit'],
  'POST /api/inspections/checks/results': ['unit'],
  'GET /api/inspections/checks/results': STAFF,
  'PUT /api/inspections/checks/results/{resultId}': DEPARTMENT,
  'POST /api/inspections/checks/results/publish': DEPARTMENT,
  'POST /api/inspections/checks/results/{resultId}/files': DEPARTMENT,
  'GET /api/inspections/checks/results/{resultId}/files/{fileId}': ['office', 'admin', 'leader', 'unit'],
  'GET /api/inspections/checks/figures': STAFF,
  'GET /api/inspections/risk/rules': STAFF,
  'POST /api/inspections/risk/rules': OFFICE,
  'PUT /api/inspections/risk/rules/{ruleId}': OFFICE,
  'GET /api/inspections/risk/flags': STAFF,
  'PUT /api/inspections/risk/flags/{flagId}/response': DEPARTMENT,
  'POST /api/inspections/risk/evaluate': OFFICE,
  // 一公开: everyone.
  'GET /api/inspections/public/results/': ALL,
  'GET /api/inspections/public/results/first-offence': ALL,
};
const RESULT_ROUTES = /^\/api\/inspections\/(checks|risk|public\/results)\//;
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

describeStore('inspections results permission matrix', (ctx) => {
  let app: FastifyInstance;
  let f: InspectionFixture;
  let resultId: number;
  let fileId: number;
  let flagId: number;
  let objectKey: string;
  let drawId: number;
  const today = chinaToday();
  beforeAll(async () => {
    app = await createTestApp(ctx);
    f = await seedInspections(app, ctx);
    drawId = (await commitDraw(ctx.db, f.users.office, jointDraw(f, today))).id;
    await setSeedInputs(ctx.db, f.users.office, drawId, { witnessNumbers: ['1', '2'], lotteryResult: '01 02' });
    await runStoredDraw(ctx.db, f.users.office, drawId);
    const a = await ctx.db
      .selectFrom('inspection_assignment')
      .select(['object_key', 'inspector_id'])
      .where('draw_id', '=', drawId)
      .where('unit_id', '=', f.market)
      .orderBy('position')
      .executeTakeFirstOrThrow();
    objectKey = a.object_key;
    await linkInspectorAccount(ctx.db, f.users.office, a.inspector_id, 'in-unit');
    const body = {
      drawId,
      objectKey,
      itemId: f.marketItem,
      category: 'corrected',
      notes: '未公示许可证',
      rectifyDays: 5,
      transferUnitId: null,
      transferNote: null,
      exemptionId: null,
    };
    resultId = (await recordResult(ctx.db, f.users.unit, body)).id;
    fileId = (await addEvidence(ctx.db, ctx.dataDir, f.users.unit, resultId, '笔录.pdf', PDF)).id;
    await evaluateRiskFlags(ctx.db, today);
    flagId = (await ctx.db.selectFrom('insp_risk_flag').select('id').where('unit_id', '=', f.market).executeTakeFirstOrThrow()).id;
  });

  it('answers every results route for every role as declared', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths)
      .filter(([p]) => RESULT_ROUTES.test(p))
      .flatMap(([p, ms]) => Object.keys(ms).map((m) => `${m.toUpperCase()} ${p}`));
    expect(routes.filter((r) => !MATRIX[r])).toEqual([]);
    expect(Object.keys(MATRIX).filter((r) => !routes.includes(r))).toEqual([]);
    const wrong: string[] = [];
    const result = { category: 'corrected', notes: '未公示许可证', rectifyDays: 5, transferUnitId: null, transferNote: null, exemptionId: null };
    const rule = { kind: 'recent_problem', months: 6, minCount: null, days: null, active: true, note: null };
    // Publication last: before it, corrections and files are still possible.
    const order = (r: string) => (r.includes('publish') ? 1 : 0);
    for (const route of [...routes].sort((a, b) => order(a) - order(b))) {
      const [method, pattern] = route.split(' ') as [string, string];
      for (const who of ALL) {
        let body: object | undefined;
        let headers: Record<string, string> = who === 'visitor' ? {} : { ...f.headers[who] };
        if (route.includes('inspector-accounts')) body = { account: null };
        if (route === 'POST /api/inspections/checks/results') body = { drawId, objectKey, itemId: f.marketItem, ...result };
        if (route === 'PUT /api/inspections/checks/results/{resultId}') body = result;
        if (route.endsWith('/publish')) body = { ids: [resultId] };
        if (route === 'POST /api/inspections/checks/results/{resultId}/files') {
          const up = multipart('现场.pdf', PDF);
          headers = { ...headers, ...up.headers };
          body = up.payload;
        }
        if (route === 'POST /api/inspections/risk/rules' || route.endsWith('{ruleId}')) body = rule;
        if (route.endsWith('/response')) body = { response: '已核查' };
        const url = pattern
          .replace('{inspectorId}', String(f.inspectors.M4))
          .replace('{resultId}', String(resultId))
          .replace('{fileId}', String(fileId))
          .replace('{ruleId}', '1')
          .replace('{flagId}', String(flagId));
        const res = await app.inject({ method: method as 'GET', url, headers, payload: body as never });
        const allowed = MATRIX[route]!.includes(who);
        const expected = who === 'visitor' ? 401 : 403;
        if (allowed ? [401, 403].includes(res.statusCode) || res.statusCode >= 500 : res.statusCode !== expected)
          wrong.push(`${route} as ${who}: ${res.statusCode} ${res.body.slice(0, 100)}`);
      }
    }
    expect(wrong).toEqual([]);
    // Scoped answers: another department's staff see no result and no flag.
    expect((await app.inject({ url: '/api/inspections/checks/results', headers: f.headers.otherUnit })).json().total).toBe(0);
    expect((await app.inject({ url: '/api/inspections/risk/flags', headers: f.headers.otherUnit })).json()).toEqual([]);
  });
});
