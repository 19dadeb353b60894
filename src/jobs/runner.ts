import PgBoss from 'pg-boss';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { advisoryXactLock, type Database } from '../db/index.js';
import type pg from 'pg';
import { latestSlot } from './cron.js';
import { InputRejectedError } from '../shared/index.js';
import { INTERRUPTED, interruptedText } from './core/interrupted.js';
import { defineJob, jobDefinition, JobCancelledError, MAX_PROBLEMS, type JobContext, type JobDefinition, type JobLogger, type JobSummary } from './define.js';

/** The one pg-boss queue of the platform: a message `{ runId, now? }` names a `job_run` row. */
export const QUEUE = 'bizenv-jobs';

/** Error text of an all-or-nothing run the process stopped (or died) during: its transaction rolled back. */
export { INTERRUPTED };

export interface StartJobsOptions {
  logger: JobLogger;
  jobs: JobDefinition[];
  /** BIZENV_DATA_DIR (stored files a job reads); default the env variable, else `data`. */
  dataDir?: string;
  /** Scheduler tick (default 30 s); 0 = no timer (tests call `tick(now)`). */
  tickSeconds?: number;
  /** How often progress and heartbeats are written and cancel requests read (default 1000 ms). */
  flushMs?: number;
  /** pg-boss polling (default 2 s). */
  pollingSeconds?: number;
  /** A running run whose heartbeat is older than this belongs to a dead process (default 120 s; PGlite: any). */
  staleSeconds?: number;
}

export interface JobSystem {
  /** Creates the runs of every due slot (once per slot across processes) and queues them; returns their ids. */
  tick(now?: Date): Promise<number[]>;
  /** Resolves when no run of this process is in progress and none of the given runs is queued (tests). */
  settle(runIds?: number[], timeoutMs?: number): Promise<void>;
  /** Stops the scheduler and the worker; a run in progress is cancelled (rolled back) and marked failed. */
  stop(): Promise<void>;
}

interface RunState {
  cancel: boolean;
  done: number;
  total: number | null;
  dirty: boolean;
}

/** Runs in progress in this process (the in-memory side of cancel requests: PGlite's one connection may be busy). */
const running = new Map<number, RunState>();
/** Started job systems of this process, by database: `enqueueJob` queues through one of them. */
const systems = new Map<Kysely<Database>, Set<Dispatcher>>();

interface Dispatcher {
  send(trx: Kysely<Database>, runId: number, now?: Date): Promise<void>;
  /** Ends the worker's wait for its next poll: a message committed in this process is fetched now. */
  wake(): void;
}

/** Asks a run of this process to stop at its next `checkCancelled()` (no database access). */
export function signalCancel(runId: number): void {
  const s = running.get(runId);
  if (s) s.cancel = true;
}

/**
 * Progress of a run in progress in this process, read from memory (no database access: on PGlite a job inside
 * its transaction holds the one connection, so its row cannot be read until it ends). Undefined when not running here.
 */
export function liveProgress(runId: number): { done: number; total: number | null } | undefined {
  const s = running.get(runId);
  return s ? { done: s.done, total: s.total } : undefined;
}

/** Queues a run inside the caller's transaction when this process works jobs; else the job process's sweep picks it up. */
export async function dispatch(trx: Kysely<Database>, db: Kysely<Database>, runId: number): Promise<boolean> {
  const d = systems.get(db)?.values().next().value;
  if (!d) return false;
  await d.send(trx, runId);
  return true;
}

/**
 * Wakes the workers of this process on `db` right after a run was queued AND committed (`enqueueJob`): pg-boss
 * polls every `pollingSeconds` (2 s), so without this a run started by hand (重新计算, an import) would wait up to a
 * poll before it began. A job process elsewhere still finds the message at its next poll.
 */
export function wakeWorkers(db: Kysely<Database>): void {
  for (const d of systems.get(db) ?? []) d.wake();
}

/** pg-boss's SQL executor over a Kysely connection or transaction (so that a message commits with our row). */
function executorOf(db: Kysely<Database>): PgBoss.Db {
  return {
    executeSql: async (text, values) => {
      const r = await db.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: r.rows as unknown[] as never[] };
    },
  };
}

