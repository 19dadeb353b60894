import { Type } from '@sinclair/typebox';
import { RuleConditionSchema, RuleExplanationSchema, RuleTestCaseSchema, RuleTestResultSchema } from '../policies/index.js';
import { Id, IsoDate, Nullable, StringEnum, Timestamp } from '../shared/index.js';
import {
  FINANCE_COLLATERALS,
  FINANCE_INSTITUTION_KINDS,
  FINANCE_LOAN_KINDS,
  FINANCE_NEED_STATUSES,
  FINANCE_PRODUCT_STATUSES,
  FINANCE_PRODUCT_TYPES,
  FINANCE_REPAYMENTS,
  FINANCE_URGENCIES,
} from './core/index.js';

/** The contract of /api/finance (渝中融, first part). Amounts 万元, terms months, rates % a year. */
const Text = (max: number, title?: string) => Type.String({ maxLength: max, ...(title ? { title } : {}) });
const Amount = (title: string) => Type.Number({ minimum: 0, maximum: 10_000_000, title, description: '万元' });
const Months = (title: string) => Type.Integer({ minimum: 1, maximum: 600, title, description: '月' });
const Rate = (title: string) => Type.Number({ minimum: 0, maximum: 36, title, description: '年利率 %' });

export const InstitutionKind = StringEnum(FINANCE_INSTITUTION_KINDS);
export const ProductType = StringEnum(FINANCE_PRODUCT_TYPES);
export const Repayment = StringEnum(FINANCE_REPAYMENTS);
export const Collateral = StringEnum(FINANCE_COLLATERALS);
export const LoanKind = StringEnum(FINANCE_LOAN_KINDS);
export const Urgency = StringEnum(FINANCE_URGENCIES);
export const ProductStatus = StringEnum(FINANCE_PRODUCT_STATUSES, { description: 'draft 草稿；published 在售；withdrawn 已下架' });
export const NeedStatus = StringEnum(FINANCE_NEED_STATUSES, { description: 'open 对接中；closed 已关闭' });
export const MatchOutcome = StringEnum(['eligible', 'unknown', 'not_eligible'], { description: 'eligible 符合；unknown 无法判断；not_eligible 不符合' });

// ---- institutions and bank accounts ----
export const InstitutionParams = Type.Object({ institutionId: Id });
export const InstitutionBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100, title: '机构名称' }),
  kind: InstitutionKind,
  branch: Type.Optional(Nullable(Text(100, '分支机构'))),
  parentId: Type.Optional(Nullable(Id)),
  contact: Type.Optional(Nullable(Text(200, '联系方式'))),
  active: Type.Optional(Type.Boolean()),
});
export const Institution = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  kind: InstitutionKind,
  branch: Nullable(Type.String()),
  parentId: Nullable(Type.Integer()),
  parentName: Nullable(Type.String()),
  displayName: Type.String({ description: '机构名称与分支机构' }),
  contact: Nullable(Type.String()),
  active: Type.Boolean(),
  staff: Type.Integer({ description: '金融机构账号数' }),
  products: Type.Integer({ description: '在售产品数' }),
});
export const InstitutionList = Type.Array(Institution);
export const Created = Type.Object({ id: Type.Integer() });
export const BankAccountBody = Type.Object({
  account: Type.String({ minLength: 2, maxLength: 50, pattern: '^[A-Za-z0-9_.-]+$', title: '账号' }),
  name: Type.String({ minLength: 1, maxLength: 50, title: '姓名' }),
  institutionId: Id,
  password: Type.Optional(Text(200, '初始密码')),
});
export const BankAccountCreated = Type.Object({ id: Type.Integer(), oneTimePassword: Nullable(Type.String({ description: '一次性密码，仅显示一次' })) });
export const BankAccount = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  institutionId: Type.Integer(),
  institution: Type.String(),
  linkedAt: Timestamp,
});
export const BankAccountList = Type.Array(BankAccount);
export const BankMe = Type.Object({
  institutionId: Type.Integer(),
  institution: Type.String(),
  actsFor: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
});

