import type { ColumnType, Generated } from 'kysely';
import type { DefaultTimestamp } from './column-types.js';

/** One chat window of the 智能客服 widget. A visitor's keeps nothing personal (no address, no account). */
export interface HelpdeskConversationTable {
  id: Generated<number>;
  /** Random id the browser keeps for the window (the conversation id of the API). */
  token: string;
  /** The logged-in enterprise that asked (null: a visitor). */
  enterprise_id: number | null;
  started_at: DefaultTimestamp;
  /** 转人工: 'request' (became an enterprise request) or 'live' (a live chat was started from the window). */
  handoff_kind: string | null;
  handoff_at: Date | null;
  request_number: string | null;
  /** The requests capability's suggested topic (事项) for the hand-off. */
  suggested_topic: string | null;
  /** Seeded by `bizenv demo` (invented, labelled 演示). */
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface LoggedAnswer {
  key: string;
  title: string;
  coverage: number;
}

/** One question asked in a conversation, the answers shown, the one clicked, the rating. */
export interface HelpdeskQuestionTable {
  id: Generated<number>;
  conversation_id: number;
  question: string;
  confident: boolean;
  answers: ColumnType<LoggedAnswer[], string, string>;
  clicked_key: string | null;
  rating: 'up' | 'down' | null;
  /** The FAQ entry the office made from this miss (it leaves the misses list). */
  resolved_faq_id: number | null;
  asked_at: DefaultTimestamp;
}

export interface HelpdeskLogTables {
  helpdesk_conversation: HelpdeskConversationTable;
  helpdesk_question: HelpdeskQuestionTable;
}
