/**
 * The ledger's HTTP contract (改革台账): the TypeBox schema of every route's input and answer. The OpenAPI
 * document and the web's generated types come from these (`npm run gen:api`). Domain rules (status and
 * progress consistency, dates, units of the task …) are checked by the stores, whose problems name the field
 * in Chinese; the schemas check the shape.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Id, IsoDate, Nullable, PageQuery, StringEnum, Timestamp } from '../shared/index.js';
import { ASSESSMENT_ITEMS } from './core/assessment.js';
import { ORDER_SORTS, REPORT_SORTS, REPORT_STATES, sortValues, TASK_SORTS } from './core/lists.js';
import { ORDER_ACTIONS, ORDER_STAGES, type OrderAction } from './core/orders.js';
import { TASK_STATUSES } from './core/status.js';

// ---- building blocks ----

export const TaskStatus = StringEnum(TASK_STATUSES, { description: 'not_started 未启动；in_progress 推进中；done 已完成；lagging 滞后；paused 已暂停' });
export const Light = StringEnum(['green', 'yellow', 'red', 'grey'], { description: 'green 绿灯；yellow 黄灯；red 红灯；grey 暂停' });
export const FlagKind = StringEnum(['milestone_overdue', 'milestone_due_soon', 'report_missing', 'behind_schedule', 'off_track'], {
  description: 'milestone_overdue 节点逾期；milestone_due_soon 节点临近；report_missing 未按时报送；behind_schedule 进度滞后于计划；off_track 偏离目标',
});
export const ReportState = StringEnum(['submitted', 'returned', 'accepted'], { description: 'submitted 待审核；returned 已退回；accepted 已通过' });
export const OrderStage = StringEnum(ORDER_STAGES);
export const OrderActionCode = StringEnum(Object.keys(ORDER_ACTIONS) as OrderAction[], {
  description: 'issue 下发；sign 签收；handle 开始办理；reply 反馈办理情况；review 复核；close 办结；return 退回重办；escalate 提级督办',
});
export const AssessmentItem = StringEnum(ASSESSMENT_ITEMS);

/** `?asOf=YYYY-MM-DD`: the day of reference (default today, Beijing time). */
export const AsOfQuery = Type.Object({ asOf: Type.Optional(Type.String({ maxLength: 10, description: '参照日期 YYYY-MM-DD（默认今天，北京时间）' })) });
const Ids = Type.Array(Id, { maxItems: 50 });
const Text = (maxLength: number) => Type.String({ maxLength });
const Unit = Type.Object({ id: Type.Integer(), name: Type.String() });

export const PlanParams = Type.Object({ planId: Id });
export const TaskParams = Type.Object({ taskId: Id });
export const MeasureParams = Type.Object({ measureId: Id });
export const MilestoneParams = Type.Object({ milestoneId: Id });
export const CycleParams = Type.Object({ cycleId: Id });
export const ReportParams = Type.Object({ reportId: Id });
export const EvidenceParams = Type.Object({ evidenceId: Id });
export const OrderParams = Type.Object({ orderId: Id });
export const TaskCycleParams = Type.Object({ taskId: Id, cycleId: Id });

/** A download (xlsx/docx/evidence): the reply is the file itself (a Buffer on the server, bypassing serialization; binary on the wire). */
export const FileDownload = (description: string) => Type.Unsafe<Buffer>(Type.String({ format: 'binary', description }));

// ---- meta ----

export const Meta = Type.Object({
  statuses: Type.Array(Type.Object({ code: TaskStatus, label: Type.String(), meaning: Type.String(), color: Type.String() })),
  flags: Type.Object({
    milestone_overdue: Type.String(),
    milestone_due_soon: Type.String(),
    report_missing: Type.String(),
    behind_schedule: Type.String(),
    off_track: Type.String(),
  }),
  lights: Type.Object({ green: Type.String(), yellow: Type.String(), red: Type.String(), grey: Type.String() }),
  orderActions: Type.Array(Type.Object({ code: OrderActionCode, label: Type.String(), by: StringEnum(['office', 'unit']), from: Type.Array(OrderStage) })),
});

