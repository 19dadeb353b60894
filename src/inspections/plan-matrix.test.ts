import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../test/app.js';
import { describeStore } from '../../test/db.js';
import { chinaToday } from '../calendar/index.js';
import { EMPTY_SCOPE, type PlanTaskInput } from './core/index.js';
import { addTask, approvePlan, createPlan, publishPlan, submitProposal } from './plan-store.js';
import { seedInspections, type InspectionFixture } from './testing.js';

type Who = 'visitor' | 'office' | 'admin' | 'leader' | 'unit' | 'otherUnit' | 'firm';
const ALL: Who[] = ['visitor', 'office', 'admin', 'leader', 'unit', 'otherUnit', 'firm'];
const OFFICE: Who[] = ['office', 'admin'];
const STAFF: Who[] = ['office', 'admin', 'leader', 'unit', 'otherUnit'];

/**
 * The annual plan's routes × every role (`unit`: staff of 区市场监管局, `otherUnit`: of 区财政局). "Allowed": neither
 * 401 nor 403 nor a 5xx; "refused": exactly 403 (401 for a visitor). A route missing here fails the test.
 */
const MATRIX: Record<string, Who[]> = {
  'GET /api/inspections/plans': STAFF,
  'POST /api/inspections/plans': OFFICE,
  'GET /api/inspections/plans/proposals': STAFF,
  // Departments propose with their own unit leading (the body names 区市场监管局: otherUnit is refused in the store).
  'POST /api/inspections/plans/proposals': ['office', 'admin', 'unit'],
  'PUT /api/inspections/plans/proposals/{proposalId}/decision': OFFICE,
  'GET /api/inspections/plans/{planId}': STAFF,
  'PUT /api/inspections/plans/{planId}': OFFICE,
  'POST /api/inspections/plans/{planId}/tasks': OFFICE,
  'PUT /api/inspections/plans/{planId}/tasks/{taskId}': OFFICE,
  'DELETE /api/inspections/plans/{planId}/tasks/{taskId}': OFFICE,
  'POST /api/inspections/plans/{planId}/approve': OFFICE,
  'POST /api/inspections/plans/{planId}/publish': OFFICE,
  'GET /api/inspections/plans/{planId}/versions/{version}': STAFF,
  'POST /api/inspections/plans/{planId}/tasks/{taskId}/draws': OFFICE,
  'GET /api/inspections/public/plans': ALL,
  'GET /api/inspections/public/plans/{year}': ALL,
};

describeStore('annual plan permission matrix', (ctx) => {
  let app: FastifyInstance;
  let f: InspectionFixture;
  let planId: number;
  let taskId: number;
  const today = chinaToday();
  const year = Number(today.slice(0, 4));
  const task = (): PlanTaskInput => ({
    title: '矩阵联合抽查',
    leadUnitId: f.market,
    jointUnitIds: [f.health],
    itemIds: [f.marketItem, f.healthItem],
    scope: { ...EMPTY_SCOPE },
    shares: [],
    windowFrom: `${year}-01-01`,
    windowTo: `${year}-12-31`,
    note: null,
  });
  beforeAll(async () => {
    app = await createTestApp(ctx);
    f = await seedInspections(app, ctx);
    planId = (await createPlan(ctx.db, f.users.office, { year, title: '矩阵计划' })).id;
    taskId = (await addTask(ctx.db, f.users.office, planId, task())).id;
    await approvePlan(ctx.db, f.users.office, planId);
    await publishPlan(ctx.db, f.users.office, planId);
  });

  it('answers every plan route for every role as declared', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths)
      .filter(([p]) => /^\/api\/inspections\/(plans|public\/plans)(\/|$)/.test(p))
      .flatMap(([p, ms]) => Object.keys(ms).map((m) => `${m.toUpperCase()} ${p}`));
    expect(routes.filter((r) => !MATRIX[r])).toEqual([]);
    expect(Object.keys(MATRIX).filter((r) => !routes.includes(r))).toEqual([]);
    const wrong: string[] = [];
    let n = 0;
    for (const route of routes) {
      const [method, pattern] = route.split(' ') as [string, string];
      for (const who of ALL) {
        n++;
        let body: object | undefined;
        let task1 = taskId;
        let proposal = 0;
        if (route === 'POST /api/inspections/plans') body = { year: 2000 + (n % 90), title: `矩阵${n}` };
        if (route === 'PUT /api/inspections/plans/{planId}') body = { title: `矩阵计划${n}` };
        if (route === 'POST /api/inspections/plans/proposals') body = { year, task: task() };
        if (route.includes('/decision')) {
          proposal = (await submitProposal(ctx.db, f.users.office, { year, task: task() })).id;
          body = { decision: 'reject', note: '矩阵' };
        }
        if (route === 'POST /api/inspections/plans/{planId}/tasks' || route === 'PUT /api/inspections/plans/{planId}/tasks/{taskId}') body = task();
        if (route === 'DELETE /api/inspections/plans/{planId}/tasks/{taskId}') task1 = (await addTask(ctx.db, f.users.office, planId, task())).id;
        if (route === 'POST /api/inspections/plans/{planId}/approve') await addTask(ctx.db, f.users.office, planId, { ...task(), title: `矩阵任务${n}` });
        if (route === 'POST /api/inspections/plans/{planId}/publish') {
          await addTask(ctx.db, f.users.office, planId, { ...task(), title: `矩阵任务${n}` });
          await approvePlan(ctx.db, f.users.office, planId);
          body = {};
        }
        if (route.endsWith('/draws')) body = { witnesses: ['王监督'], lotteryName: '双色球', lotteryDate: today };
        const url = pattern
          .replace('{planId}', String(planId))
          .replace('{taskId}', String(task1))
          .replace('{proposalId}', String(proposal))
          .replace('{version}', '1')
          .replace('{year}', String(year));
        const res = await app.inject({ method: method as 'GET', url, headers: who === 'visitor' ? {} : f.headers[who], payload: body });
        const allowed = MATRIX[route]!.includes(who);
        const expected = who === 'visitor' ? 401 : 403;
        if (allowed ? [401, 403].includes(res.statusCode) || res.statusCode >= 500 : res.statusCode !== expected)
          wrong.push(`${route} as ${who}: ${res.statusCode} ${res.body.slice(0, 100)}`);
      }
    }
    expect(wrong).toEqual([]);
    // Scoped answers: another unit's staff see none of the plan's tasks and none of the proposals.
    expect((await app.inject({ url: `/api/inspections/plans/${planId}`, headers: f.headers.otherUnit })).json().tasks).toEqual([]);
    expect((await app.inject({ url: '/api/inspections/plans/proposals', headers: f.headers.otherUnit })).json()).toEqual([]);
    const mine = (await app.inject({ url: '/api/inspections/plans/proposals', headers: f.headers.unit })).json();
    expect(mine.length).toBeGreaterThan(0);
  });
});
