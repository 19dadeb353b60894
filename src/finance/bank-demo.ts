/**
 * Demo banks of 渝中融 for `bizenv demo` (labelled: institution names start with （演示）, products end with （演示）,
 * rows `is_demo`): financial institutions with branches, one bank staff account per institution row (the demo
 * password of the other demo accounts), and products of several types with eligibility rules in the policies'
 * language and their test cases, published from the start of the plan year (so a year of demo applications can
 * refer to them). Reproducible; institutions and accounts that exist are kept; products are added only when there
 * are no demo products yet.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.js';
import { createUser, findAccountId, loadSessionUser, type SessionUser } from '../auth/index.js';
import type { Database } from '../db/index.js';
import type { Condition, RuleTestCase } from '../policies/index.js';
import type { FinanceInstitutionKind } from './core/index.js';
import { createInstitution } from './institution-store.js';
import { createProduct, publishProduct, type ProductInput } from './product-store.js';

interface DemoInstitution {
  key: string;
  name: string;
  kind: FinanceInstitutionKind;
  branch?: string;
  parent?: string;
  account: string;
  person: string;
}

/** Head offices first (their branches refer to them by key). */
export const DEMO_INSTITUTIONS: DemoInstitution[] = [
  { key: 'cqb', name: '（演示）重庆银行', kind: '银行', account: 'demo-bank1', person: '重庆银行普惠金融部（演示）' },
  {
    key: 'cqb-yz',
    name: '（演示）重庆银行',
    kind: '银行',
    branch: '渝中支行',
    parent: 'cqb',
    account: 'demo-bank1-yz',
    person: '重庆银行渝中支行客户经理（演示）',
  },
  {
    key: 'cqb-jfb',
    name: '（演示）重庆银行',
    kind: '银行',
    branch: '解放碑支行',
    parent: 'cqb',
    account: 'demo-bank1-jfb',
    person: '重庆银行解放碑支行客户经理（演示）',
  },
  { key: 'rcb', name: '（演示）重庆农村商业银行', kind: '银行', account: 'demo-bank2', person: '重庆农商行小企业部（演示）' },
  {
    key: 'rcb-yz',
    name: '（演示）重庆农村商业银行',
    kind: '银行',
    branch: '渝中支行',
    parent: 'rcb',
    account: 'demo-bank2-yz',
    person: '重庆农商行渝中支行客户经理（演示）',
  },
  { key: 'ccb-yz', name: '（演示）中国建设银行', kind: '银行', branch: '重庆渝中支行', account: 'demo-bank3', person: '建设银行渝中支行客户经理（演示）' },
  { key: 'guar', name: '（演示）渝中区融资担保有限公司', kind: '担保', account: 'demo-guarantee', person: '渝中担保业务部（演示）' },
];

const ASOF = '2026-06-01';
const ok = (name: string, profile: RuleTestCase['profile']): RuleTestCase => ({ name, asOf: ASOF, profile, expected: 'eligible' });
const no = (name: string, profile: RuleTestCase['profile']): RuleTestCase => ({ name, asOf: ASOF, profile, expected: 'not_eligible' });
const SMALL: Condition = { field: 'size', op: 'in', values: ['小型', '微型'] };
const GOOD_CREDIT: Condition = { field: 'credit_grade', op: 'in', values: ['A', 'B'] };

