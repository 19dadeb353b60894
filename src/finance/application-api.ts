/** Contract of 渝中融's applications, consents, limits, events and figures routes. */
import { Type } from '@sinclair/typebox';
import { Id, IsoDate, Nullable, StringEnum, Timestamp } from '../shared/index.js';
import {
  APPLICATION_STATUSES,
  CONSENT_STATUSES,
  DATA_ITEMS,
  DECLINE_REASONS,
  EVENT_KINDS,
  GUARANTEE_KINDS,
  MAX_CONSENT_DAYS,
  MAX_LIMIT_DAYS,
  PERIOD_KINDS,
  RENEWAL_KINDS,
} from './core/index.js';

const Note = Type.String({ maxLength: 1000 });
const Amount = Type.Number({ minimum: 0, maximum: 1_000_000, description: '万元' });

export const ApplicationParams = Type.Object({ applicationId: Id });
export const ConsentParams = Type.Object({ consentId: Id });
export const EventParams = Type.Object({ eventId: Id });

export const ApplyBody = Type.Object({
  needId: Id,
  productIds: Type.Array(Id, { minItems: 1, maxItems: 20, description: '申请的产品（可多选）' }),
  consent: Type.Object({
    items: Type.Array(StringEnum(DATA_ITEMS), { minItems: 1, maxItems: DATA_ITEMS.length, description: '授权银行查看的数据项' }),
    days: Type.Integer({ minimum: 1, maximum: MAX_CONSENT_DAYS, description: '授权期限（天，含当日）' }),
  }),
});

export const ApplicationQuery = Type.Object({
  status: Type.Optional(StringEnum(APPLICATION_STATUSES)),
  overdue: Type.Optional(Type.Boolean({ description: '只看超期未受理或未审批的' })),
  needId: Type.Optional(Id),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});

const Pending = Nullable(Type.Object({ step: StringEnum(['受理', '审批'] as const), due: IsoDate }));

export const Application = Type.Object({
  id: Type.Integer(),
  needId: Type.Integer(),
  enterpriseId: Type.Integer(),
  enterpriseName: Type.String(),
  productId: Type.Integer(),
  productName: Type.String(),
  productType: Type.String(),
  institutionId: Type.Integer(),
  institutionName: Type.String(),
  amount: Type.Number({ description: '申请金额（万元）' }),
  termMonths: Type.Integer(),
  sizeClass: Nullable(Type.String()),
  firstLoanDeclared: Type.Boolean({ description: '企业申报为首贷' }),
  status: StringEnum(APPLICATION_STATUSES),
  statusLabel: Type.String(),
  submittedOn: IsoDate,
  acceptDue: IsoDate,
  acceptedOn: Nullable(IsoDate),
  decideDue: Nullable(IsoDate),
  decidedOn: Nullable(IsoDate),
  pending: Pending,
  overdue: Type.Boolean(),
  declineReason: Nullable(StringEnum(DECLINE_REASONS)),
  declineReasonLabel: Nullable(Type.String()),
  declineNote: Nullable(Type.String()),
  creditAmount: Nullable(Type.Number({ description: '授信金额（万元）' })),
  rate: Nullable(Type.Number({ description: '年利率（%）' })),
  guarantee: Nullable(Type.String()),
  approvedTermMonths: Nullable(Type.Integer()),
  firstLoanConfirmed: Nullable(Type.Boolean({ description: '银行确认为首贷' })),
  renewal: Nullable(StringEnum(RENEWAL_KINDS)),
  renewalLabel: Nullable(Type.String()),
  disbursedAmount: Nullable(Type.Number({ description: '放款金额（万元）' })),
  disbursedOn: Nullable(IsoDate),
  isDemo: Type.Boolean(),
});

export const ApplicationList = Type.Object({ total: Type.Integer(), items: Type.Array(Application) });
export const ApplicationsCreated = Type.Object({ items: Type.Array(Application) });

export const Consent = Type.Object({
  id: Type.Integer(),
  applicationId: Type.Integer(),
  institutionId: Type.Integer(),
  institutionName: Type.String(),
  enterpriseId: Type.Integer(),
  enterpriseName: Type.String(),
  productName: Type.String(),
  items: Type.Array(Type.Object({ item: StringEnum(DATA_ITEMS), label: Type.String() })),
  grantedOn: IsoDate,
  validUntil: IsoDate,
  status: StringEnum(CONSENT_STATUSES),
  statusLabel: Type.String(),
  withdrawnAt: Nullable(Timestamp),
  views: Type.Integer({ description: '银行查看企业数据的次数' }),
});