// ---- tasks and milestones ----

export const Flag = Type.Object({
  kind: FlagKind,
  label: Type.String(),
  message: Type.String(),
  milestoneId: Type.Optional(Type.Integer()),
  cycleId: Type.Optional(Type.Integer()),
  date: IsoDate,
  source: Type.Optional(Type.String({ description: 'off_track：信号来源（如 indicators）' })),
  key: Type.Optional(Type.String({ description: 'off_track：来源中的编号（如指标代码）' })),
  link: Type.Optional(Type.String({ description: 'off_track：来源页面链接' })),
});
export const Milestone = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  dueOn: IsoDate,
  doneOn: Nullable(IsoDate),
  source: StringEnum(['plan', 'office']),
});
export const TaskTarget = Type.Object({
  id: Type.Integer(),
  text: Type.String(),
  metric: Type.String(),
  op: Type.String(),
  value: Type.Number(),
  unit: Type.String(),
});

export const Task = Type.Object({
  id: Type.Integer(),
  planId: Type.Integer(),
  measureId: Type.Integer(),
  measureNumber: Type.Integer(),
  measureTitle: Type.String(),
  sectionNumber: Type.Integer(),
  sectionTitle: Type.String(),
  seq: Type.Integer(),
  code: Type.String({ description: '任务编号：措施序号-序号' }),
  title: Type.String(),
  description: Type.String(),
  weight: Type.Number(),
  status: TaskStatus,
  statusLabel: Type.String(),
  statusColor: Type.String(),
  progress: Type.Integer(),
  startOn: IsoDate,
  completedOn: Nullable(IsoDate),
  leadUnits: Type.Array(Unit),
  responsibleUnits: Type.Array(Unit),
  targets: Type.Array(TaskTarget),
  milestones: Type.Array(Milestone),
  light: Light,
  flags: Type.Array(Flag),
  expectedProgress: Nullable(Type.Number()),
});

/** Search text of a list (编号, title, unit …). */
const ListSearch = Type.Optional(Type.String({ maxLength: 100, description: '搜索（编号、名称、单位）' }));
/** `mine`: only the tasks of the user's own units (unit staff; other roles have none and see every task); `all` (default): every task. */
const ListScope = Type.Optional(StringEnum(['mine', 'all'], { description: 'mine 本单位牵头或负责的任务（单位工作人员）；all 全部（默认）' }));
export const TaskListQuery = Type.Object({
  unitId: Type.Optional(Id),
  asOf: AsOfQuery.properties.asOf,
  scope: ListScope,
  status: Type.Optional(TaskStatus),
  light: Type.Optional(Light),
  q: ListSearch,
  sort: Type.Optional(
    StringEnum(sortValues(TASK_SORTS), { description: 'code 编号；progress 进度；status 状态；light 灯号；nextDue 下一节点；unit 牵头单位；前加 - 为降序' }),
  ),
});
export const LedgerInitialized = Type.Object({ created: Type.Integer(), tasks: Type.Integer() });
export const MeasureProgress = Type.Object({
  measureId: Type.Integer(),
  number: Type.Integer(),
  title: Type.String(),
  taskCount: Type.Integer(),
  progress: Nullable(Type.Number()),
  status: Nullable(TaskStatus),
  statusLabel: Nullable(Type.String()),
});

