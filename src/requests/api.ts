/**
 * The requests' HTTP contract (企业诉求): the TypeBox schema of every route's input and answer. Domain rules
 * (stages, who acts, deadlines, phone formats) are checked by the store and the core with Chinese messages naming
 * the field; the schemas check the shape.
 */
import { Type } from '@sinclair/typebox';
import { Id, IsoDate, Nullable, PageQuery, StringEnum, Timestamp } from '../shared/index.js';
import { TimeDetailFields } from './time-api.js';
import { Attachments } from './intake-api.js';
import { RATINGS, REQUEST_ACTIONS, REQUEST_CATEGORIES, REQUEST_CHANNELS, REQUEST_STAGES, STAFF_CHANNELS, type RequestAction } from './core/index.js';

export const Category = StringEnum(REQUEST_CATEGORIES);
export const Channel = StringEnum(REQUEST_CHANNELS);
export const StaffChannel = StringEnum(STAFF_CHANNELS);
export const Stage = StringEnum(REQUEST_STAGES);
export const RatingValue = StringEnum(RATINGS);
export const ActionCode = StringEnum(Object.keys(REQUEST_ACTIONS) as RequestAction[], {
  description: 'route 派单；sign 签收；return 退单；note 办理记录；answer 答复；rate 评价',
});
const StepCode = StringEnum(['route', 'sign', 'return', 'note', 'answer'], { description: 'route 派单；sign 签收；return 退单；note 办理记录；answer 答复' });

export const RequestParams = Type.Object({ requestId: Id });

const Limit = Type.Object({ category: Category, signDays: Type.Integer(), answerDays: Type.Integer() });

export const Meta = Type.Object({
  categories: Type.Array(Category),
  channels: Type.Array(Channel),
  staffChannels: Type.Array(StaffChannel),
  stages: Type.Array(Type.Object({ code: Stage, label: Type.String(), waitingFor: Type.String() })),
  actions: Type.Array(Type.Object({ code: ActionCode, label: Type.String(), by: StringEnum(['office', 'unit', 'enterprise']) })),
  ratings: Type.Array(RatingValue),
  limits: Type.Array(Limit),
});

export const LimitsBody = Type.Object(
  {
    limits: Type.Array(
      Type.Object(
        { category: Category, signDays: Type.Integer({ minimum: 1, maximum: 5 }), answerDays: Type.Integer({ minimum: 1, maximum: 60 }) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: REQUEST_CATEGORIES.length },
    ),
  },
  { additionalProperties: false },
);

const NewFields = {
  category: Category,
  subject: Type.String({ maxLength: 100, description: '诉求标题' }),
  description: Type.String({ maxLength: 5000, description: '诉求内容' }),
  contactName: Type.String({ maxLength: 50 }),
  contactPhone: Type.String({ maxLength: 20 }),
  attachments: Attachments,
};
export const NewRequestBody = Type.Object(NewFields, { additionalProperties: false });
export const IntakeBody = Type.Object({ ...NewFields, channel: StaffChannel, enterpriseId: Type.Optional(Nullable(Id)) }, { additionalProperties: false });
export const Filed = Type.Object({ id: Type.Integer(), number: Type.String() });

export const StepBody = Type.Object(
  {
    action: StepCode,
    unitId: Type.Optional(Id),
    note: Type.Optional(Type.String({ maxLength: 5000, description: '退单理由、办理情况或答复内容' })),
  },
  { additionalProperties: false },
);
export const Moved = Type.Object({ stage: Stage });

export const RateBody = Type.Object({ rating: RatingValue, comment: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false });
export const Rated = Type.Object({ stage: Stage, reopened: Type.Boolean() });

export const ListQuery = Type.Object({
  stage: Type.Optional(Stage),
  category: Type.Optional(Category),
  channel: Type.Optional(Channel),
  unitId: Type.Optional(Id),
  overdue: Type.Optional(Type.Boolean()),
  escalated: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 100, description: '诉求编号或标题中的词' })),
  ...PageQuery,
});

export const RequestSummary = Type.Object({
  id: Type.Integer(),
  number: Type.String(),
  category: Category,
  channel: Channel,
  subject: Type.String(),
  stage: Stage,
  stageLabel: Type.String(),
  waitingFor: Type.String(),
  enterpriseName: Nullable(Type.String()),
  contactName: Type.String({ description: '联系人（营商办、承办单位和企业本身可见全名，其他人脱敏）' }),
  contactPhone: Type.String(),
  unitId: Nullable(Type.Integer()),
  unitName: Nullable(Type.String()),
  filedOn: IsoDate,
  routedOn: Nullable(IsoDate),
  signDue: Nullable(IsoDate),
  signedOn: Nullable(IsoDate),
  answerDue: Nullable(IsoDate),
  answeredOn: Nullable(IsoDate),
  rating: Nullable(RatingValue),
  closedOn: Nullable(IsoDate),
  reopens: Type.Integer(),
  transfers: Type.Integer(),
  escalated: Type.Boolean({ description: '问题工单（重办或退单满 3 次，提级督办）' }),
  suspendedOn: Nullable(IsoDate),
  urges: Type.Integer({ description: '催办次数' }),
  signOverdue: Type.Boolean(),
  answerOverdue: Type.Boolean(),
});

export const RequestPage = Type.Object({ total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(RequestSummary) });

export const RequestDetail = Type.Object({
  ...RequestSummary.properties,
  description: Type.String(),
  answer: Nullable(Type.String()),
  ratingComment: Nullable(Type.String()),
  ...TimeDetailFields,
  actions: Type.Array(ActionCode, { description: '当前用户此时可做的操作' }),
  timeline: Type.Array(
    Type.Object({
      action: Type.String(),
      label: Type.String(),
      stage: Stage,
      unitName: Nullable(Type.String()),
      note: Nullable(Type.String()),
      actor: Type.String(),
      onDay: IsoDate,
      at: Timestamp,
    }),
  ),
});
