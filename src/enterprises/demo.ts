import { seededRandom } from '../shared/index.js';
import { DISTRICT_STREETS } from './core/streets.js';
import { CODE_CHARSET, completeCreditCode, orgCodeCheckChar, type EnterpriseInput } from './core/index.js';

/** Demo firms are spread over the district's streets. */
export const DEMO_STREETS: string[] = [...DISTRICT_STREETS];

const INDUSTRIES: Array<{ code: string; word: string; weight: number; emp: [number, number]; rev: [number, number] }> = [
  { code: '6510', word: '软件', weight: 10, emp: [5, 400], rev: [30, 20000] },
  { code: '6420', word: '网络科技', weight: 6, emp: [5, 300], rev: [30, 15000] },
  { code: '5191', word: '贸易', weight: 10, emp: [3, 250], rev: [200, 60000] },
  { code: '5212', word: '商贸', weight: 8, emp: [3, 400], rev: [50, 30000] },
  { code: '6210', word: '餐饮管理', weight: 8, emp: [5, 400], rev: [50, 15000] },
  { code: '6110', word: '酒店管理', weight: 3, emp: [10, 500], rev: [100, 15000] },
  { code: '7211', word: '企业管理咨询', weight: 8, emp: [3, 350], rev: [30, 10000] },
  { code: '7240', word: '广告', weight: 4, emp: [3, 200], rev: [30, 8000] },
  { code: '7320', word: '检测技术', weight: 3, emp: [5, 400], rev: [50, 10000] },
  { code: '3911', word: '电子科技', weight: 3, emp: [10, 1200], rev: [200, 60000] },
  { code: '2770', word: '生物医药', weight: 2, emp: [10, 800], rev: [200, 50000] },
  { code: '7020', word: '物业服务', weight: 4, emp: [20, 1200], rev: [100, 8000] },
  { code: '4910', word: '建筑安装工程', weight: 3, emp: [20, 600], rev: [300, 90000] },
  { code: '8760', word: '文化传播', weight: 4, emp: [3, 200], rev: [30, 5000] },
  { code: '5821', word: '物流', weight: 3, emp: [10, 800], rev: [200, 30000] },
];
const NAME_HEADS = [
  '渝州',
  '山城',
  '嘉陵',
  '长江',
  '朝天',
  '解放',
  '鹅岭',
  '佛图',
  '两江',
  '巴渝',
  '重岩',
  '雾都',
  '洪崖',
  '通远',
  '储奇',
  '南纪',
  '望龙',
  '金汤',
  '枇杷',
  '虎头',
];
const NAME_TAILS = ['', '创新', '智联', '云启', '汇通', '恒信', '博远', '宏达', '优品', '数联'];
const QUALS = [
  { tag: '高新技术企业', p: 0.15, years: 3 },
  { tag: '科技型企业', p: 0.25, years: 1 },
  { tag: '专精特新', p: 0.08, years: 3 },
  { tag: '专精特新“小巨人”', p: 0.015, years: 3 },
  { tag: '创新型中小企业', p: 0.1, years: 3 },
  { tag: '规上企业', p: 0.2, years: 1 },
  { tag: '总部企业', p: 0.03, years: 3 },
];

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** Demo credit codes: 9 (工商) 1 (企业) 500103 (渝中区) + a generated 组织机构代码 with its own check + check character. */
export function demoCreditCode(n: number): string {
  let x = (n * 2654435761) % 2 ** 32;
  let body = 'MA';
  for (let i = 0; i < 6; i++) {
    body += CODE_CHARSET.replace(/[IOSVZ]/g, '')[x % 31];
    x = Math.floor(x / 31) + n * 7 + i;
  }
  const org = body + orgCodeCheckChar(body);
  return completeCreditCode(`91500103${org}`);
}

/** N labelled demo firms (names carry “（演示）”), reproducible from the seed. */
export function demoEnterprises(n: number, seed = 2026): EnterpriseInput[] {
  const r = seededRandom(seed); // the same seed gives the same firms
  const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)]!;
  const total = INDUSTRIES.reduce((s, i) => s + i.weight, 0);
  const out: EnterpriseInput[] = [];
  const codes = new Set<string>();
  for (let i = 0; out.length < n; i++) {
    const code = demoCreditCode(seed * 1_000_003 + i);
    if (codes.has(code)) continue;
    codes.add(code);
    let w = r() * total;
    const ind = INDUSTRIES.find((x) => (w -= x.weight) < 0) ?? INDUSTRIES[0]!;
    const logBetween = ([lo, hi]: [number, number]) => Math.round(Math.exp(Math.log(lo) + r() * (Math.log(hi) - Math.log(lo))));
    const registered = new Date(Date.UTC(2000 + Math.floor(r() * 25), Math.floor(r() * 12), 1 + Math.floor(r() * 28)));
    const qualifications = QUALS.filter((q) => r() < q.p).map((q) => {
      const from = new Date(Date.UTC(2022 + Math.floor(r() * 4), Math.floor(r() * 12), 1));
      const to = new Date(from);
      to.setUTCFullYear(to.getUTCFullYear() + q.years);
      to.setUTCDate(to.getUTCDate() - 1);
      return { tag: q.tag, validFrom: iso(from), validTo: iso(to) };
    });
    const revenue = logBetween(ind.rev);
    out.push({
      creditCode: code,
      name: `（演示）重庆${pick(NAME_HEADS)}${pick(NAME_TAILS)}${ind.word}有限公司${out.length + 1}`,
      legalForm: r() < 0.85 ? '有限责任公司' : '股份有限公司',
      registeredOn: iso(registered),
      registeredCapital: logBetween([10, 20000]),
      street: pick(DEMO_STREETS),
      industryCode: ind.code,
      employees: logBetween(ind.emp),
      revenue,
      assets: r() < 0.9 ? Math.round(revenue * (0.3 + r() * 2)) : null,
      rdRatio: ['6510', '6420', '3911', '2770', '7320'].includes(ind.code) ? Math.round(r() * 150) / 10 : null,
      creditGrade: r() < 0.05 ? null : pick(['A', 'A', 'A', 'B', 'B', 'B', 'B', 'C', 'D']),
      qualifications,
    });
  }
  return out;
}
