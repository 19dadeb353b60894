/**
 * The HTTP contract of the handling-time routes of requests: suspension and extension (挂起/延期) asked by the unit
 * and decided by the office, resuming, 催办, the call back (回访) rating, and the fields these add to a request's page.
 */
import { Type } from '@sinclair/typebox';
import { IsoDate, Nullable, StringEnum, Timestamp } from '../shared/index.js';
import { EXTENSION_DAYS, HOLD_KINDS, HOLD_STATES, RATINGS } from './core/index.js';

export const HoldKind = StringEnum(HOLD_KINDS);

export const HoldAskBody = Type.Object(
  {
    kind: HoldKind,
    reason: Type.String({ maxLength: 1000, description: '申请理由（如：等待企业补充材料）' }),
    days: Type.Optional(Type.Integer({ minimum: EXTENSION_DAYS.min, maximum: EXTENSION_DAYS.max, description: '延期的工作日数' })),
  },
  { additionalProperties: false },
);

export const HoldDecisionBody = Type.Object(
  { approve: Type.Boolean(), note: Type.Optional(Type.String({ maxLength: 1000, description: '审批意见（不同意时必填）' })) },
  { additionalProperties: false },
);

export const NoteBody = Type.Object({ note: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false });
export const UrgeBody = Type.Object({ note: Type.String({ maxLength: 1000, description: '催办意见' }) }, { additionalProperties: false });

export const CallbackBody = Type.Object(
  {
    rating: StringEnum(RATINGS),
    comment: Type.Optional(Type.String({ maxLength: 1000 })),
    calledAt: Type.String({ format: 'date-time', maxLength: 40, description: '回访时间' }),
  },
  { additionalProperties: false },
);

/** The answer of a handling-time change: the request's answer deadline and suspension state afterwards. */
export const TimeState = Type.Object({
  answerDue: Nullable(IsoDate),
  suspendedOn: Nullable(IsoDate),
  suspendedDays: Type.Integer(),
  extendedDays: Type.Integer(),
  urges: Type.Integer(),
});

export const TimeActionCode = StringEnum(['hold', 'decide', 'resume', 'urge', 'order', 'callback'], {
  description: 'hold 申请挂起/延期；decide 审批；resume 恢复办理；urge 催办；order 督办单；callback 回访评价',
});

/** Fields a request's page gets from the handling-time side (see time-read.ts). */
export const TimeDetailFields = {
  suspendedDays: Type.Integer({ description: '已扣除的挂起工作日' }),
  extendedDays: Type.Integer({ description: '已批准的延期工作日' }),
  timeActions: Type.Array(TimeActionCode, { description: '当前用户此时可做的时限操作' }),
  holds: Type.Array(
    Type.Object({
      id: Type.Integer(),
      kind: HoldKind,
      reason: Type.String(),
      days: Nullable(Type.Integer()),
      state: StringEnum(HOLD_STATES),
      askedBy: Type.String(),
      askedOn: IsoDate,
      decidedBy: Nullable(Type.String()),
      decidedOn: Nullable(IsoDate),
      decisionNote: Nullable(Type.String()),
      endedOn: Nullable(IsoDate),
    }),
  ),
  orders: Type.Array(Type.Object({ orderId: Type.Integer(), number: Type.String(), raisedOn: IsoDate, link: Type.String() })),
  callback: Nullable(Type.Object({ by: Type.String({ description: '回访人' }), at: Timestamp })),
};
