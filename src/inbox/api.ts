/**
 * The inbox's HTTP contract: the TypeBox schema of every route's input and answer. The OpenAPI
 * document and the web's generated types come from these (`npm run gen:api`).
 */
import { Type } from '@sinclair/typebox';
import { Nullable, Timestamp } from '../shared/index.js';

export const ListQuery = Type.Object({
  unreadOnly: Type.Optional(Type.Boolean()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
});

export const Message = Type.Object({
  id: Type.Integer(),
  user_id: Type.Integer(),
  kind: Type.String({ description: '消息类别，如 policy' }),
  title: Type.String(),
  body: Type.String(),
  link: Nullable(Type.String({ description: '站内链接，如 /policies/12' })),
  dedupe_key: Nullable(Type.String({ description: '同一事件只送达一次的键' })),
  created_at: Timestamp,
  read_at: Nullable(Timestamp),
});

export const UnreadCount = Type.Object({ unread: Type.Integer({ minimum: 0 }) });
