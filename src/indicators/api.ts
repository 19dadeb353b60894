/**
 * The indicators' HTTP contract: the TypeBox schema of every route's input and answer. The OpenAPI
 * document and the web's generated types come from these (`npm run gen:api`).
 */
import { Type, type Static } from '@sinclair/typebox';
import { Id, IsoDate, Nullable, StringEnum, Timestamp } from '../shared/index.js';
import { RECORD_COLUMNS, RECORD_TYPES } from './core/index.js';

const Year = Type.Integer({ minimum: 2000, maximum: 2100 });

export const Status = StringEnum(['met', 'breached', 'pending', 'no_data'], { description: 'met 达标；breached 未达标；pending 推进中；no_data 无数据' });
export const IndicatorKind = StringEnum(['duration', 'share', 'count', 'ratio'], {
  description: 'duration 用时；share 占比；count 累计数量；ratio 比例',
});
export const RecordTypeName = StringEnum(RECORD_TYPES, { description: '案件记录类型' });
const Column = StringEnum(RECORD_COLUMNS);
const PeriodKind = StringEnum(['month', 'quarter', 'ytd', 'snapshot'], {
  description: 'month 月；quarter 季度；ytd 年初至该月末；snapshot 无日期口径的当前快照',
});
const Count = Type.Integer({ minimum: 0 });

// ---- Inputs ----------------------------------------------------------------------------------------

export const CodeParams = Type.Object({ code: Type.String({ pattern: '^[a-z0-9-]{2,60}$' }) });
export const TypeParams = Type.Object({ type: Type.String({ maxLength: 40, description: '记录类型，如 utility' }) });
export const RecordParams = Type.Object({ type: Type.String({ maxLength: 40 }), externalId: Type.String({ minLength: 1, maxLength: 100 }) });
export const TokenParams = Type.Object({ id: Id });

export const DashboardQuery = Type.Object({ year: Type.Optional(Year), unitId: Type.Optional(Id) });
export const YearQuery = Type.Object({ year: Type.Optional(Year) });
export const DetailQuery = Type.Object({
  year: Type.Optional(Year),
  unitId: Type.Optional(Id),
  version: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  periodKind: Type.Optional(StringEnum(['month', 'quarter', 'ytd', 'year'])),
  period: Type.Optional(Type.String({ maxLength: 10, description: 'month/ytd：YYYY-MM；quarter：YYYY-Qn' })),
});
export const CasesQuery = Type.Composite([
  DetailQuery,
  Type.Object({
    which: StringEnum(['breaching', 'excluded', 'counted'], { description: 'breaching 未达标；excluded 排除；counted 计入' }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })),
  }),
]);

export const AdjustBody = Type.Object({
  reason: Type.String({ minLength: 1, maxLength: 500 }),
  changes: Type.Object(
    {
      name: Type.Optional(Type.String({ maxLength: 100 })),
      limit: Type.Optional(Type.Number({ minimum: 0 })),
      percent: Type.Optional(Type.Number({ minimum: 0 })),
      target: Type.Optional(Type.Integer({ minimum: 1 })),
      by: Type.Optional(Type.String({ pattern: '^\\d{2}-\\d{2}$' })),
      mode: Type.Optional(StringEnum(['each', 'average'])),
      days: Type.Optional(StringEnum(['working', 'calendar'])),
      where: Type.Optional(Type.Array(Type.Any(), { maxItems: 20 })),
      property: Type.Optional(Type.Array(Type.Any(), { maxItems: 20 })),
      note: Type.Optional(Type.String({ maxLength: 1000 })),
    },
    { additionalProperties: false },
  ),
});

export const OrderBody = Type.Object({
  unitId: Type.Optional(Id),
  requirement: Type.Optional(Type.String({ maxLength: 2000 })),
  replyDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
  year: Type.Optional(Year),
});

export const RecomputeBody = Type.Optional(Type.Object({ year: Type.Optional(Year) }));

export const RecordsQuery = Type.Object({
  unitId: Type.Optional(Id),
  q: Type.Optional(Type.String({ maxLength: 100, description: '编号或名称包含的文字' })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  sort: Type.Optional(Type.String({ pattern: '^-?[a-z_]{1,40}$', description: 'external_id、unit、updated_at 或字段键；前加 - 为降序' })),
});

/** A field value as the import takes it: text (enum: Chinese text), number, 是/否 as boolean, or empty. */
export const RecordValue = Type.Union([Type.String({ maxLength: 1000 }), Type.Number(), Type.Boolean(), Type.Null()]);
export const RecordEditBody = Type.Object(
  {
    values: Type.Record(Type.String({ maxLength: 100 }), RecordValue, {
      maxProperties: 100,
      description: '字段键（如 completed_on）或中文列名 → 新值；未列出的字段保持不变',
    }),
    unit: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    updatedAt: Type.Optional(Type.String({ format: 'date-time', description: '读取记录时的修改时间：记录此后被他人修改则返回 409，不覆盖' })),
  },
  { additionalProperties: false },
);

export const JsonRecordsBody = Type.Object({
  records: Type.Array(
    Type.Record(Type.String({ maxLength: 100 }), Type.Union([Type.String({ maxLength: 1000 }), Type.Number(), Type.Boolean(), Type.Null()]), {
      maxProperties: 100,
    }),
    { minItems: 1, maxItems: 50_000, description: '每条记录：字段键或中文列名 → 值；externalId（或编号列名）；unit（责任单位）' },
  ),
});

export const TokenBody = Type.Object({ unitId: Id, label: Type.String({ maxLength: 100 }) });

// ---- Answers ---------------------------------------------------------------------------------------

const Condition = Type.Object({
  field: Column,
  op: StringEnum(['eq', 'ne', 'in', 'true', 'false', 'set', 'unset']),
  value: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())])),
});

