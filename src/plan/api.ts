/**
 * The plan's HTTP contract: the TypeBox schema of every route's input and answer. The OpenAPI
 * document and the web's generated types come from these (`npm run gen:api`).
 */
import { Type, type Static } from '@sinclair/typebox';
import { Id, IsoDate, Nullable, StringEnum, Timestamp } from '../shared/index.js';
import { TARGET_OPS } from './core/ops.js';
import { AS_OF_REASONS } from './core/as-of.js';
import { CONFIRMED_UNIT_KINDS } from '../units/index.js';

export const PlanParams = Type.Object({ planId: Id });
export const MeasureParams = Type.Object({ planId: Id, number: Type.Integer({ minimum: 1, maximum: 10_000 }) });
export const MeasureQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100, description: '措施全文检索词' })),
  unitId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: '只看该单位牵头或负责的措施（本单位任务）' })),
});
export const UnitsQuery = Type.Object({ planId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: '只统计该计划的措施' })) });

export const TargetOpSchema = StringEnum(TARGET_OPS, { description: '比较：<= 不超过；< 少于；>= 不低于；> 超过；= 达到' });

/** A plan as stored (one per 文号). */
const PlanFields = {
  id: Type.Integer(),
  doc_number: Type.String({ description: '文号（无文号的文件为标题）' }),
  title: Type.String(),
  issuer: Nullable(Type.String()),
  issued_on: Nullable(IsoDate),
  year: Nullable(Type.Integer({ description: '方案年度；文件中没有年份且导入时未指定时为 null' })),
  current_revision: Type.Integer(),
  updated_at: Timestamp,
};
export const PlanListItem = Type.Object({
  ...PlanFields,
  current: Type.Boolean({ description: '当前方案：方案年度最新者（同一年度取最后导入的）；页面默认显示它' }),
});
export const Plan = Type.Object({ ...PlanFields, created_at: Timestamp });

export const UnitRef = Type.Object({ id: Type.Integer(), name: Type.String() });
export const MeasureTarget = Type.Object({
  id: Type.Integer(),
  seq: Type.Integer(),
  text: Type.String({ description: '原文，如“不超过9个工作日”' }),
  metric: Type.String(),
  op: TargetOpSchema,
  value: Type.Number(),
  unit: Type.String(),
});
export const MeasureDeadline = Type.Object({ id: Type.Integer(), seq: Type.Integer(), text: Type.String(), date: IsoDate });
export const Measure = Type.Object({
  id: Type.Integer(),
  number: Type.Integer(),
  title: Type.String(),
  text: Type.String(),
  relatedDepartments: Type.Boolean({ description: '单位列表以“等相关部门”结尾' }),
  sectionNumber: Type.Integer(),
  subsectionNumber: Type.Integer(),
  leadUnits: Type.Array(UnitRef),
  responsibleUnits: Type.Array(UnitRef),
  targets: Type.Array(MeasureTarget),
  deadlines: Type.Array(MeasureDeadline),
});

export const Outline = Type.Object({
  plan: Plan,
  sections: Type.Array(
    Type.Object({
      number: Type.Integer(),
      title: Type.String(),
      subsections: Type.Array(Type.Object({ number: Type.Integer(), title: Type.String(), text: Type.String(), measures: Type.Array(Measure) })),
    }),
  ),
});

export const Revision = Type.Object({
  revision: Type.Integer(),
  content_hash: Type.String(),
  source_name: Type.String(),
  source_kind: Type.String({ description: 'txt、docx 或 xlsx（改革台账）' }),
  imported_by: Nullable(Type.String()),
  imported_at: Timestamp,
});

const MeasureLink = Type.Object({ planId: Type.Integer(), number: Type.Integer(), title: Type.String() });
export const UnitDirectoryEntry = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  kind: Type.String({ description: 'department、party、vertical、judicial、institution、enterprise、organization、collective 或 unknown' }),
  aliases: Type.Array(Type.String()),
  leads: Type.Array(MeasureLink),
  supports: Type.Array(MeasureLink),
});

