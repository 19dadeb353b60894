import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, loginAs, multipart, type SessionHeaders } from '../../test/app.js';
import { describeStore } from '../../test/db.js';
import { interruptedRun, linkedId } from '../../test/job-interrupt.js';
import { countsOf, finishedRun, startTestJobs } from '../../test/jobs.js';
import { INTERRUPTED, type JobSystem } from '../jobs/index.js';
import { PLAN_IMPORT_JOB, PLAN_LEDGER_IMPORT_JOB, planJobs } from './import-job.js';
import { exportLedgerXlsx } from './ledger-xlsx.js';
import ExcelJS from 'exceljs';

const PLAN_2021 = fs.readFileSync('test/fixtures/plans/yuzhong-2021.txt');
const PLAN_2022 = fs.readFileSync('test/fixtures/plans/yuzhong-2022.txt');

/** The ledger sheet of a plan with measure 1's 具体措施 edited (a new revision when imported). */
async function editedLedger(ctx: { db: Parameters<typeof exportLedgerXlsx>[0] }, planId: number, text: string): Promise<Buffer> {
  const { buffer } = await exportLedgerXlsx(ctx.db, planId);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  let headerRow = 0;
  ws.eachRow((row, n) => {
    if (!headerRow && (row.values as unknown[]).includes('序号')) headerRow = n;
  });
  const header = ws.getRow(headerRow).values as unknown[];
  const col = header.indexOf('具体措施');
  ws.getRow(headerRow + 1).getCell(col).value = text;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// Issue 18: the plan import and the plan's ledger import as background jobs (202, result; a cancel or a stop writes nothing).
describeStore('plan import jobs', (ctx) => {
  let app: FastifyInstance;
  let office: SessionHeaders;
  let sys: JobSystem | undefined;
  const by = { id: 0, account: 'office-plan-jobs' };
  const upload = (url: string, name: string, content: Buffer) => {
    const m = multipart(name, content);
    return app.inject({ method: 'POST', url, payload: m.payload, headers: { ...m.headers, ...office } });
  };
  /** Every table the plan import writes, counted (a run that wrote nothing leaves them as they were). */
  const tables = async () => {
    const n = async (t: 'plan' | 'plan_revision' | 'plan_section' | 'plan_subsection' | 'measure' | 'measure_unit' | 'measure_target' | 'unit') =>
      Number(
        (
          await ctx.db
            .selectFrom(t)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const plans = await ctx.db.selectFrom('plan').select(['id', 'current_revision']).orderBy('id').execute();
    const texts = await ctx.db.selectFrom('measure').select(['id', 'text']).orderBy('id').execute();
    return {
      plans,
      texts,
      counts: [
        await n('plan'),
        await n('plan_revision'),
        await n('plan_section'),
        await n('plan_subsection'),
        await n('measure'),
        await n('measure_unit'),
        await n('measure_target'),
        await n('unit'),
      ],
    };
  };

  beforeAll(async () => {
    app = await createTestApp(ctx);
    office = await loginAs(app, ctx, { account: by.account, role: 'office' });
    by.id = (await ctx.db.selectFrom('app_user').select('id').where('account', '=', by.account).executeTakeFirstOrThrow()).id;
    sys = await startTestJobs(ctx, planJobs);
  });
  afterAll(async () => sys?.stop());

  it('a plan upload is parsed at once (400 with the line) and written in the background (202, the run’s result)', async () => {
    const bad = await upload('/api/plan/plans', 'plan.pdf', PLAN_2021);
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.body).toContain('只支持 .txt 和 .docx 文件');

    const run = await finishedRun(app, sys!, office, await upload('/api/plan/plans', 'yuzhong-2021.txt', PLAN_2021));
    expect(run.status, run.error ?? '').toBe('succeeded');
    const planId = linkedId(run, /^\/plan\?plan=/);
    const measures = (await ctx.db.selectFrom('measure').select('id').where('plan_id', '=', planId).execute()).length;
    expect(measures).toBeGreaterThan(10);
    expect(countsOf(run)).toMatchObject({ 措施: measures, 版本: 1 });
    expect(run).toMatchObject({ progressDone: measures, progressTotal: measures });
    expect(run.result?.text).toContain('第1版');

    const again = await finishedRun(app, sys!, office, await upload('/api/plan/plans', 'yuzhong-2021.txt', PLAN_2021));
    expect(again.result?.text).toContain('内容相同，未作修改');
  }, 120_000);

  it('an edited ledger is checked at once (400 with its rows) and written in the background as a new revision', async () => {
    const planId = (await ctx.db.selectFrom('plan').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    const url = `/api/plan/plans/${planId}/ledger.xlsx`;
    const bad = await upload(url, 'ledger.xlsx', await editedLedger(ctx, planId, ''));
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json().error.details).toEqual([expect.objectContaining({ field: '具体措施', message: '不能为空' })]);

    const run = await finishedRun(app, sys!, office, await upload(url, 'ledger.xlsx', await editedLedger(ctx, planId, '改后的第一条措施。')));
    expect(run.status, run.error ?? '').toBe('succeeded');
    expect(countsOf(run)).toMatchObject({ 版本: 2 });
    expect(countsOf(run).行数).toBeGreaterThan(10);
    expect((await ctx.db.selectFrom('measure').select('text').where('plan_id', '=', planId).where('number', '=', 1).executeTakeFirstOrThrow()).text).toBe(
      '改后的第一条措施。',
    );
  }, 120_000);

  it('a plan import or a ledger import cancelled, or stopped by a shutdown, midway writes nothing', async () => {
    await sys?.stop();
    sys = undefined;
    const planId = (await ctx.db.selectFrom('plan').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    const ledger = await editedLedger(ctx, planId, '第三版的第一条措施。');
    const cases = [
      { job: PLAN_IMPORT_JOB, start: async () => (await upload('/api/plan/plans', 'yuzhong-2022.txt', PLAN_2022)).json() as { runId: number } },
      {
        job: PLAN_LEDGER_IMPORT_JOB,
        start: async () => (await upload(`/api/plan/plans/${planId}/ledger.xlsx`, 'ledger.xlsx', ledger)).json() as { runId: number },
      },
    ];
    for (const c of cases)
      for (const how of ['cancel', 'stop'] as const) {
        const before = await tables();
        const { run, checks } = await interruptedRun(ctx, planJobs, { job: c.job, at: 5, how, by, start: c.start });
        expect(checks, `${c.job} ${how}`).toBeGreaterThanOrEqual(5);
        if (how === 'cancel') expect(run, `${c.job} ${how}`).toMatchObject({ status: 'cancelled', result: null });
        else expect(run, `${c.job} ${how}`).toMatchObject({ status: 'failed', error: INTERRUPTED, result: null });
        expect(run.progressDone, `${c.job} ${how}: it was writing`).toBeGreaterThanOrEqual(3);
        expect(await tables(), `${c.job} ${how}`).toEqual(before);
      }
    expect(fs.readdirSync(`${ctx.dataDir}/plan-imports`)).toEqual([]);
  }, 240_000);
});
