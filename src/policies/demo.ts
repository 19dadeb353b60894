import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { createUser, findAccountId } from '../auth/index.js';
import { demoEnterprises, enterpriseIdsByCreditCode, getEnterprise, upsertEnterprises } from '../enterprises/index.js';
import type { AmountRule, Condition, RuleTestCase } from './core/index.js';
import { addRuleVersion, matchAndPush, publishRuleVersion, setTestCases, today } from './matching.js';
import { createPolicy, getPolicy, setPolicyStatus } from './policy-store.js';

/**
 * Demo policies written in the style of Chongqing district policies (渝中区). They are labelled
 * “（演示）” and carry made-up document numbers (渝中演示〔2025〕N号): they are not real documents.
 */
interface DemoItem {
  name: string;
  kind: string;
  amountText: string;
  description: string;
  condition: Condition;
  amount?: AmountRule;
  tests: RuleTestCase[];
}
interface DemoPolicy {
  title: string;
  docNumber: string;
  issuer: string;
  publishedOn: string;
  validFrom: string;
  validTo: string;
  topics: string[];
  body: string;
  interpretation: string;
  items: DemoItem[];
}

const HQ = { tag: '高新技术企业', validFrom: '2024-01-01', validTo: '2026-12-31' };
const ZJTX = { tag: '专精特新', validFrom: '2024-06-01', validTo: '2027-05-31' };
const D = '2025-12-01';

