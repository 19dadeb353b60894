import { expect } from 'vitest';
import { cancelRun, getRun, type JobActor, type JobDefinition, type JobSystem, type RunView } from '../src/jobs/index.js';
import type { TestDatabase } from './db.js';
import { startTestJobs } from './jobs.js';

/**
 * Runs one job with a cancel or a server stop arriving at its `at`-th `checkCancelled()` (inside its
 * transaction, after it wrote something), deterministically: the job system is started for this run with
 * that job wrapped, and stopped after it. Stop the test's own job system first (one worker per database).
 * Returns the ended run and how many checks the job reached (at least `at`: the interruption happened).
 */
export async function interruptedRun(
  ctx: TestDatabase,
  jobs: JobDefinition[],
  p: { job: string; at: number; how: 'cancel' | 'stop'; by: JobActor; start: () => Promise<{ runId: number }> },
): Promise<{ run: RunView; checks: number }> {
  let runId: number | undefined;
  let sys: JobSystem | undefined;
  let interruption: Promise<unknown> | undefined;
  let checks = 0;
  const wrapped = jobs.map(
    (d): JobDefinition =>
      d.name !== p.job
        ? d
        : {
            ...d,
            run: (c) =>
              d.run({
                ...c,
                checkCancelled: () => {
                  checks++;
                  if (checks === p.at) interruption = p.how === 'cancel' ? cancelRun(ctx.db, runId!, p.by) : sys!.stop();
                  c.checkCancelled();
                },
              }),
          },
  );
  sys = await startTestJobs(ctx, wrapped);
  try {
    runId = (await p.start()).runId;
    const id = runId;
    await expect.poll(async () => (await getRun(ctx.db, id)).status, { timeout: 60_000, interval: 20 }).not.toMatch(/^(queued|running)$/);
    await interruption;
    return { run: await getRun(ctx.db, id), checks };
  } finally {
    if (p.how === 'cancel' || !interruption) await sys.stop();
  }
}

/** The number at the end of a result link's path or query (`/plan?plan=3`, `/ledger/bulletins/7`). */
export function linkedId(run: { result: object | null }, pattern: RegExp): number {
  const links = run.result && 'links' in run.result ? (run.result.links as Array<{ href: string }>) : [];
  const href = links.find((l) => pattern.test(l.href))?.href;
  const m = href ? /(\d+)$/.exec(href) : null;
  if (!m) throw new Error(`no link ${pattern} in ${JSON.stringify(run.result)}`);
  return Number(m[1]);
}

/**
 * What a process that died leaves of a run: `running`, its last progress written (if any), no heartbeat for ten
 * minutes. The next start of the job system must find it and mark it failed.
 *
 * @example
 *   const dead = await insertDeadRun(ctx.db, 'indicators.recompute', { done: 12, total: 24 });
 */
export function insertDeadRun(db: TestDatabase['db'], name: string, progress?: { done: number; total: number }): Promise<{ id: number }> {
  const long = new Date(Date.now() - 600_000);
  return db
    .insertInto('job_run')
    .values({
      name,
      kind: 'background',
      status: 'running',
      data: '{}',
      ...(progress ? { progress_done: progress.done, progress_total: progress.total } : {}),
      started_at: long,
      heartbeat_at: long,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}
