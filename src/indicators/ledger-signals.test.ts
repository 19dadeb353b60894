import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { createTestApp, loginAs, multipart } from '../../test/app.js';
import { finishedRun, startTestJobs } from '../../test/jobs.js';
import type { JobSystem } from '../jobs/index.js';
import { indicatorJobs } from './import-job.js';
import { importPlan, parsePlanFile } from '../plan/index.js';

const csv = (rows: string[][]) => Buffer.from(rows.map((r) => r.join(',')).join('\n'), 'utf8');
type Task = {
  id: number;
  measureNumber: number;
  status: string;
  light: string;
  flags: Array<{ kind: string; label: string; message: string; key?: string; link?: string }>;
};

describeStore('a breached indicator marks its ledger task off track (偏离目标)', (ctx) => {
  let app: FastifyInstance;
  let office: { cookie: string }, leader: { cookie: string };
  let planId: number;
  let sys: JobSystem;
  const HEAD = ['申请编号', '责任单位', '报装类型', '申请日期', '接通日期'];
  const upload = async (rows: string[][]) => {
    const m = multipart('u.csv', csv([HEAD, ...rows]));
    const res = await app.inject({ method: 'POST', url: '/api/indicators/records/utility/upload', headers: { ...office, ...m.headers }, payload: m.payload });
    expect((await finishedRun(app, sys, office, res)).status).toBe('succeeded');
  };
  // 2021-06-10: before any milestone is near and on the straight line, so nothing else flags measure 6's task.
  const tasks = async () => (await app.inject({ url: `/api/ledger/plans/${planId}/tasks?asOf=2021-06-10`, headers: leader })).json() as Task[];
  const task6 = async () => (await tasks()).find((t) => t.measureNumber === 6)!;
  const signalAudits = async () => (await ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'ledger.signals.set').execute()).length;

  beforeAll(async () => {
    const plan = await parsePlanFile('test/fixtures/plans/yuzhong-2021.txt');
    await importPlan(ctx.db, { plan, sourceName: 'yuzhong-2021.txt', sourceKind: 'txt', actor: 'test' });
    planId = (await ctx.db.selectFrom('plan').select('id').executeTakeFirstOrThrow()).id;
    app = await createTestApp(ctx);
    office = await loginAs(app, ctx, { account: 'office1', role: 'office' });
    leader = await loginAs(app, ctx, { account: 'leader1', role: 'leader' });
    sys = await startTestJobs(ctx, indicatorJobs);
  });
  afterAll(async () => sys?.stop());

  it("records breaching the 9-working-day limit mark measure 6's task: flag 偏离目标, red light, everywhere flags show", async () => {
    // R2: 2021-09-23 → 2021-10-12 is 10 working days (National Day break, 调休 Sunday 09-26 and Saturday 10-09 counted).
    await upload([
      ['R1', '区城管局', '用水', '2021-09-24', '2021-10-12'],
      ['R2', '区城管局', '用水', '2021-09-23', '2021-10-12'],
    ]);
    // the ledger is created after the import: the measure's signal is already there
    expect((await app.inject({ method: 'POST', url: `/api/ledger/plans/${planId}/init`, headers: office })).statusCode).toBe(200);
    const t = await task6();
    expect(t.light).toBe('red');
    expect(t.flags).toEqual([
      {
        kind: 'off_track',
        label: '偏离目标',
        message: '指标“获得用水全流程用时”未达标：当前 按时办结率 50%，目标 每件 ≤ 9 个工作日',
        date: '2021-12-31',
        source: 'indicators',
        key: 'water-connection',
        link: '/indicators/water-connection',
      },
    ]);
    expect((await tasks()).filter((x) => x.flags.some((f) => f.kind === 'off_track')).map((x) => x.measureNumber)).toEqual([6]);
    // the task page, the flag list and the dashboard
    const page = (await app.inject({ url: `/api/ledger/tasks/${t.id}?asOf=2021-06-10`, headers: leader })).json();
    expect(page).toMatchObject({ light: 'red', flags: [{ kind: 'off_track' }] });
    const flags = (await app.inject({ url: `/api/ledger/plans/${planId}/flags?asOf=2021-06-10`, headers: leader })).json();
    expect(flags).toEqual([expect.objectContaining({ taskId: t.id, light: 'red', flags: [expect.objectContaining({ label: '偏离目标' })] })]);
    const dash = (await app.inject({ url: `/api/ledger/plans/${planId}/dashboard?asOf=2021-06-10`, headers: leader })).json();
    expect(dash.lights.red).toBe(1);
    expect(dash.red).toEqual([expect.objectContaining({ taskId: t.id, reasons: expect.stringContaining('获得用水全流程用时') })]);
    const cycles = await app.inject({
      method: 'POST',
      url: `/api/ledger/plans/${planId}/cycles`,
      headers: office,
      payload: { from: '2021-05', to: '2021-05' },
    });
    expect(cycles.statusCode, cycles.body).toBe(200);
    const cycleId = (await ctx.db.selectFrom('ledger_cycle').select('id').where('plan_id', '=', planId).executeTakeFirstOrThrow()).id;
    const bulletin = (await app.inject({ url: `/api/ledger/cycles/${cycleId}/bulletin`, headers: leader })).json();
    expect(bulletin.lagging).toEqual([
      expect.objectContaining({ code: '6-1', light: '红灯', reasons: expect.stringContaining('指标“获得用水全流程用时”未达标') }),
    ]);
    // the daily warnings reach the lead unit's staff
    const staff = await loginAs(app, ctx, { account: 'cg1', role: 'unit_staff', units: ['区城管局'] });
    expect((await app.inject({ method: 'POST', url: `/api/ledger/plans/${planId}/flags/notify?asOf=2021-06-10`, headers: office })).statusCode).toBe(200);
    const inbox = (await app.inject({ url: '/api/inbox/messages', headers: staff })).json();
    expect(JSON.stringify(inbox)).toContain('偏离目标');
    const meta = (await app.inject({ url: '/api/ledger/meta', headers: leader })).json();
    expect(meta.flags.off_track).toBe('偏离目标');
  });

  it('a task reported 已完成 stays red while its indicator is breached; a recompute without change writes nothing', async () => {
    const t = await task6();
    const r = await app.inject({
      method: 'PATCH',
      url: `/api/ledger/tasks/${t.id}`,
      headers: office,
      payload: { status: 'done', progress: 100, completedOn: '2021-06-08' },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(await task6()).toMatchObject({ status: 'done', light: 'red', flags: [{ kind: 'off_track' }] });
    // A full recompute also evaluates the counts, which have no records at all: 无数据, not a broken promise (no mark).
    const recompute = async () =>
      expect(
        (await finishedRun(app, sys, office, await app.inject({ method: 'POST', url: '/api/indicators/recompute', headers: office, payload: {} }))).status,
      ).toBe('succeeded');
    await recompute();
    const marked = (await tasks()).filter((x) => x.flags.some((f) => f.kind === 'off_track'));
    expect(marked.map((x) => [x.measureNumber, x.light, x.flags.map((f) => f.key)])).toEqual([[6, 'red', ['water-connection']]]);
    const cross = (await app.inject({ url: '/api/indicators/cross-province?year=2021', headers: leader })).json();
    expect(cross.current).toMatchObject({ counted: 0, status: 'no_data' });
    const n = await signalAudits();
    await recompute();
    expect(await signalAudits()).toBe(n);
  });

  it('re-imported records that keep the limit clear the mark', async () => {
    const n = await signalAudits();
    await upload([['R2', '区城管局', '用水', '2021-09-23', '2021-10-11']]);
    const d = (await app.inject({ url: '/api/indicators/water-connection?year=2021', headers: leader })).json();
    expect(d.current).toMatchObject({ counted: 2, compliant: 2, status: 'met' });
    expect(await task6()).toMatchObject({ status: 'done', light: 'green', flags: [] });
    expect(await signalAudits()).toBe(n + 1);
    const dash = (await app.inject({ url: `/api/ledger/plans/${planId}/dashboard?asOf=2021-06-10`, headers: leader })).json();
    expect(dash.red.map((x: { taskId: number }) => x.taskId)).not.toContain((await task6()).id);
  });
});