// ---- products ----
export const ProductParams = Type.Object({ productId: Id });
export const ProductBody = Type.Object({
  institutionId: Type.Optional(Id),
  name: Type.String({ minLength: 1, maxLength: 100, title: '产品名称' }),
  type: ProductType,
  amountMin: Amount('最低额度'),
  amountMax: Amount('最高额度'),
  termMin: Months('最短期限'),
  termMax: Months('最长期限'),
  rateMin: Rate('最低年利率'),
  rateMax: Rate('最高年利率'),
  repayment: Type.Array(Repayment, { maxItems: 10, title: '还款方式' }),
  collateral: Type.Array(Collateral, { maxItems: 10, title: '担保方式' }),
  collateralNote: Type.Optional(Nullable(Text(500, '担保说明'))),
  description: Type.String({ minLength: 1, maxLength: 4000, title: '产品说明' }),
  condition: RuleConditionSchema,
  testCases: Type.Array(RuleTestCaseSchema, { maxItems: 100 }),
});
const TermsProps = {
  name: Type.String(),
  type: ProductType,
  amountMin: Type.Number(),
  amountMax: Type.Number(),
  termMin: Type.Integer(),
  termMax: Type.Integer(),
  rateMin: Type.Number(),
  rateMax: Type.Number(),
  repayment: Type.Array(Repayment),
  collateral: Type.Array(Collateral),
  collateralNote: Nullable(Type.String()),
  description: Type.String(),
  conditionText: Type.String({ description: '准入条件的中文表述' }),
};
export const ProductVersion = Type.Object({
  id: Type.Integer(),
  version: Type.Integer(),
  ...TermsProps,
  condition: RuleConditionSchema,
  testCases: Type.Array(RuleTestCaseSchema),
  testResults: Type.Array(RuleTestResultSchema),
  validFrom: Nullable(IsoDate),
  validTo: Nullable(IsoDate),
  publishedBy: Nullable(Type.String({ description: '发布人姓名' })),
  publishedAt: Nullable(Timestamp),
  createdBy: Type.String({ description: '编辑人姓名' }),
  createdAt: Timestamp,
});
export const ProductDetail = Type.Object({
  id: Type.Integer(),
  institutionId: Type.Integer(),
  institution: Type.String(),
  status: ProductStatus,
  withdrawnOn: Nullable(IsoDate),
  currentVersionId: Nullable(Type.Integer()),
  /** The latest version not yet published, if any. */
  draftVersionId: Nullable(Type.Integer()),
  versions: Type.Array(ProductVersion, { description: '新版本在前' }),
});
export const ManagedProduct = Type.Object({
  id: Type.Integer(),
  institution: Type.String(),
  status: ProductStatus,
  name: Type.String({ description: '最新版本的名称' }),
  type: ProductType,
  version: Type.Integer({ description: '最新版本号' }),
  hasDraft: Type.Boolean(),
  validFrom: Nullable(IsoDate),
});
export const ManagedProductList = Type.Array(ManagedProduct);
export const TestRunBody = Type.Object({ condition: RuleConditionSchema, testCases: Type.Array(RuleTestCaseSchema, { maxItems: 100 }) });
export const TestRun = Type.Object({ conditionText: Type.String(), results: Type.Array(RuleTestResultSchema), problems: Type.Array(Type.String()) });
export const Published = Type.Object({
  versionId: Type.Integer(),
  version: Type.Integer(),
  results: Type.Array(RuleTestResultSchema),
  matched: Type.Integer(),
});

export const CatalogueQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  type: Type.Optional(ProductType),
  institutionId: Type.Optional(Id),
  amount: Type.Optional(Type.Number({ minimum: 0, maximum: 10_000_000, description: '需要的金额（万元）：只列额度覆盖它的产品' })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export const CatalogueProduct = Type.Object({
  id: Type.Integer(),
  versionId: Type.Integer(),
  institutionId: Type.Integer(),
  institution: Type.String(),
  institutionKind: InstitutionKind,
  ...TermsProps,
  validFrom: Nullable(IsoDate),
});
export const CataloguePage = Type.Object({
  total: Type.Integer(),
  items: Type.Array(CatalogueProduct),
  institutions: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() }), { description: '有在售产品的机构（筛选用）' }),
});

// ---- needs ----
export const NeedParams = Type.Object({ needId: Id });
export const NeedBody = Type.Object({
  amount: Type.Number({ exclusiveMinimum: 0, maximum: 10_000_000, title: '融资金额', description: '万元' }),
  termMonths: Months('融资期限'),
  purpose: Type.String({ minLength: 1, maxLength: 1000, title: '资金用途' }),
  collateral: Type.Array(Collateral, { maxItems: 10, title: '可提供的担保' }),
  collateralNote: Type.Optional(Nullable(Text(500, '担保说明'))),
  loanKind: LoanKind,
  urgency: Urgency,
});
export const CloseNeedBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500, title: '关闭原因' }) });
export const Need = Type.Object({
  id: Type.Integer(),
  enterpriseId: Type.Integer(),
  enterprise: Type.String(),
  amount: Type.Number(),
  termMonths: Type.Integer(),
  purpose: Type.String(),
  collateral: Type.Array(Collateral),
  collateralNote: Nullable(Type.String()),
  loanKind: LoanKind,
  urgency: Urgency,
  status: NeedStatus,
  closedReason: Nullable(Type.String()),
  postedOn: IsoDate,
  eligible: Type.Integer({ description: '符合条件的在售产品数' }),
  unknown: Type.Integer({ description: '无法判断的在售产品数' }),
});
export const NeedList = Type.Array(Need);
const FitAspect = Type.Object({
  aspect: StringEnum(['amount', 'term', 'rate', 'collateral', 'kind']),
  label: Type.String(),
  score: Type.Number(),
  text: Type.String(),
});
export const NeedMatch = Type.Object({
  productId: Type.Integer(),
  versionId: Type.Integer(),
  name: Type.String(),
  type: ProductType,
  institution: Type.String(),
  amountMin: Type.Number(),
  amountMax: Type.Number(),
  termMin: Type.Integer(),
  termMax: Type.Integer(),
  rateMin: Type.Number(),
  rateMax: Type.Number(),
  outcome: MatchOutcome,
  conditionText: Type.String(),
  explanation: RuleExplanationSchema,
  missing: Type.Array(Type.Object({ text: Type.String(), supply: Type.String() })),
  fit: Type.Object({ score: Type.Number({ description: '匹配度 0–100' }), aspects: Type.Array(FitAspect) }),
});
export const NeedMatches = Type.Object({
  need: Need,
  asOf: IsoDate,
  counts: Type.Object({ eligible: Type.Integer(), unknown: Type.Integer(), notEligible: Type.Integer() }),
  matches: Type.Array(NeedMatch, { description: '符合、无法判断、不符合，各自按匹配度排序' }),
});
export const UnmatchedQuery = Type.Object({ status: Type.Optional(NeedStatus) });
export const Followup = Type.Object({ id: Type.Integer(), note: Type.String(), by: Type.String({ description: '记录人姓名' }), at: Timestamp });
export const UnmatchedNeed = Type.Composite([Need, Type.Object({ followups: Type.Array(Followup) })]);
export const UnmatchedList = Type.Array(UnmatchedNeed);
export const FollowupBody = Type.Object({ note: Type.String({ minLength: 1, maxLength: 2000, title: '跟进情况' }) });
