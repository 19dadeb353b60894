import { seededRandom } from '../shared/index.js';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { officialCalendar } from '../calendar/index.js';
import { findPlan, listMeasures } from '../plan/index.js';
import { listUnitRows } from '../units/index.js';
import { RECORD_SPECS, type ParsedRecord, type RecordColumn, type RecordType, type RecordValue } from './core/index.js';
import { upsertRecords } from './record-store.js';
import { recompute, monitoringYear, indicatorAsOf, type RecomputeSummary } from './recompute.js';
import { leadUnits } from './compute.js';

/**
 * Labelled demo case records (external ids start with DEMO-, is_demo = true) for the sample plan's
 * year, reproducible from the seed. Distributions: most cases well within their limits, a few percent
 * late (more of them around the Spring Festival and National Day breaks, when work piles up), some
 * still open; ratios and shares near their targets so that some indicators are met and some not.
 */

export interface DemoOptions {
  count: number;
  seed: number;
  year: number;
  asOf?: string;
  units?: number[];
  unitsByMeasure?: Map<number, number[]>;
  /** Stored units by canonical name: records go to the unit that does the work (`DEMO_UNITS`). */
  unitsByName?: Map<string, number>;
}

/**
 * Who keeps each kind of demo record: the unit that does the work, not any unit of the measure. Water
 * connections are the water utility's, electricity the power supplier's, gas the gas company's (measure 6
 * names all three as responsible units, 区城管局 and 区经济信息委 lead); unemployment benefits 区人力社保局
 * (measure 40), civil cases 区法院 (42), the credit code 区市场监管局 (32, the lead of the pilot), 跨省通办 items
 * 区政务服务办 (22); complaints, data collection and joint supervision 区市场监管局 and the supervision
 * catalogues the industry regulators (33). A name the stored units do not have falls back to the measure's
 * units, as before.
 */
export const DEMO_UNITS = {
  utility: { water: '渝中区自来水厂', power_low: '市区供电分公司', power_10kv: '市区供电分公司', gas: '燃气集团渝中分公司' },
  benefit_claim: '区人力社保局',
  civil_case: '区法院',
  credit_code: '区市场监管局',
  cross_province: '区政务服务办',
  supervision: {
    catalog: ['区市场监管局', '区住房城市建设委', '区城管局', '区文化旅游委', '区商务委'],
    collection: ['区市场监管局'],
    complaint: ['区市场监管局'],
    collaboration: ['区市场监管局'],
  },
} as const;

/**
 * The demo catalogue of government service items (measure 21), each with the unit that handles it:
 * registrations and food licences 市场监管, construction permits 住建, planning permits 规划自然资源, road and
 * advertising permits 城管, invoices and tax filings 税务, social insurance 人力社保, housing fund 公积金中心 …
 */
