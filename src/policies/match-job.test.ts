import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, loginAs } from '../../test/app.js';
import { describeStore } from '../../test/db.js';
import { countsOf, finishedRun, startTestJobs } from '../../test/jobs.js';
import { cancelRun, enqueueJob, getRun, INTERRUPTED, liveProgress, type JobSystem } from '../jobs/index.js';
import { seedPolicyDemo } from './demo.js';
import { MATCH_JOB, policyJobs } from './match-job.js';
import { insertDeadRun } from '../../test/job-interrupt.js';

// 全量匹配并推送 as a background job: the route answers 202 with the run; the result counts firms, items and
// messages. A cancel or a stop keeps the batches of firms already matched (derived, whole per firm) and pushes nothing.
describeStore('policy matching job', (ctx) => {
  let app: FastifyInstance;
  let sys: JobSystem;
  let office: Record<string, string>;
  const by = { id: 1, account: 'office-test' };
  /** Enterprise accounts of three qualifying firms among the last ones matched, created after the demo's own push. */
  let firmUsers: number[] = [];
  const FIRMS = 1500;

  const pushed = async () =>
    Number(
      (
        await ctx.db
          .selectFrom('notification')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('user_id', 'in', firmUsers)
          .where('kind', '=', 'policy')
          .executeTakeFirstOrThrow()
      ).n,
    );
  const matchedFirms = async () =>
    Number(
      (
        await ctx.db
          .selectFrom('policy_match')
          .select((eb) => eb.fn.count<number>('enterprise_id').distinct().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** A run in small batches (50 firms), followed until it has matched some firms. */
  const startSmallBatches = async () => {
    const { runId } = await enqueueJob(ctx.db, MATCH_JOB, { batch: 50 }, by);
    await expect.poll(() => liveProgress(runId)?.done ?? 0, { timeout: 30_000, interval: 2 }).toBeGreaterThan(0);
    return runId;
  };

  beforeAll(async () => {
    await seedPolicyDemo(ctx.db, { enterprises: FIRMS, seed: 7 });
    app = await createTestApp(ctx);
    office = await loginAs(app, ctx, { account: 'office1', role: 'office' });
    const last = await ctx.db.selectFrom('policy_match').select('enterprise_id').distinct().orderBy('enterprise_id', 'desc').limit(3).execute();
    expect(last).toHaveLength(3);
    for (const [i, m] of last.entries()) await loginAs(app, ctx, { account: `firm${i}`, role: 'enterprise', enterpriseId: m.enterprise_id });
    firmUsers = (await ctx.db.selectFrom('app_user').select('id').where('account', 'in', ['firm0', 'firm1', 'firm2']).execute()).map((u) => u.id);
    sys = await startTestJobs(ctx, policyJobs);
  }, 180_000);
  afterAll(async () => {
    await sys?.stop();
    await app?.close();
  });

  it('a cancelled match keeps the batches already matched, pushes nothing, and says so', async () => {
    // No results at all (the kept per-firm texts of bulk matching go with them, or the next run would trust them).
    await ctx.db.deleteFrom('policy_match_firm').execute();
    await ctx.db.deleteFrom('policy_match').execute();
    const runId = await startSmallBatches();
    expect(liveProgress(runId)?.total).toBe(FIRMS);
    await cancelRun(ctx.db, runId, by);
    await sys.settle([runId], 60_000);
    const run = await getRun(ctx.db, runId);
    expect(run.status).toBe('cancelled');
    expect(run.result?.text).toMatch(/^已匹配 [\d,]+ \/ 1,500 家企业并保存其匹配结果（每家企业各自完整）；未推送任何消息/);
    const done = countsOf(run).已匹配企业!;
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(FIRMS);
    expect(await pushed()).toBe(0);
    // Only firms of the batches done have matches (the three accounts' firms come last: none of theirs).
    expect(await matchedFirms()).toBeLessThanOrEqual(done);
    expect(
      await ctx.db
        .selectFrom('policy_match')
        .select('enterprise_id')
        .where(
          'enterprise_id',
          'in',
          (await ctx.db.selectFrom('app_user').select('enterprise_id').where('id', 'in', firmUsers).execute()).map((u) => u.enterprise_id!),
        )
        .execute(),
    ).toEqual([]);
  }, 120_000);

  it('a match in progress when the server stops is marked failed and pushes nothing', async () => {
    const runId = await startSmallBatches();
    await sys.stop();
    const run = await getRun(ctx.db, runId);
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/^服务停止时任务被中断：已匹配 [\d,]+ \/ 1,500 家企业/);
    expect(run.error).not.toBe(INTERRUPTED);
    expect(await pushed()).toBe(0);
    sys = await startTestJobs(ctx, policyJobs);
  }, 120_000);

  it('a match found interrupted at the next start (its process died) says how many firms it kept', async () => {
    await sys.stop();
    // What a process that died leaves: its run `running`, its last progress written, no heartbeat since.
    const dead = await insertDeadRun(ctx.db, MATCH_JOB, { done: 500, total: FIRMS });
    sys = await startTestJobs(ctx, policyJobs);
    expect(await getRun(ctx.db, dead.id)).toMatchObject({
      status: 'failed',
      error:
        '服务停止时任务被中断：中断前已完成约 500/1,500 家企业；已匹配的企业结果已保存（每家企业各自完整）；消息在全部企业匹配完成后才推送，重新运行不会重复推送已发出的消息',
    });
  }, 120_000);

  it('POST /api/policies/match answers 202 with the run; the run matches every firm and pushes to the qualifying accounts', async () => {
    const run = await finishedRun(app, sys, office, await app.inject({ method: 'POST', url: '/api/policies/match', headers: office }));
    expect(run.status, run.error ?? '').toBe('succeeded');
    const counts = countsOf(run);
    expect(counts).toMatchObject({ 企业: FIRMS });
    expect(counts.政策事项).toBeGreaterThan(0);
    expect(counts.推送消息).toBeGreaterThanOrEqual(3);
    expect(run.progressDone).toBe(FIRMS);
    expect(await pushed()).toBe(counts.推送消息);
    expect(await matchedFirms()).toBeGreaterThan(0);
  }, 120_000);
});
