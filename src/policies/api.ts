/**
 * The policies' HTTP contract (library, rules, calculator, 应享尽享): the TypeBox schema of every
 * route's input and answer. The OpenAPI document and the web's generated types come from these
 * (`npm run gen:api`).
 */
import {
  Type,
  type SchemaOptions,
  type Static,
  type TNever,
  type TObject,
  type TOptional,
  type TProperties,
  type TSchema,
  type TUnion,
} from '@sinclair/typebox';
import { Id, IsoDate, Nullable, StringEnum, Timestamp } from '../shared/index.js';

// ---------------------------------------------------------------------------------------------
// Unions of objects

/**
 * A union of object shapes where every variant lists every key of the others as absent (`never`).
 * In TypeScript this is an exclusive union that `'key' in x` narrows; for the response check (which
 * removes undeclared keys while it tries each variant) no variant strips another's keys.
 */
type KeysOf<V extends TProperties[]> = V[number] extends infer U ? (U extends TProperties ? keyof U : never) : never;
type Exclusive<V extends TProperties[]> = { [I in keyof V]: TObject<V[I] & { [K in Exclude<KeysOf<V>, keyof V[I]>]: TOptional<TNever> }> };

function ExclusiveUnion<const V extends TProperties[]>(variants: V, options?: SchemaOptions): TUnion<Exclusive<V>> {
  const keys = [...new Set(variants.flatMap((v) => Object.keys(v)))];
  const objects = variants.map((v) => {
    const absent: TProperties = {};
    for (const k of keys) if (!(k in v)) absent[k] = Type.Optional(Type.Never());
    return Type.Object({ ...v, ...absent });
  });
  return Type.Union(objects, options) as unknown as TUnion<Exclusive<V>>;
}

// ---------------------------------------------------------------------------------------------
// Rules: conditions, amounts, explanations (see core/rules.ts)

export const NumericField = StringEnum(['registered_capital', 'revenue', 'employees', 'assets', 'age_years', 'rd_ratio']);
export const ListField = StringEnum(['street', 'industry', 'size', 'credit_grade', 'legal_form']);
export const NumOp = StringEnum(['>=', '>', '<=', '<', '=', 'between']);
export const Outcome = StringEnum(['eligible', 'not_eligible', 'unknown'], { description: 'eligible 符合；not_eligible 不符合；unknown 无法判断（缺少信息）' });

/**
 * An eligibility condition: all / any / not over leaf conditions on the enterprise profile. Recursive
 * schemas are shared (`PolicySharedSchemas`, added to the policies' routes) and referenced by `$ref`:
 * a recursive schema written out twice in one response cannot be serialized.
 */
const ConditionSchema = Type.Recursive(
  (This) =>
    ExclusiveUnion([
      { all: Type.Array(This, { minItems: 1, maxItems: 50 }) },
      { any: Type.Array(This, { minItems: 1, maxItems: 50 }) },
      { not: This },
      { field: NumericField, op: NumOp, value: Type.Number(), value2: Type.Optional(Type.Number()) },
      { field: ListField, op: Type.Literal('in'), values: Type.Array(Type.String({ maxLength: 100 }), { minItems: 1, maxItems: 200 }) },
      { field: Type.Literal('qualification'), op: Type.Literal('has'), value: Type.String({ minLength: 1, maxLength: 100 }) },
      { field: Type.Literal('registered_on'), op: StringEnum(['before', 'on_or_after']), value: IsoDate },
    ]),
  { $id: 'PolicyCondition' },
);

/** An amount rule (万元): fixed, a rate of a profile figure (with floor and cap), or tiers. */
export const AmountRule = ExclusiveUnion(
  [
    { kind: Type.Literal('fixed'), amount: Type.Number() },
    { kind: Type.Literal('rate'), field: NumericField, rate: Type.Number(), cap: Type.Optional(Type.Number()), floor: Type.Optional(Type.Number()) },
    { kind: Type.Literal('tiered'), field: NumericField, tiers: Type.Array(Type.Object({ min: Type.Number(), amount: Type.Number() }), { maxItems: 50 }) },
  ],
  { description: '金额规则（万元）：定额、按比例（可设上下限）、分档' },
);