export const TaskPatchBody = Type.Object(
  {
    title: Type.Optional(Text(200)),
    description: Type.Optional(Text(5000)),
    weight: Type.Optional(Type.Number()),
    status: Type.Optional(TaskStatus),
    progress: Type.Optional(Type.Integer()),
    startOn: Type.Optional(IsoDate),
    completedOn: Type.Optional(Nullable(IsoDate)),
    leadUnitIds: Type.Optional(Ids),
    responsibleUnitIds: Type.Optional(Ids),
    targetIds: Type.Optional(Ids),
  },
  { additionalProperties: false },
);
const MilestoneBody = Type.Object({ title: Text(200), dueOn: Text(10) }, { additionalProperties: false });
export const NewTaskBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Text(5000)),
    weight: Type.Optional(Type.Number()),
    leadUnitIds: Ids,
    responsibleUnitIds: Type.Optional(Ids),
    targetIds: Type.Optional(Ids),
    milestones: Type.Optional(Type.Array(MilestoneBody, { maxItems: 20 })),
  },
  { additionalProperties: false },
);
export const NewMilestoneBody = MilestoneBody;
export const MilestonePatchBody = Type.Object(
  { title: Type.Optional(Text(200)), dueOn: Type.Optional(Text(10)), doneOn: Type.Optional(Nullable(Text(10))) },
  { additionalProperties: false },
);
export const Created = Type.Object({ id: Type.Integer() });

export const TaskHistoryEntry = Type.Object({
  id: Type.Integer(),
  at: Timestamp,
  actor: Type.String(),
  action: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
});

export const TaskFlags = Type.Object({
  taskId: Type.Integer(),
  code: Type.String(),
  title: Type.String(),
  light: Light,
  units: Type.Array(Type.String()),
  flags: Type.Array(Flag),
});

// ---- cycles and reports ----

export const Cycle = Type.Object({
  id: Type.Integer(),
  label: Type.String(),
  periodStart: IsoDate,
  periodEnd: IsoDate,
  dueOn: IsoDate,
  reports: Type.Object({ submitted: Type.Integer(), returned: Type.Integer(), accepted: Type.Integer() }, { description: '本期各状态的报告数' }),
});
export const CyclesBody = Type.Object(
  {
    from: Type.String({ maxLength: 7, description: '起始月份 YYYY-MM' }),
    to: Type.String({ maxLength: 7, description: '结束月份 YYYY-MM' }),
    dueWorkingDay: Type.Optional(Type.Integer({ description: '次月第几个工作日截止（1–15，默认 5）' })),
  },
  { additionalProperties: false },
);
export const CyclesCreated = Type.Object({ created: Type.Integer() });
export const CyclePatchBody = Type.Object(
  { label: Type.Optional(Text(50)), periodStart: Type.Optional(Text(10)), periodEnd: Type.Optional(Text(10)), dueOn: Type.Optional(Text(10)) },
  { additionalProperties: false },
);