export const DEMO_SERVICE_ITEMS: { licensing: ReadonlyArray<readonly [string, string]>; services: ReadonlyArray<readonly [string, string]> } = {
  licensing: [
    ['食品经营许可', '区市场监管局'],
    ['食品生产许可', '区市场监管局'],
    ['药品零售企业许可', '区市场监管局'],
    ['医疗器械经营许可', '区市场监管局'],
    ['特种设备使用登记', '区市场监管局'],
    ['企业登记', '区市场监管局'],
    ['个体工商户登记', '区市场监管局'],
    ['建筑工程施工许可', '区住房城市建设委'],
    ['商品房预售许可', '区住房城市建设委'],
    ['建筑业企业资质许可', '区住房城市建设委'],
    ['建设工程规划许可', '区规划自然资源局'],
    ['建设用地规划许可', '区规划自然资源局'],
    ['临时建设工程规划许可', '区规划自然资源局'],
    ['城市道路占用挖掘许可', '区城管局'],
    ['户外广告设施设置许可', '区城管局'],
    ['建筑垃圾处置核准', '区城管局'],
    ['城市绿地占用许可', '区城管局'],
    ['娱乐场所经营许可', '区文化旅游委'],
    ['营业性演出许可', '区文化旅游委'],
    ['劳务派遣经营许可', '区人力社保局'],
    ['人力资源服务许可', '区人力社保局'],
    ['旅馆业特种行业许可', '区公安分局'],
    ['公章刻制业特种行业许可', '区公安分局'],
    ['增值税专用发票最高开票限额审批', '区税务局'],
    ['出版物零售经营许可', '区委宣传部'],
  ],
  services: [
    ['发票领用', '区税务局'],
    ['纳税申报', '区税务局'],
    ['涉税证明开具', '区税务局'],
    ['社会保险参保登记', '区人力社保局'],
    ['就业登记', '区人力社保局'],
    ['失业登记', '区人力社保局'],
    ['住房公积金缴存登记', '市住房公积金中心渝中分中心'],
    ['住房公积金提取', '市住房公积金中心渝中分中心'],
    ['居住证办理', '区公安分局'],
    ['户口迁移', '区公安分局'],
    ['营业执照补领', '区市场监管局'],
    ['企业年报公示', '区市场监管局'],
    ['房屋交易合同备案', '区住房城市建设委'],
    ['不动产登记信息查询', '区规划自然资源局'],
    ['法律援助申请', '区司法局'],
    ['企业投资项目备案', '区发展改革委'],
    ['政务服务咨询', '区政务服务办'],
    ['证照免费寄递', '区政务服务办'],
    ['民营企业诉求受理', '区工商联'],
    ['中小企业融资对接', '区金融办'],
  ],
};
const LICENSING_KINDS = ['新办', '变更', '延续', '注销', '补证', '换证', '增项', '减项'];
const SERVICE_KINDS = ['窗口办理', '网上办理', '自助终端办理', '邮寄办理', '预约办理', '上门办理', '掌上办理'];

