import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { samplePlanApp } from '../../test/app.js';
import { describeStore } from '../../test/db.js';
import { countsOf, finishedRun, startTestJobs } from '../../test/jobs.js';
import { cancelRun, enqueueJob, getRun, INTERRUPTED, liveProgress, type JobSystem } from '../jobs/index.js';
import { recordImportJob } from './import-job.js';
import { recompute } from './recompute.js';
import { RECOMPUTE_JOB, recomputeJob } from './recompute-job.js';
import { insertDeadRun } from '../../test/job-interrupt.js';

// 重新计算全部指标 as a background job. Decision: each indicator's results are replaced in its own transaction, so a
// cancel or a stop keeps the indicators already done and leaves every other one with its previous results — per
// indicator, nothing is half-written — and the run's result says how many were done.
describeStore('indicator recompute job', (ctx) => {
  let app: FastifyInstance;
  let office: Record<string, string>;
  let sys: JobSystem;
  const by = { id: 1, account: 'office-test' };
  const dbNow = async () => (await sql<{ t: Date }>`select now() as t`.execute(ctx.db)).rows[0]!.t;
  /** Per indicator code: whether its results were written after `t` (all rows) or before (all rows); 'mixed' is half-written. */
  const writtenSince = async (t: Date) => {
    const rows = await ctx.db.selectFrom('indicator_result').select(['code', 'computed_at']).execute();
    const by = new Map<string, Set<boolean>>();
    for (const r of rows) by.set(r.code, (by.get(r.code) ?? new Set()).add(new Date(r.computed_at) > t));
    return [...by].map(([code, s]) => [code, s.size > 1 ? 'mixed' : s.has(true) ? 'new' : 'old'] as const);
  };
  /** A run started in the background, followed (in memory: PGlite's one connection may be inside a transaction) until an indicator is done. */
  const startAndWait = async () => {
    const { runId } = await enqueueJob(ctx.db, RECOMPUTE_JOB, { year: 2021 }, by);
    await expect.poll(() => liveProgress(runId)?.done ?? 0, { timeout: 30_000, interval: 2 }).toBeGreaterThan(0);
    return runId;
  };

  beforeAll(async () => {
    ({ app, office } = await samplePlanApp(ctx));
    await recompute(ctx.db, { year: 2021 });
    sys = await startTestJobs(ctx, [recordImportJob, recomputeJob]);
  });
  afterAll(async () => sys?.stop());

  it('a cancelled recompute keeps the indicators already done, each whole, and leaves the others as they were', async () => {
    const t0 = await dbNow();
    const runId = await startAndWait();
    await cancelRun(ctx.db, runId, by);
    await sys.settle([runId], 60_000);
    const run = await getRun(ctx.db, runId);
    expect(run.status).toBe('cancelled');
    expect(run.result?.text).toMatch(/^已重新计算 \d+ \/ \d+ 项指标并保存其结果（每项指标各自完整）；其余 \d+ 项保留原结果/);
    const kept = countsOf(run);
    expect(kept.已重新计算).toBeGreaterThan(0);
    expect(kept.保留原结果).toBeGreaterThan(0);
    const written = await writtenSince(t0);
    expect(written.filter(([, w]) => w === 'mixed')).toEqual([]);
    expect(written.filter(([, w]) => w === 'new').length).toBeLessThanOrEqual(kept.已重新计算!);
    expect(written.filter(([, w]) => w === 'old').length).toBeGreaterThan(0);
  }, 120_000);

  it('a recompute in progress when the server stops is marked failed, saying what it kept', async () => {
    const runId = await startAndWait();
    await sys.stop();
    const run = await getRun(ctx.db, runId);
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/^服务停止时任务被中断：已重新计算 \d+ \/ \d+ 项指标/);
    sys = await startTestJobs(ctx, [recordImportJob, recomputeJob]);
  }, 120_000);

  it('a recompute found interrupted at the next start (its process died) says how far it got and what it kept; an import, that nothing was written', async () => {
    await sys.stop();
    // What a process that died leaves: its runs `running`, their last progress written, no heartbeat since.
    const dead = (name: string, done: number, total: number) => insertDeadRun(ctx.db, name, { done, total });
    const rec = await dead(RECOMPUTE_JOB, 12, 24);
    const imp = await dead(recordImportJob.name, 5000, 20000);
    sys = await startTestJobs(ctx, [recordImportJob, recomputeJob]);
    expect(await getRun(ctx.db, rec.id)).toMatchObject({
      status: 'failed',
      error: '服务停止时任务被中断：中断前已完成约 12/24 项指标；已完成的指标已保存新结果（每项各自完整），其余指标保留原结果，可重新计算',
    });
    expect(await getRun(ctx.db, imp.id)).toMatchObject({ status: 'failed', error: INTERRUPTED });
    expect(INTERRUPTED).toMatch(/未写入任何数据/);
  }, 120_000);

  it('POST /api/indicators/recompute answers 202 with the run; the run recomputes every indicator', async () => {
    const t0 = await dbNow();
    const res = await app.inject({ method: 'POST', url: '/api/indicators/recompute', headers: office, payload: { year: 2021 } });
    const run = await finishedRun(app, sys, office, res);
    expect(run.status, run.error ?? '').toBe('succeeded');
    expect(run.result?.text).toMatch(/^已重新计算 2021 年（截至 2021-12-31）的 \d+ 项指标，用时/);
    const n = countsOf(run).重新计算的指标!;
    expect(n).toBeGreaterThan(10);
    expect(run).toMatchObject({ progressDone: n, progressTotal: n });
    expect((await writtenSince(t0)).filter(([, w]) => w !== 'new')).toEqual([]);
  }, 120_000);
});
