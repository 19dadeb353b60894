/**
 * The HTTP contract of the inspections' credit part (信用分级分类, 信用修复) and of the 免罚清单: the TypeBox schema of
 * every route's input and answer. Domain rules are checked by the cores and stores with Chinese messages.
 */
import { Type } from '@sinclair/typebox';
import { Id, IsoDate, Nullable, PageQuery, StringEnum, Timestamp } from '../shared/index.js';
import { CREDIT_RECORD_KINDS, MAX_CREDIT_CLASSES, type CreditRecordKind } from './core/credit.js';
import { EXEMPTION_KINDS, EXEMPTION_LIMITS } from './core/exemption.js';
import { RESULT_CODES } from './core/results.js';

const ClassCode = Type.String({ maxLength: 4, description: '类别代码（如 A、B、C、D）' });
const RecordKind = StringEnum(Object.keys(CREDIT_RECORD_KINDS) as CreditRecordKind[], { description: 'assessment 分类结果；repair 信用修复' });

const ClassFields = {
  code: ClassCode,
  name: Type.String({ maxLength: 30, description: '类别名称（如 信用风险低）' }),
  drawShare: Type.Number({ minimum: 0, maximum: 100, description: '抽查比例（%），大于 0' }),
  restrictive: Type.Boolean({ description: '需信用修复方可移出的类别' }),
  isDefault: Type.Boolean({ description: '无分类记录的企业按此类别' }),
  note: Nullable(Type.String({ maxLength: 200 })),
};
export const CreditClassSchema = Type.Object(ClassFields);
export const CreditClasses = Type.Object({
  classes: Type.Array(CreditClassSchema),
  basis: Type.String({ description: '依据' }),
});
export const CreditClassesBody = Type.Object(
  { classes: Type.Array(Type.Object(ClassFields, { additionalProperties: false }), { minItems: 1, maxItems: MAX_CREDIT_CLASSES }) },
  { additionalProperties: false },
);

export const StandingQuery = Type.Object({
  date: Type.Optional(IsoDate),
  classCode: Type.Optional(ClassCode),
  ...PageQuery,
});
export const Standing = Type.Object({
  date: IsoDate,
  counts: Type.Array(Type.Object({ classCode: Type.String(), count: Type.Integer() })),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  items: Type.Array(
    Type.Object({
      enterpriseId: Type.Integer(),
      enterpriseName: Type.String(),
      creditCode: Type.String(),
      classCode: Type.String(),
      effectiveOn: IsoDate,
      kind: RecordKind,
      kindLabel: Type.String(),
      source: Type.String(),
    }),
  ),
});

export const EnterpriseParams = Type.Object({ enterpriseId: Id });
export const CreditHistory = Type.Object({
  enterpriseId: Type.Integer(),
  enterpriseName: Type.String(),
  creditCode: Type.String(),
  currentClass: Nullable(Type.String()),
  records: Type.Array(
    Type.Object({
      id: Type.Integer(),
      classCode: Type.String(),
      className: Type.String(),
      effectiveOn: IsoDate,
      kind: RecordKind,
      kindLabel: Type.String(),
      source: Type.String(),
      note: Nullable(Type.String()),
      recordedBy: Type.String({ description: '记录人姓名' }),
      recordedAt: Timestamp,
    }),
  ),
});

export const CreditImportResult = Type.Object({ rows: Type.Integer(), created: Type.Integer(), unchanged: Type.Integer() });

export const RepairBody = Type.Object(
  {
    enterpriseId: Id,
    repairedOn: IsoDate,
    classCode: Type.Optional(ClassCode),
    source: Type.String({ maxLength: 200, description: '修复依据（如信用修复决定书文号）' }),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export const Repaired = Type.Object({ id: Type.Integer(), classCode: Type.String() });

const Kind = StringEnum(EXEMPTION_KINDS);
const ExemptionFields = {
  unitId: Nullable(Id),
  item: Type.String({ maxLength: EXEMPTION_LIMITS.item, description: '违法行为' }),
  kind: Kind,
  conditions: Type.String({ maxLength: EXEMPTION_LIMITS.conditions, description: '适用条件' }),
  violatedBasis: Type.String({ maxLength: EXEMPTION_LIMITS.violatedBasis, description: '违法依据' }),
  exemptionBasis: Type.String({ maxLength: EXEMPTION_LIMITS.exemptionBasis, description: '免罚依据' }),
};
export const ExemptionBody = Type.Object(ExemptionFields, { additionalProperties: false });
export const ExemptionUpdateBody = Type.Object({ ...ExemptionFields, active: Type.Boolean() }, { additionalProperties: false });
export const ExemptionQuery = Type.Object({
  all: Type.Optional(Type.Boolean({ description: '含已停用条目（仅营商办）' })),
  unitId: Type.Optional(Id),
});
export const ExemptionList = Type.Object({
  kinds: Type.Array(Type.Object({ kind: Kind, basis: Type.String() })),
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      ...ExemptionFields,
      unitName: Nullable(Type.String()),
      active: Type.Boolean(),
      isDemo: Type.Boolean({ description: '演示数据' }),
      updatedAt: Timestamp,
    }),
  ),
});
export const Saved = Type.Object({ id: Type.Integer() });

export const ResultMeta = Type.Object({
  categories: Type.Array(
    Type.Object({
      code: StringEnum(RESULT_CODES),
      label: Type.String(),
      outcome: StringEnum(['normal', 'problem', 'not_inspected']),
      followUp: Type.Boolean(),
    }),
  ),
  publicationWorkingDays: Type.Integer(),
  publicationBasis: Type.String(),
});
export const PublicationQuery = Type.Object({ producedOn: IsoDate, publishedOn: Type.Optional(IsoDate) });
export const Publication = Type.Object({
  due: IsoDate,
  published: Type.Boolean(),
  overdue: Type.Boolean(),
  workingDaysLeft: Nullable(Type.Integer()),
});
