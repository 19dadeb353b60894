/**
 * The enterprise registry's HTTP contract: the TypeBox schema of every route's input and answer. The
 * OpenAPI document and the web's generated types come from these (`npm run gen:api`).
 */
import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, Nullable, StringEnum } from '../shared/index.js';
import { ENTERPRISE_SORTS, SIZE_CLASSES } from './core/index.js';

const OptNum = Type.Optional(Nullable(Type.Number({ minimum: 0 })));
const OptStr = Type.Optional(Nullable(Type.String({ maxLength: 200 })));

export const SizeClass = StringEnum(SIZE_CLASSES, { description: '大型/中型/小型/微型（统计上大中小微型企业划分办法（2017））' });

export const QualificationBody = Type.Object({ tag: Type.String({ maxLength: 100 }), validFrom: OptStr, validTo: OptStr, certificateNo: OptStr });

/** A profile as entered (the form or an API client); checked further by `normaliseEnterprise`. Money in 万元. */
export const EnterpriseBody = Type.Object({
  creditCode: Type.String({ maxLength: 40 }),
  name: Type.String({ maxLength: 200 }),
  legalForm: OptStr,
  registeredOn: OptStr,
  registeredCapital: OptNum,
  street: OptStr,
  industryCode: OptStr,
  employees: OptNum,
  revenue: OptNum,
  assets: OptNum,
  rdRatio: OptNum,
  creditGrade: OptStr,
  qualifications: Type.Optional(Type.Array(QualificationBody, { maxItems: 50 })),
});
export type EnterpriseBody = Static<typeof EnterpriseBody>;

const Qualification = Type.Object({
  tag: Type.String(),
  validFrom: Nullable(Type.String()),
  validTo: Nullable(Type.String()),
  certificateNo: Nullable(Type.String()),
});

/** A stored profile with the industry's name and the size rule explained (the profile page). */
export const EnterpriseView = Type.Object({
  id: Type.Integer(),
  creditCode: Type.String(),
  name: Type.String(),
  legalForm: Nullable(Type.String()),
  registeredOn: Nullable(IsoDate),
  registeredCapital: Nullable(Type.Number()),
  street: Nullable(Type.String()),
  industryCode: Nullable(Type.String()),
  employees: Nullable(Type.Number()),
  revenue: Nullable(Type.Number()),
  assets: Nullable(Type.Number()),
  rdRatio: Nullable(Type.Number()),
  creditGrade: Nullable(Type.String()),
  sizeClass: Nullable(Type.String({ description: '大型/中型/小型/微型；null：无法划分' })),
  isDemo: Type.Boolean(),
  updatedAt: Type.String({ description: '最后修改时间（ISO 8601）' }),
  qualifications: Type.Array(Qualification),
  industryLabel: Nullable(Type.String()),
  sizeExplanation: Type.String(),
});

export const ListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100, description: '名称包含，或信用代码等于' })),
  street: Type.Optional(Type.String({ maxLength: 50 })),
  size: Type.Optional(Type.String({ maxLength: 10 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
  sort: Type.Optional(
    StringEnum(
      ENTERPRISE_SORTS.flatMap((k) => [k, `-${k}` as const]),
      { description: 'name 名称；creditCode 信用代码；street 街道；industry 行业代码；size 规模；registeredOn 成立日期；前加 - 为降序（默认登记顺序）' },
    ),
  ),
});
/** The export takes the list's filters and sort, without paging. */
export const ExportQuery = Type.Omit(ListQuery, ['limit', 'offset']);
export const EnterpriseList = Type.Object({
  total: Type.Integer(),
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      creditCode: Type.String(),
      name: Type.String(),
      street: Nullable(Type.String()),
      industryCode: Nullable(Type.String()),
      industryLabel: Nullable(Type.String()),
      sizeClass: Nullable(Type.String()),
      registeredOn: Nullable(IsoDate),
      isDemo: Type.Boolean(),
    }),
  ),
});

export const Reference = Type.Object({
  sections: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), from: Type.Integer(), to: Type.Integer() }), { description: '门类' }),
  divisions: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), section: Type.String() }), { description: '大类' }),
  qualificationTags: Type.Array(Type.String()),
  creditGrades: Type.Array(Type.String()),
});

export const CodeParams = Type.Object({ code: Type.String({ maxLength: 40 }) });
export const CreditCodeCheck = Type.Object({
  valid: Type.Boolean(),
  code: Type.String({ description: '去空格、转大写后的代码' }),
  reason: Type.Optional(Type.String({ description: '无效的原因' })),
  warnings: Type.Array(Type.String()),
});

export const SizeQuery = Type.Object({
  industry: Type.String({ maxLength: 10 }),
  employees: Type.Optional(Type.Number({ minimum: 0 })),
  revenue: Type.Optional(Type.Number({ minimum: 0 })),
  assets: Type.Optional(Type.Number({ minimum: 0 })),
});
const Indicator = StringEnum(['employees', 'revenue', 'assets']);
export const SizeResult = Type.Object({
  size: Nullable(SizeClass),
  row: Type.Optional(Type.Object({ industry: Type.String(), scope: Type.String() })),
  indicators: Type.Array(
    Type.Object({
      indicator: Indicator,
      name: Type.String(),
      value: Nullable(Type.Number()),
      unit: Type.String(),
      reaches: Nullable(SizeClass),
      bounds: Type.Array(Type.Number(), { minItems: 3, maxItems: 3, description: '大型、中型、小型的下限' }),
    }),
  ),
  missing: Type.Array(Indicator),
  atMost: Type.Optional(SizeClass),
  explanation: Type.String(),
  reason: Type.Optional(Type.String()),
});

/** A file download (the reply is the file's bytes, not JSON). */
export const FileDownload = (description: string) => Type.Unsafe<Buffer>(Type.String({ format: 'binary', description }));

/** An import checked and queued: follow it at GET /api/jobs/runs/:runId. */
export const ImportStarted = Type.Object({ runId: Type.Integer({ description: '后台任务的运行编号' }) });
