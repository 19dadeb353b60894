import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../test/app.js';
import { describeStore } from '../../test/db.js';
import { chinaToday } from '../calendar/index.js';
import { commitDraw, setSeedInputs } from './draw-store.js';
import { jointDraw, seedInspections, type InspectionFixture } from './testing.js';

type Who = 'visitor' | 'office' | 'admin' | 'leader' | 'unit' | 'otherUnit' | 'firm';
const ALL: Who[] = ['visitor', 'office', 'admin', 'leader', 'unit', 'otherUnit', 'firm'];
const OFFICE: Who[] = ['office', 'admin'];
const STAFF: Who[] = ['office', 'admin', 'leader', 'unit', 'otherUnit'];

/**
 * The permission matrix: every inspections route × every role. `unit` is staff of 区市场监管局 (the draws' lead
 * department), `otherUnit` staff of 区财政局 (in no draw), `firm` an enterprise account. "Allowed" means neither
 * 401 nor 403 (nor a 5xx); "refused" means exactly 403 (401 for a visitor). A route missing here fails the test.
 */
const MATRIX: Record<string, Who[]> = {
  'GET /api/inspections/objects': STAFF,
  'POST /api/inspections/objects': OFFICE,
  'PUT /api/inspections/objects/{objectId}': OFFICE,
  // Scoped lists: unit staff see their own units' inspectors.
  'GET /api/inspections/inspectors': STAFF,
  // Unit staff keep their own unit's inspectors and items (the body names 区市场监管局): otherUnit is refused.
  'POST /api/inspections/inspectors': ['office', 'admin', 'unit'],
  'PUT /api/inspections/inspectors/{inspectorId}': ['office', 'admin', 'unit'],
  'POST /api/inspections/inspectors/import': OFFICE,
  'GET /api/inspections/items': STAFF,
  'POST /api/inspections/items': ['office', 'admin', 'unit'],
  'PUT /api/inspections/items/{itemId}': ['office', 'admin', 'unit'],
  // Departments see their own tasks: otherUnit gets an empty list, and 403 on a draw of another department.
  'GET /api/inspections/draws': STAFF,
  'GET /api/inspections/draws/{drawId}': ['office', 'admin', 'leader', 'unit'],
  'POST /api/inspections/draws': OFFICE,
  'PUT /api/inspections/draws/{drawId}/seed-inputs': OFFICE,
  'POST /api/inspections/draws/{drawId}/run': OFFICE,
  // 一公开: everyone, visitors too.
  'GET /api/inspections/public/draws': ALL,
  'GET /api/inspections/public/draws/{drawId}': ALL,
  'GET /api/inspections/public/draws/{drawId}/proof': ALL,
};

describeStore('inspections permission matrix', (ctx) => {
  let app: FastifyInstance;
  let f: InspectionFixture;
  let drawId: number;
  const today = chinaToday();
  beforeAll(async () => {
    app = await createTestApp(ctx);
    f = await seedInspections(app, ctx);
    drawId = (await commitDraw(ctx.db, f.users.office, jointDraw(f, today))).id;
  });

  it('answers every inspections route for every role as declared', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths)
      .filter(([p]) => p.startsWith('/api/inspections/') && !/^\/api\/inspections\/(credit|exemptions|results|plans|public\/plans)(\/|$)/.test(p)) // those: credit-matrix.test.ts, plan-matrix.test.ts
      .filter(([p]) => !/^\/api\/inspections\/(checks|risk|public\/results)\//.test(p)) // results-matrix.test.ts
      .flatMap(([p, ms]) => Object.keys(ms).map((m) => `${m.toUpperCase()} ${p}`));
    expect(routes.filter((r) => !MATRIX[r])).toEqual([]);
    expect(Object.keys(MATRIX).filter((r) => !routes.includes(r))).toEqual([]);
    const wrong: string[] = [];
    let n = 0;
    for (const route of routes) {
      const [method, pattern] = route.split(' ') as [string, string];
      for (const who of ALL) {
        n++;
        let id = drawId;
        let body: object | undefined;
        if (route === 'POST /api/inspections/objects' || route === 'PUT /api/inspections/objects/{objectId}')
          body = { kind: '专利代理机构', name: `矩阵代理所${n}` };
        if (route === 'POST /api/inspections/inspectors' || route === 'PUT /api/inspections/inspectors/{inspectorId}')
          body = { unitId: f.market, name: `矩阵${n}`, certNo: `MX-${n}`, fields: [], active: false, relations: [] };
        if (route === 'PUT /api/inspections/inspectors/{inspectorId}') body = { ...body, certNo: '5001030M400', name: '检查员M4', active: true };
        if (route === 'POST /api/inspections/items' || route === 'PUT /api/inspections/items/{itemId}')
          body = { unitId: f.market, name: `矩阵事项${n}`, legalBasis: '依据', objectScope: '对象', method: '书面检查', active: true };
        if (route === 'POST /api/inspections/draws') body = jointDraw(f, today);
        if (route === 'PUT /api/inspections/draws/{drawId}/seed-inputs') {
          id = (await commitDraw(ctx.db, f.users.office, jointDraw(f, today))).id;
          body = { witnessNumbers: ['1', '2'], lotteryResult: '01 02' };
        }
        if (route === 'POST /api/inspections/draws/{drawId}/run') {
          id = (await commitDraw(ctx.db, f.users.office, jointDraw(f, today))).id;
          await setSeedInputs(ctx.db, f.users.office, id, { witnessNumbers: ['1', '2'], lotteryResult: '01 02' });
        }
        const url = pattern
          .replace('{drawId}', String(id))
          .replace('{objectId}', String(f.agency))
          .replace('{inspectorId}', String(f.inspectors.M4))
          .replace('{itemId}', String(f.marketItem));
        const res = await app.inject({ method: method as 'GET', url, headers: who === 'visitor' ? {} : f.headers[who], payload: body });
        const allowed = MATRIX[route]!.includes(who);
        const expected = who === 'visitor' ? 401 : 403;
        if (allowed ? [401, 403].includes(res.statusCode) || res.statusCode >= 500 : res.statusCode !== expected)
          wrong.push(`${route} as ${who}: ${res.statusCode} ${res.body.slice(0, 100)}`);
      }
    }
    expect(wrong).toEqual([]);
    // Scoped answers: another department's staff see no draw and no inspector.
    const other = await app.inject({ url: '/api/inspections/draws', headers: f.headers.otherUnit });
    expect(other.json()).toEqual([]);
    const ins = await app.inject({ url: '/api/inspections/inspectors', headers: f.headers.otherUnit });
    expect(ins.json().total).toBe(0);
  });
});