export const ReportListQuery = Type.Object({ cycleId: Type.Optional(Id), taskId: Type.Optional(Id), unitId: Type.Optional(Id) });
/** The report list page (进展报告与审核): filters, sort and paging done by the server; unit staff see their units' reports only. */
export const ReportPageFilter = Type.Object({
  planId: Type.Optional(Id),
  cycleId: Type.Optional(Id),
  unitId: Type.Optional(Id),
  state: Type.Optional(StringEnum(REPORT_STATES)),
  q: ListSearch,
  sort: Type.Optional(
    StringEnum(sortValues(REPORT_SORTS), {
      description: 'code 编号；cycle 报送周期；state 审核状态；firstSubmittedOn 首次报送；returns 退回次数；前加 - 为降序',
    }),
  ),
});
export const ReportPageQuery = Type.Object({ ...ReportPageFilter.properties, ...PageQuery });
export const ReportRow = Type.Object({
  id: Type.Integer(),
  taskId: Type.Integer(),
  code: Type.String(),
  taskTitle: Type.String(),
  cycleId: Type.Integer(),
  cycleLabel: Type.String(),
  state: ReportState,
  version: Type.Integer(),
  returns: Type.Integer(),
  firstSubmittedOn: IsoDate,
  dueOn: IsoDate,
  onTime: Type.Boolean(),
  demo: Type.Boolean(),
});
export const ReportListRow = Type.Object({
  ...ReportRow.properties,
  planId: Type.Integer(),
  leadUnits: Type.Array(Type.String(), { description: '任务的牵头单位' }),
});
export const ReportPage = Type.Object({ total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(ReportListRow) });
export const ReportContent = Type.Object({
  status: TaskStatus,
  progress: Type.Integer(),
  done: Type.String(),
  problems: Type.String(),
  nextSteps: Type.String(),
  actuals: Type.Array(Type.Object({ targetId: Type.Integer(), value: Type.Number() })),
});
export const Report = Type.Object({
  id: Type.Integer(),
  taskId: Type.Integer(),
  taskTitle: Type.String(),
  planId: Type.Integer(),
  cycleId: Type.Integer(),
  cycleLabel: Type.String(),
  dueOn: IsoDate,
  state: ReportState,
  version: Type.Integer(),
  returns: Type.Integer(),
  firstSubmittedOn: IsoDate,
  onTime: Type.Boolean(),
  demo: Type.Boolean(),
  versions: Type.Array(
    Type.Object({
      version: Type.Integer(),
      unit: Nullable(Type.String()),
      content: ReportContent,
      submittedBy: Type.String(),
      submittedAt: Timestamp,
      outcome: Nullable(StringEnum(['accepted', 'returned'])),
      reviewComment: Nullable(Type.String()),
      reviewedBy: Nullable(Type.String()),
      reviewedAt: Nullable(Timestamp),
    }),
  ),
  evidence: Type.Array(
    Type.Object({
      id: Type.Integer(),
      version: Type.Integer(),
      fileName: Type.String(),
      mime: Type.String(),
      size: Type.Integer(),
      uploadedBy: Type.String(),
      uploadedAt: Timestamp,
    }),
  ),
});
export const ReportBody = Type.Object(
  {
    status: TaskStatus,
    progress: Type.Integer(),
    done: Text(5000),
    problems: Type.Optional(Text(5000)),
    nextSteps: Type.Optional(Text(5000)),
    actuals: Type.Optional(Type.Array(Type.Object({ targetId: Type.Integer(), value: Type.Number() }), { maxItems: 50 })),
  },
  { additionalProperties: false },
);
export const ReportSubmitted = Type.Object({ reportId: Type.Integer(), version: Type.Integer() });
export const EvidenceAdded = Type.Object({ id: Type.Integer(), fileName: Type.String(), size: Type.Integer(), mime: Type.String() });
export const ReviewBody = Type.Object({ outcome: StringEnum(['accept', 'return']), comment: Type.Optional(Text(2000)) }, { additionalProperties: false });

// ---- supervision orders ----

export const OrderListQuery = Type.Object({
  planId: Type.Optional(Id),
  unitId: Type.Optional(Id),
  taskId: Type.Optional(Id),
  asOf: AsOfQuery.properties.asOf,
  stage: Type.Optional(OrderStage),
  overdue: Type.Optional(StringEnum(['yes'], { description: 'yes 仅逾期未反馈' })),
  q: ListSearch,
  sort: Type.Optional(
    StringEnum(sortValues(ORDER_SORTS), { description: 'number 督办单号；stage 阶段；unit 被督办单位；issuedOn 下发日期；replyDue 反馈期限；前加 - 为降序' }),
  ),
});
export const Order = Type.Object({
  id: Type.Integer(),
  planId: Type.Integer(),
  number: Type.String({ description: '督办单编号，如 督办〔2021〕1号' }),
  taskId: Type.Integer(),
  taskTitle: Type.String(),
  unitId: Type.Integer(),
  unitName: Type.String(),
  reason: Type.String(),
  requirement: Type.String(),
  stage: OrderStage,
  replyDays: Type.Integer(),
  issuedOn: Nullable(IsoDate),
  replyDue: Nullable(IsoDate),
  repliedOn: Nullable(IsoDate),
  reply: Nullable(Type.String()),
  escalations: Type.Integer(),
  createdBy: Type.String(),
  overdue: Type.Boolean(),
});
export const OrderDetail = Type.Object({
  ...Order.properties,
  request: Nullable(
    Type.Object({ id: Type.Integer(), number: Type.String(), subject: Type.String(), link: Type.String() }, { description: '督办单所涉企业诉求' }),
  ),
  events: Type.Array(Type.Object({ action: Type.String(), stage: Type.String(), note: Nullable(Type.String()), actor: Type.String(), at: Timestamp })),
});
export const NewOrderBody = Type.Object(
  { taskId: Id, unitId: Id, reason: Text(2000), requirement: Text(2000), replyDays: Type.Integer({ description: '反馈时限（工作日，1–60）' }) },
  { additionalProperties: false },
);
export const OrderCreated = Type.Object({ id: Type.Integer(), number: Type.String() });
export const OrderActionBody = Type.Object({ action: OrderActionCode, note: Type.Optional(Text(5000)) }, { additionalProperties: false });
export const OrderMoved = Type.Object({ stage: OrderStage });

