import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp, multipart } from '../../test/app.js';
import { describeStore } from '../../test/db.js';
import { creditCsv, seedCredit, type CreditFixture, type CreditWho } from './credit-testing.js';
import { createExemption } from './exemption-store.js';
import { importCreditFile } from './credit-store.js';

type Who = 'visitor' | CreditWho;
const ALL: Who[] = ['visitor', 'office', 'admin', 'leader', 'unit', 'firm'];
const EDITORS: Who[] = ['office', 'admin'];
const READERS: Who[] = ['office', 'admin', 'leader', 'unit'];

/**
 * The permission matrix of the credit part, the 免罚清单 and the result meta: every such route × every role.
 * Credit classes are internal (国市监信发〔2022〕6号: not a credit rating of the firm): never the enterprise or the
 * public. "Allowed" means neither 401 nor 403 (nor a 5xx); "refused" means exactly 403 (401 for a visitor). A route
 * of these parts missing here fails the test. (The draw part of /api/inspections has its own matrix.)
 */
const MATRIX: Record<string, Who[]> = {
  'GET /api/inspections/credit/classes': READERS,
  'PUT /api/inspections/credit/classes': EDITORS,
  'GET /api/inspections/credit/standing': READERS,
  'GET /api/inspections/credit/enterprises/{enterpriseId}': READERS,
  'POST /api/inspections/credit/import': EDITORS,
  'POST /api/inspections/credit/repairs': EDITORS,
  'GET /api/inspections/exemptions/': ALL,
  'POST /api/inspections/exemptions/': EDITORS,
  'PUT /api/inspections/exemptions/{id}': EDITORS,
  'GET /api/inspections/results/meta': ALL,
  'GET /api/inspections/results/publication-due': ALL,
};
const MINE = /^\/api\/inspections\/(credit|exemptions|results)\//;

describeStore('inspections credit permission matrix', (ctx) => {
  let app: FastifyInstance;
  let f: CreditFixture;
  let exemptionId: number;
  beforeAll(async () => {
    app = await createTestApp(ctx);
    f = await seedCredit(app, ctx);
    exemptionId = (await createExemption(ctx.db, 'test', BODY)).id;
  });
  const BODY = { unitId: null, item: '测试条目', kind: '首违不罚' as const, conditions: '初次', violatedBasis: '演示', exemptionBasis: '行政处罚法第三十三条' };

  it('answers every route of the credit part for every role as declared', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths)
      .filter(([p]) => MINE.test(p))
      .flatMap(([p, ms]) => Object.keys(ms).map((m) => `${m.toUpperCase()} ${p}`));
    expect(routes.filter((r) => !MATRIX[r])).toEqual([]);
    expect(Object.keys(MATRIX).filter((r) => !routes.includes(r))).toEqual([]);
    const wrong: string[] = [];
    for (const route of routes) {
      const [method, pattern] = route.split(' ') as [string, string];
      for (const who of ALL) {
        const headers: Record<string, string> = who === 'visitor' ? {} : { ...f.headers[who] };
        let payload: object | Buffer | undefined;
        let url = pattern.replace('{enterpriseId}', String(f.ids.a)).replace('{id}', String(exemptionId));
        if (route === 'PUT /api/inspections/credit/classes')
          payload = { classes: (await app.inject({ url: '/api/inspections/credit/classes', headers: f.headers.office })).json().classes };
        if (route === 'POST /api/inspections/credit/import') {
          const up = multipart('c.csv', creditCsv([[f.codes.c, '丙', 'B', '2025-01-01', '']]));
          payload = up.payload;
          Object.assign(headers, up.headers);
        }
        if (route === 'POST /api/inspections/credit/repairs') {
          // A fresh D record each time, so an allowed role can repair it.
          await importCreditFile(ctx.db, {
            fileName: 'd.csv',
            buffer: creditCsv([[f.codes.b, '乙', 'D', `2024-0${1 + ALL.indexOf(who)}-01`, '']]),
            actor: 'test',
          });
          payload = { enterpriseId: f.ids.b, repairedOn: `2024-0${1 + ALL.indexOf(who)}-02`, source: '渝中信修〔2024〕1号' };
        }
        if (route === 'POST /api/inspections/exemptions/') payload = BODY;
        if (route === 'PUT /api/inspections/exemptions/{id}') payload = { ...BODY, active: true };
        if (route === 'GET /api/inspections/results/publication-due') url += '?producedOn=2025-09-26';
        const res = await app.inject({ method: method as 'GET', url, headers, payload });
        const allowed = MATRIX[route]!.includes(who);
        const expected = who === 'visitor' ? 401 : 403;
        if (allowed ? [401, 403].includes(res.statusCode) || res.statusCode >= 400 : res.statusCode !== expected)
          wrong.push(`${route} as ${who}: ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
