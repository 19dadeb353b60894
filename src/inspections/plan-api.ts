/**
 * The annual joint plan's HTTP contract (年度联合抽查计划): plans, tasks, proposals, versions, draws for tasks and the
 * public plan. Rules (departments, items, scope, shares, time window) are checked by ./core/plan.ts.
 */
import { Type } from '@sinclair/typebox';
import { Id, IsoDate, Nullable, StringEnum, Timestamp } from '../shared/index.js';
import { DRAW_STATUSES, OBJECT_KINDS, PLAN_STATUSES, PROPOSAL_STATUSES } from './core/index.js';

export const PlanParams = Type.Object({ planId: Id });
export const PlanTaskParams = Type.Object({ planId: Id, taskId: Id });
export const PlanVersionParams = Type.Object({ planId: Id, version: Type.Integer({ minimum: 1, maximum: 10_000 }) });
export const ProposalParams = Type.Object({ proposalId: Id });
export const YearParams = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) });

const Strings = (max: number, maxItems: number, description: string) => Type.Array(Type.String({ maxLength: max }), { maxItems, description });
export const TaskScope = Type.Object(
  {
    enterprises: Type.Boolean({ description: '从企业名录抽取' }),
    otherKinds: Type.Array(StringEnum(OBJECT_KINDS), { maxItems: OBJECT_KINDS.length, description: '其他检查对象类型' }),
    industries: Strings(2, 25, '国民经济行业门类（A–T），空为不限'),
    streets: Strings(50, 30, '街道，空为不限'),
    sizes: Strings(10, 4, '企业规模，空为不限'),
    creditClasses: Strings(10, 10, '信用风险分类代码，空为不限'),
    flags: Strings(30, 10, '企业标识（资质标签），空为不限'),
  },
  { additionalProperties: false },
);
export const TaskBody = Type.Object(
  {
    title: Type.String({ maxLength: 100, description: '任务名称' }),
    leadUnitId: Id,
    jointUnitIds: Type.Array(Id, { maxItems: 10, description: '参与部门' }),
    itemIds: Type.Array(Id, { maxItems: 50, description: '抽查事项' }),
    scope: TaskScope,
    shares: Type.Array(
      Type.Object(
        { classCode: Type.String({ maxLength: 10 }), bp: Type.Integer({ minimum: 1, maximum: 10_000, description: '万分比：1 = 0.01%' }) },
        { additionalProperties: false },
      ),
      { maxItems: 10, description: '各信用风险分类的抽查比例；未列出的按该分类的默认比例' },
    ),
    windowFrom: IsoDate,
    windowTo: IsoDate,
    note: Nullable(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

const PlanDraw = Type.Object({
  id: Type.Integer(),
  number: Type.String(),
  status: StringEnum(DRAW_STATUSES),
  statusLabel: Type.String(),
  picked: Nullable(Type.Integer()),
  version: Type.Integer(),
});
const TaskFields = {
  id: Type.Integer(),
  seq: Type.Integer(),
  title: Type.String(),
  leadUnitId: Type.Integer(),
  leadUnitName: Type.String(),
  jointUnitIds: Type.Array(Type.Integer()),
  jointUnitNames: Type.Array(Type.String()),
  itemIds: Type.Array(Type.Integer()),
  itemNames: Type.Array(Type.String()),
  scope: TaskScope,
  scopeText: Type.String(),
  shares: Type.Array(Type.Object({ classCode: Type.String(), bp: Type.Integer() })),
  windowFrom: IsoDate,
  windowTo: IsoDate,
  note: Nullable(Type.String()),
};
export const PlanTaskView = Type.Object(TaskFields);

const PlanHead = {
  id: Type.Integer(),
  year: Type.Integer(),
  title: Type.String(),
  status: StringEnum(PLAN_STATUSES),
  statusLabel: Type.String(),
  version: Type.Integer({ description: '最新发布的版本号，0 为未发布' }),
  isDemo: Type.Boolean(),
};
export const PlanSummary = Type.Object({ ...PlanHead, taskCount: Type.Integer(), pendingProposals: Type.Integer() });
export const PlanDetail = Type.Object({
  ...PlanHead,
  approvedBy: Nullable(Type.String()),
  approvedAt: Nullable(Timestamp),
  tasks: Type.Array(Type.Object({ ...TaskFields, inPublished: Type.Boolean(), draws: Type.Array(PlanDraw) })),
  versions: Type.Array(
    Type.Object({
      version: Type.Integer(),
      publishedAt: Timestamp,
      note: Nullable(Type.String()),
      taskCount: Type.Integer(),
      summary: Type.Array(Type.String()),
    }),
  ),
});
export const PlanBody = Type.Object(
  { year: Type.Integer({ minimum: 2000, maximum: 2100 }), title: Type.String({ maxLength: 100 }) },
  { additionalProperties: false },
);
export const PlanTitleBody = Type.Object({ title: Type.String({ maxLength: 100 }) }, { additionalProperties: false });
export const PublishBody = Type.Object(
  { note: Type.Optional(Nullable(Type.String({ maxLength: 500, description: '本版说明' }))) },
  { additionalProperties: false },
);
export const Published = Type.Object({ version: Type.Integer() });
export const PlanCreated = Type.Object({ id: Type.Integer() });

const Diff = Type.Object({
  added: Type.Array(Type.Object({ id: Type.Integer(), title: Type.String() })),
  removed: Type.Array(Type.Object({ id: Type.Integer(), title: Type.String() })),
  changed: Type.Array(
    Type.Object({
      id: Type.Integer(),
      title: Type.String(),
      fields: Type.Array(Type.Object({ field: Type.String(), label: Type.String(), before: Type.String(), after: Type.String() })),
    }),
  ),
});
const VersionHead = {
  planId: Type.Integer(),
  year: Type.Integer(),
  title: Type.String(),
  version: Type.Integer(),
  publishedAt: Timestamp,
  note: Nullable(Type.String()),
  isDemo: Type.Boolean(),
  changes: Diff,
};
export const PlanVersion = Type.Object({ ...VersionHead, tasks: Type.Array(Type.Object({ ...TaskFields, creditDifferentiated: Type.Boolean() })) });

export const ProposalBody = Type.Object(
  {
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    task: TaskBody,
    reason: Type.Optional(Nullable(Type.String({ maxLength: 500, description: '建议理由' }))),
  },
  { additionalProperties: false },
);
export const ProposalQuery = Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
  status: Type.Optional(StringEnum(PROPOSAL_STATUSES)),
});
export const Proposal = Type.Object({
  id: Type.Integer(),
  year: Type.Integer(),
  unitName: Type.String(),
  task: PlanTaskView,
  reason: Nullable(Type.String()),
  status: StringEnum(PROPOSAL_STATUSES),
  statusLabel: Type.String(),
  decisionNote: Nullable(Type.String()),
  planTaskId: Nullable(Type.Integer()),
  submittedAt: Timestamp,
  decidedAt: Nullable(Timestamp),
  isDemo: Type.Boolean(),
});
export const DecisionBody = Type.Object(
  {
    decision: StringEnum(['accept', 'reject'] as const, { description: 'accept 采纳（可修改后采纳）；reject 不采纳' }),
    note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    task: Type.Optional(Nullable(TaskBody)),
  },
  { additionalProperties: false },
);
export const Decided = Type.Object({ ok: Type.Literal(true), taskId: Nullable(Type.Integer()) });

export const TaskDrawBody = Type.Object(
  {
    witnesses: Type.Array(Type.String({ maxLength: 30 }), { minItems: 1, maxItems: 5, description: '监督人姓名' }),
    lotteryName: Type.String({ maxLength: 50 }),
    lotteryDate: IsoDate,
    field: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  },
  { additionalProperties: false },
);

export const PublicPlanYears = Type.Array(Type.Integer());
export const PublicPlan = Type.Object({
  ...VersionHead,
  tasks: Type.Array(
    Type.Object({
      ...TaskFields,
      creditDifferentiated: Type.Boolean(),
      draws: Type.Array(Type.Object({ id: Type.Integer(), number: Type.String(), statusLabel: Type.String(), picked: Nullable(Type.Integer()) })),
    }),
  ),
  versions: Type.Array(Type.Object({ version: Type.Integer(), publishedAt: Timestamp, note: Nullable(Type.String()), summary: Type.Array(Type.String()) })),
});
