import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.js';
import { accountNames } from '../auth/index.js';
import type { Database } from '../db/index.js';
import type { JobRunStatus } from '../db/tables/jobs.js';
import { ConflictError, ForbiddenError, InputRejectedError, NotFoundError } from '../shared/index.js';
import { dailyTime, describeCron } from './core/index.js';
import { cronProblem, latestSlot, nextSlot } from './cron.js';
import { jobDefinition, type JobSummary } from './define.js';
import { dispatch, signalCancel, wakeWorkers } from './runner.js';

/** Who starts or changes something: the session's account. */
export interface JobActor {
  id: number;
  account: string;
}

/**
 * Queues a background run of a defined job (with `data` as its input): it runs in a job process (this one
 * when BIZENV_JOBS=on), with progress and cancellation. Refused while a run of the same job is queued or
 * running. Audited as `jobs.run.start`.
 *
 * @example
 *   const { runId } = await enqueueJob(db, 'indicators.import', { fileId: 12 }, { id: user.id, account: user.account });
 */
export async function enqueueJob(db: Kysely<Database>, name: string, data: object, by: JobActor | null): Promise<{ runId: number }> {
  const def = jobDefinition(name);
  if (!def) throw new NotFoundError(`任务“${name}”`);
  const queued = await db.transaction().execute(async (trx) => {
    const open = await trx.selectFrom('job_run').select('id').where('name', '=', name).where('status', 'in', ['queued', 'running']).executeTakeFirst();
    if (open) throw new ConflictError(`“${def.label}”正在运行，请等它结束后再试`);
    const r = await trx
      .insertInto('job_run')
      .values({ name, kind: 'background', data: JSON.stringify(data), created_by: by?.id ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor: by?.account ?? 'system', action: 'jobs.run.start', entity: 'job_run', entityId: r.id, after: { name, data } });
    await dispatch(trx, db, r.id);
    return { runId: r.id };
  });
  wakeWorkers(db); // committed: this process's worker starts it now rather than at its next poll
  return queued;
}

/** Someone asking about a run: the office and the admin see every run, anyone else only the runs they started (an import's progress). */
export interface RunViewer {
  id: number;
  role: string;
}

/** Throws unless `viewer` may see (and cancel) the run: 404 for a run that does not exist, 403 for someone else's. */
export async function checkRunAccess(db: Kysely<Database>, runId: number, viewer: RunViewer): Promise<void> {
  const r = await db.selectFrom('job_run').select('created_by').where('id', '=', runId).executeTakeFirst();
  if (!r) throw new NotFoundError(`运行记录 ${runId}`);
  if (viewer.role !== 'office' && viewer.role !== 'admin' && r.created_by !== viewer.id) throw new ForbiddenError('只能查看自己发起的任务');
}

/** Asks a queued or running run to stop: a queued run is cancelled at once, a running one at its next check (rolled back). */
export async function cancelRun(db: Kysely<Database>, runId: number, by: JobActor): Promise<void> {
  signalCancel(runId); // first: on PGlite the run may hold the one connection until it sees this
  await db.transaction().execute(async (trx) => {
    const r = await trx.selectFrom('job_run').select(['id', 'name', 'status', 'cancel_requested']).where('id', '=', runId).forUpdate().executeTakeFirst();
    if (!r) throw new NotFoundError(`运行记录 ${runId}`);
    if (r.status === 'cancelled' && r.cancel_requested) return; // cancelled before: nothing more to record
    // `cancelled` without the flag: the run saw this call's signal and stopped before this transaction; the
    // request is still recorded and audited.
    if (r.status !== 'queued' && r.status !== 'running' && r.status !== 'cancelled') throw new ConflictError('该任务已结束，无法取消');
    await trx
      .updateTable('job_run')
      .set(r.status === 'queued' ? { cancel_requested: true, status: 'cancelled', finished_at: new Date() } : { cancel_requested: true })
      .where('id', '=', runId)
      .execute();
    await recordAudit(trx, {
      actor: by.account,
      action: 'jobs.run.cancel',
      entity: 'job_run',
      entityId: runId,
      before: { status: r.status },
      after: { name: r.name },
    });
  });
}

/** The office changes a schedule's time (cron in China time) or turns it on or off. Audited as `jobs.schedule.update`. */
export async function updateSchedule(db: Kysely<Database>, name: string, p: { cron?: string; enabled?: boolean }, by: JobActor): Promise<void> {
  if (p.cron !== undefined) {
    const problem = cronProblem(p.cron);
    if (problem) throw new InputRejectedError('执行时间有误', [{ field: 'cron', message: problem }]);
  }
  await db.transaction().execute(async (trx) => {
    const cur = await trx.selectFrom('job_schedule').selectAll().where('name', '=', name).forUpdate().executeTakeFirst();
    if (!cur) throw new NotFoundError(`定时任务“${name}”`);
    const next = { cron: p.cron?.trim() ?? cur.cron, enabled: p.enabled ?? cur.enabled };
    if (next.cron === cur.cron && next.enabled === cur.enabled) return;
    // updated_at: the schedule fires for slots after this moment only (an edit never fires a past slot).
    await trx
      .updateTable('job_schedule')
      .set({ ...next, updated_at: new Date(), updated_by: by.id })
      .where('name', '=', name)
      .execute();
    await recordAudit(trx, {
      actor: by.account,
      action: 'jobs.schedule.update',
      entity: 'job_schedule',
      entityId: name,
      before: { cron: cur.cron, enabled: cur.enabled },
      after: next,
    });
  });
}

