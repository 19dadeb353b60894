/**
 * The HTTP contract of the inspections' results part: recording results, publication (一公开), the public list,
 * 风险预警 rules and flags, figures. Domain rules are checked by the cores and stores with Chinese messages.
 */
import { Type } from '@sinclair/typebox';
import { Id, IsoDate, Nullable, PageQuery, StringEnum } from '../shared/index.js';
import { RESULT_LIMITS } from './core/recording.js';
import { RESULT_CODES } from './core/results.js';
import { RISK_RULE_KINDS } from './core/risk.js';

const Text = (max: number, description?: string) => Type.String({ maxLength: max, ...(description ? { description } : {}) });

export const InspectorAccountParams = Type.Object({ inspectorId: Id });
export const InspectorAccountBody = Type.Object(
  { account: Nullable(Text(64, '检查人员登录所用的单位工作人员账号；null 取消关联')) },
  { additionalProperties: false },
);

export const MyChecks = Type.Object({
  linked: Type.Boolean({ description: '当前账号是否已关联执法检查人员' }),
  checks: Type.Array(
    Type.Object({
      drawId: Type.Integer(),
      drawNumber: Type.String(),
      drawTitle: Type.String(),
      objectKey: Type.String(),
      objectName: Type.String(),
      unitName: Type.String(),
      items: Type.Array(
        Type.Object({
          itemId: Type.Integer(),
          itemName: Type.String(),
          method: Type.String(),
          resultId: Nullable(Type.Integer()),
          categoryLabel: Nullable(Type.String()),
          published: Type.Boolean(),
        }),
      ),
    }),
  ),
});

const ResultFields = {
  category: StringEnum(RESULT_CODES, { description: '检查结果类别' }),
  notes: Text(RESULT_LIMITS.notes * 2, '检查情况说明'),
  rectifyDays: Nullable(Type.Integer({ minimum: 1, maximum: RESULT_LIMITS.maxRectifyDays, description: '责令改正期限（工作日）' })),
  transferUnitId: Nullable(Id),
  transferNote: Nullable(Text(RESULT_LIMITS.transferNote * 2, '移交说明')),
  exemptionId: Nullable(Id),
};
export const ResultBody = Type.Object(ResultFields, { additionalProperties: false });
export const RecordBody = Type.Object(
  { drawId: Id, objectKey: Type.String({ maxLength: 20, pattern: '^[EO]\\d{1,10}$' }), itemId: Id, ...ResultFields },
  { additionalProperties: false },
);
export const Recorded = Type.Object({ id: Type.Integer(), producedOn: IsoDate });
export const ResultParams = Type.Object({ resultId: Id });
export const FileParams = Type.Object({ resultId: Id, fileId: Id });
export const PublishBody = Type.Object({ ids: Type.Array(Id, { minItems: 1, maxItems: 500 }) }, { additionalProperties: false });
export const Published = Type.Object({ published: Type.Integer() });

export const ResultQuery = Type.Object({
  state: Type.Optional(StringEnum(['unpublished', 'overdue', 'published'] as const)),
  drawId: Type.Optional(Id),
  q: Type.Optional(Text(100)),
  ...PageQuery,
});
export const ResultPage = Type.Object({
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  unpublished: Type.Integer({ description: '未公示' }),
  overdue: Type.Integer({ description: '超过 20 个工作日未公示' }),
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      drawId: Type.Integer(),
      drawNumber: Type.String(),
      objectKey: Type.String(),
      objectName: Type.String(),
      itemId: Type.Integer(),
      itemName: Type.String(),
      unitName: Type.String(),
      category: Type.String(),
      categoryLabel: Type.String(),
      notes: Type.String(),
      rectifyDays: Nullable(Type.Integer()),
      rectifyDue: Nullable(IsoDate),
      transferUnitId: Nullable(Type.Integer()),
      transferUnitName: Nullable(Type.String()),
      transferNote: Nullable(Type.String()),
      exemptionId: Nullable(Type.Integer()),
      exemptionText: Nullable(Type.String()),
      producedOn: IsoDate,
      publishedOn: Nullable(IsoDate),
      due: IsoDate,
      overdue: Type.Boolean(),
      workingDaysLeft: Nullable(Type.Integer()),
      inspectorName: Nullable(Type.String()),
      canEdit: Type.Boolean(),
      files: Type.Array(Type.Object({ id: Type.Integer(), fileName: Type.String(), size: Type.Integer() })),
      isDemo: Type.Boolean(),
    }),
  ),
});

