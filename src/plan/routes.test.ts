import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { createTestApp, loginAs, multipart } from '../../test/app.js';
import { parsePlanFile } from './index.js';
import { importPlan } from './plan-store.js';

const SAMPLE = path.resolve('samples/plans/yuzhong-2021-business-environment-plan.txt');

describeStore('plan routes', (ctx) => {
  let app: FastifyInstance;
  let planId: number;
  beforeAll(async () => {
    app = await createTestApp(ctx);
    planId = (await importPlan(ctx.db, { plan: await parsePlanFile(SAMPLE), sourceName: 'sample.txt', sourceKind: 'txt', actor: 'test' })).planId;
  });

  it('serves the published plan to everyone', async () => {
    const res = await app.inject({ url: `/api/plan/plans/${planId}/measures/6` });
    expect(res.statusCode).toBe(200);
    expect(res.json().targets).toHaveLength(5);
    expect((await app.inject({ url: `/api/plan/plans/${planId}/measures/99` })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/plan/plans/abc` })).statusCode).toBe(400);
    expect((await app.inject({ url: `/api/plan/plans/9999` })).statusCode).toBe(404);
  });

  it('lets only the office change the plan through the ledger', async () => {
    const xlsx = await app.inject({ url: `/api/plan/plans/${planId}/ledger.xlsx` });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const upload = multipart('ledger.xlsx', xlsx.rawPayload);
    const anon = await app.inject({ method: 'POST', url: `/api/plan/plans/${planId}/ledger.xlsx`, ...upload });
    expect(anon.statusCode).toBe(401);
    for (const role of ['unit_staff', 'leader', 'enterprise'] as const) {
      const session = await loginAs(app, ctx, { account: `u_${role}`, role, units: role === 'unit_staff' ? ['区市场监管局'] : undefined });
      const res = await app.inject({ method: 'POST', url: `/api/plan/plans/${planId}/ledger.xlsx`, ...upload, headers: { ...upload.headers, ...session } });
      expect(res.statusCode, role).toBe(403);
    }
    const session = await loginAs(app, ctx, { account: 'office1', role: 'office' });
    const ok = await app.inject({ method: 'POST', url: `/api/plan/plans/${planId}/ledger.xlsx`, ...upload, headers: { ...upload.headers, ...session } });
    // Checked at once, written in the background (src/plan/import-job.test.ts follows the run).
    expect(ok.statusCode, ok.body).toBe(202);
    expect(ok.json()).toEqual({ runId: expect.any(Number) });
    const bad = await app.inject({
      method: 'POST',
      url: `/api/plan/plans/${planId}/ledger.xlsx`,
      ...multipart('bad.xlsx', Buffer.from('garbage')),
      headers: { ...multipart('bad.xlsx', Buffer.from('garbage')).headers, ...session },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('bad.xlsx');
  });

  it('publishes an OpenAPI document generated from the route schemas', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/plan/plans/{planId}/measures');
    expect((await app.inject({ url: '/api/docs' })).statusCode).toBeLessThan(400);
  });
});
