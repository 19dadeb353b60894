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
}

/** Demo records by type (pure: no database). `count` is spread over the case types; catalogues have fixed sizes. */
export function generateDemoRecords(o: DemoOptions): Map<RecordType, ParsedRecord[]> {
  const r = seededRandom(o.seed >>> 0 || 1); // seed 0 draws as seed 1, as it always has
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const rows = officialCalendar.rows().filter((x) => x.year === o.year);
  const asOf = o.asOf ?? `${o.year}-12-31`;
  const days = rows.filter((x) => x.date <= asOf).map((x) => x.date);
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
    add('utility', `U${o.seed}-${i}`, unitOf(6), {
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
    add('benefit_claim', `B${o.seed}-${i}`, unitOf(40), {
      category: r() < 0.7 ? 'insurance' : 'subsidy',
      applied_on: applied,
      completed_on: done(addWork(applied, r() < (nearBreak(applied) ? 0.08 : 0.02) ? 2 + Math.floor(r() * 3) : r() < 0.6 ? 0 : 1)),
    });
  }
  for (let i = 0; i < n('civil_case'); i++) {
    const applied = pick(days);
    const closed = done(addDays(applied, 10 + Math.floor(r() * 120)));
    const x = r();
    add('civil_case', `C${o.seed}-${i}`, unitOf(42), {
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
    add('supervision', `S${o.seed}-${i}`, unitOf(33), {
      category: cat,
      applied_on: applied,
      done: ok,
      completed_on: ok ? (done(addDays(applied, Math.floor(r() * 10))) ?? applied) : null,
    });
  }
  const firms = 2080; // the pilot's year-end figure: just over the target of 2000
  for (let i = 0; i < firms; i++) {
    const code = `91500103DM${String(o.seed % 100).padStart(2, '0')}${String(i).padStart(6, '0')}`;
    add('credit_code', code.slice(5), unitOf(32), { name: `示例企业${i + 1}（演示）`, completed_on: pick(days) });
  }
  for (let i = 0; i < 78; i++) {
    const achieved = i < 75 ? pick(days) : null;
    add('cross_province', `X${o.seed}-${i}`, unitOf(22), { name: `跨省通办示例事项${i + 1}（演示）`, national_later: i % 9 === 0, completed_on: achieved });
  }
  for (let i = 0; i < 320; i++) {
    const licensing = i < 180;
    add('service_item', `I${o.seed}-${i}`, unitOf(21), {
      name: `${licensing ? '行政许可' : '公共服务'}示例事项${i + 1}（演示）`,
      licensing,
      on_application: i < 300,
      fully_online: licensing ? r() < 0.93 : r() < 0.75,
    });
  }
  return out;
}

export async function demoUnits(db: Kysely<Database>, year: number): Promise<{ units: number[]; unitsByMeasure: Map<number, number[]> }> {
  const units = (await listUnitRows(db, { kinds: ['department', 'institution'] })).map((u) => u.id);
  const leads = await leadUnits(db, year);
  const byMeasure = new Map<number, number[]>();
  const plan = await findPlan(db, { year });
  if (plan)
    for (const m of await listMeasures(db, plan.id)) {
      const ids = [...m.leadUnits, ...m.responsibleUnits].map((u) => u.id);
      if (ids.length) byMeasure.set(m.number, ids);
    }
  for (const [m, u] of leads) if (!byMeasure.has(m)) byMeasure.set(m, [u]);
  return { units, unitsByMeasure: byMeasure };
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
