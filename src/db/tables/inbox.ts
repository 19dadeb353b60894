import type { Generated } from 'kysely';
import type { DefaultTimestamp, Timestamp } from './column-types.js';

export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  /** Unique per user: the same event (e.g. a policy version pushed to a firm) is sent once. */
  dedupe_key: string | null;
  created_at: DefaultTimestamp;
  read_at: Timestamp | null;
  /** The task the notice asked for was done (e.g. the report reviewed): shown as 已处理, not unread. */
  done_at: Timestamp | null;
}

export interface InboxTables {
  notification: NotificationTable;
}
