import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { createTestApp, loginAs } from '../../test/app.js';
import { createTask, initLedger, listTasks, addMilestone } from './task-store.js';
import { createMonthlyCycles, submitReport } from './report-store.js';
import { createOrder } from './order-store.js';
import { createBulletinDraft, issueBulletin } from './bulletin-store.js';
import { seedLedgerPlan } from './testing.js';
import { createInstruction } from './instruction-store.js';

type Who = 'visitor' | 'office' | 'admin' | 'leader' | 'unit' | 'otherUnit' | 'enterprise';
const ALL: Who[] = ['visitor', 'office', 'admin', 'leader', 'unit', 'otherUnit', 'enterprise'];
const READ: Who[] = ['office', 'admin', 'leader', 'unit', 'otherUnit'];
const OFFICE: Who[] = ['office', 'admin'];
/** Unit staff of the task's own unit may; staff of another unit get 403 from the ownership check. */
const WRITE: Who[] = ['office', 'admin', 'unit'];
const UNIT: Who[] = ['unit'];

/**
 * The permission matrix: every ledger route of the OpenAPI document × every role. A route missing here fails
 * the test, so a new route must declare who may call it. "Allowed" means neither 401 nor 403 (the call may
 * still be refused for its content, e.g. a stage that does not allow the action); "refused" means exactly 403
 * (401 for a visitor). `unit` is staff of the task's lead unit, `otherUnit` staff of an unrelated unit.
 */
const MATRIX: Record<string, Who[]> = {
  'GET /api/ledger/meta': READ,
  'POST /api/ledger/plans/{planId}/init': OFFICE,
  'GET /api/ledger/plans/{planId}/tasks': READ,
  'GET /api/ledger/plans/{planId}/measures': READ,
  'GET /api/ledger/tasks/{taskId}': READ,
  // Status and progress change only through reviewed reports: unit staff are refused (403 with the reason).
  'PATCH /api/ledger/tasks/{taskId}': OFFICE,
  'GET /api/ledger/tasks/{taskId}/history': READ,
  'DELETE /api/ledger/tasks/{taskId}': OFFICE,
  'POST /api/ledger/measures/{measureId}/tasks': OFFICE,
  'POST /api/ledger/tasks/{taskId}/milestones': OFFICE,
  'PATCH /api/ledger/milestones/{milestoneId}': WRITE,
  'DELETE /api/ledger/milestones/{milestoneId}': OFFICE,
  'GET /api/ledger/plans/{planId}/flags': READ,
  'GET /api/ledger/plans/{planId}/cycles': READ,
  'POST /api/ledger/plans/{planId}/cycles': OFFICE,
  'PATCH /api/ledger/cycles/{cycleId}': OFFICE,
  'GET /api/ledger/reports': READ,
  // Unit staff read only their units' reports.
  'GET /api/ledger/reports/{reportId}': ['office', 'admin', 'leader', 'unit'],
  'PUT /api/ledger/tasks/{taskId}/reports/{cycleId}': UNIT,
  'POST /api/ledger/reports/{reportId}/evidence': UNIT,
  // Unit staff: the evidence of their units' tasks only (as the reports).
  'GET /api/ledger/evidence/{evidenceId}': ['office', 'admin', 'leader', 'unit'],
  'POST /api/ledger/reports/{reportId}/review': OFFICE,
  'GET /api/ledger/orders': READ,
  'GET /api/ledger/orders/{orderId}': READ,
  'POST /api/ledger/orders': OFFICE,
  'POST /api/ledger/orders/{orderId}/actions': WRITE,
  // One click on an enterprise request's page (request-orders-routes.ts); an unknown request is a 404 for the office.
  'POST /api/ledger/orders/from-request/{requestId}': OFFICE,
  'GET /api/ledger/cycles/{cycleId}/bulletin': READ,
  'GET /api/ledger/cycles/{cycleId}/bulletin.docx': READ,
  'GET /api/ledger/plans/{planId}/bulletins': READ,
  'POST /api/ledger/plans/{planId}/bulletins': OFFICE,
  'GET /api/ledger/bulletins/{bulletinId}': READ,
  'PATCH /api/ledger/bulletins/{bulletinId}': OFFICE,
  'DELETE /api/ledger/bulletins/{bulletinId}': OFFICE,
  'POST /api/ledger/bulletins/{bulletinId}/issue': OFFICE,
  'GET /api/ledger/bulletins/{bulletinId}/bulletin.docx': READ,
  'GET /api/ledger/orders/{orderId}/order.docx': READ,
  'GET /api/ledger/plans/{planId}/assessment': READ,
  'GET /api/ledger/plans/{planId}/assessment.xlsx': READ,
  'GET /api/ledger/plans/{planId}/settings': READ,
  'PUT /api/ledger/plans/{planId}/settings': OFFICE,
  'GET /api/ledger/plans/{planId}/dashboard': READ,
  'GET /api/ledger/plans/{planId}/tasks.xlsx': READ,
  'POST /api/ledger/plans/{planId}/tasks.xlsx': OFFICE,
  'POST /api/ledger/plans/{planId}/flags/notify': OFFICE,
  'GET /api/ledger/users': OFFICE,
  'POST /api/ledger/users': OFFICE,
  'PATCH /api/ledger/users/{userId}': OFFICE,
  'PUT /api/ledger/users/{userId}': OFFICE,
  'POST /api/ledger/users/{userId}/password-reset': OFFICE,
  'GET /api/ledger/roles': OFFICE,
  // Each role's own work (issue 12).
  'GET /api/ledger/plans/{planId}/todo': ['unit', 'otherUnit'],
  'GET /api/ledger/plans/{planId}/leader': ['leader', 'office', 'admin'],
  'GET /api/ledger/plans/{planId}/work-queue': OFFICE,
  'POST /api/ledger/reports/review': OFFICE,
  'GET /api/ledger/instructions': READ,
  'POST /api/ledger/instructions': ['leader'],
  // Only staff of a unit the 批示 reached answer it.
  'POST /api/ledger/instructions/{instructionId}/answer': UNIT,
  // Lists and their Excel exports (unit staff: their units' reports and orders only).
  'GET /api/ledger/plans/{planId}/task-list.xlsx': READ,
  'GET /api/ledger/report-list': READ,
  'GET /api/ledger/report-list.xlsx': READ,
  'GET /api/ledger/orders.xlsx': READ,
};

