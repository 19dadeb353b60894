import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { createTestApp, loginAs, multipart } from '../../test/app.js';
import { importPlan } from './plan-store.js';
import { parsePlanFile } from './read-plan-file.js';

type Who = 'visitor' | 'office' | 'admin' | 'leader' | 'unit' | 'enterprise';
const ALL: Who[] = ['visitor', 'office', 'admin', 'leader', 'unit', 'enterprise'];
const OFFICE: Who[] = ['office', 'admin'];

/**
 * The permission matrix: every plan route of the OpenAPI document × every role. A route missing here fails the
 * test, so a new route must declare who may call it. "Allowed" means neither 401 nor 403 (the call may still be
 * refused for its content); "refused" means exactly 403 (401 for a visitor). The plan is a published document:
 * reading is public; changing it, and the units to confirm after an import, are the office's.
 */
const MATRIX: Record<string, Who[]> = {
  'GET /api/plan/plans': ALL,
  'POST /api/plan/plans': OFFICE,
  'POST /api/plan/plans/preview': OFFICE,
  'GET /api/plan/plans/{planId}': ALL,
  'GET /api/plan/plans/{planId}/as-of': ALL,
  'PUT /api/plan/plans/{planId}/as-of': OFFICE,
  'GET /api/plan/plans/{planId}/revisions': ALL,
  'GET /api/plan/plans/{planId}/measures': ALL,
  'GET /api/plan/plans/{planId}/measures/{number}': ALL,
  'GET /api/plan/units': ALL,
  'GET /api/plan/plans/{planId}/ledger.xlsx': ALL,
  'POST /api/plan/plans/{planId}/ledger.xlsx': OFFICE,
  'GET /api/plan/plans/{planId}/units-to-confirm': OFFICE,
  'POST /api/plan/units/{unitId}/confirm': OFFICE,
  'POST /api/plan/units/{unitId}/merge': OFFICE,
};

const FIXTURE = 'test/fixtures/plans/import-units-2025.txt';

describeStore('plan permission matrix', (ctx) => {
  let app: FastifyInstance;
  const cookies: Partial<Record<Who, Record<string, string>>> = {};
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    app = await createTestApp(ctx);
    ids.planId = (await importPlan(ctx.db, { plan: await parsePlanFile(FIXTURE), sourceName: 'plan.txt', sourceKind: 'txt', actor: 'test' })).planId;
    ids.number = 1;
    ids.intoUnitId = (await ctx.db.selectFrom('unit').select('id').where('name', '=', '区政务服务办').executeTakeFirstOrThrow()).id;
    for (const [who, role, units] of [
      ['office', 'office', []],
      ['admin', 'admin', []],
      ['leader', 'leader', []],
      ['unit', 'unit_staff', ['区政务服务办']],
      ['enterprise', 'enterprise', []],
    ] as const) {
      cookies[who] = await loginAs(app, ctx, { account: `p-${who}`, role, units: [...units] });
    }
  });

  it('answers every plan route for every role as declared', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths)
      .filter(([p]) => p.startsWith('/api/plan/'))
      .flatMap(([p, ms]) => Object.keys(ms).map((m) => `${m.toUpperCase()} ${p}`));
    expect(routes.filter((r) => !MATRIX[r])).toEqual([]);
    expect(Object.keys(MATRIX).filter((r) => !routes.includes(r))).toEqual([]);
    const upload = multipart('plan.txt', fs.readFileSync(FIXTURE));
    const wrong: string[] = [];
    for (const route of routes) {
      const [method, pattern] = route.split(' ') as [string, string];
      for (const who of ALL) {
        const local = { ...ids };
        // Confirm and merge change a unit for good: a fresh unit waiting for confirmation per call.
        if (/\/units\/\{unitId\}\//.test(pattern))
          local.unitId = (
            await ctx.db
              .insertInto('unit')
              .values({ name: `待确认单位${route.length}${who}`, kind: 'unknown', aliases: [], confirmed: false })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id;
        const url = pattern.replace(/\{(\w+)\}/g, (_, k: string) => String(local[k] ?? 1));
        const isUpload = pattern.endsWith('/plans') || pattern.endsWith('/preview') || pattern.endsWith('.xlsx');
        const body = pattern.endsWith('/confirm')
          ? { kind: 'department' }
          : pattern.endsWith('/merge')
            ? { intoUnitId: local.intoUnitId }
            : pattern.endsWith('/as-of')
              ? { asOf: null }
              : undefined;
        const res = await app.inject({
          method: method as 'GET',
          url,
          headers: { ...(who === 'visitor' ? {} : cookies[who]!), ...(method !== 'GET' && isUpload ? upload.headers : {}) },
          payload: method === 'GET' ? undefined : isUpload ? upload.payload : body,
        });
        const allowed = MATRIX[route]!.includes(who);
        const refusal = who === 'visitor' ? 401 : 403;
        if (allowed ? res.statusCode === 401 || res.statusCode === 403 || res.statusCode >= 500 : res.statusCode !== refusal)
          wrong.push(`${route} as ${who}: ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