// ---- bulletins ----

const LightCounts = Type.Object({ green: Type.Integer(), yellow: Type.Integer(), red: Type.Integer(), grey: Type.Integer() });
const StatusCount = Type.Object({ status: TaskStatus, label: Type.String(), color: Type.String(), count: Type.Integer() });
export const Bulletin = Type.Object({
  planId: Type.Integer(),
  cycleId: Type.Integer(),
  cycleLabel: Type.String(),
  asOf: IsoDate,
  issuer: Type.String(),
  docNumber: Type.String(),
  title: Type.String(),
  planTitle: Type.String(),
  overall: Type.Object({ tasks: Type.Integer(), progress: Nullable(Type.Number()), byStatus: Type.Array(StatusCount), byLight: LightCounts }),
  sections: Type.Array(
    Type.Object({ number: Type.Integer(), title: Type.String(), tasks: Type.Integer(), done: Type.Integer(), progress: Nullable(Type.Number()) }),
  ),
  completed: Type.Array(Type.Object({ code: Type.String(), title: Type.String(), units: Type.String(), completedOn: IsoDate })),
  lagging: Type.Array(Type.Object({ code: Type.String(), title: Type.String(), units: Type.String(), light: Type.String(), reasons: Type.String() })),
  reporting: Type.Object({
    owed: Type.Integer(),
    onTime: Type.Integer(),
    late: Type.Array(Type.Object({ unit: Type.String(), tasks: Type.Array(Type.String()) })),
    missing: Type.Array(Type.Object({ unit: Type.String(), tasks: Type.Array(Type.String()) })),
  }),
  openOrders: Type.Array(
    Type.Object({ number: Type.String(), unit: Type.String(), task: Type.String(), stage: OrderStage, replyDue: Nullable(IsoDate), overdue: Type.Boolean() }),
  ),
  paragraphs: Type.Array(Type.String()),
  texts: Type.Object(
    { recipients: Type.String(), overview: Type.String(), problems: Type.String(), requirements: Type.String() },
    { description: '营商办编写的文字：主送、总体情况补充、存在问题、下步工作要求' },
  ),
  issue: Nullable(
    Type.Object({ number: Type.String(), issuedOn: IsoDate, issuerName: Type.String(), issuerUnit: Type.String() }, { description: '签发信息（草稿为 null）' }),
  ),
});

// ---- bulletins as documents (drafts, issue, archive) ----

