import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { startTestJobs } from '../../test/jobs.js';
import { cancelRun, getRun, INTERRUPTED, type JobSystem } from '../jobs/index.js';
import { IMPORT_FOLDER, indicatorJobs, startRecordImport } from './import-job.js';

/** A case record file of `n` new utility connections (about 45 bytes a row). */
function bigCsv(n: number, prefix: string): Buffer {
  const lines = ['申请编号,报装类型,申请日期,接通日期'];
  for (let i = 0; i < n; i++) lines.push(`${prefix}${i},用水,2021-0${1 + (i % 9)}-1${i % 10},2021-0${1 + (i % 9)}-2${i % 8}`);
  return Buffer.from(lines.join('\n'), 'utf8');
}

// The import as a background job: all or nothing whether it is cancelled, stopped by a shutdown, or finishes.
describeStore('case record import job', (ctx) => {
  let sys: JobSystem;
  const office = { id: 1, account: 'office-test' };
  const start = (rows: number, prefix: string) =>
    startRecordImport(ctx.db, ctx.dataDir, {
      type: 'utility',
      fileName: `${prefix}.csv`,
      buffer: bigCsv(rows, prefix),
      uploader: { actor: 'office-test' },
      by: office,
    });
  const records = async () =>
    Number(
      (
        await ctx.db
          .selectFrom('case_record')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const waitForProgress = (runId: number) =>
    expect.poll(async () => (await getRun(ctx.db, runId)).progressDone, { timeout: 30_000, interval: 20 }).toBeGreaterThan(0);
  const storedFiles = () => (fs.existsSync(path.join(ctx.dataDir, IMPORT_FOLDER)) ? fs.readdirSync(path.join(ctx.dataDir, IMPORT_FOLDER)) : []);

  beforeAll(async () => {
    sys = await startTestJobs(ctx, indicatorJobs);
  });
  afterAll(async () => sys?.stop());

  it('a cancelled import stops between chunks and writes nothing; its file is removed', async () => {
    const { runId } = await start(300_000, 'C');
    await waitForProgress(runId);
    const seen = await getRun(ctx.db, runId);
    expect(seen).toMatchObject({ status: 'running', progressTotal: 300_000 });
    expect(seen.progressDone).toBeLessThan(300_000);
    await cancelRun(ctx.db, runId, office);
    await sys.settle([runId], 60_000);
    expect(await getRun(ctx.db, runId)).toMatchObject({ status: 'cancelled', error: null, result: null });
    expect(await records()).toBe(0);
    expect(storedFiles()).toEqual([]);
  }, 120_000);

  it('an import in progress when the server stops is rolled back and marked failed; run again, it writes every row once', async () => {
    const { runId } = await start(300_000, 'S');
    await waitForProgress(runId);
    await sys.stop();
    expect(await getRun(ctx.db, runId)).toMatchObject({ status: 'failed', error: INTERRUPTED });
    expect(await records()).toBe(0);
    sys = await startTestJobs(ctx, indicatorJobs);
    const again = await start(20_000, 'S');
    await sys.settle([again.runId], 120_000);
    const run = await getRun(ctx.db, again.runId);
    expect(run).toMatchObject({ status: 'succeeded', progressDone: 20_000, progressTotal: 20_000 });
    expect(run.result?.counts?.find((c) => c.label === '新增')?.value).toBe(20_000);
    expect(await records()).toBe(20_000);
  }, 180_000);
});