/** Demo records by type (pure: no database). `count` is spread over the case types; catalogues have fixed sizes. */
export function generateDemoRecords(o: DemoOptions): Map<RecordType, ParsedRecord[]> {
  const r = seededRandom(o.seed >>> 0 || 1); // seed 0 draws as seed 1, as it always has
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const rows = officialCalendar.rows().filter((x) => x.year === o.year);
  const asOf = o.asOf ?? `${o.year}-12-31`;
  const days = rows.filter((x) => x.date <= asOf).map((x) => x.date);
  if (days.length === 0) return new Map(); // the year has not started: no case can be dated yet
  const work = rows.filter((x) => x.workday).map((x) => x.date);
  const ordinal = new Map<string, number>(); // index into `work` of the last working day on or before the date
  {
    let i = -1;
    for (const x of rows) {
      if (x.workday) i++;
      ordinal.set(x.date, i);
    }
  }
  const addWork = (d: string, n: number): string | null => {
    const i = ordinal.get(d)! + n;
    return i < work.length ? work[i]! : null;
  };
  const addDays = (d: string, n: number): string | null => {
    const t = new Date(`${d}T00:00:00Z`);
    t.setUTCDate(t.getUTCDate() + n);
    const s = t.toISOString().slice(0, 10);
    return s.startsWith(String(o.year)) ? s : null;
  };
  const nearBreak = (d: string) => /-(01-2|01-3|02-0|02-1|09-2|09-3)/.test(d);
  const duration = (limit: number, d: string) => {
    const late = r() < (nearBreak(d) ? 0.12 : 0.03);
    return late ? limit + 1 + Math.floor(r() * 5) : Math.max(0, Math.round(limit * (0.35 + 0.6 * r())));
  };
  const done = (end: string | null) => (end !== null && end <= asOf ? end : null);
  const unitOf = (measure: number) => {
    const u = o.unitsByMeasure?.get(measure);
    return u?.length ? pick(u) : null;
  };
  /** The unit named (one of `names`), else one of the measure's units. */
  const named = (names: string | readonly string[], measure: number) => {
    const ids = (typeof names === 'string' ? [names] : names).map((n) => o.unitsByName?.get(n)).filter((x): x is number => x !== undefined);
    return ids.length ? (ids.length === 1 ? ids[0]! : pick(ids)) : unitOf(measure);
  };
  const out = new Map<RecordType, ParsedRecord[]>();
  const add = (t: RecordType, id: string, unitId: number | null, values: Partial<Record<RecordColumn, RecordValue>>) => {
    let list = out.get(t);
    if (!list) out.set(t, (list = []));
    list.push({ externalId: `DEMO-${id}`, unitId, values });
  };
  const share = { utility: 0.3, procurement: 0.2, benefit_claim: 0.25, civil_case: 0.2, supervision: 0.05 };
  const n = (t: keyof typeof share) => Math.round(o.count * share[t]);
  for (let i = 0; i < n('utility'); i++) {
    const cat = pick(['water', 'water', 'power_low', 'power_low', 'power_10kv', 'gas']);
    const limit = { water: 9, power_low: 8, power_10kv: 30, gas: 13 }[cat]!;
    const applied = pick(days);
    const end = done(addWork(applied, cat === 'power_10kv' ? Math.round(18 + r() * 16) : r() < 0.02 ? 60 : duration(limit, applied)));
    const dig = cat === 'power_low' && r() < 0.2;
    const fs = dig ? applied : null;
    const fd = fs ? done(addDays(fs, r() < 0.1 ? 3 + Math.floor(r() * 3) : Math.floor(r() * 3))) : null;
    add('utility', `U${o.seed}-${i}`, named(DEMO_UNITS.utility[cat as keyof typeof DEMO_UNITS.utility], 6), {
      category: cat,
      applied_on: applied,
      accepted_on: applied,
      completed_on: end,
      filing_started_on: fs,
      filing_done_on: fd && fd >= (fs ?? '') ? fd : null,
    });
  }
  for (let i = 0; i < n('procurement'); i++) {
    const budget = Math.round((20 + r() * 980) * 100) / 100;
    const tender = budget >= 400 || r() < 0.3,
      suitable = r() < 0.7;
    const reserved = tender && suitable ? Math.round(budget * (0.2 + r() * 0.2) * 100) / 100 : null;
    const award = pick(days);
    const contract = done(addDays(award, r() < 0.05 ? 21 + Math.floor(r() * 10) : Math.floor(r() * 20)));
    const amount = Math.round(budget * (0.85 + r() * 0.15) * 100) / 100;
    const size = pick(['large', 'medium', 'small', 'small', 'micro']);
    const pre = contract && r() < 0.8 ? Math.round(amount * (size === 'large' ? 0.3 : 0.35 + r() * 0.25) * 100) / 100 : null;
    const performed = contract ? done(addDays(contract, 20 + Math.floor(r() * 90))) : null;
    const accept = performed ? done(addWork(performed, duration(7, performed))) : null;
    const invoice = accept;
    const paid = invoice ? done(addWork(invoice, duration(5, invoice))) : null;
    add('procurement', `P${o.seed}-${i}`, o.units?.length ? pick(o.units) : null, {
      category: pick(['goods', 'services', 'works']),
      budget,
      public_tender: tender,
      sme_suitable: suitable,
      reserved_amount: reserved,
      reserved_small_amount: reserved === null ? null : Math.round(reserved * (0.5 + r() * 0.3) * 100) / 100,
      supplier_size: contract ? size : null,
      award_on: award,
      contract_on: contract,
      contract_amount: contract ? amount : null,
      prepayment_amount: pre,
      performed_on: performed,
      acceptance_on: accept,
      invoice_on: invoice,
      paid_on: paid,
    });
  }
  for (let i = 0; i < n('benefit_claim'); i++) {
    const applied = pick(days);
    add('benefit_claim', `B${o.seed}-${i}`, named(DEMO_UNITS.benefit_claim, 40), {
      category: r() < 0.7 ? 'insurance' : 'subsidy',
      applied_on: applied,
      completed_on: done(addWork(applied, r() < (nearBreak(applied) ? 0.08 : 0.02) ? 2 + Math.floor(r() * 3) : r() < 0.6 ? 0 : 1)),
    });
  }
  for (let i = 0; i < n('civil_case'); i++) {
    const applied = pick(days);
    const closed = done(addDays(applied, 10 + Math.floor(r() * 120)));
    const x = r();
    add('civil_case', `C${o.seed}-${i}`, named(DEMO_UNITS.civil_case, 42), {
      category: r() < 0.7 ? 'civil' : 'commercial',
      applied_on: applied,
      completed_on: closed,
      route: closed ? (x < 0.52 ? 'mediation' : x < 0.76 ? 'fast_track' : 'full_trial') : null,
    });
  }
  for (let i = 0; i < n('supervision'); i++) {
    const cat = pick(['catalog', 'collection', 'complaint', 'collaboration']);
    const applied = pick(days);
    const ok = cat === 'catalog' || cat === 'collaboration' ? true : r() < 0.99;
    add('supervision', `S${o.seed}-${i}`, named(DEMO_UNITS.supervision[cat as keyof typeof DEMO_UNITS.supervision], 33), {
      category: cat,
      applied_on: applied,
      done: ok,
      completed_on: ok ? (done(addDays(applied, Math.floor(r() * 10))) ?? applied) : null,
    });
  }
  const firms = 2080; // the pilot's year-end figure: just over the target of 2000
  for (let i = 0; i < firms; i++) {
    const code = `91500103DM${String(o.seed % 100).padStart(2, '0')}${String(i).padStart(6, '0')}`;
    add('credit_code', code.slice(5), named(DEMO_UNITS.credit_code, 32), { name: `示例企业${i + 1}（演示）`, completed_on: pick(days) });
  }
  for (let i = 0; i < 78; i++) {
    const achieved = i < 75 ? pick(days) : null;
    add('cross_province', `X${o.seed}-${i}`, named(DEMO_UNITS.cross_province, 22), {
      name: `跨省通办示例事项${i + 1}（演示）`,
      national_later: i % 9 === 0,
      completed_on: achieved,
    });
  }
  for (let i = 0; i < 320; i++) {
    const licensing = i < 180;
    const list = licensing ? DEMO_SERVICE_ITEMS.licensing : DEMO_SERVICE_ITEMS.services;
    const k = licensing ? i : i - 180;
    const [item, unit] = list[k % list.length]!;
    const kinds = licensing ? LICENSING_KINDS : SERVICE_KINDS;
    add('service_item', `I${o.seed}-${i}`, named(unit, 21), {
      name: `${item}（${kinds[Math.floor(k / list.length) % kinds.length]}，演示）`,
      licensing,
      on_application: i < 300,
      fully_online: licensing ? r() < 0.93 : r() < 0.75,
    });
  }
  return out;
}

