/**
 * The HTTP contract of 政企沟通 and 回访 (measures 51, 52): 监督员 and experts, 政企座谈会, key firms, visit plans,
 * visits and coverage. Domain rules are checked by the stores with Chinese messages naming the field.
 */
import { Type } from '@sinclair/typebox';
import { Id, IsoDate, Nullable, StringEnum } from '../shared/index.js';
import { Category, NewRequestBody } from './api.js';
import { REPORTER_KINDS, VISIT_METHODS } from './core/index.js';

export const ReporterKind = StringEnum(REPORTER_KINDS, { description: '监督员 营商环境监督员；专家 营商环境咨询专家' });
export const VisitMethod = StringEnum(VISIT_METHODS);
const Period = Type.String({ pattern: '^\\d{4}Q[1-4]$', maxLength: 6, description: '季度，如 2026Q1' });

// ---- 监督员 and experts ----

export const ReporterBody = Type.Object(
  {
    account: Type.String({ maxLength: 32, title: '账号' }),
    name: Type.String({ maxLength: 50, title: '姓名' }),
    kind: ReporterKind,
    organisation: Type.String({ maxLength: 100, title: '工作单位' }),
    expertise: Type.Optional(Nullable(Type.String({ maxLength: 200, title: '专业领域' }))),
    phone: Type.String({ maxLength: 20, title: '联系电话' }),
    password: Type.Optional(Type.String({ maxLength: 128, title: '初始密码' })),
  },
  { additionalProperties: false },
);
export const ReporterCreated = Type.Object({ id: Type.Integer(), oneTimePassword: Nullable(Type.String({ description: '生成的一次性密码（只显示一次）' })) });
export const Reporter = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  kind: ReporterKind,
  organisation: Type.String(),
  expertise: Nullable(Type.String()),
  phone: Type.String(),
  registeredOn: IsoDate,
  reports: Type.Integer({ description: '反映的问题数' }),
  closed: Type.Integer({ description: '其中已办结' }),
  active: Type.Boolean({ description: 'false：已停用' }),
  deactivatedOn: Nullable(IsoDate),
});
export const ReporterList = Type.Array(Reporter);
export const ReporterParams = Type.Object({ reporterId: Id });
export const ReporterChange = Type.Object(
  {
    name: Type.String({ maxLength: 50, title: '姓名' }),
    kind: ReporterKind,
    organisation: Type.String({ maxLength: 100, title: '工作单位' }),
    expertise: Type.Optional(Nullable(Type.String({ maxLength: 200, title: '专业领域' }))),
    phone: Type.String({ maxLength: 20, title: '联系电话' }),
  },
  { additionalProperties: false },
);
export const ReporterActiveBody = Type.Object(
  { active: Type.Boolean({ description: 'false 停用（账号同时停用），true 恢复' }) },
  { additionalProperties: false },
);
export const ReportBody = Type.Object(
  {
    category: Category,
    subject: Type.String({ maxLength: 100, title: '标题' }),
    description: Type.String({ maxLength: 5000, title: '反映的情况' }),
    enterpriseId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);

// ---- 政企座谈会 ----

export const MeetingParams = Type.Object({ meetingId: Id });
export const MeetingQuery = Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) });
export const MeetingBody = Type.Object(
  {
    title: Type.String({ maxLength: 100, title: '座谈会名称' }),
    heldOn: IsoDate,
    place: Type.String({ maxLength: 100, title: '地点' }),
    hostUnitId: Id,
    unitIds: Type.Array(Id, { maxItems: 100 }),
    enterpriseIds: Type.Array(Id, { maxItems: 200 }),
    minutes: Type.Optional(Type.String({ maxLength: 20000, title: '会议纪要' })),
  },
  { additionalProperties: false },
);
export const MeetingSaved = Type.Object({ id: Type.Integer() });
export const MeetingSummary = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  heldOn: IsoDate,
  place: Type.String(),
  hostUnitName: Type.String(),
  issues: Type.Integer({ description: '提出的问题数（每个问题为一件诉求）' }),
  closed: Type.Integer({ description: '其中已办结' }),
});
export const MeetingList = Type.Array(MeetingSummary);
const Named = Type.Object({ id: Type.Integer(), name: Type.String() });
export const MeetingDetail = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  heldOn: IsoDate,
  place: Type.String(),
  hostUnitId: Type.Integer(),
  hostUnitName: Type.String(),
  minutes: Type.String(),
  units: Type.Array(Named),
  enterprises: Type.Array(Named),
  issues: Type.Array(
    Type.Object({
      id: Type.Integer(),
      number: Type.String(),
      subject: Type.String(),
      category: Category,
      stage: Type.String(),
      stageLabel: Type.String(),
      unitName: Nullable(Type.String()),
      enterpriseName: Nullable(Type.String()),
      closedOn: Nullable(IsoDate),
    }),
  ),
  closed: Type.Integer(),
});
export const IssueBody = Type.Object({ ...NewRequestBody.properties, enterpriseId: Type.Optional(Nullable(Id)) }, { additionalProperties: false });