export const BulletinState = StringEnum(['draft', 'issued'], { description: 'draft 草稿；issued 已签发' });
export const BulletinParams = Type.Object({ bulletinId: Id });
export const BulletinListQuery = Type.Object({ state: Type.Optional(BulletinState), cycleId: Type.Optional(Id) });
export const BulletinSummary = Type.Object({
  id: Type.Integer(),
  planId: Type.Integer(),
  cycleId: Type.Integer(),
  cycleLabel: Type.String(),
  state: BulletinState,
  dataDate: IsoDate,
  title: Type.String(),
  number: Nullable(Type.String({ description: '文号，如 渝中营商通报〔2021〕3号（签发时编号）' })),
  issuedOn: Nullable(IsoDate),
  issuerName: Nullable(Type.String({ description: '签发人姓名' })),
  issuerUnit: Nullable(Type.String({ description: '签发人单位' })),
  authorName: Type.String({ description: '起草人姓名' }),
  updatedAt: Timestamp,
  docxSha256: Nullable(Type.String({ description: '签发时冻结的 Word 文档的 SHA-256' })),
});
export const BulletinDoc = Type.Object({ ...BulletinSummary.properties, content: Bulletin });
export const NewBulletinBody = Type.Object(
  { cycleId: Id, dataDate: Type.Optional(Type.String({ maxLength: 10, description: '数据截至日期 YYYY-MM-DD（默认周期截止后第一个工作日）' })) },
  { additionalProperties: false },
);
export const BulletinPatchBody = Type.Object(
  {
    title: Type.Optional(Text(200)),
    dataDate: Type.Optional(Text(10)),
    recipients: Type.Optional(Text(500)),
    overview: Type.Optional(Text(10000)),
    problems: Type.Optional(Text(10000)),
    requirements: Type.Optional(Text(10000)),
  },
  { additionalProperties: false },
);
export const BulletinIssued = Type.Object({
  id: Type.Integer(),
  number: Type.String(),
  issuedOn: IsoDate,
  notified: Type.Integer({ description: '收到通知的账号数' }),
});

// ---- assessment, settings, dashboard ----

export const Weights = Type.Object({
  tasks_on_time: Type.Number(),
  reports_on_time: Type.Number(),
  quality: Type.Number(),
  orders_on_time: Type.Number(),
  targets_met: Type.Number(),
  requests_on_time: Type.Number(),
});
const AssessmentItemScores = Type.Array(
  Type.Object({
    item: AssessmentItem,
    label: Type.String(),
    weight: Type.Number(),
    numerator: Type.Integer(),
    denominator: Type.Integer(),
    applicable: Type.Boolean(),
    rate: Nullable(Type.Number()),
    points: Type.Number(),
    explanation: Type.String(),
    details: Type.Array(Type.String()),
  }),
);
export const Assessment = Type.Object({
  planId: Type.Integer(),
  year: Type.Integer(),
  asOf: IsoDate,
  weights: Weights,
  units: Type.Array(Type.Object({ unitId: Type.Integer(), unitName: Type.String(), score: Type.Number(), rank: Type.Integer(), items: AssessmentItemScores })),
  collective: Type.Array(Type.Object({ unitId: Type.Integer(), unitName: Type.String(), score: Type.Number(), items: AssessmentItemScores }), {
    description: '集体承担事项（各街道、各产业部门等集体名称，计分但不排名）',
  }),
  unassessed: Type.Array(Type.String(), { description: '无应考核事项的单位（不排名）' }),
});
export const Settings = Type.Object({
  yellowDays: Type.Integer({ description: '节点到期前几个工作日亮黄灯' }),
  tolerance: Type.Number({ description: '进度低于直线计划多少个百分点算滞后' }),
  weights: Weights,
});
export const SettingsBody = Type.Object(
  {
    yellowDays: Type.Optional(Type.Integer()),
    tolerance: Type.Optional(Type.Number()),
    weights: Type.Optional(Type.Record(Type.String({ maxLength: 40 }), Type.Number(), { maxProperties: 10, description: '各考核项权重（合计 100）' })),
  },
  { additionalProperties: false },
);

export const Dashboard = Type.Object({
  asOf: IsoDate,
  total: Type.Integer(),
  progress: Nullable(Type.Number()),
  byStatus: Type.Array(StatusCount),
  lights: LightCounts,
  sections: Type.Array(Type.Object({ number: Type.Integer(), title: Type.String(), total: Type.Integer(), done: Type.Integer(), progress: Type.Number() })),
  units: Type.Array(
    Type.Object({ unitId: Type.Integer(), unit: Type.String(), total: Type.Integer(), done: Type.Integer(), red: Type.Integer(), progress: Type.Number() }),
  ),
  trend: Type.Array(
    Type.Object({
      cycleId: Type.Integer(),
      label: Type.String(),
      dueOn: IsoDate,
      filed: Type.Integer(),
      onTime: Type.Integer(),
      accepted: Type.Integer(),
      returned: Type.Integer(),
      pending: Type.Integer(),
      averageProgress: Nullable(Type.Number()),
    }),
  ),
  reportsPending: Type.Integer(),
  ordersOpen: Type.Integer(),
  ordersOverdue: Type.Integer(),
  red: Type.Array(Type.Object({ taskId: Type.Integer(), code: Type.String(), title: Type.String(), units: Type.String(), reasons: Type.String() })),
});

