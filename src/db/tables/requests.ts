import type { ColumnType, Generated } from 'kysely';
import type { DefaultTimestamp } from './column-types.js';

/** An enterprise request (企业诉求): see src/requests/README.md. Dates are ISO strings (China dates). */
export interface RequestItemTable {
  id: Generated<number>;
  /** 渝中诉〔2026〕000123号 */
  number: string;
  year: number;
  seq: number;
  category: string;
  channel: string;
  subject: string;
  description: string;
  contact_name: string;
  contact_phone: string;
  enterprise_id: number | null;
  filed_by: string;
  filed_on: string;
  stage: string;
  unit_id: number | null;
  routed_on: string | null;
  sign_due: string | null;
  signed_on: string | null;
  answer_due: string | null;
  answered_on: string | null;
  answer: string | null;
  rating: string | null;
  rating_comment: string | null;
  rated_on: string | null;
  closed_on: string | null;
  reopens: ColumnType<number, number | undefined, number>;
  transfers: ColumnType<number, number | undefined, number>;
  escalated_on: string | null;
  /** 挂起: the day the office approved the current suspension (null when not suspended). */
  suspended_on: ColumnType<string | null, string | null | undefined, string | null>;
  /** Working days deducted by ended suspensions; working days added by approved extensions. */
  suspended_days: ColumnType<number, number | undefined, number>;
  extended_days: ColumnType<number, number | undefined, number>;
  /** 催办 by the office (count). */
  urges: ColumnType<number, number | undefined, number>;
  /** 回访: the staff account who called back and recorded the rating, and when the call was made. */
  callback_by: ColumnType<string | null, string | null | undefined, string | null>;
  callback_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

/** One step of a request's timeline (filed, routed, signed, returned, note, answered, rated, reopened, escalated). */
export interface RequestEventTable {
  id: Generated<number>;
  request_id: number;
  action: string;
  stage: string;
  unit_id: number | null;
  note: string | null;
  actor: string;
  on_day: string;
  at: DefaultTimestamp;
}

/** The office's time limits per category (working days); a category without a row uses the defaults. */
export interface RequestLimitTable {
  category: string;
  sign_days: number;
  answer_days: number;
  updated_by: string;
  updated_at: DefaultTimestamp;
}

export interface RequestTables {
  request_item: RequestItemTable;
  request_event: RequestEventTable;
  request_limit: RequestLimitTable;
}

/** A unit's ask to suspend (挂起) or extend (延期) a request, and the office's decision (issue 14, handling time). */
export interface RequestHoldTable {
  id: Generated<number>;
  request_id: number;
  kind: string;
  reason: string;
  /** 延期: working days asked; 挂起: working days suspended, set on resume. */
  days: number | null;
  state: string;
  asked_by: string;
  asked_on: string;
  decided_by: string | null;
  decided_on: string | null;
  decision_note: string | null;
  /** 挂起: the resume day. */
  ended_on: string | null;
  created_at: DefaultTimestamp;
}

/** A ledger supervision order (督办单) the office raised on the unit of a request (the ledger keeps the order). */
export interface RequestOrderTable {
  request_id: number;
  order_id: number;
  number: string;
  raised_by: string;
  raised_on: string;
}

export interface RequestTimeTables {
  request_hold: RequestHoldTable;
  request_order: RequestOrderTable;
}