export interface RunView {
  id: number;
  name: string;
  label: string;
  kind: 'scheduled' | 'background';
  slot: Date | null;
  status: JobRunStatus;
  progressDone: number;
  progressTotal: number | null;
  cancelRequested: boolean;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  result: JobSummary | null;
  error: string | null;
  /** The person who started it; null = the scheduler. */
  startedBy: string | null;
}

const labelOf = (name: string) => jobDefinition(name)?.label ?? name;

async function runViews(db: Kysely<Database>, rows: RunRow[]): Promise<RunView[]> {
  const names = await accountNames(db, [...new Set(rows.flatMap((r) => (r.created_by === null ? [] : [r.created_by])))]);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    label: labelOf(r.name),
    kind: r.kind,
    slot: r.slot,
    status: r.status,
    progressDone: r.progress_done,
    progressTotal: r.progress_total,
    cancelRequested: r.cancel_requested,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    result: (r.result as JobSummary | null) ?? null,
    error: r.error,
    startedBy: r.created_by === null ? null : (names.get(r.created_by) ?? '（已删除的账号）'),
  }));
}

interface RunRow {
  id: number;
  name: string;
  kind: 'scheduled' | 'background';
  slot: Date | null;
  status: JobRunStatus;
  progress_done: number;
  progress_total: number | null;
  cancel_requested: boolean;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  result: unknown;
  error: string | null;
  created_by: number | null;
}

const RUN_COLUMNS = [
  'id',
  'name',
  'kind',
  'slot',
  'status',
  'progress_done',
  'progress_total',
  'cancel_requested',
  'created_at',
  'started_at',
  'finished_at',
  'result',
  'error',
  'created_by',
] as const;

/** Recent runs, newest first (optionally of one job). */
export async function listRuns(db: Kysely<Database>, f: { name?: string; limit?: number } = {}): Promise<RunView[]> {
  let q = db
    .selectFrom('job_run')
    .select(RUN_COLUMNS)
    .orderBy('id', 'desc')
    .limit(f.limit ?? 30);
  if (f.name !== undefined) q = q.where('name', '=', f.name);
  return runViews(db, await q.execute());
}

export async function getRun(db: Kysely<Database>, runId: number): Promise<RunView> {
  const r = await db.selectFrom('job_run').select(RUN_COLUMNS).where('id', '=', runId).executeTakeFirst();
  if (!r) throw new NotFoundError(`运行记录 ${runId}`);
  return (await runViews(db, [r]))[0]!;
}

/**
 * Every schedule with its label, time in words, last run (what it sent) and next run. Schedules of jobs
 * this server does not define (left by an older version) are listed with their name.
 */
export async function listSchedules(db: Kysely<Database>, now = new Date()) {
  const rows = await db.selectFrom('job_schedule').selectAll().orderBy('name').execute();
  const editors = await accountNames(db, [...new Set(rows.flatMap((r) => (r.updated_by === null ? [] : [r.updated_by])))]);
  const out = [];
  for (const s of rows) {
    const last = await db.selectFrom('job_run').select(RUN_COLUMNS).where('name', '=', s.name).orderBy('id', 'desc').limit(1).executeTakeFirst();
    let next: Date | null = null;
    if (s.enabled) {
      try {
        // The slot now due but not yet run (the next tick takes it), else the next one.
        const due = latestSlot(s.cron, now);
        const ran = await db.selectFrom('job_run').select('id').where('name', '=', s.name).where('slot', '=', due).executeTakeFirst();
        next = !ran && due.getTime() >= s.updated_at.getTime() ? due : nextSlot(s.cron, now);
      } catch {
        next = null;
      }
    }
    out.push({
      name: s.name,
      label: labelOf(s.name),
      defined: jobDefinition(s.name) !== undefined,
      cron: s.cron,
      time: dailyTime(s.cron) ?? null,
      timeText: describeCron(s.cron),
      enabled: s.enabled,
      updatedAt: s.updated_at,
      updatedBy: s.updated_by === null ? null : (editors.get(s.updated_by) ?? '（已删除的账号）'),
      nextRunAt: next,
      lastRun: last ? (await runViews(db, [last]))[0]! : null,
    });
  }
  return out;
}
