import type { ColumnType, Generated } from 'kysely';
import type { DefaultTimestamp, Timestamp } from './column-types.js';

export type TaskStatus = 'not_started' | 'in_progress' | 'done' | 'lagging' | 'paused';

export interface LedgerTaskTable {
  id: Generated<number>;
  plan_id: number;
  measure_id: number;
  seq: number;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  weight: ColumnType<number, number | undefined, number>;
  status: ColumnType<TaskStatus, TaskStatus | undefined, TaskStatus>;
  progress: ColumnType<number, number | undefined, number>;
  start_on: string;
  completed_on: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface LedgerTaskUnitTable {
  task_id: number;
  unit_id: number;
  role: 'lead' | 'responsible';
  position: number;
}

export interface LedgerTaskTargetTable {
  task_id: number;
  target_id: number;
}

export interface LedgerMilestoneTable {
  id: Generated<number>;
  task_id: number;
  title: string;
  due_on: string;
  done_on: string | null;
  source: 'plan' | 'office';
  deadline_id: number | null;
}

export interface LedgerCycleTable {
  id: Generated<number>;
  plan_id: number;
  label: string;
  period_start: string;
  period_end: string;
  due_on: string;
  created_at: DefaultTimestamp;
}

export type ReportState = 'submitted' | 'returned' | 'accepted';

export interface LedgerReportTable {
  id: Generated<number>;
  task_id: number;
  cycle_id: number;
  state: ReportState;
  version: number;
  returns: ColumnType<number, number | undefined, number>;
  first_submitted_at: Timestamp;
  first_submitted_on: string;
  updated_at: DefaultTimestamp;
  demo: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface LedgerReportVersionTable {
  id: Generated<number>;
  report_id: number;
  version: number;
  unit_id: number | null;
  content: ColumnType<unknown, string, string>;
  submitted_by: string;
  submitted_at: Timestamp;
  outcome: 'accepted' | 'returned' | null;
  review_comment: string | null;
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
}

export interface LedgerEvidenceTable {
  id: Generated<number>;
  report_id: number;
  version: number;
  file_name: string;
  stored_name: string;
  mime: string;
  size: number;
  sha256: string;
  uploaded_by: string;
  uploaded_at: DefaultTimestamp;
}

export interface LedgerOrderTable {
  id: Generated<number>;
  plan_id: number;
  task_id: number;
  unit_id: number;
  number: string;
  reason: string;
  requirement: string;
  stage: string;
  reply_days: number;
  issued_on: string | null;
  reply_due: string | null;
  replied_on: string | null;
  reply: string | null;
  escalations: ColumnType<number, number | undefined, number>;
  created_by: string;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface LedgerOrderEventTable {
  id: Generated<number>;
  order_id: number;
  action: string;
  stage: string;
  note: string | null;
  actor: string;
  at: DefaultTimestamp;
}

export interface LedgerSettingTable {
  plan_id: number;
  key: string;
  value: ColumnType<unknown, string, string>;
  updated_at: DefaultTimestamp;
}

/** An off-track signal (偏离目标) on a measure's tasks, set by another capability (e.g. source `indicators`, key = indicator code). */
export interface LedgerSignalTable {
  measure_id: number;
  source: string;
  key: string;
  /** The plan target the signal is about: only tasks carrying it show the signal (all tasks of the measure when none does). */
  target_id: number | null;
  message: string;
  /** A link into the source's pages (e.g. `/indicators/<code>`). */
  link: string | null;
  /** The date the signal was first raised (kept while it persists). */
  since: string;
  updated_at: DefaultTimestamp;
}

/** A leader's instruction (批示) on a task, an order or a bulletin (an issued bulletin by its id), and its answer. */
export interface LedgerInstructionTable {
  id: Generated<number>;
  plan_id: number;
  target_kind: 'task' | 'order' | 'bulletin';
  target_id: number;
  /** The item's name when the instruction was written (e.g. 任务 6-1 进一步压减接入时间). */
  target_title: string;
  text: string;
  /** The units concerned: their staff are told and may answer. */
  unit_ids: number[];
  author_id: number;
  author: string;
  author_name: string;
  created_at: DefaultTimestamp;
  answer: string | null;
  answer_unit_id: number | null;
  answered_by: string | null;
  answered_by_name: string | null;
  answered_at: Timestamp | null;
}

/** A periodic bulletin (定期通报): a draft (figures computed live as of `data_date`) or issued (frozen `snapshot` and `docx`). */
export interface LedgerBulletinTable {
  id: Generated<number>;
  plan_id: number;
  cycle_id: number;
  state: ColumnType<'draft' | 'issued', 'draft' | 'issued' | undefined, 'draft' | 'issued'>;
  data_date: string;
  title: string;
  recipients: string;
  overview: ColumnType<string, string | undefined, string>;
  problems: ColumnType<string, string | undefined, string>;
  requirements: ColumnType<string, string | undefined, string>;
  number_prefix: string | null;
  number_year: number | null;
  number_seq: number | null;
  number: string | null;
  issued_on: string | null;
  issued_by: string | null;
  issuer_name: string | null;
  issuer_unit: string | null;
  snapshot: ColumnType<unknown, string | null | undefined, string | null>;
  docx: Buffer | null;
  docx_sha256: string | null;
  /** Account that drafted it (audit) and that person's name (shown). */
  created_by: string;
  author_name: string;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface LedgerTables {
  ledger_task: LedgerTaskTable;
  ledger_task_unit: LedgerTaskUnitTable;
  ledger_task_target: LedgerTaskTargetTable;
  ledger_milestone: LedgerMilestoneTable;
  ledger_cycle: LedgerCycleTable;
  ledger_report: LedgerReportTable;
  ledger_report_version: LedgerReportVersionTable;
  ledger_evidence: LedgerEvidenceTable;
  ledger_order: LedgerOrderTable;
  ledger_order_event: LedgerOrderEventTable;
  ledger_setting: LedgerSettingTable;
  ledger_signal: LedgerSignalTable;
  ledger_instruction: LedgerInstructionTable;
  ledger_bulletin: LedgerBulletinTable;
}