export async function demoUnits(
  db: Kysely<Database>,
  year: number,
): Promise<{ units: number[]; unitsByMeasure: Map<number, number[]>; unitsByName: Map<string, number> }> {
  const rows = await listUnitRows(db);
  const unitsByName = new Map(rows.map((u) => [u.name, u.id]));
  // Purchasing units: government departments and public institutions (not collectives such as 各街道).
  const units = rows.filter((u) => u.kind === 'department' || u.kind === 'institution').map((u) => u.id);
  const collective = new Set(rows.filter((u) => u.kind === 'collective').map((u) => u.id));
  const leads = await leadUnits(db, year);
  const byMeasure = new Map<number, number[]>();
  const plan = await findPlan(db, { year });
  if (plan)
    for (const m of await listMeasures(db, plan.id)) {
      const ids = [...m.leadUnits, ...m.responsibleUnits].map((u) => u.id).filter((id) => !collective.has(id));
      if (ids.length) byMeasure.set(m.number, ids);
    }
  for (const [m, u] of leads) if (!byMeasure.has(m)) byMeasure.set(m, [u]);
  return { units, unitsByMeasure: byMeasure, unitsByName };
}

/** `bizenv demo cases`: writes the demo records (updating earlier demo records of the same seed) and recomputes. */
export async function seedCaseDemo(
  db: Kysely<Database>,
  o: { count: number; seed: number; year?: number; actor?: string },
): Promise<{ year: number; records: Record<string, number>; recomputed: RecomputeSummary }> {
  const year = o.year ?? (await monitoringYear(db));
  const u = await demoUnits(db, year);
  // Records stay in the plan year and up to its as-of date (no case dated after the day the pages show).
  const data = generateDemoRecords({ count: o.count, seed: o.seed, year, asOf: await indicatorAsOf(db, year), ...u });
  const records: Record<string, number> = {};
  for (const [t, list] of data) records[RECORD_SPECS[t].label] = list.length;
  await upsertRecords(db, data, { actor: o.actor ?? 'demo', source: `demo seed ${o.seed}`, isDemo: true });
  const recomputed = await recompute(db, { year });
  return { year, records, recomputed };
}
