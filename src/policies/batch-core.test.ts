import { describe, expect, it } from 'vitest';
import { demoEnterprises } from '../enterprises/index.js';
import { seededRandom } from '../shared/random.js';
import { DEMO_POLICIES } from './demo.js';
import { BatchMatcher } from './core/batch.js';
import { PageMatcher, profilePage } from './batch-page.js';
import type { MatchProfileRow } from '../enterprises/index.js';
import { compile, prepare, T, U } from './core/compile.js';
import { computeAmount, evaluate, type AmountRule, type Condition, type Profile } from './core/rules.js';

// The demo rules, nested and varied (thresholds, a NOT around a discrete part, an OR mixing kinds), with amounts of every kind.
const base = DEMO_POLICIES.flatMap((p) => p.items.map((i) => ({ condition: i.condition, amount: i.amount ?? null })));
const r = seededRandom(3);
const vary = (c: Condition): Condition => {
  if ('all' in c) return { all: c.all.map(vary) };
  if ('any' in c) return { any: c.any.map(vary) };
  if ('not' in c) return { not: vary(c.not) };
  if ('value' in c && typeof c.value === 'number') return { ...c, value: Math.round(c.value * (0.5 + r())) } as Condition;
  return c;
};
const amounts: AmountRule[] = [
  { kind: 'fixed', amount: 5 },
  { kind: 'rate', field: 'revenue', rate: 0.013, cap: 80, floor: 2 },
  {
    kind: 'tiered',
    field: 'employees',
    tiers: [
      { min: 50, amount: 10 },
      { min: 200, amount: 30 },
    ],
  },
  { kind: 'rate', field: 'age_years', rate: 1.5 },
];
const rules = [
  ...base,
  ...base.map((x, i) => ({ condition: vary(x.condition), amount: amounts[i % amounts.length]! })),
  {
    condition: {
      all: [
        { not: { field: 'street', op: 'in', values: ['解放碑街道'] } },
        {
          any: [
            { field: 'size', op: 'in', values: ['小型'] },
            { field: 'revenue', op: '>', value: 3000 },
          ],
        },
      ],
    } as Condition,
    amount: null,
  },
  {
    condition: {
      any: [
        { field: 'qualification', op: 'has', value: '高新技术企业' },
        { field: 'registered_on', op: 'before', value: '2015-01-01' },
      ],
    } as Condition,
    amount: amounts[1]!,
  },
  { condition: { field: 'legal_form', op: 'in', values: ['有限责任公司'] } as Condition, amount: amounts[0]! },
];