/** Demo products: owner key, terms, rule and test cases (every one passes; at least one 符合 and one 不符合). */
export const DEMO_PRODUCTS: Array<{ owner: string; product: ProductInput }> = [
  {
    owner: 'cqb-yz',
    product: {
      name: '渝快信用贷（演示）',
      type: '信用贷',
      amountMin: 10,
      amountMax: 500,
      termMin: 6,
      termMax: 36,
      rateMin: 3.45,
      rateMax: 4.8,
      repayment: ['按月付息到期还本', '等额本息'],
      collateral: [],
      description: '面向成立两年以上、信用等级良好的小微企业的纯信用贷款，线上申请，随借随还。',
      condition: { all: [SMALL, { field: 'age_years', op: '>=', value: 2 }, GOOD_CREDIT] },
      testCases: [
        ok('小型企业、成立 5 年、信用 A', { sizeClass: '小型', registeredOn: '2021-01-01', creditGrade: 'A' }),
        no('中型企业', { sizeClass: '中型', registeredOn: '2021-01-01', creditGrade: 'A' }),
        no('信用等级 C', { sizeClass: '微型', registeredOn: '2020-01-01', creditGrade: 'C' }),
      ],
    },
  },
  {
    owner: 'cqb-jfb',
    product: {
      name: '税e贷（演示）',
      type: '银税互动',
      amountMin: 10,
      amountMax: 300,
      termMin: 3,
      termMax: 12,
      rateMin: 3.6,
      rateMax: 5,
      repayment: ['随借随还', '按月付息到期还本'],
      collateral: [],
      description: '依据纳税信用和纳税记录核定额度的银税互动贷款，纳税信用 A、B 级企业可申请。',
      condition: { all: [GOOD_CREDIT, { field: 'age_years', op: '>=', value: 2 }, { field: 'revenue', op: '>=', value: 100 }] },
      testCases: [
        ok('信用 B、成立 3 年、营收 400 万元', { creditGrade: 'B', registeredOn: '2023-01-01', revenue: 400 }),
        no('营收 50 万元', { creditGrade: 'A', registeredOn: '2020-01-01', revenue: 50 }),
      ],
    },
  },
  {
    owner: 'cqb',
    product: {
      name: '知识产权质押贷（演示）',
      type: '知识产权质押',
      amountMin: 50,
      amountMax: 1000,
      termMin: 12,
      termMax: 36,
      rateMin: 3.5,
      rateMax: 4.5,
      repayment: ['分期还本', '按月付息到期还本'],
      collateral: ['知识产权'],
      description: '以专利权、商标权质押的科技企业贷款，区级贴息政策可叠加。',
      condition: {
        any: [
          { field: 'qualification', op: 'has', value: '高新技术企业' },
          { field: 'qualification', op: 'has', value: '专精特新' },
          { field: 'qualification', op: 'has', value: '科技型企业' },
        ],
      },
      testCases: [
        ok('有效的高新技术企业', { qualifications: [{ tag: '高新技术企业', validFrom: '2025-01-01', validTo: '2027-12-31' }] }),
        no('资质已过期', { qualifications: [{ tag: '科技型企业', validFrom: '2024-01-01', validTo: '2024-12-31' }] }),
      ],
    },
  },
  {
    owner: 'rcb-yz',
    product: {
      name: '房易贷（演示）',
      type: '抵押贷',
      amountMin: 50,
      amountMax: 2000,
      termMin: 12,
      termMax: 60,
      rateMin: 3.2,
      rateMax: 4.5,
      repayment: ['等额本息', '等额本金', '分期还本'],
      collateral: ['房产', '土地'],
      description: '以企业或实际控制人名下房产、土地抵押，抵押率最高 70%。',
      condition: { all: [{ field: 'age_years', op: '>=', value: 1 }, { not: { field: 'credit_grade', op: 'in', values: ['D'] } }] },
      testCases: [ok('成立 3 年、信用 B', { registeredOn: '2023-01-01', creditGrade: 'B' }), no('信用 D', { registeredOn: '2015-01-01', creditGrade: 'D' })],
    },
  },
  {
    owner: 'rcb',
    product: {
      name: '首贷通（演示）',
      type: '首贷',
      amountMin: 10,
      amountMax: 200,
      termMin: 6,
      termMax: 24,
      rateMin: 3.8,
      rateMax: 5.5,
      repayment: ['按月付息到期还本', '随借随还'],
      collateral: [],
      description: '首贷续贷中心推荐的首次贷款产品，面向从未获得银行贷款的小微企业。',
      condition: { all: [SMALL, { not: { field: 'credit_grade', op: 'in', values: ['D'] } }] },
      testCases: [ok('微型企业、信用 C', { sizeClass: '微型', creditGrade: 'C' }), no('中型企业', { sizeClass: '中型', creditGrade: 'A' })],
    },
  },
  {
    owner: 'ccb-yz',
    product: {
      name: '续贷通（演示）',
      type: '无还本续贷',
      amountMin: 20,
      amountMax: 1000,
      termMin: 12,
      termMax: 36,
      rateMin: 3.3,
      rateMax: 4.2,
      repayment: ['按月付息到期还本', '分期还本'],
      collateral: [],
      description: '贷款到期前申请，经营正常的企业无需先还本即可续贷，避免过桥资金。',
      condition: {
        all: [
          { field: 'age_years', op: '>=', value: 3 },
          { field: 'credit_grade', op: 'in', values: ['A', 'B', 'C'] },
        ],
      },
      testCases: [ok('成立 6 年、信用 A', { registeredOn: '2020-01-01', creditGrade: 'A' }), no('成立 1 年', { registeredOn: '2025-06-01', creditGrade: 'A' })],
    },
  },
  {
    owner: 'ccb-yz',
    product: {
      name: '链e贷（演示）',
      type: '供应链',
      amountMin: 20,
      amountMax: 800,
      termMin: 3,
      termMax: 12,
      rateMin: 3.5,
      rateMax: 4.6,
      repayment: ['到期一次还本付息', '随借随还'],
      collateral: ['应收账款'],
      description: '以核心企业应付账款确权为基础的应收账款融资，适用于批发零售和制造业上游供应商。',
      condition: {
        all: [
          { field: 'industry', op: 'in', values: ['C', 'F'] },
          { field: 'employees', op: '>=', value: 10 },
        ],
      },
      testCases: [ok('批发业、30 人', { industryCode: '5211', employees: 30 }), no('软件业', { industryCode: '6510', employees: 30 })],
    },
  },
  {
    owner: 'guar',
    product: {
      name: '助保贷（演示）',
      type: '担保贷',
      amountMin: 10,
      amountMax: 500,
      termMin: 6,
      termMax: 24,
      rateMin: 4.5,
      rateMax: 6,
      repayment: ['按月付息到期还本', '等额本息'],
      collateral: ['担保公司担保'],
      description: '区政府性融资担保机构提供担保，担保费率不超过 1%，适合缺少抵押物的小微企业。',
      condition: {
        all: [
          { field: 'size', op: 'in', values: ['中型', '小型', '微型'] },
          { field: 'employees', op: '>=', value: 3 },
        ],
      },
      testCases: [ok('小型企业、12 人', { sizeClass: '小型', employees: 12 }), no('大型企业', { sizeClass: '大型', employees: 1200 })],
    },
  },
];

