import { beforeAll, expect, it } from 'vitest';
import { listAudit } from '../src/audit/index.js';
import { recompute } from '../src/indicators/index.js';
import { actOnOrder, createOrder, initLedger, listOrders, listTasks } from '../src/ledger/index.js';
import { findPlan, planAsOf, setPlanAsOf, yearAsOf } from '../src/plan/index.js';
import { samplePlanApp, type SamplePlanApp } from './app.js';
import { describeStore } from './db.js';

// Issue 12, "one as-of date": the plan's as-of date is the day every page shows the plan's figures as of.
describeStore('one as-of date per plan', (ctx) => {
  let s: SamplePlanApp;
  let planId: number;
  beforeAll(async () => {
    s = await samplePlanApp(ctx);
    planId = (await findPlan(ctx.db, { year: 2021 }))!.id;
    await initLedger(ctx.db, { planId, actor: 'test' });
    // A water connection of 2021 (measure 6), so the indicators have a result of 2021 with its as-of date.
    const res = await s.app.inject({
      method: 'POST',
      url: '/api/indicators/records/utility',
      headers: s.office,
      payload: { records: [{ externalId: 'W1', 责任单位: '渝中区自来水厂', 报装类型: '用水', 申请日期: '2021-09-01', 接通日期: '2021-09-06' }] },
    });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('is the year end for a past plan year, today for the running one (the store reads today from the calendar)', async () => {
    expect(await planAsOf(ctx.db, planId, '2021-12-31')).toMatchObject({ asOf: '2021-12-31', reason: 'plan-year-running', setBy: null });
    expect(await planAsOf(ctx.db, planId, '2022-01-01')).toMatchObject({ asOf: '2021-12-31', reason: 'plan-year-over', defaultAsOf: '2021-12-31' });
    expect(await planAsOf(ctx.db, planId, '2021-08-02')).toMatchObject({ asOf: '2021-08-02', reason: 'plan-year-running' });
    expect(await yearAsOf(ctx.db, 2021, '2026-11-30')).toBe('2021-12-31');
    expect(await yearAsOf(ctx.db, 2019, '2026-11-30')).toBe('2019-12-31'); // a year without a plan: the same rule
  });

  it('is the same day on the dashboard, task list, assessment, orders and indicators (2021 seen in 2026: 2021-12-31)', async () => {
    const get = async (url: string) => {
      const r = await s.app.inject({ url, headers: s.leader });
      expect(r.statusCode, `${url} ${r.body}`).toBe(200);
      return r.json();
    };
    const plan = await get(`/api/plan/plans/${planId}/as-of`);
    expect(plan).toMatchObject({ asOf: '2021-12-31', reason: 'plan-year-over', text: '数据截至 2021年12月31日（方案年度已结束）' });
    expect((await get(`/api/ledger/plans/${planId}/dashboard`)).asOf).toBe('2021-12-31');
    expect((await get(`/api/ledger/plans/${planId}/assessment`)).asOf).toBe('2021-12-31');
    expect((await get('/api/indicators')).asOf).toBe('2021-12-31');
    expect((await get('/api/indicators/water-connection')).asOf).toBe('2021-12-31');
    // A task due in 2021 and never finished is late as of 2021-12-31, not as of 2026.
    const tasks = (await get(`/api/ledger/plans/${planId}/tasks`)) as Array<{ code: string; flags: Array<{ kind: string; message: string }> }>;
    const overdue = tasks.flatMap((t) => t.flags).filter((f) => f.kind === 'milestone_overdue');
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.some((f) => f.message.includes('2026'))).toBe(false);
    // An explicit ?asOf= still wins.
    expect((await get(`/api/ledger/plans/${planId}/dashboard?asOf=2021-10-20`)).asOf).toBe('2021-10-20');
  });

  it('the office chooses another date (audited, with its name); every page follows; clearing it returns to the default', async () => {
    const put = (asOf: string | null, headers = s.office) =>
      s.app.inject({ method: 'PUT', url: `/api/plan/plans/${planId}/as-of`, headers, payload: { asOf } });
    for (const headers of [s.leader, s.water]) expect((await put('2021-09-30', headers)).statusCode).toBe(403);
    expect((await s.app.inject({ method: 'PUT', url: `/api/plan/plans/${planId}/as-of`, payload: { asOf: '2021-09-30' } })).statusCode).toBe(401);
    const bad = await put('2020-12-31');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ field: 'asOf', message: '不能早于方案年度的第一天（2021-01-01）' });
    expect((await put('2021-02-30')).statusCode).toBe(400);

    const ok = await put('2021-09-30');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      asOf: '2021-09-30',
      reason: 'office',
      setBy: 'office1',
      defaultAsOf: '2021-12-31',
      text: '数据截至 2021年9月30日（营商办指定）',
    });
    const get = async (url: string) => (await s.app.inject({ url, headers: s.leader })).json();
    expect((await get(`/api/ledger/plans/${planId}/dashboard`)).asOf).toBe('2021-09-30');
    expect((await get(`/api/ledger/plans/${planId}/assessment`)).asOf).toBe('2021-09-30');
    expect((await get('/api/indicators')).asOf).toBe('2021-09-30');
    // The indicators were recomputed as of the new day (the listener of the plan's change).
    const detail = await get('/api/indicators/water-connection');
    expect(detail.explanation.asOf).toBe('2021-09-30');

    const audit = await listAudit(ctx.db, { entity: 'plan', entityId: String(planId), limit: 10 });
    const entry = audit.find((a) => a.action === 'plan.as_of.set');
    expect(entry).toMatchObject({ actor: 'office1', before: { asOf: null }, after: { asOf: '2021-09-30' } });
    // The same date again writes nothing.
    await setPlanAsOf(ctx.db, { account: 'office1', name: 'office1' }, planId, '2021-09-30');
    expect((await listAudit(ctx.db, { entity: 'plan', entityId: String(planId), limit: 10 })).filter((a) => a.action === 'plan.as_of.set')).toHaveLength(1);

    const cleared = await put(null);
    expect(cleared.json()).toMatchObject({ asOf: '2021-12-31', reason: 'plan-year-over', setBy: null, setAt: null });
    expect((await get(`/api/ledger/plans/${planId}/dashboard`)).asOf).toBe('2021-12-31');
    expect((await get('/api/indicators/water-connection')).explanation.asOf).toBe('2021-12-31');
    const after = (await listAudit(ctx.db, { entity: 'plan', entityId: String(planId), limit: 10 })).filter((a) => a.action === 'plan.as_of.set');
    expect(after.map((a) => a.after)).toContainEqual({ asOf: null });
    // Recompute as the CLI does keeps the plan's day.
    expect((await recompute(ctx.db, { year: 2021 })).asOf).toBe('2021-12-31');
  });

  it('an order issued after the as-of date is live work: judged as of today', async () => {
    const task = (await listTasks(ctx.db, planId, '2021-12-31')).find((t) => t.code === '22-1')!;
    const office = { id: 0, account: 'office1', name: '营商办', role: 'office' as const, unitIds: [], enterpriseId: null, mustChangePassword: false };
    const late = await createOrder(ctx.db, 'office1', {
      taskId: task.id,
      unitId: task.leadUnits[0]!.id,
      reason: '进度滞后',
      requirement: '按期反馈',
      replyDays: 5,
    });
    const early = await createOrder(ctx.db, 'office1', {
      taskId: task.id,
      unitId: task.leadUnits[0]!.id,
      reason: '进度滞后',
      requirement: '按期反馈',
      replyDays: 5,
    });
    // Issued on 2021-12-01 (due 2021-12-08, never answered) and on 2026-11-02 (due 2026-11-09, never answered).
    await actOnOrder(ctx.db, office, early.id, { action: 'issue', today: '2021-12-01' });
    await actOnOrder(ctx.db, office, late.id, { action: 'issue', today: '2026-11-02' });
    const orders = await listOrders(ctx.db, { planId });
    expect(orders.find((o) => o.id === early.id)).toMatchObject({ replyDue: '2021-12-08', overdue: true });
    // Shown as of 2021-12-31 it would never be late; it is late today (the test runs after 2026-11-09).
    expect(orders.find((o) => o.id === late.id)).toMatchObject({ replyDue: '2026-11-09', overdue: true });
  });
});
