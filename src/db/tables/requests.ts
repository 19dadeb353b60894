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
  /** The first answer since the current 派单 (kept through 重办; cleared by 派单), migration 2026113029: the figures' 平均答复用时. */
  first_answered_on: ColumnType<string | null, string | null | undefined, string | null>;
  /** The units that returned the request (退单), one per return in order, migration 2026113029: the per-unit 退单率. */
  returned_by: ColumnType<number[], number[] | undefined, number[]>;
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

/** A topic of the 派单目录 (事项类别): keywords `[{word, weight}]`, answer-limit override for 求决 and 投诉举报. */
export interface RequestTopicTable {
  id: Generated<number>;
  name: string;
  answer_days: number | null;
  keywords: ColumnType<Array<{ word: string; weight: number }>, string, string>;
  position: number;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  updated_by: string;
  updated_at: DefaultTimestamp;
}

/** A unit responsible for a topic (position 0 = the default), with the keywords that pick it among the topic's units. */
export interface RequestTopicUnitTable {
  topic_id: number;
  unit_id: number;
  position: number;
  keywords: ColumnType<Array<{ word: string; weight: number }>, string, string>;
}

/** The routing suggestion made when a request arrived (top 3 with reasons) and the topic the office chose. */
export interface RequestRoutingTable {
  request_id: number;
  suggestion: ColumnType<unknown, string, string>;
  topic_id: number | null;
  suggested_at: DefaultTimestamp;
}

/** One 派单 decision: the topic and unit chosen, the suggestion at that moment and whether it was taken. */
export interface RequestDispatchTable {
  id: Generated<number>;
  request_id: number;
  topic_id: number;
  unit_id: number;
  suggested_topic_id: number | null;
  suggested_unit_id: number | null;
  topic_taken: boolean;
  unit_taken: boolean;
  actor: string;
  on_day: string;
  at: DefaultTimestamp;
}

export interface RequestCatalogueTables {
  request_topic: RequestTopicTable;
  request_topic_unit: RequestTopicUnitTable;
  request_routing: RequestRoutingTable;
  request_dispatch: RequestDispatchTable;
}

// ---- 政企沟通 and 回访 (src/requests/README.md, "政企沟通 and 回访") ----

/** A 营商环境监督员 or consultant expert (顾问专家): an account of role `supervisor` registered by the office. */
export interface RequestReporterTable {
  user_id: number;
  /** The account name (never changes): matches `request_item.filed_by` of their reports. */
  account: string;
  /** 监督员 | 专家: the channel of what they report. */
  kind: string;
  organisation: string;
  expertise: string | null;
  phone: string;
  registered_by: string;
  registered_on: string;
  created_at: DefaultTimestamp;
  /** 停用 by the office (migration 2026113029): the person can no longer report (their account is disabled too). */
  active: ColumnType<boolean, boolean | undefined, boolean>;
  deactivated_on: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A 政企座谈会. */
export interface RequestMeetingTable {
  id: Generated<number>;
  title: string;
  held_on: string;
  place: string;
  host_unit_id: number;
  minutes: ColumnType<string, string | undefined, string>;
  created_by: string;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface RequestMeetingUnitTable {
  meeting_id: number;
  unit_id: number;
}

export interface RequestMeetingEnterpriseTable {
  meeting_id: number;
  enterprise_id: number;
}

/** An issue raised at a meeting: the request it became (channel 座谈会). */
export interface RequestMeetingIssueTable {
  request_id: number;
  meeting_id: number;
}

/** A key investment firm (重点招商企业) with the unit in charge of visiting it. */
export interface RequestKeyFirmTable {
  enterprise_id: number;
  unit_id: number;
  since: string;
  note: string | null;
  set_by: string;
  updated_at: DefaultTimestamp;
}

/** A planned visit of one key firm in one quarter (`2026Q1`). */
export interface RequestVisitPlanTable {
  id: Generated<number>;
  period: string;
  enterprise_id: number;
  unit_id: number;
  planned_on: string | null;
  visitors: string | null;
  created_by: string;
  updated_at: DefaultTimestamp;
}

/** A visit (回访) of a key firm: who, when, how, what was found. */
export interface RequestVisitTable {
  id: Generated<number>;
  enterprise_id: number;
  unit_id: number;
  visited_on: string;
  method: string;
  visitors: string;
  contact_name: string;
  contact_phone: string;
  findings: string;
  created_by: string;
  created_at: DefaultTimestamp;
}

/** A need the firm raised on a visit; `request_id` once it became a request (channel 走访). */
export interface RequestVisitNeedTable {
  id: Generated<number>;
  visit_id: number;
  text: string;
  request_id: number | null;
}

export interface RequestCommunicationTables {
  request_reporter: RequestReporterTable;
  request_meeting: RequestMeetingTable;
  request_meeting_unit: RequestMeetingUnitTable;
  request_meeting_enterprise: RequestMeetingEnterpriseTable;
  request_meeting_issue: RequestMeetingIssueTable;
  request_key_firm: RequestKeyFirmTable;
  request_visit_plan: RequestVisitPlanTable;
  request_visit: RequestVisitTable;
  request_visit_need: RequestVisitNeedTable;
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