// ---- Excel and notifications ----

/** An accepted upload or drafting: the work runs in the background (GET /api/jobs/runs/:runId follows it). */
export const RunStarted = Type.Object({ runId: Type.Integer({ description: '后台任务的运行编号' }) });
export const FlagsNotified = Type.Object({ tasks: Type.Integer(), orders: Type.Integer(), notified: Type.Integer() });

export type TaskPatchBody = Static<typeof TaskPatchBody>;
export type NewTaskBody = Static<typeof NewTaskBody>;

// ---- each role's own work (issue 12): 我的待办, 领导视图, 工作队列, 批示 ----

const DaysLeft = Nullable(Type.Integer({ description: '距截止还有几个工作日（0 为今天到期，负数为已逾期的工作日数；超出工作日历时为空）' }));
export const InstructionTargetKind = StringEnum(['task', 'order', 'bulletin'], { description: 'task 任务；order 督办单；bulletin 通报（以报送周期编号）' });
export const Instruction = Type.Object({
  id: Type.Integer(),
  targetKind: InstructionTargetKind,
  targetId: Type.Integer(),
  targetTitle: Type.String(),
  text: Type.String(),
  units: Type.Array(Type.String(), { description: '送达单位' }),
  author: Type.String({ description: '批示领导姓名' }),
  createdAt: Timestamp,
  answer: Nullable(Type.String()),
  answerUnit: Nullable(Type.String()),
  answeredBy: Nullable(Type.String()),
  answeredAt: Nullable(Timestamp),
  canAnswer: Type.Boolean({ description: '当前用户可以答复' }),
});
export const InstructionListQuery = Type.Object({
  planId: Type.Optional(Id),
  targetKind: Type.Optional(InstructionTargetKind),
  targetId: Type.Optional(Id),
});
export const NewInstructionBody = Type.Object(
  {
    targetKind: InstructionTargetKind,
    targetId: Id,
    text: Type.String({ minLength: 1, maxLength: 2000 }),
    unitIds: Type.Optional(Type.Array(Id, { maxItems: 50, description: '送达单位（任务默认其牵头和责任单位，督办单为被督办单位；通报必选）' })),
  },
  { additionalProperties: false },
);
export const InstructionParams = Type.Object({ instructionId: Id });
export const InstructionAnswerBody = Type.Object({ answer: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false });

export const Todo = Type.Object({
  asOf: IsoDate,
  units: Type.Array(Type.String()),
  cycle: Nullable(Type.Object({ id: Type.Integer(), label: Type.String(), dueOn: IsoDate, daysLeft: DaysLeft })),
  owed: Type.Array(
    Type.Object({
      taskId: Type.Integer(),
      code: Type.String(),
      title: Type.String(),
      cycleId: Type.Integer(),
      cycleLabel: Type.String(),
      dueOn: IsoDate,
      daysLeft: DaysLeft,
      overdue: Type.Boolean(),
    }),
  ),
  returned: Type.Array(
    Type.Object({
      reportId: Type.Integer(),
      taskId: Type.Integer(),
      code: Type.String(),
      title: Type.String(),
      cycleLabel: Type.String(),
      dueOn: IsoDate,
      comment: Nullable(Type.String()),
      returnedAt: Nullable(Timestamp),
    }),
  ),
  orders: Type.Array(
    Type.Object({
      id: Type.Integer(),
      number: Type.String(),
      taskId: Type.Integer(),
      taskTitle: Type.String(),
      unitName: Type.String(),
      stage: OrderStage,
      todo: StringEnum(['sign', 'reply'], { description: 'sign 待签收；reply 待反馈' }),
      replyDue: Nullable(IsoDate),
      daysLeft: DaysLeft,
      overdue: Type.Boolean(),
    }),
  ),
  instructions: Type.Array(Instruction),
  requests: Type.Array(
    Type.Object({
      id: Type.Integer(),
      number: Type.String(),
      subject: Type.String(),
      unitName: Type.String(),
      todo: StringEnum(['sign', 'answer'], { description: 'sign 待签收；answer 待答复（企业诉求）' }),
      due: IsoDate,
      daysLeft: DaysLeft,
      overdue: Type.Boolean(),
      reopens: Type.Integer(),
    }),
  ),
});

