import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { createTestApp, loginAs } from '../../test/app.js';
import { importPlan, parsePlanFile } from '../plan/index.js';

const READ = ['office', 'unit_staff', 'leader', 'admin'];
const OFFICE = ['office', 'admin'];
const UPLOAD = ['office', 'unit_staff', 'admin'];

/** Every indicator route of the OpenAPI document × every role: allowed (not 401/403) or refused (403). */
const MATRIX: Record<string, string[]> = {
  'GET /api/indicators/': READ,
  'GET /api/indicators/record-types': READ,
  'GET /api/indicators/record-types/{type}/template.csv': READ,
  'POST /api/indicators/records/{type}/upload': UPLOAD,
  'POST /api/indicators/records/{type}': UPLOAD,
  'GET /api/indicators/records/{type}': READ,
  'GET /api/indicators/records/{type}/{externalId}': READ,
  'PUT /api/indicators/records/{type}/{externalId}': UPLOAD,
  'DELETE /api/indicators/records/{type}/{externalId}': UPLOAD,
  'POST /api/indicators/recompute': OFFICE,
  'GET /api/indicators/tokens': OFFICE,
  'POST /api/indicators/tokens': OFFICE,
  'DELETE /api/indicators/tokens/{id}': OFFICE,
  'GET /api/indicators/ledger-flags': READ,
  'GET /api/indicators/{code}': READ,
  'GET /api/indicators/{code}/cases': READ,
  'PUT /api/indicators/{code}/definition': OFFICE,
  'POST /api/indicators/{code}/orders': OFFICE,
};

describeStore('indicator routes × roles', (ctx) => {
  let app: FastifyInstance;
  const cookies: Record<string, Record<string, string>> = {};
  beforeAll(async () => {
    const plan = await parsePlanFile('test/fixtures/plans/yuzhong-2021.txt');
    await importPlan(ctx.db, { plan, sourceName: 'yuzhong-2021.txt', sourceKind: 'txt', actor: 'test' });
    app = await createTestApp(ctx);
    for (const role of ['office', 'unit_staff', 'leader', 'admin', 'enterprise'] as const)
      cookies[role] = await loginAs(app, ctx, { account: `m-${role}`, role, units: role === 'unit_staff' ? ['区城管局'] : undefined });
  });

  it('every route is in the matrix and answers each role as listed', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths)
      .filter(([p]) => p.startsWith('/api/indicators'))
      .flatMap(([p, ms]) => Object.keys(ms).map((m) => `${m.toUpperCase()} ${p}`));
    expect(routes.filter((r) => !MATRIX[r]).sort()).toEqual([]);
    expect(Object.keys(MATRIX).filter((r) => !routes.includes(r))).toEqual([]);
    const wrong: string[] = [];
    for (const r of routes) {
      const [method, p] = r.split(' ') as [string, string];
      const url =
        p.replace('{code}', 'water-connection').replace('{type}', 'utility').replace('{id}', '999').replace('{externalId}', 'X-1').replace(/\/$/, '') +
        (p.endsWith('/cases') ? '?which=breaching' : '');
      for (const role of Object.keys(cookies)) {
        const res = await app.inject({
          method: method as 'GET',
          url,
          headers: cookies[role]!,
          payload: method === 'GET' || method === 'DELETE' ? undefined : {},
        });
        const allowed = MATRIX[r]!.includes(role);
        if (allowed ? res.statusCode === 401 || res.statusCode === 403 : res.statusCode !== 403) wrong.push(`${r} as ${role} → ${res.statusCode}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
