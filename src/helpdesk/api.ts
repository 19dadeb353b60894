/**
 * The HTTP contract of the helpdesk (智能客服), mounted at /api/helpdesk. `POST /ask` is the contract the chat widget,
 * the hand-off and the logs build on: the question in, the best answers (text, source with link, score, coverage),
 * whether the platform is confident, and for a working-day question the calendar's answer with the days skipped.
 */
import { Type } from '@sinclair/typebox';
import { Id, IsoDate, Nullable, StringEnum, Timestamp } from '../shared/index.js';
import { FAQ_LIMITS, KNOWLEDGE_KINDS, SYNONYM_LIMITS } from './core/index.js';

export const tags = ['智能客服'];

export const AskBody = Type.Object(
  { question: Type.String({ minLength: 1, maxLength: 300, description: '问题（中文，最多300字）' }) },
  { additionalProperties: false },
);

const Link = Type.Object({ label: Type.String(), link: Type.String() });

export const AnswerSchema = Type.Object({
  key: Type.String({ description: '知识条目的稳定键：faq:编号、measure:条号、policy:文号[:事项]、request:类别、figure:指标、calendar' }),
  kind: StringEnum(KNOWLEDGE_KINDS),
  kindLabel: Type.String(),
  title: Type.String(),
  text: Type.String({ description: '回答（实施方案等长文取最相关的句子）' }),
  score: Type.Number({ description: 'BM25 得分' }),
  coverage: Type.Number({ description: '问题的加权信息量被该条覆盖的比例（0–1），判断是否有把握' }),
  source: Type.Object({
    label: Type.String(),
    document: Nullable(Type.String()),
    article: Nullable(Type.String()),
    link: Nullable(Type.String({ description: '本平台页面' })),
  }),
  followUp: Nullable(Link),
  unitName: Nullable(Type.String()),
  isDemo: Type.Boolean(),
});

export const CalendarAnswerSchema = Type.Object({
  kind: StringEnum(['add', 'between'] as const),
  start: IsoDate,
  end: IsoDate,
  n: Type.Integer(),
  unit: StringEnum(['workday', 'day'] as const),
  summary: Type.String(),
  skipped: Type.Array(Type.Object({ date: IsoDate, weekday: Type.String(), reason: Type.String() })),
  rules: Type.Array(Type.String()),
});

export const PersonalSchema = Type.Object({
  title: Type.String({ description: '你公司可能符合以下政策' }),
  enterpriseName: Type.String(),
  items: Type.Array(
    Type.Object({
      itemName: Type.String(),
      policyTitle: Type.String(),
      docNumber: Nullable(Type.String()),
      amountText: Nullable(Type.String()),
      reasons: Type.Array(Type.String(), { description: '满足的条件（政策计算器的解释）' }),
    }),
  ),
  link: Link,
});

export const AskResultSchema = Type.Object({
  question: Type.String(),
  confident: Type.Boolean({ description: '是否有把握；否时页面提示转人工' }),
  answers: Type.Array(AnswerSchema),
  calendar: Nullable(CalendarAnswerSchema),
  personal: Type.Optional(PersonalSchema),
});

const OptText = (maxLength: number, description: string) => Nullable(Type.String({ maxLength, description }));

export const FaqBody = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: FAQ_LIMITS.code, description: '编号（字母、数字、-、_）' }),
    question: Type.String({ minLength: 1, maxLength: FAQ_LIMITS.question, description: '问题' }),
    variants: Type.Array(Type.String({ minLength: 1, maxLength: FAQ_LIMITS.variant }), { maxItems: FAQ_LIMITS.variants, description: '相似问法' }),
    answer: Type.String({ minLength: 1, maxLength: FAQ_LIMITS.answer, description: '答案' }),
    sourceDocument: OptText(FAQ_LIMITS.source, '来源文件'),
    sourceArticle: OptText(FAQ_LIMITS.source, '来源条款'),
    sourcePath: OptText(FAQ_LIMITS.path, '本平台页面路径'),
    unitName: OptText(60, '责任单位'),
    validFrom: Nullable(IsoDate),
    validTo: Nullable(IsoDate),
  },
  { additionalProperties: false },
);

export const Faq = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  question: Type.String(),
  variants: Type.Array(Type.String()),
  answer: Type.String(),
  sourceDocument: Nullable(Type.String()),
  sourceArticle: Nullable(Type.String()),
  sourcePath: Nullable(Type.String()),
  unitId: Nullable(Type.Integer()),
  unitName: Nullable(Type.String()),
  validFrom: Nullable(IsoDate),
  validTo: Nullable(IsoDate),
  isDemo: Type.Boolean(),
  updatedBy: Type.String(),
  updatedAt: Timestamp,
});
export const FaqList = Type.Array(Faq);
export const FaqQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 50, description: '检索问题、相似问法、答案' })) });
export const FaqParams = Type.Object({ faqId: Id });
export const FaqImported = Type.Object({ created: Type.Integer(), updated: Type.Integer(), unchanged: Type.Integer() });

export const SynonymBody = Type.Object(
  {
    words: Type.Array(Type.String({ minLength: 1, maxLength: SYNONYM_LIMITS.wordLength }), { minItems: 2, maxItems: SYNONYM_LIMITS.words }),
    note: OptText(100, '备注'),
  },
  { additionalProperties: false },
);
export const Synonym = Type.Object({
  id: Type.Integer(),
  words: Type.Array(Type.String()),
  note: Nullable(Type.String()),
  updatedBy: Type.String(),
  updatedAt: Timestamp,
});
export const SynonymList = Type.Array(Synonym);
export const SynonymParams = Type.Object({ synonymId: Id });

export const Status = Type.Object({
  items: Type.Integer({ description: '索引中的知识条目数' }),
  byKind: Type.Record(Type.String(), Type.Integer()),
  builtAt: Nullable(Timestamp),
  lastBuildMs: Nullable(Type.Number({ description: '上次重建索引用时（毫秒）' })),
  revision: Type.Integer(),
});

export const FileDownload = (description: string) => Type.Unsafe<Buffer>(Type.String({ format: 'binary', description }));
