import type { ColumnType, Generated } from 'kysely';
import type { DefaultTimestamp } from './column-types.js';

/** A live chat (在线人工, src/helpdesk/live-chat-store.ts). */
export interface HelpdeskChatTable {
  id: Generated<number>;
  /** sha256 of the visitor's token (null for an enterprise's chat, addressed by its session). */
  token_hash: string | null;
  enterprise_id: number | null;
  /** How the visitor wants to be called (or the firm's name). */
  visitor_name: string;
  /** The first question. */
  topic: string;
  /** waiting | active | closed */
  status: string;
  /** The unit whose staff should take it (after a transfer to a unit), null: the office's queue. */
  unit_id: number | null;
  staff_account_id: number | null;
  staff_name: string | null;
  message_count: ColumnType<number, number | undefined, number>;
  created_at: DefaultTimestamp;
  accepted_at: Date | null;
  closed_at: Date | null;
  closed_by: string | null;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface HelpdeskChatMessageTable {
  id: Generated<number>;
  chat_id: number;
  /** visitor | staff | system */
  author: string;
  staff_name: string | null;
  body: string;
  faq_code: string | null;
  at: DefaultTimestamp;
}

/** One row: the office hours of live chat. */
export interface HelpdeskHoursTable {
  id: number;
  periods: ColumnType<Array<{ from: string; to: string }>, string, string>;
  every_day: boolean;
  updated_by: string;
  updated_at: DefaultTimestamp;
}

export interface HelpdeskLiveChatTables {
  helpdesk_chat: HelpdeskChatTable;
  helpdesk_chat_message: HelpdeskChatMessageTable;
  helpdesk_hours: HelpdeskHoursTable;
}
