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
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  /** Anonymous filing: the scrypt hash of the query code (查询码) shown once to the visitor. */
  query_code_hash: ColumnType<string | null, string | null | undefined, string | null>;
  /** The 12345 platform's work-order number (channel 12345), unique per channel. */
  external_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The unit whose API token filed the request (channel 接口); that token follows it. */
  source_unit_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** Where (Open311 address_string, or lat/long as text). */
  address: ColumnType<string | null, string | null | undefined, string | null>;
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

/** A file attached to a request (stored under BIZENV_DATA_DIR/request-files/<sha256>). */
export interface RequestAttachmentTable {
  id: Generated<number>;
  request_id: number;
  file_name: string;
  stored_name: string;
  mime: string;
  size: number;
  uploaded_by: string;
  created_at: DefaultTimestamp;
}

export interface RequestTables {
  request_attachment: RequestAttachmentTable;
  request_item: RequestItemTable;
  request_event: RequestEventTable;
  request_limit: RequestLimitTable;
}
