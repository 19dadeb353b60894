/**
 * The HTTP contract of live chat (在线人工), mounted at /api/helpdesk/live. A visitor's chat is addressed by the token
 * it got when starting (header `x-chat-token`, never in the address); an enterprise's by its session. Polling: every
 * answer carries the chat, the messages after `since` and the `cursor` for the next poll.
 */
import { Type } from '@sinclair/typebox';
import { Id, Nullable, StringEnum, Timestamp } from '../shared/index.js';
import { CHAT_AUTHORS, CHAT_STATUSES, LIVE_CHAT_LIMITS } from './core/index.js';

const Hhmm = Type.String({ minLength: 5, maxLength: 5, pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$', description: 'HH:MM（北京时间）' });

export const HoursBody = Type.Object(
  {
    periods: Type.Array(Type.Object({ from: Hhmm, to: Hhmm }, { additionalProperties: false }), {
      minItems: 1,
      maxItems: LIVE_CHAT_LIMITS.periods,
      description: '值守时段',
    }),
    everyDay: Type.Boolean({ description: '每天值守（含周末和节假日）；否则只在工作日（按节假日安排）' }),
  },
  { additionalProperties: false },
);
export const Hours = Type.Object({
  periods: Type.Array(Type.Object({ from: Type.String(), to: Type.String() })),
  everyDay: Type.Boolean(),
  updatedBy: Nullable(Type.String()),
  updatedAt: Nullable(Timestamp),
});

export const LiveStatus = Type.Object({
  open: Type.Boolean({ description: '现在是否有人工值守' }),
  serviceDay: Type.Boolean(),
  hoursText: Type.String(),
  message: Type.String(),
  pollAfterMs: Type.Integer(),
});

export const ChatViewSchema = Type.Object({
  id: Type.Integer(),
  status: StringEnum(CHAT_STATUSES),
  statusLabel: Type.String(),
  visitorName: Type.String(),
  enterpriseName: Nullable(Type.String()),
  topic: Type.String(),
  unitName: Nullable(Type.String()),
  staffName: Nullable(Type.String()),
  messageCount: Type.Integer(),
  createdAt: Timestamp,
  acceptedAt: Nullable(Timestamp),
  closedAt: Nullable(Timestamp),
  isDemo: Type.Boolean(),
});

export const ChatPollSchema = Type.Object({
  chat: ChatViewSchema,
  messages: Type.Array(
    Type.Object({
      id: Type.Integer(),
      author: StringEnum(CHAT_AUTHORS),
      staffName: Nullable(Type.String()),
      body: Type.String(),
      faqCode: Nullable(Type.String()),
      at: Timestamp,
    }),
  ),
  cursor: Type.Integer({ description: '下次轮询的 since' }),
  pollAfterMs: Type.Integer({ description: '建议的轮询间隔（毫秒）' }),
});

export const ChatStarted = Type.Object({
  token: Nullable(Type.String({ description: '访客会话凭证（只返回一次；企业会话为 null，凭登录访问）' })),
  poll: ChatPollSchema,
});

export const StartBody = Type.Object(
  {
    name: Nullable(Type.String({ maxLength: LIVE_CHAT_LIMITS.name, description: '称呼' })),
    question: Type.String({ minLength: 1, maxLength: LIVE_CHAT_LIMITS.message, description: '想咨询的问题' }),
    conversationId: Type.Optional(
      Type.String({ minLength: 36, maxLength: 36, pattern: '^[0-9a-f-]{36}$', description: '发起时所在的智能客服对话编号（记为转在线人工）' }),
    ),
  },
  { additionalProperties: false },
);
export const TokenHeader = Type.Object({
  'x-chat-token': Type.Optional(Type.String({ minLength: 20, maxLength: 64, description: '访客会话凭证' })),
});
export const SinceQuery = Type.Object({ since: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647, description: '已收到的最后一条消息编号' })) });
export const MessageBody = Type.Object(
  {
    body: Type.String({ minLength: 1, maxLength: LIVE_CHAT_LIMITS.message, description: '消息' }),
    since: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647 })),
  },
  { additionalProperties: false },
);
export const ReplyBody = Type.Object(
  {
    body: Type.String({ minLength: 1, maxLength: LIVE_CHAT_LIMITS.message, description: '回复' }),
    faqCode: Nullable(Type.String({ maxLength: 40, description: '引用的常见问题编号' })),
    since: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647 })),
  },
  { additionalProperties: false },
);
export const TransferBody = Type.Object(
  { accountId: Nullable(Id), unitId: Nullable(Id) },
  { additionalProperties: false, description: '转给一位营商办工作人员或一个单位（二选一）' },
);
export const ChatParams = Type.Object({ chatId: Id });
export const QueueSchema = Type.Object({
  waiting: Type.Array(ChatViewSchema),
  active: Type.Array(ChatViewSchema),
  closedToday: Type.Integer(),
  pollAfterMs: Type.Integer(),
});
export const TargetsSchema = Type.Object({
  staff: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
  units: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
});
export const CannedQuery = Type.Object({ q: Type.String({ maxLength: 50, description: '检索常见问题' }) });
export const CannedList = Type.Array(Type.Object({ code: Type.String(), question: Type.String(), answer: Type.String() }));
