/**
 * The HTTP contract of the 智能客服 logs (mounted at /api/helpdesk): the question asked in a chat window, the click
 * and the rating of its answers, 转人工 to a request, and the office's misses turned into FAQ entries.
 */
import { Type } from '@sinclair/typebox';
import { Id, StringEnum, Timestamp } from '../shared/index.js';
import { AskResultSchema, Faq, FaqBody } from './api.js';
import { MISS_WORDINGS } from './core/index.js';

const ConversationId = Type.String({ minLength: 36, maxLength: 36, pattern: '^[0-9a-f-]{36}$', description: '对话编号（聊天窗口保留）' });

export const AskInChatBody = Type.Object(
  {
    question: Type.String({ minLength: 1, maxLength: 300, description: '问题（中文，最多300字）' }),
    conversationId: Type.Optional(ConversationId),
  },
  { additionalProperties: false },
);

export const AskedSchema = Type.Object({
  ...AskResultSchema.properties,
  conversationId: Type.Union([ConversationId, Type.Null()], { description: '对话编号（工作人员试问不记录：空）' }),
  questionId: Type.Union([Type.Integer(), Type.Null()]),
});

export const ConversationParams = Type.Object({ conversationId: ConversationId });

export const ClickBody = Type.Object(
  { questionId: Id, key: Type.String({ minLength: 1, maxLength: 200, description: '被点开的回答的键' }) },
  { additionalProperties: false },
);
export const RatingBody = Type.Object({ questionId: Id, rating: StringEnum(['up', 'down'] as const) }, { additionalProperties: false });

export const HandOffBody = Type.Object(
  {
    contactName: Type.String({ minLength: 1, maxLength: 50, description: '联系人' }),
    contactPhone: Type.String({ minLength: 1, maxLength: 20, description: '联系电话（免登录时须为手机号码）' }),
  },
  { additionalProperties: false },
);
export const HandOffResult = Type.Object({
  number: Type.String({ description: '诉求编号' }),
  queryCode: Type.Union([Type.String(), Type.Null()], { description: '查询码（免登录提交时，仅显示一次）' }),
  topicName: Type.Union([Type.String(), Type.Null()], { description: '建议的诉求事项' }),
  unitName: Type.Union([Type.String(), Type.Null()]),
});

export const MissGroupSchema = Type.Object({
  question: Type.String(),
  count: Type.Integer(),
  unanswered: Type.Integer({ description: '未能有把握回答的次数' }),
  down: Type.Integer({ description: '被点👎的次数' }),
  demo: Type.Integer({ description: '其中演示数据的条数' }),
  lastAskedAt: Timestamp,
  wordings: Type.Array(Type.Object({ text: Type.String(), count: Type.Integer() }), { maxItems: MISS_WORDINGS }),
  questionIds: Type.Array(Type.Integer()),
});
export const MissList = Type.Array(MissGroupSchema);

export const FaqFromMissBody = Type.Object({ questionIds: Type.Array(Id, { minItems: 1, maxItems: 5000 }), faq: FaqBody }, { additionalProperties: false });
export const FaqFromMissResult = Type.Object({ faq: Faq, resolved: Type.Integer({ description: '归入该条的未答问题数' }) });
