import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import type { KeptParts } from './core/interrupted.js';

/** What a run did, kept in `job_run.result` and shown on the 定时任务 page. */
export interface JobSummary {
  /** One or two sentences in Chinese: what was done or why nothing was. */
  text: string;
  /** Messages delivered (reminder jobs). */
  notified?: number;
  /** To whom, by unit name (or 营商办), with the number of messages each received. */
  recipients?: Array<{ name: string; count: number }>;
  /** Figures of a background run (rows, 新增, 更新 …), shown on its result page. */
  counts?: Array<{ label: string; value: number }>;
  /** Row problems of a refused import (the first `MAX_PROBLEMS`), and how many there were in all. */
  problems?: Array<{ row?: number; field?: string; message: string }>;
  problemCount?: number;
  /** Where to look at what the run wrote (web paths, e.g. /indicators/records?type=utility). */
  links?: Array<{ label: string; href: string }>;
}

/** Row problems kept with a run (the page shows them and offers them as a CSV). */
export const MAX_PROBLEMS = 1000;

/** Minimal structured logger (pino's and Fastify's loggers fit). */
export interface JobLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface JobContext {
  db: Kysely<Database>;
  /** The moment of reference: the scheduler's tick for a scheduled run, the start for a background run. */
  now: Date;
  /** The cron slot of a scheduled run, null for a run started by hand or code. */
  slot: Date | null;
  /** The input given to `enqueueJob` ({} for a scheduled run). */
  data: unknown;
  /** Reports progress (shown as a bar); cheap, call it as often as you like. */
  progress(done: number, total?: number): void;
  /** True once someone asked to cancel the run, or the server is stopping: throw `JobCancelledError` (rolls back). */
  cancelled(): boolean;
  /** Throws `JobCancelledError` when `cancelled()`: call it inside your transaction between steps. */
  checkCancelled(): void;
  log: JobLogger;
  /** BIZENV_DATA_DIR of the server: files a job reads (an uploaded import) are stored there. */
  dataDir: string;
  /** Who started the run (its `created_by` account id), null for the scheduler. */
  startedBy: number | null;
}

export interface JobDefinition {
  /** Unique, `capability.what` (e.g. `ledger.reminders`). */
  name: string;
  /** Chinese name on the page (e.g. 到期提醒). */
  label: string;
  /** Five-field cron in China time: a scheduled job (the office can change it); omitted = background only. */
  defaultCron?: string;
  /**
   * The work. Do every write in ONE transaction (`ctx.db.transaction()`) so that a cancelled or
   * interrupted run writes nothing; call `ctx.checkCancelled()` between steps inside it.
   */
  run(ctx: JobContext): Promise<JobSummary>;
  /**
   * What a run interrupted by a server stop or a crash leaves, in its error text. Omitted: the job is all or
   * nothing (one transaction, rolled back): “未写入任何数据” (`INTERRUPTED`). A job of independent steps, each
   * committed on its own, that keeps the steps finished (the recompute: one transaction per indicator) declares
   * its sentence and what its progress counts: “服务停止时任务被中断：已完成 12/24 个指标；<text>”. A stop
   * that reaches the job says it with `JobCancelledError(kept)` (exact); a run found interrupted at the next start
   * (the process died) is told from this declaration and the last progress written (`interruptedText`).
   */
  keepsFinished?: KeptParts;
}

/**
 * Thrown by a job (through `ctx.checkCancelled()`) to stop: its transaction rolls back. A job made of
 * independent steps that keeps the steps already done (the indicator recompute: each indicator in its own
 * transaction) rethrows it with `kept`, what stays written: the run's result says so instead of “nothing written”.
 */
export class JobCancelledError extends Error {
  constructor(readonly kept?: JobSummary) {
    super('任务已取消');
    this.name = 'JobCancelledError';
  }
}

const registry = new Map<string, JobDefinition>();

/**
 * Declares a job. The definition is also kept in a registry so that the API can name it and start it
 * by hand; the server passes its list of definitions to `startJobs`, which schedules and works them.
 *
 * @example
 *   export const remindersJob = defineJob({
 *     name: 'ledger.reminders', label: '到期提醒', defaultCron: '30 8 * * *',
 *     run: async ({ db, now }) => ({ text: `已发送 ${await remind(db, now)} 条提醒` }),
 *   });
 */
export function defineJob(def: JobDefinition): JobDefinition {
  if (!/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*$/.test(def.name) || def.name.length > 100) throw new Error(`job name ${def.name}: lower case, dots and hyphens`);
  registry.set(def.name, def);
  return def;
}

/** A defined job by name. */
export function jobDefinition(name: string): JobDefinition | undefined {
  return registry.get(name);
}

/** Every defined job (in definition order). */
export function jobDefinitions(): JobDefinition[] {
  return [...registry.values()];
}
