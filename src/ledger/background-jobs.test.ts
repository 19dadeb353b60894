import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, loginAs, multipart, type SessionHeaders } from '../../test/app.js';
import { describeStore } from '../../test/db.js';
import { interruptedRun, linkedId } from '../../test/job-interrupt.js';
import { countsOf, finishedRun, startTestJobs } from '../../test/jobs.js';
import { INTERRUPTED, type JobSystem } from '../jobs/index.js';
import { BULLETIN_DRAFT_JOB, ledgerBackgroundJobs, TASKS_IMPORT_FOLDER, TASKS_IMPORT_JOB } from './background-jobs.js';
import { exportTasksXlsx } from './ledger-xlsx.js';
import { createMonthlyCycles } from './report-store.js';
import { initLedger } from './task-store.js';
import { seedLedgerPlan } from './testing.js';

/** The exported task ledger with every task's progress set to `progress` (推进中) and a split-off task (`added`) added. */
async function editedTasks(buffer: Buffer, progress: number, added = '47-2'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as never);
  const ws = wb.getWorksheet('改革任务台账')!;
  for (let r = 3; r <= ws.rowCount; r++) {
    if (!ws.getRow(r).getCell(1).value) continue;
    ws.getRow(r).getCell(8).value = '推进中';
    ws.getRow(r).getCell(9).value = progress;
  }
  ws.addRow([added, 47, '开展涉企政策评估', '对全区涉企政策执行效果开展评估', '区发改委', '区财政局', 2, '未启动', 0, '2021-11-30 形成评估报告', '']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// Issue 18: the task ledger import and the bulletin drafting as background jobs (202, result; a cancel or a stop writes nothing).
describeStore('ledger background jobs', (ctx) => {
  let app: FastifyInstance;
  let office: SessionHeaders;
  let sys: JobSystem | undefined;
  let planId: number;
  let cycleId: number;
  const by = { id: 0, account: 'office-ledger-jobs' };
  const upload = (url: string, name: string, content: Buffer) => {
    const m = multipart(name, content);
    return app.inject({ method: 'POST', url, payload: m.payload, headers: { ...m.headers, ...office } });
  };
  const tasksUrl = () => `/api/ledger/plans/${planId}/tasks.xlsx`;
  const accepted = (res: { statusCode: number; body: string; json(): unknown }) => {
    expect(res.statusCode, res.body).toBe(202);
    return res.json() as { runId: number };
  };
  /** What the two jobs write: tasks (with progress), their units and milestones, bulletins, and their audit entries. */
  const tables = async () => ({
    tasks: await ctx.db.selectFrom('ledger_task').select(['id', 'seq', 'status', 'progress']).orderBy('id').execute(),
    units: (await ctx.db.selectFrom('ledger_task_unit').select('task_id').execute()).length,
    milestones: (await ctx.db.selectFrom('ledger_milestone').select('id').execute()).length,
    bulletins: (await ctx.db.selectFrom('ledger_bulletin').select('id').execute()).length,
    audit: (await ctx.db.selectFrom('audit_log').select('action').where('action', 'like', 'ledger.%').execute()).length,
  });

  beforeAll(async () => {
    app = await createTestApp(ctx);
    office = await loginAs(app, ctx, { account: by.account, role: 'office' });
    by.id = (await ctx.db.selectFrom('app_user').select('id').where('account', '=', by.account).executeTakeFirstOrThrow()).id;
    planId = (await seedLedgerPlan(ctx.db)).planId;
    await initLedger(ctx.db, { planId, actor: 'test' });
    await createMonthlyCycles(ctx.db, 'test', planId, { from: '2021-09', to: '2021-09' });
    cycleId = (await ctx.db.selectFrom('ledger_cycle').select('id').where('plan_id', '=', planId).executeTakeFirstOrThrow()).id;
    sys = await startTestJobs(ctx, ledgerBackgroundJobs);
  });
  afterAll(async () => sys?.stop());

  it('a task ledger is checked at once (400 with its rows) and written in the background (202, the run’s result)', async () => {
    const exported = (await exportTasksXlsx(ctx.db, planId, '2021-07-01')).buffer;
    const broken = await editedTasks(exported, 100); // 推进中 at 100 % breaks the status rule on every row
    const bad = await upload(tasksUrl(), 'ledger.xlsx', broken);
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ row: 3, field: '进度(%)' });

    const run = await finishedRun(app, sys!, office, await upload(tasksUrl(), 'ledger.xlsx', await editedTasks(exported, 20)));
    expect(run.status, run.error ?? '').toBe('succeeded');
    expect(countsOf(run)).toEqual({ 行数: 5, 新增: 1, 更新: 4, 未变: 0 });
    expect(run).toMatchObject({ progressDone: 5, progressTotal: 5 });
    expect((await tables()).tasks.map((t) => t.progress)).toEqual([20, 20, 20, 20, 0]);
  }, 120_000);

  it('a bulletin draft is checked at once (404 for another plan’s cycle) and drafted in the background; the result links to it', async () => {
    const wrong = await app.inject({ method: 'POST', url: `/api/ledger/plans/${planId + 1000}/bulletins`, headers: office, payload: { cycleId } });
    expect(wrong.statusCode, wrong.body).toBe(404);
    const badDate = await app.inject({
      method: 'POST',
      url: `/api/ledger/plans/${planId}/bulletins`,
      headers: office,
      payload: { cycleId, dataDate: '2021-02-30' },
    });
    expect(badDate.statusCode, badDate.body).toBe(400);

    const run = await finishedRun(
      app,
      sys!,
      office,
      await app.inject({ method: 'POST', url: `/api/ledger/plans/${planId}/bulletins`, headers: office, payload: { cycleId } }),
    );
    expect(run.status, run.error ?? '').toBe('succeeded');
    const id = linkedId(run, /^\/ledger\/bulletins\//);
    const draft = await app.inject({ url: `/api/ledger/bulletins/${id}`, headers: office });
    expect(draft.json()).toMatchObject({ state: 'draft', cycleId });
    expect(countsOf(run).任务).toBe(draft.json().content.overall.tasks);
    expect(run.result?.text).toContain(draft.json().title);
  }, 120_000);

  it('a task import or a drafting cancelled, or stopped by a shutdown, midway writes nothing', async () => {
    await sys?.stop();
    sys = undefined;
    const exported = (await exportTasksXlsx(ctx.db, planId, '2021-07-01')).buffer;
    const sheet = await editedTasks(exported, 60, '47-3');
    const cases = [
      { job: TASKS_IMPORT_JOB, at: 3, start: async () => accepted(await upload(tasksUrl(), 'ledger.xlsx', sheet)) },
      {
        job: BULLETIN_DRAFT_JOB,
        at: 3, // after the draft row and its audit entry were written
        start: async () => accepted(await app.inject({ method: 'POST', url: `/api/ledger/plans/${planId}/bulletins`, headers: office, payload: { cycleId } })),
      },
    ];
    for (const c of cases)
      for (const how of ['cancel', 'stop'] as const) {
        const before = await tables();
        const { run, checks } = await interruptedRun(ctx, ledgerBackgroundJobs, { job: c.job, at: c.at, how, by, start: c.start });
        expect(checks, `${c.job} ${how}`).toBeGreaterThanOrEqual(c.at);
        if (how === 'cancel') expect(run, `${c.job} ${how}`).toMatchObject({ status: 'cancelled', result: null });
        else expect(run, `${c.job} ${how}`).toMatchObject({ status: 'failed', error: INTERRUPTED, result: null });
        expect(run.progressDone, `${c.job} ${how}: it was writing`).toBeGreaterThanOrEqual(2);
        expect(await tables(), `${c.job} ${how}`).toEqual(before);
      }
    expect(fs.readdirSync(path.join(ctx.dataDir, TASKS_IMPORT_FOLDER))).toEqual([]);
  }, 240_000);
});