export const ApplicationDetail = Type.Composite([
  Application,
  Type.Object({
    steps: Type.Array(
      Type.Object({
        action: Type.String(),
        label: Type.String(),
        statusLabel: Type.String(),
        note: Nullable(Type.String()),
        actor: Type.String(),
        onDay: IsoDate,
        at: Timestamp,
      }),
    ),
    consents: Type.Array(Consent),
  }),
]);

export const ConsentList = Type.Object({
  items: Type.Array(Consent),
  views: Type.Array(Type.Object({ at: Timestamp, institutionName: Type.String(), viewer: Type.String(), items: Type.Array(Type.String()) })),
});

export const EnterpriseData = Type.Object({
  applicationId: Type.Integer(),
  enterpriseName: Type.String(),
  sections: Type.Array(
    Type.Object({
      item: StringEnum(DATA_ITEMS),
      label: Type.String(),
      fields: Type.Array(Type.Object({ label: Type.String(), value: Type.String() })),
    }),
  ),
  notCovered: Type.Array(Type.Object({ item: StringEnum(DATA_ITEMS), label: Type.String() })),
  validUntil: IsoDate,
});

export const AcceptBody = Type.Object({ note: Type.Optional(Nullable(Note)) });
export const DeclineBody = Type.Object({
  reason: StringEnum(DECLINE_REASONS, { description: '原因（从列表选择）' }),
  note: Type.String({ minLength: 1, maxLength: 1000, description: '具体说明' }),
});
export const ApproveBody = Type.Object({
  creditAmount: Amount,
  rate: Type.Number({ minimum: 0, maximum: 24, description: '年利率（%）' }),
  guarantee: StringEnum(GUARANTEE_KINDS),
  termMonths: Type.Integer({ minimum: 1, maximum: 360 }),
  firstLoan: Type.Boolean({ description: '是否为企业首笔银行贷款（首贷，银行确认）' }),
  renewal: StringEnum(RENEWAL_KINDS),
  note: Type.Optional(Nullable(Note)),
});
export const DisburseBody = Type.Object({ amount: Amount, disbursedOn: IsoDate, note: Type.Optional(Nullable(Note)) });
export const WithdrawBody = Type.Object({ note: Type.Optional(Nullable(Note)) });

export const Limits = Type.Object({
  acceptDays: Type.Integer({ minimum: 1, maximum: MAX_LIMIT_DAYS, description: '受理时限（工作日）' }),
  decideDays: Type.Integer({ minimum: 1, maximum: MAX_LIMIT_DAYS, description: '审批时限（工作日，自受理次日起算）' }),
  acceptTarget: Nullable(Type.Number({ minimum: 0, maximum: 100, description: '按时受理率目标（%）；不设为 null' })),
  decideTarget: Nullable(Type.Number({ minimum: 0, maximum: 100, description: '按时审批率目标（%）；不设为 null' })),
});
export const LimitsOut = Type.Composite([Limits, Type.Object({ updatedBy: Nullable(Type.String()), updatedAt: Nullable(Timestamp) })]);

export const Meta = Type.Object({
  statuses: Type.Array(Type.Object({ value: StringEnum(APPLICATION_STATUSES), label: Type.String() })),
  declineReasons: Type.Array(Type.Object({ value: StringEnum(DECLINE_REASONS), label: Type.String() })),
  guarantees: Type.Array(StringEnum(GUARANTEE_KINDS)),
  renewals: Type.Array(Type.Object({ value: StringEnum(RENEWAL_KINDS), label: Type.String() })),
  dataItems: Type.Array(Type.Object({ value: StringEnum(DATA_ITEMS), label: Type.String(), detail: Type.String() })),
  dataItemsNotHeld: Type.Array(Type.Object({ label: Type.String(), reason: Type.String() })),
  defaultConsentDays: Type.Integer(),
  institutions: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() }), { description: '在用的金融机构（含支行）' }),
  limits: LimitsOut,
});

// ---------------------------------------------------------------- events

