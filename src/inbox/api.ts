/**
 * The inbox's HTTP contract: the TypeBox schema of every route's input and answer. The OpenAPI
 * document and the web's generated types come from these (`npm run gen:api`).
 */
import { Type } from '@sinclair/typebox';
import { Nullable, StringEnum, Timestamp } from '../shared/index.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, NOTICE_KIND_LIST } from './core/index.js';

export const NoticeKind = StringEnum(NOTICE_KIND_LIST, { description: '消息类别（标签见 src/inbox/core/kinds.ts）' });

export const ListQuery = Type.Object({
  unreadOnly: Type.Optional(Type.Boolean({ description: '只看未读（未读且未处理）' })),
  kind: Type.Optional(NoticeKind),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })),
});

export const Message = Type.Object({
  id: Type.Integer(),
  kind: Type.String({ description: '消息类别，如 policy（旧消息可能是已不再使用的类别）' }),
  title: Type.String(),
  body: Type.String(),
  link: Nullable(Type.String({ description: '站内链接，如 /policies/12' })),
  created_at: Timestamp,
  read_at: Nullable(Timestamp),
  /** When the task the notice asked for was done (shown as 已处理). */
  done_at: Nullable(Timestamp),
});

export const MessagePage = Type.Object({
  items: Type.Array(Message, { maxItems: MAX_PAGE_SIZE }),
  total: Type.Integer({ minimum: 0, description: '符合筛选条件的消息数' }),
  page: Type.Integer({ minimum: 1 }),
  pageSize: Type.Integer({ minimum: 1 }),
  unread: Type.Integer({ minimum: 0, description: '全部未读消息数' }),
});

export const MarkAllBody = Type.Object({ kind: Type.Optional(NoticeKind) });
export const MarkAllResult = Type.Object({ marked: Type.Integer({ minimum: 0 }) });

export const UnreadCount = Type.Object({ unread: Type.Integer({ minimum: 0 }) });
