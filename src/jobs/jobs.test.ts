import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { listAudit } from '../audit/index.js';
import { ConflictError } from '../shared/index.js';
import { latestSlot, nextSlot } from './cron.js';
import { defineJob, type JobContext } from './define.js';
import { INTERRUPTED, startJobs, type JobSystem } from './runner.js';
import { cancelRun, enqueueJob, getRun, listSchedules, updateSchedule } from './store.js';
import { insertDeadRun } from '../../test/job-interrupt.js';

const quiet = { info() {}, warn() {}, error() {} };
const admin = { id: 1, account: 'admin' };

/** A gate the test opens step by step. */
function gates(n: number) {
  const opens: Array<() => void> = [];
  const waits = Array.from({ length: n }, () => new Promise<void>((r) => opens.push(r)));
  return { wait: (i: number) => waits[i]!, open: (i: number) => opens[i]!() };
}

describe('cron slots (China time)', () => {
  it('takes the latest slot at or before now, and the next one after it', () => {
    const at = new Date('2026-03-02T00:30:00Z'); // 08:30 in China
    expect(latestSlot('30 8 * * *', at).toISOString()).toBe('2026-03-02T00:30:00.000Z');
    expect(latestSlot('30 8 * * *', new Date(at.getTime() - 1)).toISOString()).toBe('2026-03-01T00:30:00.000Z');
    expect(nextSlot('30 8 * * *', at).toISOString()).toBe('2026-03-03T00:30:00.000Z');
    expect(latestSlot('10 0 * * *', new Date('2026-03-01T16:09:00Z')).toISOString()).toBe('2026-02-28T16:10:00.000Z');
  });
});

