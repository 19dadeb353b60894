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
  /** A demo request (`bizenv demo`), migration 2026113028. */
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
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