// ---- key firms, plans, visits, coverage ----

export const EnterpriseParams = Type.Object({ enterpriseId: Id });
export const KeyFirmBody = Type.Object(
  { unitId: Id, since: Type.Optional(IsoDate), note: Type.Optional(Nullable(Type.String({ maxLength: 500, title: '备注' }))) },
  { additionalProperties: false },
);
export const KeyFirmSaved = Type.Object({ enterpriseId: Type.Integer() });
export const UnitQuery = Type.Object({ unitId: Type.Optional(Id) });
export const KeyFirmList = Type.Array(
  Type.Object({
    enterpriseId: Type.Integer(),
    enterpriseName: Type.String(),
    unitId: Type.Integer(),
    unitName: Type.String(),
    since: IsoDate,
    note: Nullable(Type.String()),
    lastVisit: Nullable(IsoDate),
  }),
);

export const PeriodQuery = Type.Object({ period: Period, unitId: Type.Optional(Id) });
export const PlanBody = Type.Object({ period: Period }, { additionalProperties: false });
export const PlanCreated = Type.Object({ added: Type.Integer() });
export const PlanParams = Type.Object({ planId: Id });
export const PlanUpdateBody = Type.Object(
  { plannedOn: Nullable(IsoDate), visitors: Type.Optional(Nullable(Type.String({ maxLength: 200, title: '回访人员' }))) },
  { additionalProperties: false },
);
export const PlanSaved = Type.Object({ id: Type.Integer() });
export const PlanList = Type.Array(
  Type.Object({
    id: Type.Integer(),
    enterpriseId: Type.Integer(),
    enterpriseName: Type.String(),
    unitId: Type.Integer(),
    unitName: Type.String(),
    plannedOn: Nullable(IsoDate),
    visitors: Nullable(Type.String()),
    visitedOn: Nullable(IsoDate),
  }),
);

export const VisitQuery = Type.Object({ period: Type.Optional(Period), unitId: Type.Optional(Id), enterpriseId: Type.Optional(Id) });
export const VisitBody = Type.Object(
  {
    enterpriseId: Id,
    visitedOn: IsoDate,
    method: VisitMethod,
    visitors: Type.String({ maxLength: 200, title: '回访人员' }),
    contactName: Type.String({ maxLength: 50, title: '企业联系人' }),
    contactPhone: Type.String({ maxLength: 20, title: '联系电话' }),
    findings: Type.String({ maxLength: 5000, title: '回访情况' }),
    needs: Type.Array(Type.String({ maxLength: 1000 }), { maxItems: 20, description: '企业提出的需求，每条可转为诉求' }),
  },
  { additionalProperties: false },
);
export const VisitSaved = Type.Object({ id: Type.Integer() });
export const VisitList = Type.Array(
  Type.Object({
    id: Type.Integer(),
    enterpriseId: Type.Integer(),
    enterpriseName: Type.String(),
    unitId: Type.Integer(),
    unitName: Type.String(),
    visitedOn: IsoDate,
    method: VisitMethod,
    visitors: Type.String(),
    contactName: Type.String(),
    contactPhone: Type.String(),
    findings: Type.String(),
    needs: Type.Array(
      Type.Object({
        id: Type.Integer(),
        text: Type.String(),
        requestId: Nullable(Type.Integer()),
        requestNumber: Nullable(Type.String()),
        requestStage: Nullable(Type.String()),
      }),
    ),
  }),
);
export const NeedParams = Type.Object({ visitId: Id, needId: Id });
export const NeedBody = Type.Object(
  { category: Category, subject: Type.Optional(Type.String({ maxLength: 100, title: '诉求标题' })) },
  { additionalProperties: false },
);

export const Coverage = Type.Object({
  period: Type.String(),
  start: IsoDate,
  end: IsoDate,
  units: Type.Array(
    Type.Object({
      unitId: Type.Integer(),
      unitName: Type.String(),
      keyFirms: Type.Integer({ description: '负责的重点招商企业数' }),
      planned: Type.Integer({ description: '列入本季度回访计划的' }),
      visited: Type.Integer({ description: '本季度已由本单位回访的' }),
      rate: Nullable(Type.Number({ description: '回访覆盖率（%）= 已回访 / 重点招商企业数' })),
      unvisited: Type.Array(Type.String(), { description: '尚未回访的企业' }),
    }),
  ),
  total: Type.Object({ keyFirms: Type.Integer(), visited: Type.Integer(), rate: Nullable(Type.Number()) }),
});
