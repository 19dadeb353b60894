/** The HTTP contract of the 派单目录 and the routing suggestion (see catalogue-routes.ts). */
import { Type } from '@sinclair/typebox';
import { Id, IsoDate, Nullable } from '../shared/index.js';
import { ANSWER_DAYS, KEYWORD_WEIGHT, MAX_KEYWORDS, MAX_TOPIC_UNITS } from './core/index.js';
import { Stage } from './api.js';

const KeywordSchema = Type.Object(
  {
    word: Type.String({ minLength: 1, maxLength: 20, description: '关键词' }),
    weight: Type.Integer({ minimum: KEYWORD_WEIGHT.min, maximum: KEYWORD_WEIGHT.max, description: '权重（负数表示出现该词时不像这一类）' }),
  },
  { additionalProperties: false },
);
const Keywords = Type.Array(KeywordSchema, { maxItems: MAX_KEYWORDS });

export const TopicParams = Type.Object({ topicId: Id });

export const TopicBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 30, description: '事项类别' }),
    answerDays: Nullable(
      Type.Integer({ minimum: ANSWER_DAYS.min, maximum: ANSWER_DAYS.max, description: '求决、投诉举报类的答复时限（工作日），空为按诉求类型' }),
    ),
    keywords: Keywords,
    units: Type.Array(Type.Object({ unitId: Id, keywords: Keywords }, { additionalProperties: false }), { minItems: 1, maxItems: MAX_TOPIC_UNITS }),
    active: Type.Boolean(),
  },
  { additionalProperties: false },
);

const KeywordOut = Type.Object({ word: Type.String(), weight: Type.Integer() });
export const Topic = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  answerDays: Nullable(Type.Integer()),
  keywords: Type.Array(KeywordOut),
  units: Type.Array(Type.Object({ unitId: Type.Integer(), unitName: Type.String(), keywords: Type.Array(KeywordOut) })),
  active: Type.Boolean(),
});
export const Catalogue = Type.Array(Topic);

export const Seeded = Type.Object({
  added: Type.Array(Type.String(), { description: '新增的事项类别' }),
  missing: Type.Array(Type.String(), { description: '方案中找不到对应措施或牵头单位的类别' }),
});

const ReasonOut = Type.Object({ word: Type.String(), weight: Type.Integer(), inSubject: Type.Boolean({ description: '出现在标题中（计两倍）' }) });
export const SuggestionOut = Type.Object({
  topicId: Type.Integer(),
  topicName: Type.String(),
  score: Type.Number(),
  reasons: Type.Array(ReasonOut),
  unitId: Nullable(Type.Integer()),
  unitName: Nullable(Type.String()),
  unitReasons: Type.Array(ReasonOut),
});
export const Suggestions = Type.Array(SuggestionOut);

export const TryBody = Type.Object(
  { subject: Type.String({ maxLength: 100 }), description: Type.String({ maxLength: 5000 }) },
  { additionalProperties: false },
);

export const Routing = Type.Object({
  current: Suggestions,
  atArrival: Type.Array(SuggestionOut, { description: '受理时的派单建议（按当时的目录）' }),
  topicId: Nullable(Type.Integer()),
  topicName: Nullable(Type.String()),
  decisions: Type.Array(
    Type.Object({
      topicName: Type.String(),
      unitName: Type.String(),
      topicTaken: Type.Boolean({ description: '事项类别采纳了建议' }),
      unitTaken: Type.Boolean({ description: '承办单位采纳了建议' }),
      actor: Type.String(),
      onDay: IsoDate,
    }),
  ),
});

export const DispatchBody = Type.Object({ topicId: Id, unitId: Id }, { additionalProperties: false });
export const Dispatched = Type.Object({ stage: Stage, topicTaken: Type.Boolean(), unitTaken: Type.Boolean() });