/** The fields of every kind of definition, flat: which are present depends on `kind` (see core/definitions.ts). */
const definitionFields = {
  code: Type.String(),
  name: Type.String(),
  version: Type.Integer(),
  plan: Type.Object({ measure: Type.Integer(), seq: Type.Integer(), metric: Type.String() }, { description: '所监测的计划措施编号与目标序号' }),
  recordType: RecordTypeName,
  kind: IndicatorKind,
  where: Type.Optional(Type.Array(Condition)),
  note: Type.Optional(Type.String()),
  start: Type.Optional(Column),
  end: Type.Optional(Column),
  days: Type.Optional(StringEnum(['working', 'calendar'])),
  limit: Type.Optional(Type.Number()),
  mode: Type.Optional(StringEnum(['each', 'average'])),
  property: Type.Optional(Type.Array(Condition)),
  op: Type.Optional(StringEnum(['>=', '='])),
  percent: Type.Optional(Type.Number()),
  dateField: Type.Optional(Column),
  needs: Type.Optional(Type.Array(Column)),
  by: Type.Optional(Type.String({ description: 'count：须达到数量的月-日' })),
  numerator: Type.Optional(Column),
  denominator: Type.Optional(Column),
  numeratorBlankIsZero: Type.Optional(Type.Boolean()),
};
/** A stored definition version (count indicators: `target` is the number to reach). */
export const Definition = Type.Object({ ...definitionFields, target: Type.Optional(Type.Number()) });
/** An adjusted definition as the adjustment answers it: `target` is the target in words. */
export const AdjustedDefinition = Type.Object({ ...definitionFields, target: Type.String({ description: '目标（文字），如“每件 ≤ 9 个工作日”' }) });

export const Result = Type.Object({
  code: Type.String(),
  version: Type.Integer(),
  periodKind: PeriodKind,
  period: Type.String({ description: "month/ytd：YYYY-MM；quarter：YYYY-Qn；snapshot：'current'" }),
  unitId: Nullable(Type.Integer()),
  unitName: Nullable(Type.String()),
  counted: Count,
  compliant: Count,
  excluded: Count,
  excludedReasons: Type.Record(Type.String(), Type.Integer(), { description: '排除原因 → 件数' }),
  value: Nullable(Type.Number()),
  average: Nullable(Type.Number()),
  worst: Nullable(Type.Number()),
  numerator: Type.Number(),
  denominator: Type.Number(),
  status: Status,
  statusLabel: Type.String(),
  asOf: IsoDate,
  computedAt: Timestamp,
});

const PlanTarget = Type.Object({
  planId: Type.Integer(),
  measureTitle: Type.String(),
  text: Type.String(),
  metric: Type.String(),
  matches: Type.Boolean({ description: '计划目标的指标名称与定义所引用的一致' }),
});
const indicatorFields = {
  code: Type.String(),
  name: Type.String(),
  version: Type.Integer(),
  kind: IndicatorKind,
  recordType: RecordTypeName,
  recordTypeLabel: Type.String(),
  measure: Type.Integer(),
  targetSeq: Type.Integer(),
  metric: Type.String(),
  target: Type.String(),
  valueLabel: Type.String(),
  planTarget: Nullable(PlanTarget),
  note: Nullable(Type.String()),
  definition: Definition,
  current: Nullable(Result),
};
const Unit = Type.Object({ id: Type.Integer(), name: Type.String() });

export const IndicatorSummary = Type.Object({
  ...indicatorFields,
  trend: Type.Array(Type.Object({ period: Type.String(), value: Nullable(Type.Number()), counted: Count, status: Status })),
});
export const Dashboard = Type.Object({
  year: Type.Integer(),
  years: Type.Array(Type.Integer()),
  asOf: IsoDate,
  unitId: Nullable(Type.Integer()),
  units: Type.Array(Unit, { description: '有结果的单位' }),
  indicators: Type.Array(IndicatorSummary),
  myUnits: Type.Array(Unit, { description: '单位工作人员的本单位（其他角色为空）' }),
  statusLabels: Type.Object({ met: Type.String(), breached: Type.String(), pending: Type.String(), no_data: Type.String() }),
  staleTypes: Type.Array(Type.String(), { description: '记录已变更、结果尚待重新计算的记录类型（中文名）' }),
});

