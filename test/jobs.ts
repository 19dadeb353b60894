import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { startJobs, type JobDefinition, type JobSystem } from '../src/jobs/index.js';
import type { TestDatabase } from './db.js';

const quiet = { info() {}, warn() {}, error() {} };

/** A job system on a test database, as the server starts it but quick (no timer; progress every 50 ms). Stop it in afterAll. */
export function startTestJobs(ctx: TestDatabase, jobs: JobDefinition[]): Promise<JobSystem> {
  return startJobs(ctx, { logger: quiet, jobs, dataDir: ctx.dataDir, tickSeconds: 0, flushMs: 50, pollingSeconds: 0.5 });
}

/** The run a 202 answer started, once it has ended (its status, counts, problems), read as `headers` sees it. */
export async function finishedRun(app: FastifyInstance, sys: JobSystem, headers: Record<string, string>, res: LightMyRequestResponse) {
  expect(res.statusCode, res.body).toBe(202);
  const { runId } = res.json() as { runId: number };
  await sys.settle([runId], 60_000);
  const run = await app.inject({ url: `/api/jobs/runs/${runId}`, headers });
  expect(run.statusCode, run.body).toBe(200);
  return run.json() as {
    id: number;
    status: string;
    progressDone: number;
    progressTotal: number | null;
    error: string | null;
    result: {
      text: string;
      counts?: Array<{ label: string; value: number }>;
      problems?: Array<{ row?: number; field?: string; message: string }>;
      problemCount?: number;
    } | null;
  };
}

/** `counts` of a run's result as an object (label → value). */
export const countsOf = (run: { result: { counts?: Array<{ label: string; value: number }> } | null }) =>
  Object.fromEntries((run.result?.counts ?? []).map((c) => [c.label, c.value]));