/** An accepted upload: the writing runs in the background (GET /api/jobs/runs/:runId follows it). */
export const ImportStarted = Type.Object({ runId: Type.Integer({ description: '后台任务的运行编号' }) });
/** The preview of an import (issue 13): what the document holds, parsed against the district's directory; nothing written. */
export const PlanPreview = Type.Object({
  fileName: Type.String(),
  title: Type.String(),
  docNumber: Nullable(Type.String()),
  issuer: Nullable(Type.String()),
  issuedOn: Nullable(IsoDate),
  year: Nullable(Type.Integer({ description: '方案年度；无法确定时为 null' })),
  sections: Type.Integer(),
  measures: Type.Integer({ description: '编号措施（任务）条数' }),
  targets: Type.Integer(),
  deadlines: Type.Integer(),
  warnings: Type.Array(Type.Object({ line: Type.Integer({ description: '原文行号（.docx 为段落号）' }), code: Type.String(), message: Type.String() })),
  unitsToConfirm: Type.Array(
    Type.Object({
      name: Type.String({ description: '原文中的单位名称' }),
      measures: Type.Array(Type.Integer(), { description: '涉及的措施序号' }),
      waiting: Type.Boolean({ description: 'true：已在名录中，尚待营商办确认' }),
    }),
    { description: '不在单位名录中的单位：导入后作为新单位，待营商办确认或合并' },
  ),
  existingPlan: Nullable(
    Type.Object({ planId: Type.Integer(), title: Type.String(), revision: Type.Integer() }, { description: '同文号已导入的方案：导入将生成新版本' }),
  ),
});

export const UnitParams = Type.Object({ unitId: Id });
export const UnitsToConfirm = Type.Object({
  units: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      measures: Type.Array(Type.Object({ number: Type.Integer(), title: Type.String(), role: StringEnum(['lead', 'responsible'] as const) })),
    }),
  ),
  candidates: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() }), { description: '可合并到的已确认单位' }),
  kinds: Type.Array(Type.Object({ value: StringEnum(CONFIRMED_UNIT_KINDS), label: Type.String() }), { description: '确认时可选的单位类别' }),
});
export const ConfirmUnitBody = Type.Object({ kind: StringEnum(CONFIRMED_UNIT_KINDS, { description: '单位类别' }) });
export const UnitConfirmed = Type.Object({ id: Type.Integer(), name: Type.String(), kind: Type.String(), kindLabel: Type.String() });
export const MergeUnitBody = Type.Object({ intoUnitId: Id });
export const UnitMerged = Type.Object({
  intoUnitId: Type.Integer(),
  name: Type.String({ description: '合并到的单位名称' }),
  aliases: Type.Array(Type.String(), { description: '合并后该单位的全部别名' }),
  moved: Type.Record(Type.String(), Type.Integer(), { description: '各类引用的迁移条数' }),
});

/** The one date a plan's figures are shown as of (issue 12). */
export const PlanAsOf = Type.Object({
  planId: Type.Integer(),
  year: Nullable(Type.Integer()),
  asOf: IsoDate,
  reason: StringEnum(AS_OF_REASONS, {
    description:
      'plan-year-running 方案年度进行中（今天）；plan-year-over 方案年度已结束（12月31日）；plan-year-not-started 尚未开始（今天）；plan-year-unknown 方案年度未定（今天）；office 营商办指定',
  }),
  reasonLabel: Type.String(),
  text: Type.String({ description: '页面显示的说明，如“数据截至 2021年12月31日（方案年度已结束）”' }),
  defaultAsOf: IsoDate,
  setBy: Nullable(Type.String({ description: '指定日期的人员姓名' })),
  setAt: Nullable(Timestamp),
});
export const PlanAsOfBody = Type.Object({
  asOf: Nullable(Type.String({ maxLength: 10, description: 'YYYY-MM-DD；null 恢复默认' })),
});

/** A file download: the handler sends a Buffer (which bypasses serialization); on the wire a binary string. */
export const LedgerXlsx = Type.Unsafe<Buffer>(Type.String({ format: 'binary', description: '改革台账 Excel 文件（.xlsx）' }));

export type Measure = Static<typeof Measure>;