describeStore('job system', (ctx) => {
  let sys: JobSystem;
  let counted = 0;
  const steps = gates(4);
  let started: () => void = () => {};
  const countJob = defineJob({
    name: 'test.count',
    label: '测试计数',
    defaultCron: '0 9 * * *',
    run: async () => ({ text: `第 ${++counted} 次` }),
  });
  /** Waits for the test between steps (no transaction held), then writes its rows in one transaction. */
  const stepsJob = defineJob({
    name: 'test.steps',
    label: '测试分步',
    run: async (c: JobContext) => {
      c.progress(0, 4);
      for (let i = 0; i < 4; i++) {
        await steps.wait(i);
        c.checkCancelled();
        c.progress(i + 1, 4);
      }
      await c.db.transaction().execute(async (trx) => {
        for (let i = 0; i < 4; i++) await sql`insert into test_job_item (k) values (${'steps'})`.execute(trx);
      });
      return { text: '写入 4 行' };
    },
  });
  /** Writes rows inside its transaction until cancelled (or stopped): nothing may stay. */
  const endlessJob = defineJob({
    name: 'test.endless',
    label: '测试长任务',
    run: async (c: JobContext) =>
      c.db.transaction().execute(async (trx) => {
        for (let i = 0; ; i++) {
          await sql`insert into test_job_item (k) values (${'endless'})`.execute(trx);
          c.progress(i + 1, 1000);
          if (i === 2) started();
          await new Promise((r) => setTimeout(r, 10));
          c.checkCancelled();
        }
      }),
  });
  /** Commits a row per step (no enclosing transaction) until stopped: it keeps the steps finished, and declares so. */
  const partsJob = defineJob({
    name: 'test.parts',
    label: '测试分段',
    keepsFinished: { text: '已写入的行已保存，可重新运行', unit: '行' },
    run: async (c: JobContext) => {
      for (let i = 0; ; i++) {
        await sql`insert into test_job_item (k) values (${'parts'})`.execute(c.db);
        c.progress(i + 1, 500);
        if (i === 2) started();
        await new Promise((r) => setTimeout(r, 10));
        c.checkCancelled();
      }
    },
  });
  const jobs = [countJob, stepsJob, endlessJob, partsJob];
  const items = async (k: string) => Number((await sql<{ n: number }>`select count(*)::int as n from test_job_item where k = ${k}`.execute(ctx.db)).rows[0]!.n);

  beforeAll(async () => {
    await sql`create table test_job_item (k text not null)`.execute(ctx.db);
    sys = await startJobs(ctx, { logger: quiet, jobs, tickSeconds: 0, flushMs: 50, pollingSeconds: 0.5 });
  });
  afterAll(async () => {
    await sys?.stop();
  });

  it('runs a scheduled job once per slot, from the slot on, and not for slots before its last edit', async () => {
    await ctx.db
      .updateTable('job_schedule')
      .set({ updated_at: new Date('2026-01-01T00:00:00Z') })
      .where('name', '=', 'test.count')
      .execute();
    const nine = new Date('2026-03-02T01:00:00Z'); // 09:00 in China
    // Before the first slot after the edit: nothing.
    expect(await sys.tick(new Date('2025-12-31T23:00:00Z'))).toEqual([]);
    const first = await sys.tick(nine);
    expect(first).toHaveLength(1);
    await sys.settle(first);
    expect(await sys.tick(nine)).toEqual([]);
    expect(await sys.tick(new Date(nine.getTime() + 3_600_000))).toEqual([]);
    expect(counted).toBe(1);
    const run = await getRun(ctx.db, first[0]!);
    expect(run).toMatchObject({ status: 'succeeded', kind: 'scheduled', result: { text: '第 1 次' }, startedBy: null });
    expect(run.slot?.toISOString()).toBe(nine.toISOString());
    // Edited at 10:00 to run at 09:30: today's 09:30 slot is before the edit and does not fire; tomorrow's does.
    await updateSchedule(ctx.db, 'test.count', { cron: '30 9 * * *' }, admin);
    await ctx.db
      .updateTable('job_schedule')
      .set({ updated_at: new Date('2026-03-02T02:00:00Z') })
      .where('name', '=', 'test.count')
      .execute();
    expect(await sys.tick(new Date('2026-03-02T02:00:00Z'))).toEqual([]);
    const next = await sys.tick(new Date('2026-03-03T01:30:00Z'));
    expect(next).toHaveLength(1);
    await sys.settle(next);
    expect(counted).toBe(2);
    const [s] = (await listSchedules(ctx.db, new Date('2026-03-03T02:00:00Z'))).filter((x) => x.name === 'test.count');
    expect(s).toMatchObject({ label: '测试计数', timeText: '每天 09:30', time: '09:30', enabled: true, lastRun: { status: 'succeeded' } });
    expect(s!.nextRunAt?.toISOString()).toBe('2026-03-04T01:30:00.000Z');
    const audit = await listAudit(ctx.db, { entity: 'job_schedule', entityId: 'test.count', limit: 5 });
    expect(audit[0]).toMatchObject({ action: 'jobs.schedule.update', actor: 'admin', after: { cron: '30 9 * * *', enabled: true } });
  });

  it('a disabled schedule does not run; invalid times are refused naming the field', async () => {
    await updateSchedule(ctx.db, 'test.count', { enabled: false }, admin);
    expect(await sys.tick(new Date('2026-03-05T01:30:00Z'))).toEqual([]);
    await expect(updateSchedule(ctx.db, 'test.count', { cron: '61 9 * * *' }, admin)).rejects.toMatchObject({ problems: [{ field: 'cron' }] });
    await updateSchedule(ctx.db, 'test.count', { enabled: true }, admin);
    await ctx.db
      .updateTable('job_schedule')
      .set({ updated_at: new Date('2026-03-04T00:00:00Z') })
      .where('name', '=', 'test.count')
      .execute();
  });

  it('two schedulers on one database create and run a slot once', async () => {
    const other = await startJobs(ctx, { logger: quiet, jobs, tickSeconds: 0, flushMs: 50, pollingSeconds: 0.5 });
    try {
      const before = counted;
      const at = new Date('2026-03-06T01:30:00Z');
      const [a, b] = await Promise.all([sys.tick(at), other.tick(at)]);
      expect([...a, ...b]).toHaveLength(1);
      await sys.settle([...a, ...b]);
      await other.settle([...a, ...b]);
      expect(counted).toBe(before + 1);
    } finally {
      await other.stop();
    }
  });

  it('a background job reports progress step by step and writes its rows at the end', async () => {
    const { runId } = await enqueueJob(ctx.db, 'test.steps', { file: 'a.csv' }, admin);
    await expect(enqueueJob(ctx.db, 'test.steps', {}, admin)).rejects.toBeInstanceOf(ConflictError);
    const progressOf = async () => {
      const r = await getRun(ctx.db, runId);
      return [r.status, r.progressDone, r.progressTotal];
    };
    await expect.poll(progressOf, { timeout: 10_000 }).toEqual(['running', 0, 4]);
    for (let i = 0; i < 3; i++) {
      steps.open(i);
      await expect.poll(progressOf, { timeout: 5_000 }).toEqual(['running', i + 1, 4]);
    }
    expect(await items('steps')).toBe(0);
    steps.open(3);
    await sys.settle([runId]);
    expect(await progressOf()).toEqual(['succeeded', 4, 4]);
    expect(await items('steps')).toBe(4);
    const audit = await listAudit(ctx.db, { entity: 'job_run', entityId: String(runId), limit: 5 });
    expect(audit[0]).toMatchObject({ action: 'jobs.run.start', actor: 'admin', after: { name: 'test.steps', data: { file: 'a.csv' } } });
  });

  it('a cancelled job stops, is marked cancelled, and its transaction writes nothing', async () => {
    const running = new Promise<void>((r) => {
      started = r;
    });
    const { runId } = await enqueueJob(ctx.db, 'test.endless', {}, admin);
    await running; // three rows inserted inside its open transaction
    await cancelRun(ctx.db, runId, admin);
    await sys.settle([runId]);
    const r = await getRun(ctx.db, runId);
    expect(r).toMatchObject({ status: 'cancelled', cancelRequested: true, error: null });
    expect(r.progressDone).toBeGreaterThanOrEqual(3);
    expect(await items('endless')).toBe(0);
    await expect(cancelRun(ctx.db, runId, admin)).resolves.toBeUndefined();
    const done = (await enqueueJob(ctx.db, 'test.steps', {}, admin)).runId;
    for (let i = 0; i < 4; i++) steps.open(i);
    await sys.settle([done]);
    await expect(cancelRun(ctx.db, done, admin)).rejects.toBeInstanceOf(ConflictError);
  });

  it('a queued run that is cancelled never starts', async () => {
    await sys.stop(); // no worker: the run stays queued
    const { runId } = await enqueueJob(ctx.db, 'test.count', {}, admin);
    await cancelRun(ctx.db, runId, admin);
    expect((await getRun(ctx.db, runId)).status).toBe('cancelled');
    const before = counted;
    sys = await startJobs(ctx, { logger: quiet, jobs, tickSeconds: 0, flushMs: 50, pollingSeconds: 0.5 });
    await sys.settle([runId]);
    await new Promise((r) => setTimeout(r, 600));
    expect(counted).toBe(before);
  });

  it('a run in progress when the server stops is rolled back and marked failed, and can be run again', async () => {
    const running = new Promise<void>((r) => {
      started = r;
    });
    const { runId } = await enqueueJob(ctx.db, 'test.endless', {}, admin);
    await running;
    await sys.stop();
    expect(await getRun(ctx.db, runId)).toMatchObject({ status: 'failed', error: INTERRUPTED });
    expect(await items('endless')).toBe(0);
    // A process that died: its run stays `running` with an old heartbeat; the next start marks it failed.
    const dead = await insertDeadRun(ctx.db, 'test.endless');
    sys = await startJobs(ctx, { logger: quiet, jobs, tickSeconds: 0, flushMs: 50, pollingSeconds: 0.5 });
    expect(await getRun(ctx.db, dead.id)).toMatchObject({ status: 'failed', error: INTERRUPTED });
    // Run again (立即运行): a fresh run, nothing left over from the interrupted ones.
    const before = counted;
    const again = await enqueueJob(ctx.db, 'test.count', {}, admin);
    await sys.settle([again.runId]);
    expect(counted).toBe(before + 1);
  });

  it('a run of a job that keeps its finished steps, stopped or found dead, says what it kept and how much', async () => {
    const running = new Promise<void>((r) => {
      started = r;
    });
    const { runId } = await enqueueJob(ctx.db, 'test.parts', {}, admin);
    await running;
    await sys.stop();
    const kept = await items('parts');
    expect(kept).toBeGreaterThanOrEqual(3);
    // Stopped: the progress in memory, exact.
    expect(await getRun(ctx.db, runId)).toMatchObject({ status: 'failed', error: `服务停止时任务被中断：已完成 ${kept}/500 行；已写入的行已保存，可重新运行` });
    // Died: the last progress the run wrote, at the next start; an all-or-nothing job's dead run still says nothing was written.
    const dead = (name: string) => insertDeadRun(ctx.db, name, { done: 40, total: 100 });
    const parts = await dead('test.parts');
    const whole = await dead('test.endless');
    sys = await startJobs(ctx, { logger: quiet, jobs, tickSeconds: 0, flushMs: 50, pollingSeconds: 0.5 });
    expect(await getRun(ctx.db, parts.id)).toMatchObject({
      status: 'failed',
      error: '服务停止时任务被中断：中断前已完成约 40/100 行；已写入的行已保存，可重新运行',
    });
    expect(await getRun(ctx.db, whole.id)).toMatchObject({ status: 'failed', error: INTERRUPTED });
  });

  it("a run started by hand begins at once, not at the worker's next poll", async () => {
    await sys.stop();
    sys = await startJobs(ctx, { logger: quiet, jobs, tickSeconds: 0, flushMs: 50, pollingSeconds: 30 });
    /** Enqueues a run and waits for its end by reading its row (not `settle`, which wakes the worker itself). */
    const runByHand = async () => {
      const { runId } = await enqueueJob(ctx.db, 'test.count', {}, admin);
      const until = Date.now() + 10_000;
      while ((await getRun(ctx.db, runId)).status !== 'succeeded') {
        if (Date.now() > until) throw new Error(`run ${runId} not done after 10 s: it waited for the 30 s poll`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return runId;
    };
    await runByHand(); // the first: the worker may also have found it at its start
    const before = counted;
    await runByHand(); // the worker now waits 30 s for its next poll: only the wake-up starts this run in time
    expect(counted).toBe(before + 1);
  });
});