const BOUNDARY = '----ledgermatrix';
/** Valid bodies where the ownership check sits behind body validation (otherwise a 400 would hide it). */
function payloadFor(route: string, who: Who, ids: Record<string, number>): unknown {
  if (route === 'PUT /api/ledger/tasks/{taskId}/reports/{cycleId}') return { status: 'in_progress', progress: 20, done: '推进' };
  if (route === 'POST /api/ledger/instructions/{instructionId}/answer') return { answer: '已落实' };
  if (route === 'POST /api/ledger/plans/{planId}/bulletins') return { cycleId: ids.cycleId };
  if (route === 'POST /api/ledger/orders/{orderId}/actions') return { action: who === 'office' || who === 'admin' ? 'issue' : 'sign' };
  if (route === 'POST /api/ledger/reports/{reportId}/evidence') {
    return Buffer.concat([
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 x`),
      Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
    ]);
  }
  return {};
}

describeStore('ledger permission matrix', (ctx) => {
  let app: FastifyInstance;
  const cookies: Partial<Record<Who, Record<string, string>>> = {};
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    app = await createTestApp(ctx);
    const seeded = await seedLedgerPlan(ctx.db);
    ids.planId = seeded.planId;
    await initLedger(ctx.db, { planId: seeded.planId, actor: 'test' });
    await createMonthlyCycles(ctx.db, 'test', seeded.planId, { from: '2021-09', to: '2021-09' });
    for (const [who, role, units] of [
      ['office', 'office', []],
      ['admin', 'admin', []],
      ['leader', 'leader', []],
      ['unit', 'unit_staff', ['区政务服务办']],
      ['otherUnit', 'unit_staff', ['区城管局']],
      ['enterprise', 'enterprise', []],
    ] as const) {
      cookies[who] = await loginAs(app, ctx, { account: `m-${who}`, role, units: [...units] });
    }
    const t22 = (await listTasks(ctx.db, seeded.planId, '2021-09-01')).find((t) => t.measureNumber === 22)!;
    ids.taskId = t22.id;
    ids.measureId = seeded.measures[47]!;
    ids.milestoneId = t22.milestones[0]!.id;
    ids.cycleId = (await ctx.db.selectFrom('ledger_cycle').select('id').where('plan_id', '=', seeded.planId).executeTakeFirstOrThrow()).id;
    const unitUser = await ctx.db.selectFrom('app_user').select('id').where('account', '=', 'm-unit').executeTakeFirstOrThrow();
    const { loadSessionUser } = await import('../auth/index.js');
    const u = await loadSessionUser(ctx.db, unitUser.id);
    ids.reportId = (
      await submitReport(ctx.db, u, {
        taskId: t22.id,
        cycleId: ids.cycleId,
        content: { status: 'in_progress', progress: 10, done: '推进', problems: '', nextSteps: '', actuals: [] },
      })
    ).reportId;
    ids.orderId = (
      await createOrder(ctx.db, 'test', { taskId: t22.id, unitId: seeded.units.区政务服务办!, reason: '督办', requirement: '反馈', replyDays: 5 })
    ).id;
    ids.evidenceId = 1;
    const leaderUser = await ctx.db.selectFrom('app_user').select('id').where('account', '=', 'm-leader').executeTakeFirstOrThrow();
    ids.instructionId = (
      await createInstruction(ctx.db, await loadSessionUser(ctx.db, leaderUser.id), { targetKind: 'task', targetId: t22.id, text: '抓紧推进' })
    ).id;
    // An issued bulletin (readable by every government role); drafts are the office's own.
    const { loadSessionUser: load } = await import('../auth/index.js');
    const officeUser = await load(ctx.db, (await ctx.db.selectFrom('app_user').select('id').where('account', '=', 'm-office').executeTakeFirstOrThrow()).id);
    ids.bulletinId = (await createBulletinDraft(ctx.db, officeUser, { planId: seeded.planId, cycleId: ids.cycleId })).id;
    await issueBulletin(ctx.db, officeUser, ids.bulletinId, { today: '2021-10-15' });
    ids.officeUserId = officeUser.id;
    ids.userId = unitUser.id;
  });

  it('answers every ledger route for every role as declared', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths)
      .filter(([p]) => p.startsWith('/api/ledger/'))
      .flatMap(([p, ms]) => Object.keys(ms).map((m) => `${m.toUpperCase()} ${p}`));
    expect(routes.filter((r) => !MATRIX[r])).toEqual([]);
    expect(Object.keys(MATRIX).filter((r) => !routes.includes(r))).toEqual([]);
    const wrong: string[] = [];
    for (const route of routes) {
      const [method, pattern] = route.split(' ') as [string, string];
      for (const who of ALL) {
        // Destructive calls get throwaway targets so that the other calls keep theirs.
        const local = { ...ids };
        if (route === 'DELETE /api/ledger/tasks/{taskId}')
          local.taskId = await createTask(ctx.db, 'test', ids.measureId!, {
            title: `拆分${who}`,
            leadUnitIds: [(await ctx.db.selectFrom('unit').select('id').where('name', '=', '区发展改革委').executeTakeFirstOrThrow()).id],
          });
        if (route === 'DELETE /api/ledger/milestones/{milestoneId}')
          local.milestoneId = await addMilestone(ctx.db, 'test', ids.taskId!, { title: `临时${who}`, dueOn: '2021-11-30' });
        // Drafts to delete, edit or issue: a fresh one per call (the issued one stays frozen and readable).
        if (/^(DELETE|PATCH) \/api\/ledger\/bulletins\/\{bulletinId\}$|^POST \/api\/ledger\/bulletins\/\{bulletinId\}\/issue$/.test(route)) {
          const { loadSessionUser: load } = await import('../auth/index.js');
          local.bulletinId = (await createBulletinDraft(ctx.db, await load(ctx.db, ids.officeUserId!), { planId: ids.planId!, cycleId: ids.cycleId! })).id;
        }
        if (route === 'POST /api/ledger/users/{userId}/password-reset') {
          const { createUser } = await import('../auth/index.js');
          const r = { account: `reset-${who}`, name: `重置${who}`, role: 'leader' as const, password: 'Jiefangbei-2026', actor: 'test' };
          local.userId = (await createUser(ctx.db, r)).id;
        }
        const url = pattern.replace(/\{(\w+)\}/g, (_, k: string) => String(local[k] ?? 1));
        const body = payloadFor(route, who, local);
        const headers: Record<string, string> = {
          ...(who === 'visitor' ? {} : cookies[who]!),
          ...(body instanceof Buffer ? { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } : {}),
        };
        const res = await app.inject({
          method: method as 'GET',
          url,
          headers,
          payload: method === 'GET' || method === 'DELETE' ? undefined : (body as object),
        });
        const allowed = MATRIX[route]!.includes(who);
        const expected = who === 'visitor' ? 401 : 403;
        if (allowed ? [401, 403].includes(res.statusCode) || res.statusCode >= 500 : res.statusCode !== expected)
          wrong.push(`${route} as ${who}: ${res.statusCode} ${res.body.slice(0, 100)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
