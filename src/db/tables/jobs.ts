import type { ColumnType, Generated } from 'kysely';
import type { DefaultTimestamp, Timestamp } from './column-types.js';

export interface JobScheduleTable {
  /** The job's name (`ledger.reminders`), as in its `defineJob`. */
  name: string;
  /** Five-field cron, read in China time (Asia/Shanghai). */
  cron: string;
  enabled: Generated<boolean>;
  /** A schedule never fires for slots before this moment (an edit does not fire a past slot). */
  updated_at: DefaultTimestamp;
  /** The account that last edited it; null = the job's default. */
  updated_by: number | null;
}

export type JobRunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface JobRunTable {
  id: Generated<number>;
  name: string;
  kind: 'scheduled' | 'background';
  /** The cron slot a scheduled run is for (unique per job); null for a run started by hand or by code. */
  slot: Timestamp | null;
  status: Generated<JobRunStatus>;
  /** The job's input (background jobs), kept so that a failed run can be run again. */
  data: ColumnType<unknown, string | undefined, string>;
  progress_done: Generated<number>;
  progress_total: number | null;
  cancel_requested: Generated<boolean>;
  created_at: DefaultTimestamp;
  started_at: Timestamp | null;
  /** Written every few seconds while running: a run whose heartbeat stopped belongs to a process that died. */
  heartbeat_at: Timestamp | null;
  finished_at: Timestamp | null;
  /** What the run did (`JobSummary`: text, counts, recipients by unit). */
  result: ColumnType<unknown, string | null | undefined, string | null>;
  error: string | null;
  /** The account that started it; null = the scheduler. */
  created_by: number | null;
}

export interface JobTables {
  job_schedule: JobScheduleTable;
  job_run: JobRunTable;
}