/**
 * Starts the job system of a server process: pg-boss (schema `pgboss`, through our pool, so both backends
 * work alike), the worker of the queue, and the scheduler (a tick every 30 s; one right away, so that a slot
 * missed while the server was down runs once now). Runs left `running` by a process that died are marked
 * failed first (their work was one transaction: nothing half-written).
 *
 * @example
 *   const jobs = await startJobs(h, { logger: app.log, jobs: [auditCheckpointJob, ...ledgerJobs] });
 *   process.once('SIGTERM', async () => { await jobs.stop(); await h.close(); });
 */
export async function startJobs(handle: { db: Kysely<Database>; pool: pg.Pool; backend?: 'pglite' | 'postgres' }, opts: StartJobsOptions): Promise<JobSystem> {
  const { db } = handle;
  const log = opts.logger;
  const defs = new Map(opts.jobs.map((j) => [j.name, defineJob(j)]));
  const flushMs = opts.flushMs ?? 1000;
  let stopping = false;

  await syncSchedules(db, opts.jobs);
  const stale = handle.backend === 'pglite' ? 0 : (opts.staleSeconds ?? 120);
  const recovered = await recoverInterrupted(db, stale);
  if (recovered.length) log.warn({ runs: recovered }, 'job runs interrupted by a stop were marked failed');

  const boss = new PgBoss({
    db: { executeSql: (text, values) => handle.pool.query(text, values) },
    schedule: false, // our scheduler (job_schedule) decides; pg-boss only queues
  });
  boss.on('error', (err) => log.error({ err }, 'job queue error'));
  await boss.start();
  await boss.createQueue(QUEUE).catch(async (e) => {
    if (!(await boss.getQueue(QUEUE))) throw e; // created by another process at the same time
  });

  let workerId = ''; // the worker below
  const dispatcher: Dispatcher = {
    async send(trx, runId, now) {
      await boss.send(QUEUE, now ? { runId, now: now.toISOString() } : { runId }, { retryLimit: 0, expireInHours: 4, db: executorOf(trx) });
    },
    wake: () => boss.notifyWorker(workerId),
  };
  if (!systems.has(db)) systems.set(db, new Set());
  systems.get(db)!.add(dispatcher);

  const mine = new Set<number>();
  /** Batches being worked on (`stop` waits for them itself: pg-boss would look again only every 500 ms). */
  const working = new Set<Promise<void>>();
  workerId = await boss.work<{ runId: number; now?: string }>(QUEUE, { pollingIntervalSeconds: opts.pollingSeconds ?? 2 }, async (jobs) => {
    const batch = (async () => {
      for (const job of jobs) {
        mine.add(job.data.runId);
        try {
          await executeRun(job.data.runId, job.data.now ? new Date(job.data.now) : new Date());
        } finally {
          mine.delete(job.data.runId);
        }
      }
    })();
    working.add(batch);
    try {
      await batch;
    } finally {
      working.delete(batch);
    }
  });

  async function executeRun(runId: number, now: Date): Promise<void> {
    const startedAt = new Date();
    const claimed = await db
      .updateTable('job_run')
      .set({ status: 'running', started_at: startedAt, heartbeat_at: startedAt })
      .where('id', '=', runId)
      .where('status', '=', 'queued')
      .returning(['name', 'slot', 'data', 'cancel_requested', 'created_by'])
      .executeTakeFirst();
    if (!claimed) return; // cancelled before it started, or run by another process
    const def = defs.get(claimed.name);
    const state: RunState = { cancel: claimed.cancel_requested, done: 0, total: null, dirty: false };
    running.set(runId, state);
    let status: 'succeeded' | 'failed' | 'cancelled' = 'succeeded';
    let result: JobSummary | null = null;
    let error: string | null = null;
    try {
      if (!def) throw new Error(`此服务器没有任务“${claimed.name}”`);
      const ctx: JobContext = {
        db,
        now,
        slot: claimed.slot,
        data: claimed.data,
        startedBy: claimed.created_by,
        dataDir: opts.dataDir ?? process.env.BIZENV_DATA_DIR ?? 'data',
        progress(done, total) {
          state.done = Math.max(0, Math.round(done));
          if (total !== undefined) state.total = Math.max(0, Math.round(total));
          state.dirty = true;
        },
        cancelled: () => state.cancel || stopping,
        checkCancelled() {
          if (state.cancel || stopping) throw new JobCancelledError();
        },
        log,
      };
      result = await def.run(ctx);
    } catch (e) {
      if (e instanceof JobCancelledError) result = e.kept ?? null;
      if (e instanceof JobCancelledError && state.cancel) status = 'cancelled';
      else {
        status = 'failed';
        error =
          e instanceof JobCancelledError
            ? e.kept
              ? `服务停止时任务被中断：${e.kept.text}`
              : interruptedText(def?.keepsFinished, { done: state.done, total: state.total })
            : e instanceof Error
              ? e.message
              : String(e);
        // A refused input (an import's row problems) is the run's result: the page lists the problems.
        if (e instanceof InputRejectedError)
          result = {
            text: e.message,
            problems: e.problems.slice(0, MAX_PROBLEMS).map(({ row, field, message }) => ({ row, field, message })),
            problemCount: e.problems.length,
          };
        else if (!(e instanceof JobCancelledError)) log.error({ err: e, job: claimed.name, runId }, 'job failed');
      }
    } finally {
      running.delete(runId);
    }
    await db
      .updateTable('job_run')
      .set({
        status,
        finished_at: new Date(),
        result: result ? JSON.stringify(result) : null,
        error,
        progress_done: state.done,
        progress_total: state.total,
      })
      .where('id', '=', runId)
      .execute();
    log.info({ job: claimed.name, runId, status, result, error }, 'job run finished');
  }

  // Progress, heartbeats and cancel requests of this process's runs (one round at a time: on PGlite
  // they wait while a job holds the connection, and must not pile up).
  let flushing = false;
  const flush = async () => {
    if (flushing || mine.size === 0) return;
    flushing = true;
    try {
      const ids = [...mine];
      for (const id of ids) {
        const s = running.get(id);
        if (!s) continue;
        const set: { heartbeat_at: Date; progress_done?: number; progress_total?: number | null } = { heartbeat_at: new Date() };
        if (s.dirty) {
          s.dirty = false;
          set.progress_done = s.done;
          set.progress_total = s.total;
        }
        await db.updateTable('job_run').set(set).where('id', '=', id).where('status', '=', 'running').execute();
      }
      const asked = await db.selectFrom('job_run').select('id').where('id', 'in', ids).where('cancel_requested', '=', true).execute();
      for (const r of asked) signalCancel(r.id);
    } catch (err) {
      if (!stopping) log.warn({ err }, 'job progress not written');
    } finally {
      flushing = false;
    }
  };
  const flusher = setInterval(() => void flush(), flushMs);
  flusher.unref();

  async function tick(now = new Date()): Promise<number[]> {
    const created: number[] = [];
    const schedules = await db.selectFrom('job_schedule').selectAll().where('enabled', '=', true).execute();
    for (const s of schedules) {
      if (!defs.has(s.name)) continue;
      let slot: Date;
      try {
        slot = latestSlot(s.cron, now);
      } catch (err) {
        log.error({ err, job: s.name, cron: s.cron }, 'invalid schedule');
        continue;
      }
      // A schedule fires for slots after its last edit only; a slot missed while no server ran fires once.
      if (slot.getTime() < s.updated_at.getTime()) continue;
      const id = await db.transaction().execute(async (trx) => {
        await advisoryXactLock(trx, 'jobSchedule', s.name);
        const r = await trx
          .insertInto('job_run')
          .values({ name: s.name, kind: 'scheduled', slot, data: '{}' })
          .onConflict((oc) => oc.columns(['name', 'slot']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (r) await dispatcher.send(trx, r.id, now);
        return r?.id;
      });
      if (id !== undefined) created.push(id);
    }
    await sweepQueued(db, dispatcher);
    if (created.length) boss.notifyWorker(workerId);
    return created;
  }

  let ticking: Promise<unknown> = Promise.resolve();
  const tickSafely = () => {
    ticking = tick().catch((err) => log.error({ err }, 'job scheduler tick failed'));
  };
  const tickSeconds = opts.tickSeconds ?? 30;
  let timer: NodeJS.Timeout | undefined;
  if (tickSeconds > 0) {
    tickSafely();
    timer = setInterval(tickSafely, tickSeconds * 1000);
    timer.unref();
  }

  return {
    tick: async (now) => {
      const ids = await tick(now);
      boss.notifyWorker(workerId);
      return ids;
    },
    async settle(runIds = [], timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        boss.notifyWorker(workerId);
        const open = runIds.length
          ? await db.selectFrom('job_run').select('id').where('id', 'in', runIds).where('status', 'in', ['queued', 'running']).execute()
          : [];
        if (open.length === 0 && mine.size === 0) return;
        if (Date.now() > until) throw new Error(`job runs still open: ${open.map((r) => r.id).join(', ')}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      stopping = true;
      if (timer) clearInterval(timer);
      await ticking;
      systems.get(db)?.delete(dispatcher);
      // A run in progress sees `stopping` at its next check and rolls back; once it has ended pg-boss stops at once.
      let timeout: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...working]), new Promise((r) => (timeout = setTimeout(r, 15_000)))]);
      clearTimeout(timeout);
      await boss.stop({ graceful: true, wait: true, timeout: 15_000 });
      clearInterval(flusher);
    },
  };
}

/** Creates the schedule of every scheduled job that has none yet (its default time; the office may change it). */
export async function syncSchedules(db: Kysely<Database>, jobs: JobDefinition[]): Promise<void> {
  const rows = jobs.filter((j) => j.defaultCron).map((j) => ({ name: j.name, cron: j.defaultCron! }));
  if (rows.length)
    await db
      .insertInto('job_schedule')
      .values(rows)
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
}

/**
 * Marks failed the runs left `running` by a process that stopped or died (no heartbeat for `staleSeconds`;
 * 0 = every running run, for PGlite, which one process opens). An all-or-nothing job's work was one transaction,
 * rolled back (`INTERRUPTED`); a job that keeps its finished steps (`keepsFinished`) says so, with the last
 * progress its run wrote (中断前已完成约 12/24 个指标).
 */
export async function recoverInterrupted(db: Kysely<Database>, staleSeconds: number): Promise<number[]> {
  const mineNow = [...running.keys()]; // runs of this process (another job system on the same database) are alive
  return db.transaction().execute(async (trx) => {
    let q = trx.updateTable('job_run').set({ status: 'failed', finished_at: new Date(), error: INTERRUPTED }).where('status', '=', 'running');
    if (mineNow.length) q = q.where('id', 'not in', mineNow);
    const rows = await q
      .where((eb) => eb.or([eb('heartbeat_at', 'is', null), eb('heartbeat_at', '<', sql<Date>`now() - make_interval(secs => ${staleSeconds})`)]))
      .returning(['id', 'name', 'progress_done', 'progress_total'])
      .execute();
    for (const r of rows) {
      const keeps = jobDefinition(r.name)?.keepsFinished;
      if (!keeps) continue;
      const error = interruptedText(keeps, { done: r.progress_done, total: r.progress_total, approximate: true });
      await trx.updateTable('job_run').set({ error }).where('id', '=', r.id).execute();
    }
    return rows.map((r) => r.id);
  });
}

/** Queues runs that were created where no job system ran (BIZENV_JOBS=off, a CLI): queued rows with no message. */
async function sweepQueued(db: Kysely<Database>, dispatcher: Dispatcher): Promise<void> {
  const orphans = await sql<{ id: number }>`
    select r.id from job_run r
    where r.status = 'queued' and r.created_at < now() - interval '20 seconds'
      and not exists (select 1 from pgboss.job j where j.name = ${QUEUE} and (j.data->>'runId')::int = r.id)`.execute(db);
  for (const o of orphans.rows) {
    await db.transaction().execute(async (trx) => dispatcher.send(trx, o.id));
  }
}