export const LeaderView = Type.Object({
  asOf: IsoDate,
  escalatedRequests: Type.Array(
    Type.Object({
      id: Type.Integer(),
      number: Type.String(),
      subject: Type.String(),
      stage: Type.String(),
      unitName: Nullable(Type.String()),
      reopens: Type.Integer(),
      transfers: Type.Integer(),
      urges: Type.Integer(),
      escalatedOn: IsoDate,
      overdue: Type.Boolean(),
      link: Type.String(),
    }),
    { description: '未办结的问题工单（重办或退单满 3 次，提级督办）' },
  ),
  total: Type.Integer(),
  progress: Nullable(Type.Number()),
  lights: LightCounts,
  red: Type.Array(Type.Object({ taskId: Type.Integer(), code: Type.String(), title: Type.String(), units: Type.String(), reasons: Type.String() })),
  overdueOrders: Type.Array(
    Type.Object({
      id: Type.Integer(),
      number: Type.String(),
      taskId: Type.Integer(),
      taskTitle: Type.String(),
      unitName: Type.String(),
      stage: OrderStage,
      replyDue: Nullable(IsoDate),
      daysOverdue: Nullable(Type.Integer()),
    }),
  ),
  bulletin: Nullable(
    Type.Object({
      id: Type.Integer(),
      cycleId: Type.Integer(),
      cycleLabel: Type.String(),
      docNumber: Type.String(),
      title: Type.String(),
      asOf: IsoDate,
      tasks: Type.Integer(),
      progress: Nullable(Type.Number()),
      lagging: Type.Integer(),
    }),
  ),
  ranking: Type.Object({
    year: Type.Integer(),
    asOf: IsoDate,
    units: Type.Array(Type.Object({ unitId: Type.Integer(), unitName: Type.String(), score: Type.Number(), rank: Type.Integer() })),
  }),
  instructions: Type.Array(Instruction),
});

export const WorkQueue = Type.Object({
  asOf: IsoDate,
  toReview: Type.Array(
    Type.Object({
      reportId: Type.Integer(),
      taskId: Type.Integer(),
      code: Type.String(),
      title: Type.String(),
      cycleLabel: Type.String(),
      unit: Type.String(),
      version: Type.Integer(),
      submittedAt: Nullable(Timestamp),
      progress: Nullable(Type.Integer()),
      onTime: Type.Boolean(),
    }),
  ),
  ordersToReview: Type.Array(
    Type.Object({
      id: Type.Integer(),
      number: Type.String(),
      taskId: Type.Integer(),
      taskTitle: Type.String(),
      unitName: Type.String(),
      repliedOn: Nullable(IsoDate),
      reply: Nullable(Type.String()),
    }),
  ),
  flagsToday: Type.Array(TaskFlags),
});
export const BulkReviewBody = Type.Object(
  {
    reportIds: Type.Array(Id, { minItems: 1, maxItems: 50 }),
    outcome: StringEnum(['accept', 'return']),
    comment: Type.Optional(Text(2000)),
  },
  { additionalProperties: false },
);
export const BulkReviewed = Type.Object({ reviewed: Type.Integer(), outcome: StringEnum(['accept', 'return']) });