describe('bulk matching (BatchMatcher)', () => {
  it('gives every firm the outcome and amount of compile and evaluate, with data missing at random', () => {
    const asOf = '2026-01-15';
    const m = new BatchMatcher(rules, asOf);
    const firms = demoEnterprises(400, 12);
    let eligible = 0;
    for (const [n, f] of firms.entries()) {
      // Every fourth firm misses some data (three-valued outcomes), some have no stored size class.
      const p: Profile = {
        ...f,
        sizeClass: null,
        revenue: n % 4 === 1 ? null : f.revenue,
        street: n % 4 === 2 ? null : f.street,
        registeredOn: n % 8 === 3 ? null : f.registeredOn,
        creditGrade: n % 4 === 3 ? null : f.creditGrade,
      };
      const quals = (p.qualifications ?? [])
        .filter((q) => (!q.validFrom || q.validFrom <= asOf) && (!q.validTo || q.validTo >= asOf))
        .map((q) => q.tag)
        .sort();
      const prepared = m.prepare({
        street: p.street ?? null,
        industryCode: p.industryCode ?? null,
        sizeClass: null,
        creditGrade: p.creditGrade ?? null,
        legalForm: p.legalForm ?? null,
        registeredOn: p.registeredOn ?? null,
        registeredCapital: p.registeredCapital ?? null,
        revenue: p.revenue ?? null,
        employees: p.employees ?? null,
        assets: p.assets ?? null,
        rdRatio: p.rdRatio ?? null,
        quals,
      });
      const got = new Map<number, number | null>();
      const unknown = m.match(prepared, (k, a) => got.set(k, a));
      const ref = prepare(p, asOf);
      let refUnknown = 0;
      for (const [k, rule] of rules.entries()) {
        const c = compile(rule.condition)(ref);
        expect(evaluate(rule, p, asOf).outcome).toBe(c === T ? 'eligible' : c === U ? 'unknown' : 'not_eligible');
        if (c === U) refUnknown++;
        expect(got.has(k), `firm ${n}, rule ${k}`).toBe(c === T);
        if (c === T) expect(got.get(k)).toBe(computeAmount(rule.amount, p, asOf).amount);
      }
      expect(unknown).toBe(refUnknown);
      eligible += got.size;
    }
    expect(eligible).toBeGreaterThan(500);
  });

  it('evaluates a page sent as columns (what the worker gets) as BatchMatcher does firm by firm: pairs, amounts, texts, collected ids', () => {
    const asOf = '2026-01-15';
    const rows: MatchProfileRow[] = demoEnterprises(300, 21).map((f, n) => ({
      id: 1000 + n * 3,
      street: n % 4 === 2 ? null : (f.street ?? null),
      industryCode: f.industryCode ?? null,
      sizeClass: n % 3 === 0 ? null : ['大型', '中型', '小型', '微型'][n % 4]!,
      creditGrade: n % 4 === 3 ? null : (f.creditGrade ?? null),
      legalForm: f.legalForm ?? null,
      registeredOn: n % 8 === 3 ? null : (f.registeredOn ?? null),
      registeredCapital: f.registeredCapital ?? null,
      revenue: n % 4 === 1 ? null : (f.revenue ?? null),
      employees: n % 5 === 1 ? null : (f.employees ?? null),
      assets: f.assets ?? null,
      rdRatio: n % 7 === 0 ? Number.NaN : (f.rdRatio ?? null),
      quals: (f.qualifications ?? []).map((q) => q.tag).sort(),
    }));
    const setup = { rules: rules.map((x, k) => ({ ...x, versionId: 10 + k })), asOf, pairs: true, texts: true, collect: true };
    const pm = new PageMatcher(setup);
    const got = [pm.match(profilePage(rows.slice(0, 120))), pm.match(profilePage(rows.slice(120)))];
    const m = new BatchMatcher(rules, asOf);
    const want = { eligible: 0, unknown: 0, counts: [] as number[], rules: [] as number[], amounts: [] as number[], texts: [] as string[] };
    const ids = rules.map(() => [] as number[]);
    for (const f of rows) {
      const pairs: Array<[number, number | null]> = [];
      want.unknown += m.match(m.prepare(f), (k, a) => pairs.push([k, a]));
      want.eligible += pairs.length;
      want.counts.push(pairs.length);
      for (const [k, a] of pairs) {
        want.rules.push(k);
        want.amounts.push(a === null ? Number.NaN : a);
        ids[k]!.push(f.id);
      }
      want.texts.push(pairs.map(([k, a]) => `${10 + k}:${a === null ? '' : a}`).join(','));
    }
    expect(want.eligible).toBeGreaterThan(300);
    expect(want.unknown).toBeGreaterThan(0);
    expect(got[0]!.eligible + got[1]!.eligible).toBe(want.eligible);
    expect(got[0]!.unknown + got[1]!.unknown).toBe(want.unknown);
    expect([...got[0]!.counts!, ...got[1]!.counts!]).toEqual(want.counts);
    expect([...got[0]!.rules!, ...got[1]!.rules!]).toEqual(want.rules);
    expect([...got[0]!.amounts!, ...got[1]!.amounts!]).toEqual(want.amounts);
    expect(`${got[0]!.texts}\n${got[1]!.texts}`.split('\n')).toEqual(want.texts);
    expect(pm.allCollectedIds().map((x) => [...x])).toEqual(ids);
  });
});