/** A condition evaluated on a profile, condition by condition. */
const ExplanationSchema = Type.Recursive(
  (This) =>
    Type.Object({
      text: Type.String(),
      status: StringEnum(['held', 'failed', 'missing'], { description: 'held 满足；failed 不满足；missing 缺少信息' }),
      detail: Type.Optional(Type.String()),
      supply: Type.Optional(Type.String({ description: '缺少信息时：如何补充' })),
      children: Type.Optional(Type.Array(This)),
    }),
  { $id: 'PolicyExplanation' },
);

/** The shared schemas the policies' routes add (`app.addSchema`) before using `Condition` and `Explanation`. */
export const PolicySharedSchemas = [ConditionSchema, ExplanationSchema];
export const Condition = Type.Unsafe<Static<typeof ConditionSchema>>(Type.Ref('PolicyCondition'));
export const Explanation = Type.Unsafe<Static<typeof ExplanationSchema>>(Type.Ref('PolicyExplanation'));

const OptNullable = <T extends TSchema>(t: T) => Type.Optional(Nullable(t));

/** What rules read: an enterprise profile (all optional: the anonymous form fills a few). */
export const Profile = Type.Object({
  street: OptNullable(Type.String({ maxLength: 50 })),
  industryCode: OptNullable(Type.String({ maxLength: 10 })),
  sizeClass: OptNullable(StringEnum(['大型', '中型', '小型', '微型'])),
  registeredOn: OptNullable(IsoDate),
  registeredCapital: OptNullable(Type.Number()),
  revenue: OptNullable(Type.Number()),
  employees: OptNullable(Type.Number()),
  assets: OptNullable(Type.Number()),
  rdRatio: OptNullable(Type.Number()),
  creditGrade: OptNullable(Type.String({ maxLength: 10 })),
  legalForm: OptNullable(Type.String({ maxLength: 50 })),
  qualifications: OptNullable(
    Type.Array(Type.Object({ tag: Type.String({ maxLength: 100 }), validFrom: OptNullable(IsoDate), validTo: OptNullable(IsoDate) }), { maxItems: 50 }),
  ),
});

/** Evaluation of one rule on one profile. */
const EvaluationProps = {
  outcome: Outcome,
  amount: Nullable(Type.Number({ description: '万元' })),
  amountText: Nullable(Type.String()),
  explanation: Explanation,
  missing: Type.Array(Type.Object({ text: Type.String(), supply: Type.String() })),
};

export const TestCase = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  asOf: IsoDate,
  profile: Profile,
  expected: Outcome,
  expectedAmount: OptNullable(Type.Number()),
});
export const TestResult = Type.Object({
  name: Type.String(),
  passed: Type.Boolean(),
  actual: Outcome,
  actualAmount: Nullable(Type.Number()),
  expected: Outcome,
  expectedAmount: OptNullable(Type.Number()),
  message: Type.Optional(Type.String()),
});

export const RuleVersion = Type.Object({
  id: Type.Integer(),
  itemId: Type.Integer(),
  version: Type.Integer(),
  condition: Condition,
  amount: Nullable(AmountRule),
  effectiveFrom: IsoDate,
  effectiveTo: Nullable(IsoDate),
  status: StringEnum(['draft', 'published']),
  createdBy: Type.String(),
  publishedAt: Nullable(Type.String({ format: 'date-time' })),
  conditionText: Type.String({ description: '条件的中文表述' }),
  amountRuleText: Nullable(Type.String()),
  testResults: Nullable(Type.Array(TestResult, { description: '发布时测试用例的结果' })),
});

// ---------------------------------------------------------------------------------------------
// Library

const OptDate = Type.Optional(Type.Union([IsoDate, Type.Null(), Type.Literal('')]));
export const ItemKind = StringEnum(['subsidy', 'award', 'tax', 'loan', 'rent', 'service', 'other']);
export const PolicyStatus = StringEnum(['draft', 'published', 'withdrawn'], { description: 'draft 草稿；published 已发布；withdrawn 已废止' });
const Attachment = Type.Object({ name: Type.String({ maxLength: 300 }), url: Type.String({ maxLength: 1000 }) });