export const PublicResultQuery = Type.Object({ q: Type.Optional(Text(100)), unitId: Type.Optional(Id), ...PageQuery });
export const PublicResultPage = Type.Object({
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  units: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      drawId: Type.Integer(),
      drawNumber: Type.String(),
      drawTitle: Type.String(),
      objectName: Type.String(),
      itemName: Type.String(),
      unitName: Type.String(),
      categoryLabel: Type.String(),
      producedOn: IsoDate,
      publishedOn: IsoDate,
      inspectors: Type.Array(Type.Object({ name: Type.String(), certNo: Type.String() })),
      isDemo: Type.Boolean(),
    }),
  ),
});
export const FirstOffenceQuery = Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) });
export const FirstOffence = Type.Array(Type.Object({ unitName: Type.String(), count: Type.Integer() }));

// ---- 风险预警 ----
const RuleFields = {
  kind: StringEnum(RISK_RULE_KINDS, { description: 'recent_problem 近期发现问题；credit_worse 信用风险分类上升；requests 企业诉求集中' }),
  months: Nullable(Type.Integer({ minimum: 1, maximum: 60 })),
  minCount: Nullable(Type.Integer({ minimum: 1, maximum: 1000 })),
  days: Nullable(Type.Integer({ minimum: 1, maximum: 366 })),
  active: Type.Boolean(),
  note: Nullable(Text(200)),
};
export const RiskRuleBody = Type.Object(RuleFields, { additionalProperties: false });
export const RiskRuleParams = Type.Object({ ruleId: Id });
export const RiskRules = Type.Array(Type.Object({ id: Type.Integer(), kindLabel: Type.String(), text: Type.String(), ...RuleFields }));
export const RiskFlagParams = Type.Object({ flagId: Id });
export const RiskFlagQuery = Type.Object({ open: Type.Optional(Type.Boolean()) });
export const RiskFlags = Type.Array(
  Type.Object({
    id: Type.Integer(),
    objectName: Type.String(),
    unitName: Type.String(),
    reasons: Type.Array(Type.String()),
    flaggedOn: IsoDate,
    respondBy: IsoDate,
    late: Type.Boolean(),
    respondedOn: Nullable(IsoDate),
    response: Nullable(Type.String()),
    canRespond: Type.Boolean(),
    isDemo: Type.Boolean(),
  }),
);
export const RiskResponseBody = Type.Object({ response: Text(1000, '核查处置情况') }, { additionalProperties: false });
export const Evaluated = Type.Object({ text: Type.String(), flagged: Type.Integer(), newFlags: Type.Integer(), notified: Type.Integer() });

// ---- figures ----
export const FiguresQuery = Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) });
const Counts = {
  objects: Type.Integer({ description: '抽取对象' }),
  inspected: Type.Integer({ description: '已检查' }),
  problems: Type.Integer({ description: '发现问题' }),
  results: Type.Integer(),
  publishedOnTime: Type.Integer(),
  publishedLate: Type.Integer(),
  overdue: Type.Integer(),
  onTimeRate: Nullable(Type.Number()),
  checks: Type.Integer({ description: '检查（对象 × 部门）' }),
  jointChecks: Type.Integer(),
  jointShare: Nullable(Type.Number({ description: '联合抽查占比 %' })),
};
export const Figures = Type.Object({
  year: Type.Integer(),
  asOf: IsoDate,
  publicationWorkingDays: Type.Integer(),
  district: Type.Object({ draws: Type.Integer(), jointDraws: Type.Integer(), checks: Type.Integer(), jointShare: Nullable(Type.Number()) }),
  departments: Type.Array(Type.Object({ unitName: Type.String(), ...Counts })),
  tasks: Type.Array(
    Type.Object({
      drawId: Type.Integer(),
      drawNumber: Type.String(),
      title: Type.String(),
      unitName: Type.String(),
      lead: Type.Boolean(),
      joint: Type.Boolean(),
      ...Counts,
    }),
  ),
  workload: Type.Array(Type.Object({ name: Type.String(), unitName: Type.String(), checks: Type.Integer(), results: Type.Integer() })),
  firstOffence: FirstOffence,
});
export const EvidenceDownload = Type.Unsafe<Buffer>(Type.String({ format: 'binary', description: '证据文件' }));
export const EvidenceAdded = Type.Object({ id: Type.Integer() });