export const DEMO_POLICIES: DemoPolicy[] = [
  {
    title: '（演示）渝中区支持专精特新企业高质量发展若干措施',
    docNumber: '渝中演示〔2025〕1号',
    issuer: '重庆市渝中区人民政府办公室',
    publishedOn: '2025-03-18',
    validFrom: '2025-04-01',
    validTo: '2027-12-31',
    topics: ['专精特新', '企业培育'],
    body:
      '为深入贯彻落实党中央、国务院关于促进中小企业专精特新发展的决策部署，加快培育一批专注细分市场、创新能力强、质量效益高的优质中小企业，结合渝中区实际，制定本措施。\n' +
      '一、支持企业梯度培育。对首次被认定为重庆市专精特新中小企业的，给予一次性奖励10万元；对首次被认定为国家级专精特新“小巨人”企业的，给予一次性奖励50万元。\n' +
      '二、支持企业做大做强。对专精特新企业上年度营业收入首次突破5000万元的，按营业收入的0.2%给予奖励，最高不超过30万元。\n' +
      '三、本措施适用于在渝中区注册、具有独立法人资格、信用状况良好的企业。被列入严重失信主体名单的企业不得享受本措施。',
    interpretation:
      '政策解读：本措施分梯度支持专精特新企业。重点：1. 市级专精特新企业一次性奖励10万元；2. “小巨人”企业一次性奖励50万元；3. 营收突破5000万元的专精特新企业按营收0.2%奖励、最高30万元。信用等级为D（信用风险高）的企业不能享受。',
    items: [
      {
        name: '专精特新企业认定奖励',
        kind: 'award',
        amountText: '一次性奖励10万元',
        description: '首次被认定为重庆市专精特新中小企业',
        condition: { all: [{ field: 'qualification', op: 'has', value: '专精特新' }, { not: { field: 'credit_grade', op: 'in', values: ['D'] } }] },
        amount: { kind: 'fixed', amount: 10 },
        tests: [
          { name: '有效专精特新、信用A', asOf: D, profile: { creditGrade: 'A', qualifications: [ZJTX] }, expected: 'eligible', expectedAmount: 10 },
          { name: '信用D', asOf: D, profile: { creditGrade: 'D', qualifications: [ZJTX] }, expected: 'not_eligible' },
          { name: '资质已过期', asOf: '2027-06-01', profile: { creditGrade: 'A', qualifications: [ZJTX] }, expected: 'not_eligible' },
          { name: '未登记信用等级', asOf: D, profile: { qualifications: [ZJTX] }, expected: 'unknown' },
        ],
      },
      {
        name: '专精特新“小巨人”企业奖励',
        kind: 'award',
        amountText: '一次性奖励50万元',
        description: '首次被认定为国家级专精特新“小巨人”企业',
        condition: { all: [{ field: 'qualification', op: 'has', value: '专精特新“小巨人”' }, { not: { field: 'credit_grade', op: 'in', values: ['D'] } }] },
        amount: { kind: 'fixed', amount: 50 },
        tests: [
          {
            name: '小巨人',
            asOf: D,
            profile: { creditGrade: 'B', qualifications: [{ tag: '专精特新“小巨人”', validFrom: '2025-07-01', validTo: '2028-06-30' }] },
            expected: 'eligible',
            expectedAmount: 50,
          },
          { name: '仅市级专精特新', asOf: D, profile: { creditGrade: 'B', qualifications: [ZJTX] }, expected: 'not_eligible' },
        ],
      },
      {
        name: '专精特新企业营收突破奖励',
        kind: 'award',
        amountText: '营业收入的0.2%，最高30万元',
        description: '专精特新企业上年度营业收入5000万元以上',
        condition: {
          all: [
            { field: 'qualification', op: 'has', value: '专精特新' },
            { field: 'revenue', op: '>=', value: 5000 },
            { not: { field: 'credit_grade', op: 'in', values: ['D'] } },
          ],
        },
        amount: { kind: 'rate', field: 'revenue', rate: 0.002, cap: 30 },
        tests: [
          {
            name: '营收8000万：16万元',
            asOf: D,
            profile: { revenue: 8000, creditGrade: 'A', qualifications: [ZJTX] },
            expected: 'eligible',
            expectedAmount: 16,
          },
          {
            name: '营收2亿：封顶30万元',
            asOf: D,
            profile: { revenue: 20000, creditGrade: 'A', qualifications: [ZJTX] },
            expected: 'eligible',
            expectedAmount: 30,
          },
          { name: '营收4999万', asOf: D, profile: { revenue: 4999, creditGrade: 'A', qualifications: [ZJTX] }, expected: 'not_eligible' },
        ],
      },
    ],
  },
  {
    title: '（演示）渝中区推动科技创新若干政策措施',
    docNumber: '渝中演示〔2025〕2号',
    issuer: '重庆市渝中区科学技术局',
    publishedOn: '2025-02-10',
    validFrom: '2025-01-01',
    validTo: '2027-12-31',
    topics: ['科技创新', '研发投入'],
    body:
      '第一条 对首次认定或重新认定的高新技术企业，给予20万元奖励。\n第二条 对上年度研发投入占营业收入比例达到3%以上的科技型企业，按上年度营业收入的1%给予研发投入补助，最高不超过100万元。\n' +
      '第三条 对成立不满5年、从业人员不超过100人的科技型企业，给予首贷贴息支持，贴息金额最高5万元。',
    interpretation:
      '解读：高新技术企业认定奖励20万元；研发投入强度达到3%的科技型企业按营收1%补助（封顶100万元）；初创期科技型企业（成立不满5年、不超过100人）首贷贴息最高5万元。',
    items: [
      {
        name: '高新技术企业认定奖励',
        kind: 'award',
        amountText: '20万元',
        description: '首次认定或重新认定的高新技术企业',
        condition: { all: [{ field: 'qualification', op: 'has', value: '高新技术企业' }] },
        amount: { kind: 'fixed', amount: 20 },
        tests: [
          { name: '有效期内高企', asOf: D, profile: { qualifications: [HQ] }, expected: 'eligible', expectedAmount: 20 },
          { name: '非高企', asOf: D, profile: { qualifications: [{ tag: '科技型企业' }] }, expected: 'not_eligible' },
        ],
      },
      {
        name: '研发投入补助',
        kind: 'subsidy',
        amountText: '营业收入的1%，最高100万元',
        description: '研发投入占营业收入3%以上的科技型企业',
        condition: {
          all: [
            {
              any: [
                { field: 'qualification', op: 'has', value: '科技型企业' },
                { field: 'qualification', op: 'has', value: '高新技术企业' },
              ],
            },
            { field: 'rd_ratio', op: '>=', value: 3 },
          ],
        },
        amount: { kind: 'rate', field: 'revenue', rate: 0.01, cap: 100 },
        tests: [
          {
            name: '科技型、研发4%、营收3000万：30万元',
            asOf: D,
            profile: { rdRatio: 4, revenue: 3000, qualifications: [{ tag: '科技型企业' }] },
            expected: 'eligible',
            expectedAmount: 30,
          },
          { name: '研发占比2.9%', asOf: D, profile: { rdRatio: 2.9, revenue: 3000, qualifications: [HQ] }, expected: 'not_eligible' },
          { name: '未填研发占比', asOf: D, profile: { revenue: 3000, qualifications: [HQ] }, expected: 'unknown' },
        ],
      },
      {
        name: '初创科技型企业首贷贴息',
        kind: 'loan',
        amountText: '最高5万元',
        description: '成立不满5年、从业人员不超过100人的科技型企业',
        condition: {
          all: [
            { field: 'qualification', op: 'has', value: '科技型企业' },
            { field: 'age_years', op: '<', value: 5 },
            { field: 'employees', op: '<=', value: 100 },
          ],
        },
        amount: { kind: 'fixed', amount: 5 },
        tests: [
          {
            name: '成立3年、30人',
            asOf: D,
            profile: { registeredOn: '2022-12-02', employees: 30, qualifications: [{ tag: '科技型企业' }] },
            expected: 'eligible',
            expectedAmount: 5,
          },
          {
            name: '恰满5年',
            asOf: D,
            profile: { registeredOn: '2020-12-01', employees: 30, qualifications: [{ tag: '科技型企业' }] },
            expected: 'not_eligible',
          },
          {
            name: '101人',
            asOf: D,
            profile: { registeredOn: '2022-12-02', employees: 101, qualifications: [{ tag: '科技型企业' }] },
            expected: 'not_eligible',
          },
        ],
      },
    ],
  },
  {
    title: '（演示）渝中区促进商贸消费提质扩容若干措施',
    docNumber: '渝中演示〔2025〕3号',
    issuer: '重庆市渝中区商务委员会',
    publishedOn: '2025-04-22',
    validFrom: '2025-05-01',
    validTo: '2026-12-31',
    topics: ['商贸消费', '升规入统'],
    body:
      '一、支持商贸企业升规入统。对批发业年营业收入达到2000万元、零售业年营业收入达到500万元的商贸企业，按年营业收入分档给予一次性奖励：2000万元以上5万元，1亿元以上10万元，5亿元以上20万元。\n' +
      '二、支持餐饮、住宿企业稳定经营。对位于解放碑街道、朝天门街道的中小微餐饮住宿企业，给予一次性经营补贴2万元。',
    interpretation:
      '解读：批发企业营收2000万元以上、零售企业营收500万元以上可申请升规奖励（按营收分档5/10/20万元）；解放碑、朝天门两个街道的中小微餐饮住宿企业可获2万元经营补贴。',
    items: [
      {
        name: '商贸企业升规奖励',
        kind: 'award',
        amountText: '按营业收入分档5万、10万、20万元',
        description: '批发业营收2000万元、零售业营收500万元以上',
        condition: {
          any: [
            {
              all: [
                { field: 'industry', op: 'in', values: ['51'] },
                { field: 'revenue', op: '>=', value: 2000 },
              ],
            },
            {
              all: [
                { field: 'industry', op: 'in', values: ['52'] },
                { field: 'revenue', op: '>=', value: 500 },
              ],
            },
          ],
        },
        amount: {
          kind: 'tiered',
          field: 'revenue',
          tiers: [
            { min: 0, amount: 5 },
            { min: 10000, amount: 10 },
            { min: 50000, amount: 20 },
          ],
        },
        tests: [
          { name: '批发营收1.2亿：10万元', asOf: D, profile: { industryCode: '5191', revenue: 12000 }, expected: 'eligible', expectedAmount: 10 },
          { name: '零售营收600万：5万元', asOf: D, profile: { industryCode: '5212', revenue: 600 }, expected: 'eligible', expectedAmount: 5 },
          { name: '批发营收1999万', asOf: D, profile: { industryCode: '5191', revenue: 1999 }, expected: 'not_eligible' },
          { name: '软件企业', asOf: D, profile: { industryCode: '6510', revenue: 9000 }, expected: 'not_eligible' },
        ],
      },
      {
        name: '餐饮住宿企业经营补贴',
        kind: 'subsidy',
        amountText: '2万元',
        description: '解放碑、朝天门街道的中小微餐饮住宿企业',
        condition: {
          all: [
            { field: 'industry', op: 'in', values: ['H'] },
            { field: 'street', op: 'in', values: ['解放碑街道', '朝天门街道'] },
            { field: 'size', op: 'in', values: ['中型', '小型', '微型'] },
          ],
        },
        amount: { kind: 'fixed', amount: 2 },
        tests: [
          {
            name: '解放碑小型餐饮',
            asOf: D,
            profile: { industryCode: '6210', street: '解放碑街道', employees: 50, revenue: 800 },
            expected: 'eligible',
            expectedAmount: 2,
          },
          { name: '大型餐饮', asOf: D, profile: { industryCode: '6210', street: '解放碑街道', employees: 300, revenue: 10000 }, expected: 'not_eligible' },
          { name: '大坪街道', asOf: D, profile: { industryCode: '6210', street: '大坪街道', employees: 50, revenue: 800 }, expected: 'not_eligible' },
        ],
      },
    ],
  },
  {
    title: '（演示）渝中区稳岗扩就业支持措施',
    docNumber: '渝中演示〔2025〕4号',
    issuer: '重庆市渝中区人力资源和社会保障局',
    publishedOn: '2025-01-15',
    validFrom: '2025-01-01',
    validTo: '2025-12-31',
    topics: ['就业', '稳岗'],
    body: '一、对不裁员或少裁员的中小微企业，按企业上年度实际缴纳失业保险费的60%返还（本演示以从业人员数估算，每人500元）。\n二、对吸纳就业10人以上的小微企业，给予一次性扩岗补助1万元。',
    interpretation: '解读：稳岗返还面向中小微企业；小微企业吸纳就业10人以上可获一次性扩岗补助1万元。政策有效期至2025年12月31日。',
    items: [
      {
        name: '小微企业扩岗补助',
        kind: 'subsidy',
        amountText: '1万元',
        description: '从业人员10人以上的小型、微型企业',
        condition: {
          all: [
            { field: 'size', op: 'in', values: ['小型', '微型'] },
            { field: 'employees', op: '>=', value: 10 },
          ],
        },
        amount: { kind: 'fixed', amount: 1 },
        tests: [
          { name: '小型企业20人', asOf: D, profile: { industryCode: '7320', employees: 20 }, expected: 'eligible', expectedAmount: 1 },
          { name: '9人', asOf: D, profile: { industryCode: '7320', employees: 9 }, expected: 'not_eligible' },
          { name: '中型企业', asOf: D, profile: { industryCode: '7320', employees: 150 }, expected: 'not_eligible' },
        ],
      },
    ],
  },
  {
    title: '（演示）渝中区支持软件和信息服务业发展若干政策',
    docNumber: '渝中演示〔2025〕5号',
    issuer: '重庆市渝中区经济和信息化委员会',
    publishedOn: '2025-06-05',
    validFrom: '2025-06-05',
    validTo: '2028-06-04',
    topics: ['软件信息', '数字经济'],
    body: '第一条 对在渝中区注册的软件和信息技术服务业、互联网和相关服务企业，上年度营业收入首次达到1000万元、5000万元、1亿元的，分别给予10万元、30万元、50万元奖励。\n第二条 对成立满2年、信用等级为A或B的软件企业，给予办公用房租金补贴，最高10万元。',
    interpretation:
      '解读：软件信息企业营收首次跨过1000万、5000万、1亿元分别奖励10万、30万、50万元；成立满2年且信用A、B级的软件企业可申请房租补贴（最高10万元）。',
    items: [
      {
        name: '软件企业营收跨档奖励',
        kind: 'award',
        amountText: '10万、30万、50万元',
        description: '营收首次达到1000万元、5000万元、1亿元',
        condition: {
          all: [
            { field: 'industry', op: 'in', values: ['64', '65'] },
            { field: 'revenue', op: '>=', value: 1000 },
          ],
        },
        amount: {
          kind: 'tiered',
          field: 'revenue',
          tiers: [
            { min: 1000, amount: 10 },
            { min: 5000, amount: 30 },
            { min: 10000, amount: 50 },
          ],
        },
        tests: [
          { name: '营收6000万：30万元', asOf: D, profile: { industryCode: '6510', revenue: 6000 }, expected: 'eligible', expectedAmount: 30 },
          { name: '营收1亿：50万元', asOf: D, profile: { industryCode: '6420', revenue: 10000 }, expected: 'eligible', expectedAmount: 50 },
          { name: '营收999万', asOf: D, profile: { industryCode: '6510', revenue: 999 }, expected: 'not_eligible' },
        ],
      },
      {
        name: '软件企业房租补贴',
        kind: 'rent',
        amountText: '最高10万元',
        description: '成立满2年、信用等级A或B的软件企业',
        condition: {
          all: [
            { field: 'industry', op: 'in', values: ['65'] },
            { field: 'age_years', op: '>=', value: 2 },
            { field: 'credit_grade', op: 'in', values: ['A', 'B'] },
          ],
        },
        amount: { kind: 'rate', field: 'registered_capital', rate: 0.01, floor: 2, cap: 10 },
        tests: [
          {
            name: '成立3年、信用A、注册资本500万：5万元',
            asOf: D,
            profile: { industryCode: '6510', registeredOn: '2022-05-01', creditGrade: 'A', registeredCapital: 500 },
            expected: 'eligible',
            expectedAmount: 5,
          },
          {
            name: '信用C',
            asOf: D,
            profile: { industryCode: '6510', registeredOn: '2022-05-01', creditGrade: 'C', registeredCapital: 500 },
            expected: 'not_eligible',
          },
          {
            name: '注册资本100万：保底2万元',
            asOf: D,
            profile: { industryCode: '6510', registeredOn: '2022-05-01', creditGrade: 'B', registeredCapital: 100 },
            expected: 'eligible',
            expectedAmount: 2,
          },
        ],
      },
    ],
  },
  {
    title: '（演示）渝中区促进楼宇经济和总部经济发展若干政策',
    docNumber: '渝中演示〔2025〕6号',
    issuer: '重庆市渝中区人民政府',
    publishedOn: '2025-05-09',
    validFrom: '2025-05-09',
    validTo: '2027-05-08',
    topics: ['楼宇经济', '总部经济'],
    body: '对经认定的总部企业，上年度营业收入达到1亿元的，给予一次性落户奖励100万元。对入驻重点商务楼宇、从业人员50人以上的规上企业，给予租金补贴，按注册资本的2%计算，最高50万元。',
    interpretation: '解读：总部企业营收1亿元以上一次性奖励100万元；规上企业入驻楼宇且从业人员50人以上，按注册资本2%给予租金补贴（最高50万元）。',
    items: [
      {
        name: '总部企业落户奖励',
        kind: 'award',
        amountText: '100万元',
        description: '经认定的总部企业，营收1亿元以上',
        condition: {
          all: [
            { field: 'qualification', op: 'has', value: '总部企业' },
            { field: 'revenue', op: '>=', value: 10000 },
          ],
        },
        amount: { kind: 'fixed', amount: 100 },
        tests: [
          { name: '总部企业营收2亿', asOf: D, profile: { revenue: 20000, qualifications: [{ tag: '总部企业' }] }, expected: 'eligible', expectedAmount: 100 },
          { name: '营收9000万', asOf: D, profile: { revenue: 9000, qualifications: [{ tag: '总部企业' }] }, expected: 'not_eligible' },
        ],
      },
      {
        name: '楼宇入驻租金补贴',
        kind: 'rent',
        amountText: '注册资本的2%，最高50万元',
        description: '规上企业，从业人员50人以上',
        condition: {
          all: [
            { field: 'qualification', op: 'has', value: '规上企业' },
            { field: 'employees', op: '>=', value: 50 },
          ],
        },
        amount: { kind: 'rate', field: 'registered_capital', rate: 0.02, cap: 50 },
        tests: [
          {
            name: '规上60人、注册资本1000万：20万元',
            asOf: D,
            profile: { employees: 60, registeredCapital: 1000, qualifications: [{ tag: '规上企业' }] },
            expected: 'eligible',
            expectedAmount: 20,
          },
          { name: '规上49人', asOf: D, profile: { employees: 49, registeredCapital: 1000, qualifications: [{ tag: '规上企业' }] }, expected: 'not_eligible' },
        ],
      },
    ],
  },
];