export const PolicyBody = Type.Object({
  title: Type.String({ maxLength: 300 }),
  docNumber: OptNullable(Type.String({ maxLength: 100 })),
  issuer: Type.String({ maxLength: 200 }),
  publishedOn: OptDate,
  validFrom: OptDate,
  validTo: OptDate,
  body: Type.Optional(Type.String({ maxLength: 200000 })),
  interpretation: Type.Optional(Type.String({ maxLength: 100000 })),
  topics: Type.Optional(Type.Array(Type.String({ maxLength: 50 }), { maxItems: 30 })),
  attachments: Type.Optional(Type.Array(Attachment, { maxItems: 30 })),
  items: Type.Optional(
    Type.Array(
      Type.Object({
        id: Type.Optional(Id),
        name: Type.String({ maxLength: 200 }),
        kind: Type.String({ maxLength: 20, description: '事项类型（subsidy/award/tax/loan/rent/service/other）' }),
        amountText: OptNullable(Type.String({ maxLength: 500 })),
        description: OptNullable(Type.String({ maxLength: 5000 })),
      }),
      { maxItems: 50 },
    ),
  ),
});

export const PolicyItem = Type.Object({
  id: Type.Integer(),
  seq: Type.Integer(),
  name: Type.String(),
  kind: Type.String(),
  kindLabel: Type.String(),
  amountText: Nullable(Type.String()),
  description: Type.String(),
  testCases: Type.Optional(Type.Array(TestCase, { description: '工作人员可见' })),
  rule: Nullable(RuleVersion),
  versions: Type.Optional(Type.Array(RuleVersion, { description: '工作人员可见' })),
});
export const PolicyView = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  docNumber: Nullable(Type.String()),
  issuer: Type.String(),
  publishedOn: Nullable(IsoDate),
  validFrom: Nullable(IsoDate),
  validTo: Nullable(IsoDate),
  body: Type.String(),
  interpretation: Type.String(),
  topics: Type.Array(Type.String()),
  attachments: Type.Array(Attachment),
  status: PolicyStatus,
  isDemo: Type.Boolean(),
  items: Type.Array(PolicyItem),
  pendingRevision: Nullable(
    Type.Object({ by: Type.String(), at: Timestamp, policy: PolicyBody }, { description: '已发布政策的待发布修改（工作人员可见；营商办发布后生效）' }),
  ),
});

export const MatchSummary = Type.Object({
  enterprises: Type.Integer(),
  items: Type.Integer(),
  evaluations: Type.Integer(),
  eligible: Type.Integer(),
  unknown: Type.Integer(),
  notified: Type.Integer(),
  seconds: Type.Number(),
});
/** A full match queued: follow it at GET /api/jobs/runs/:runId (progress, cancel, result). */
export const MatchStarted = Type.Object({ runId: Type.Integer({ description: '后台任务的运行编号' }) });
export const PublishedPolicy = Type.Composite([PolicyView, Type.Object({ match: MatchSummary })]);

export const SearchQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  issuer: Type.Optional(Type.String({ maxLength: 200 })),
  topic: Type.Optional(Type.String({ maxLength: 50 })),
  valid: Type.Optional(Type.Boolean({ description: '只看仍有效的政策' })),
  all: Type.Optional(Type.Boolean({ description: '含草稿和已废止（工作人员）' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
});
const Segment = Type.Object({ text: Type.String(), hit: Type.Optional(Type.Boolean()) });
export const SearchResult = Type.Object({
  total: Type.Integer(),
  words: Type.Array(Type.String(), { description: '分词后的检索词' }),
  tookMs: Type.Number(),
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      title: Type.String(),
      docNumber: Nullable(Type.String()),
      issuer: Type.String(),
      publishedOn: Nullable(IsoDate),
      validTo: Nullable(IsoDate),
      topics: Type.Array(Type.String()),
      status: PolicyStatus,
      isDemo: Type.Boolean(),
      rank: Nullable(Type.Number()),
      titleMarked: Type.Array(Segment),
      snippet: Type.Array(Segment),
    }),
  ),
});
export const Facets = Type.Object({
  issuers: Type.Array(Type.String()),
  topics: Type.Array(Type.String()),
  itemKinds: Type.Record(Type.String(), Type.String(), { description: '事项类型 → 中文名' }),
});
export const AttachmentParams = Type.Object({ id: Id, key: Type.String({ maxLength: 40 }) });
export const AttachmentLink = Attachment;

// ---------------------------------------------------------------------------------------------
// Rules