export const CaseRow = Type.Object({
  id: Type.Integer(),
  externalId: Type.String(),
  unitId: Nullable(Type.Integer()),
  unitName: Nullable(Type.String()),
  start: Nullable(IsoDate),
  end: Nullable(IsoDate),
  duration: Nullable(Type.Number()),
  open: Type.Boolean(),
  deadline: Nullable(IsoDate),
  reason: Nullable(Type.String({ description: '排除原因；计入的为空' })),
  numerator: Nullable(Type.Number()),
  denominator: Nullable(Type.Number()),
  periodDate: Nullable(IsoDate),
});
export const Cases = Type.Object({ total: Count, items: Type.Array(CaseRow) });

export const Detail = Type.Object({
  ...indicatorFields,
  year: Type.Integer(),
  asOf: IsoDate,
  period: Type.Object({ kind: Type.String(), period: Type.String(), from: IsoDate, to: IsoDate }),
  versions: Type.Array(Type.Object({ version: Type.Integer(), reason: Type.String(), createdBy: Type.String(), createdAt: Timestamp, target: Type.String() })),
  explanation: Nullable(
    Type.Object({
      version: Type.Integer(),
      counted: Count,
      compliant: Count,
      excluded: Count,
      excludedReasons: Type.Record(Type.String(), Type.Integer()),
      asOf: IsoDate,
      computedAt: Timestamp,
    }),
  ),
  periods: Type.Array(Result),
  units: Type.Array(Result),
  breaching: Cases,
  excluded: Cases,
});

export const LedgerFlag = Type.Object({
  measure: Type.Integer(),
  codes: Type.Array(Type.String()),
  offTrack: Type.Boolean(),
  tasks: Type.Array(Type.Object({ id: Type.Integer(), title: Type.String() })),
});

export const OrderCreated = Type.Object({ id: Type.Integer(), number: Type.String({ description: '督办单编号' }) });

export const RecomputeSummary = Type.Object({
  year: Type.Integer(),
  asOf: IsoDate,
  definitions: Type.Array(Type.String()),
  seconds: Type.Number(),
  otherYears: Type.Optional(Type.Array(Type.Integer())),
});

export const RecordTypeInfo = Type.Object({
  type: RecordTypeName,
  label: Type.String(),
  idLabel: Type.String({ description: '编号列名' }),
  header: Type.Array(Type.String(), { description: '模板表头' }),
  fields: Type.Array(
    Type.Object({
      key: Column,
      label: Type.String(),
      kind: StringEnum(['text', 'date', 'number', 'bool', 'enum']),
      required: Type.Boolean(),
      values: Type.Optional(Type.Array(Type.String(), { description: 'enum：可填的文字' })),
    }),
  ),
});

export const CaseRecord = Type.Object({
  id: Type.Integer(),
  type: RecordTypeName,
  externalId: Type.String(),
  unitId: Nullable(Type.Integer()),
  unitName: Nullable(Type.String()),
  values: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]), {
    description: '字段键 → 值（enum 为中文文字）；该类型的每个字段都有',
  }),
  isDemo: Type.Boolean(),
  source: Type.String({ description: 'file、api、edit、demo …' }),
  updatedBy: Type.String(),
  updatedAt: Timestamp,
});
export const RecordPage = Type.Object({ total: Count, page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(CaseRecord) });
export const RecordChange = Type.Object({ record: Nullable(CaseRecord), changed: Type.Boolean(), recomputed: Nullable(RecomputeSummary) });

export const ImportResult = Type.Object({
  type: RecordTypeName,
  rows: Count,
  inserted: Count,
  updated: Count,
  unchanged: Count,
  recomputed: RecomputeSummary,
});

export const ApiToken = Type.Object({
  id: Type.Integer(),
  unitId: Type.Integer(),
  unitName: Type.String(),
  label: Type.String(),
  createdBy: Type.String(),
  createdAt: Timestamp,
  revokedAt: Nullable(Timestamp),
});
export const TokenIssued = Type.Object({ id: Type.Integer(), token: Type.String({ description: '令牌（只显示这一次）' }) });

export const CsvFile = Type.String({ format: 'binary', description: 'CSV 文件（UTF-8，带 BOM）' });

export type DashboardQuery = Static<typeof DashboardQuery>;
export type DetailQuery = Static<typeof DetailQuery>;
export type CasesQuery = Static<typeof CasesQuery>;
export type OrderBody = Static<typeof OrderBody>;
export type JsonRecords = Static<typeof JsonRecordsBody>['records'];
export type LedgerFlag = Static<typeof LedgerFlag>;
export type RecordTypeInfo = Static<typeof RecordTypeInfo>;

/** A background import queued: follow it at GET /api/jobs/runs/:runId (progress, cancel, result). */
export const Started = Type.Object({ runId: Type.Integer({ description: '后台任务的运行编号' }) });