export interface DemoResult {
  enterprises: { created: number; updated: number; unchanged: number };
  policies: number;
  items: number;
  accounts: string[];
  match: { eligible: number; notified: number };
}

/**
 * `bizenv demo` (policies part): demo firms, demo policies with rules published through their test
 * cases, optional demo enterprise accounts, then matching and push. Idempotent: policies are
 * keyed by 文号 and firms by credit code.
 */
export async function seedPolicyDemo(
  db: Kysely<Database>,
  o: { enterprises?: number; seed?: number; password?: string; actor?: string } = {},
): Promise<DemoResult> {
  const actor = o.actor ?? 'demo';
  const firms = demoEnterprises(o.enterprises ?? 200, o.seed ?? 2026);
  const up = await upsertEnterprises(db, firms, actor, { isDemo: true, source: 'demo' });
  let policies = 0,
    items = 0;
  for (const p of DEMO_POLICIES) {
    const exists = await db.selectFrom('policy').select('id').where('doc_number', '=', p.docNumber).executeTakeFirst();
    if (exists) continue;
    const id = await createPolicy(
      db,
      { ...p, items: p.items.map((i) => ({ name: i.name, kind: i.kind, amountText: i.amountText, description: i.description })) },
      actor,
      { isDemo: true },
    );
    const stored = await getPolicy(db, id, { staff: true });
    for (const [k, it] of p.items.entries()) {
      const itemId = stored.items[k]!.id;
      await setTestCases(db, itemId, it.tests, actor);
      const v = await addRuleVersion(db, itemId, { condition: it.condition, amount: it.amount ?? null, effectiveFrom: p.validFrom, effectiveTo: null }, actor);
      await publishRuleVersion(db, v.id, actor);
      items++;
    }
    await setPolicyStatus(db, id, 'published', actor);
    policies++;
  }
  const accounts: string[] = [];
  if (o.password) {
    // One account for the first demo firm and one for a firm holding a 专精特新 qualification valid today
    // with a credit grade other than D (so that it qualifies for at least the 认定奖励).
    const now = today();
    const zjtx = firms.find(
      (f) =>
        f.creditGrade &&
        f.creditGrade !== 'D' &&
        f.qualifications?.some((q) => q.tag === '专精特新' && (!q.validFrom || q.validFrom <= now) && (!q.validTo || q.validTo >= now)),
    );
    const codes = [firms[0]!.creditCode, zjtx?.creditCode].filter((c): c is string => !!c);
    for (const [i, code] of codes.entries()) {
      const account = `demo-qiye${i + 1}`;
      const id = (await enterpriseIdsByCreditCode(db, [code])).get(code);
      if (id === undefined) throw new Error(`demo firm ${code} is missing`);
      const e = await getEnterprise(db, id);
      if ((await findAccountId(db, account)) === undefined)
        await createUser(db, { account, name: e.name, role: 'enterprise', password: o.password, enterpriseId: e.id, actor });
      accounts.push(account);
    }
  }
  const m = await matchAndPush(db);
  return {
    enterprises: { created: up.created, updated: up.updated, unchanged: up.unchanged },
    policies,
    items,
    accounts,
    match: { eligible: m.eligible, notified: m.notified },
  };
}