export const RuleBody = Type.Object({
  condition: Condition,
  amount: OptNullable(AmountRule),
  effectiveFrom: IsoDate,
  effectiveTo: OptDate,
});
export const TestCasesBody = Type.Array(TestCase, { maxItems: 100 });
export const PublishedRule = Type.Object({ version: RuleVersion, tests: Type.Array(TestResult), pushed: Type.Integer({ description: '推送的消息数' }) });
export const PreviewBody = Type.Object({
  condition: Condition,
  amount: OptNullable(AmountRule),
  asOf: Type.Optional(IsoDate),
  enterpriseIds: Type.Optional(Type.Array(Id, { maxItems: 50 })),
  profiles: Type.Optional(Type.Array(Profile, { maxItems: 50 })),
});
export const Preview = Type.Object({
  conditionText: Type.String(),
  amountText: Nullable(Type.String()),
  results: Type.Array(Type.Object({ enterpriseId: Nullable(Type.Integer()), name: Type.String(), profile: Profile, ...EvaluationProps })),
});
export const AsOfQuery = Type.Object({ asOf: Type.Optional(IsoDate) });
export const ActiveRule = Type.Object({
  itemId: Type.Integer(),
  itemName: Type.String(),
  policyId: Type.Integer(),
  policyTitle: Type.String(),
  docNumber: Nullable(Type.String()),
  issuer: Type.String(),
  publishedOn: Nullable(IsoDate),
  kind: Type.String(),
  amountText: Nullable(Type.String()),
  version: RuleVersion,
});

// ---------------------------------------------------------------------------------------------
// Calculator

export const CalculatorResult = Type.Object({
  ...EvaluationProps,
  itemId: Type.Integer(),
  itemName: Type.String(),
  kind: Type.String(),
  amountStated: Nullable(Type.String({ description: '政策原文中的金额表述' })),
  policyId: Type.Integer(),
  policyTitle: Type.String(),
  docNumber: Nullable(Type.String()),
  issuer: Type.String(),
  ruleVersion: Type.Integer(),
  ruleVersionId: Type.Integer(),
  conditionText: Type.String(),
});
export const CalculatorQuery = Type.Object({ enterpriseId: Type.Optional(Id), asOf: Type.Optional(IsoDate) });
export const Calculation = Type.Object({
  enterprise: Type.Object({ id: Type.Integer(), name: Type.String(), sizeClass: Nullable(Type.String()) }),
  asOf: IsoDate,
  results: Type.Array(CalculatorResult),
});
export const TryCalculation = Type.Object({ asOf: IsoDate, results: Type.Array(CalculatorResult) });

// ---------------------------------------------------------------------------------------------
// 应享尽享: funnel and applications

export const FunnelSummary = Type.Array(
  Type.Object({
    item_id: Type.Integer(),
    item_name: Type.String(),
    policy_id: Type.Integer(),
    title: Type.String(),
    eligible: Type.Integer({ description: '符合条件的企业数' }),
    applied: Type.Integer({ description: '已申报（含已兑现）' }),
    granted: Type.Integer({ description: '已兑现' }),
  }),
);
export const Funnel = Type.Object({
  itemId: Type.Integer(),
  itemName: Type.String(),
  policyTitle: Type.String(),
  stages: Type.Array(Type.Object({ stage: StringEnum(['eligible', 'notified', 'read', 'applied', 'granted']), label: Type.String(), count: Type.Integer() })),
  notApplied: Type.Array(
    Type.Object({
      enterpriseId: Type.Integer(),
      name: Type.String(),
      creditCode: Type.String(),
      amount: Nullable(Type.Number()),
      notified: Type.Boolean(),
      read: Type.Boolean(),
      ruleVersion: Type.Integer(),
    }),
  ),
  reached: Type.Array(Type.Object({ enterpriseId: Type.Integer(), name: Type.String(), read: Type.Boolean() })),
});
/** A download (.xlsx): the reply is the file itself (a Buffer on the server, binary on the wire). */
export const FileDownload = (description: string) => Type.Unsafe<Buffer>(Type.String({ format: 'binary', description }));
export const ApplicationsImported = Type.Object({ rows: Type.Integer(), changed: Type.Integer() });
export const ApplicationBody = Type.Object({
  enterpriseId: Id,
  status: StringEnum(['applied', 'granted', 'rejected'], { description: 'applied 已申报；granted 已兑现；rejected 未通过' }),
  appliedOn: OptDate,
  grantedOn: OptDate,
  grantedAmount: OptNullable(Type.Number({ minimum: 0 })),
});

export type PolicyBody = Static<typeof PolicyBody>;