const Participant = Type.Object({ enterpriseId: Id, invited: Type.Boolean(), present: Type.Boolean() });
const Deal = Type.Object({ enterpriseId: Id, institutionId: Id, amount: Amount });
export const EventBody = Type.Object({
  kind: StringEnum(EVENT_KINDS),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  heldOn: IsoDate,
  place: Nullable(Type.String({ maxLength: 200 })),
  note: Nullable(Type.String({ maxLength: 2000 })),
  institutionIds: Type.Array(Id, { maxItems: 200 }),
  participants: Type.Array(Participant, { maxItems: 2000 }),
  needsRaised: Type.Integer({ minimum: 0, maximum: 100_000 }),
  deals: Type.Array(Deal, { maxItems: 2000 }),
});
const EventFiguresOut = Type.Object({
  banks: Type.Integer(),
  invited: Type.Integer(),
  present: Type.Integer(),
  attendanceRate: Nullable(Type.Number()),
  walkIns: Type.Integer(),
  needsRaised: Type.Integer(),
  deals: Type.Integer(),
  dealAmount: Type.Number(),
  enterprisesWithDeals: Type.Integer(),
});
export const EventOut = Type.Composite([
  EventBody,
  Type.Object({
    id: Type.Integer(),
    kindLabel: Type.String(),
    institutions: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
    participantNames: Type.Array(Type.Composite([Participant, Type.Object({ name: Type.String() })])),
    dealNames: Type.Array(Type.Composite([Deal, Type.Object({ enterpriseName: Type.String(), institutionName: Type.String() })])),
    figures: EventFiguresOut,
    isDemo: Type.Boolean(),
  }),
]);
export const EventQuery = Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) });
export const EventList = Type.Object({ items: Type.Array(EventOut), totals: Type.Composite([EventFiguresOut, Type.Object({ events: Type.Integer() })]) });

// ---------------------------------------------------------------- figures

export const FinanceFiguresQuery = Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, description: '年份（默认：有数据的最近一年）' })),
  period: Type.Optional(StringEnum(PERIOD_KINDS, { description: 'month 月度；quarter 季度；year 年度（默认）' })),
  index: Type.Optional(Type.Integer({ minimum: 1, maximum: 12, description: '第几月（1–12）或第几季度（1–4）；年度不填' })),
  asOf: Type.Optional(IsoDate),
});

const Rate = Nullable(Type.Number({ description: '百分比（两位小数）；无分母时为 null' }));
const Counts = Type.Object({
  needsPosted: Type.Integer(),
  needsMatched: Type.Integer(),
  applied: Type.Integer(),
  acceptDue: Type.Integer(),
  acceptedOnTime: Type.Integer(),
  decideDue: Type.Integer(),
  decidedOnTime: Type.Integer(),
  decided: Type.Integer(),
  decisionDays: Type.Integer(),
  approved: Type.Integer(),
  approvedAmount: Type.Number(),
  disbursed: Type.Integer(),
  disbursedAmount: Type.Number(),
  declined: Type.Integer(),
  firstLoans: Type.Integer(),
  firstLoanAmount: Type.Number(),
  noRepaymentRenewals: Type.Integer(),
  noRepaymentRenewalAmount: Type.Number(),
  smallMicroDisbursed: Type.Integer(),
  smallMicroDisbursedAmount: Type.Number(),
});
export const FinanceFigureRow = Type.Object({
  key: Type.String(),
  label: Type.String(),
  counts: Counts,
  matchRate: Rate,
  acceptOnTime: Rate,
  decideOnTime: Rate,
  approvalRate: Rate,
  avgDecisionDays: Nullable(Type.Number({ description: '平均审批用时（工作日）' })),
  firstLoanShare: Rate,
  smallMicroShare: Rate,
});
const PeriodOut = Type.Object({
  kind: StringEnum(PERIOD_KINDS),
  year: Type.Integer(),
  index: Type.Integer(),
  from: IsoDate,
  to: IsoDate,
  label: Type.String(),
});
const Reason = Type.Object({ reason: StringEnum(DECLINE_REASONS), label: Type.String(), count: Type.Integer() });
const Definition = Type.Object({ key: Type.String(), label: Type.String(), definition: Type.String() });

const figuresCommon = {
  period: PeriodOut,
  previous: PeriodOut,
  asOf: IsoDate,
  years: Type.Array(Type.Integer()),
  definitions: Type.Array(Definition),
  district: FinanceFigureRow,
  districtPrevious: FinanceFigureRow,
  months: Type.Array(FinanceFigureRow),
};
export const FinanceFiguresOut = Type.Object({
  ...figuresCommon,
  banks: Type.Array(FinanceFigureRow),
  productTypes: Type.Array(FinanceFigureRow),
  industries: Type.Array(FinanceFigureRow),
  sizes: Type.Array(FinanceFigureRow),
  declineReasons: Type.Array(Reason),
  bankDeclineReasons: Type.Array(Type.Object({ bank: Type.String(), reasons: Type.Array(Reason) })),
  targets: Type.Object({ acceptTarget: Nullable(Type.Number()), decideTarget: Nullable(Type.Number()) }),
});
/** The public page: district totals only (no bank, no enterprise). */
export const PublicFinanceFigures = Type.Object(figuresCommon);
