import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { startTestJobs } from '../../test/jobs.js';
import { cancelRun, getRun, INTERRUPTED, liveProgress, type JobSystem } from '../jobs/index.js';
import { REQUEST_IMPORT_FOLDER, requestImportJob, start12345Import } from './import-job.js';

/** A 12345 export of `n` valid work orders numbered `${prefix}1…`. */
function orders(n: number, prefix: string): Buffer {
  const lines = ['工单编号,受理日期,诉求类别,诉求标题,诉求内容,联系人,联系电话'];
  for (let i = 1; i <= n; i++) lines.push(`${prefix}${i},2026-11-0${1 + (i % 9)},咨询,开办咨询${i},开办企业需要哪些材料,王五,137${String(i).padStart(8, '0')}`);
  return Buffer.from(lines.join('\n'), 'utf8');
}

// The 12345 import as a background job: the route's check refuses a bad file at once (intake.test.ts); a cancel or a
// stop while the work orders are being written leaves no request, no notice and no audit entry; then it imports all.
describeStore('12345 import job', (ctx) => {
  let sys: JobSystem;
  const office = { id: 1, account: 'office-test' };
  const count = async (table: 'request_item' | 'notification') =>
    Number(
      (
        await ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const audits = async () => (await ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'requests.import12345').execute()).length;
  const stored = () => (fs.existsSync(path.join(ctx.dataDir, REQUEST_IMPORT_FOLDER)) ? fs.readdirSync(path.join(ctx.dataDir, REQUEST_IMPORT_FOLDER)) : []);
  const start = (n: number, prefix: string) => start12345Import(ctx.db, ctx.dataDir, { fileName: `${prefix}.csv`, buffer: orders(n, prefix), by: office });
  // Read from memory: on PGlite the run's one transaction holds the only connection while it writes.
  const waitForProgress = (runId: number) => expect.poll(() => liveProgress(runId)?.done ?? 0, { timeout: 30_000, interval: 5 }).toBeGreaterThan(0);

  beforeAll(async () => {
    sys = await startTestJobs(ctx, [requestImportJob]);
  });
  afterAll(async () => sys?.stop());

  it('a cancelled import stops between work orders and writes nothing; its file is removed', async () => {
    const { runId } = await start(20_000, 'C');
    await waitForProgress(runId);
    const seen = liveProgress(runId)!;
    expect(seen.total).toBe(20_000);
    expect(seen.done).toBeLessThan(20_000);
    await cancelRun(ctx.db, runId, office);
    await sys.settle([runId], 60_000);
    expect(await getRun(ctx.db, runId)).toMatchObject({ status: 'cancelled', error: null, result: null });
    expect(await count('request_item')).toBe(0);
    expect(await count('notification')).toBe(0);
    expect(await audits()).toBe(0);
    expect(stored()).toEqual([]);
  }, 120_000);

  it('an import in progress when the server stops is rolled back and marked failed; run again, it imports every work order once', async () => {
    const { runId } = await start(20_000, 'S');
    await waitForProgress(runId);
    await sys.stop();
    expect(await getRun(ctx.db, runId)).toMatchObject({ status: 'failed', error: INTERRUPTED });
    expect(await count('request_item')).toBe(0);
    expect(await audits()).toBe(0);
    sys = await startTestJobs(ctx, [requestImportJob]);
    const again = await start(300, 'S');
    await sys.settle([again.runId], 120_000);
    const run = await getRun(ctx.db, again.runId);
    expect(run).toMatchObject({ status: 'succeeded', progressDone: 300, progressTotal: 300 });
    expect(run.result?.text).toMatch(/^S\.csv：文件中 300 件，新增 300 件（渝中诉〔\d{4}〕\d{6}号 至 渝中诉〔\d{4}〕\d{6}号）待派单，已导入过而跳过 0 件$/);
    expect(run.result?.links).toEqual([{ label: '查看诉求工作台', href: '/requests' }]);
    expect(await count('request_item')).toBe(300);
    expect(await audits()).toBe(1);
    expect(stored()).toEqual([]);
  }, 180_000);
});