export interface BankDemoResult {
  institutions: number;
  accounts: string[];
  products: number;
}

/** Adds the demo institutions, bank accounts and published products (see the file comment). */
export async function seedFinanceBankDemo(db: Kysely<Database>, p: { password: string; actor: string; publishFrom: string }): Promise<BankDemoResult> {
  const ids = new Map<string, number>();
  let institutions = 0;
  for (const d of DEMO_INSTITUTIONS) {
    const branch = d.branch ?? null;
    const found = await db
      .selectFrom('finance_institution')
      .select('id')
      .where('name', '=', d.name)
      .where((eb) => (branch === null ? eb('branch', 'is', null) : eb('branch', '=', branch)))
      .executeTakeFirst();
    if (found) ids.set(d.key, found.id);
    else {
      const parentId = d.parent ? ids.get(d.parent) : undefined;
      ids.set(
        d.key,
        await createInstitution(
          db,
          p.actor,
          { name: d.name, kind: d.kind, branch, parentId: parentId ?? null, contact: '023-6388xxxx（演示）' },
          { isDemo: true },
        ),
      );
      institutions++;
    }
  }
  const users = new Map<string, SessionUser>();
  const accounts: string[] = [];
  for (const d of DEMO_INSTITUTIONS) {
    const existing = await findAccountId(db, d.account);
    if (existing !== undefined) {
      users.set(d.key, await loadSessionUser(db, existing));
      continue;
    }
    const user = await createUser(db, { account: d.account, name: d.person, role: 'bank', password: p.password, actor: p.actor });
    await db.transaction().execute(async (trx) => {
      const row = { user_id: user.id, institution_id: ids.get(d.key)!, linked_by: p.actor };
      await trx.insertInto('finance_bank_staff').values(row).execute();
      await recordAudit(trx, { actor: p.actor, action: 'finance.bank_staff.link', entity: 'finance_bank_staff', entityId: user.id, after: row });
    });
    users.set(d.key, user);
    accounts.push(d.account);
  }
  const anyDemo = await db.selectFrom('finance_product').select('id').where('is_demo', '=', true).executeTakeFirst();
  let products = 0;
  if (!anyDemo)
    for (const { owner, product } of DEMO_PRODUCTS) {
      const user = users.get(owner)!;
      const id = await createProduct(db, user, { ...product, institutionId: ids.get(owner)! }, { isDemo: true });
      await publishProduct(db, user, id, p.publishFrom);
      products++;
    }
  return { institutions, accounts, products };
}
