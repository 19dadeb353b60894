/**
 * 渝中融 matching benchmark (`npm run bench -- finance`): 100,000 financing needs (of 50,000 demo firms, two needs
 * each) against 1,000 products in force, in memory (profiles loaded, results emitted, nothing written). Measured:
 * `matchBatch` of src/finance/core — each product's rule compiled once by the policies' `compile` (products with
 * the same rule share one closure), each firm's profile `prepare`d once, each (firm, rule) evaluated once for all
 * the firm's needs, the fit computed for eligible and cannot-tell pairs. Baseline, same run: evaluating one pair
 * at a time with the explained evaluation (`explainMatch`: policies' `evaluate` and the fit with its texts), as the
 * enterprise's page does for one need; measured on the first 1,000 needs and scaled to 100,000.
 */
import { demoEnterprises } from '../src/enterprises/index.js';
import { normaliseEnterprise } from '../src/enterprises/core/index.js';
import {
  compileProducts,
  explainMatch,
  FINANCE_COLLATERALS,
  FINANCE_PRODUCT_TYPES,
  matchBatch,
  type MatchNeed,
  type MatchProduct,
} from '../src/finance/core/index.js';
import { DEMO_POLICIES } from '../src/policies/demo.js';
import type { Condition, Profile } from '../src/policies/core/index.js';
import { seededRandom } from '../src/shared/random.js';
import type { BenchResult } from './types.js';

const NEEDS = Number(process.env.BENCH_NEEDS ?? 100_000);
const PRODUCTS = 1_000;
const SAMPLE = 1_000;
const AS_OF = '2026-01-15';

function products(): MatchProduct[] {
  const r = seededRandom(16);
  const base = DEMO_POLICIES.flatMap((p) => p.items.map((i) => i.condition));
  const vary = (c: Condition): Condition => {
    if ('all' in c) return { all: c.all.map(vary) };
    if ('any' in c) return { any: c.any.map(vary) };
    if ('not' in c) return { not: vary(c.not) };
    if ('value' in c && typeof c.value === 'number') return { ...c, value: Math.round(c.value * (0.5 + r())) } as Condition;
    return c;
  };
  return Array.from({ length: PRODUCTS }, (_, i) => {
    const amountMin = [0, 10, 50, 100][i % 4]!;
    const termMin = [1, 3, 6, 12][i % 4]!;
    const rateMin = 3 + Math.round(r() * 500) / 100;
    return {
      versionId: i + 1,
      condition: vary(base[i % base.length]!),
      terms: {
        type: FINANCE_PRODUCT_TYPES[i % FINANCE_PRODUCT_TYPES.length]!,
        amountMin,
        amountMax: amountMin + 50 + Math.round(r() * 2000),
        termMin,
        termMax: termMin + 6 + Math.round(r() * 54),
        rateMin,
        rateMax: rateMin + 1.5,
        collateral: i % 3 === 0 ? [] : [FINANCE_COLLATERALS[i % FINANCE_COLLATERALS.length]!],
      },
    };
  });
}

function firmsAndNeeds(): { profiles: Map<number, Profile>; needs: MatchNeed[] } {
  const r = seededRandom(61);
  const profiles = new Map<number, Profile>();
  demoEnterprises(NEEDS / 2, 99).forEach((f, i) => {
    const v = normaliseEnterprise(f).value!;
    profiles.set(i + 1, {
      street: v.street ?? null,
      industryCode: v.industryCode ?? null,
      sizeClass: (v.sizeClass as Profile['sizeClass']) ?? null,
      registeredOn: v.registeredOn ?? null,
      registeredCapital: v.registeredCapital ?? null,
      revenue: v.revenue ?? null,
      employees: v.employees ?? null,
      assets: v.assets ?? null,
      rdRatio: v.rdRatio ?? null,
      creditGrade: v.creditGrade ?? null,
      legalForm: v.legalForm ?? null,
      qualifications: v.qualifications ?? null,
    });
  });
  const needs = Array.from({ length: NEEDS }, (_, i) => ({
    needId: i + 1,
    enterpriseId: (i % (NEEDS / 2)) + 1,
    terms: {
      amount: 10 + Math.round(r() * 1500),
      termMonths: 3 + Math.floor(r() * 60),
      loanKind: ['首贷', '续贷', '其他'][i % 3]!,
      collateral: i % 2 ? [] : [FINANCE_COLLATERALS[i % FINANCE_COLLATERALS.length]!],
    },
  }));
  return { profiles, needs };
}

export async function benchFinanceMatching(): Promise<BenchResult[]> {
  const list = products();
  const { profiles, needs } = firmsAndNeeds();

  const t0 = performance.now();
  const compiled = compileProducts(list);
  const needsOf = new Map<number, MatchNeed[]>();
  for (const n of needs) {
    const l = needsOf.get(n.enterpriseId);
    if (l) l.push(n);
    else needsOf.set(n.enterpriseId, [n]);
  }
  let kept = 0;
  const counts = matchBatch(needsOf, profiles, compiled, AS_OF, () => {
    kept++;
  });
  const ours = (performance.now() - t0) / 1000;
  if (counts.pairs !== NEEDS * PRODUCTS) throw new Error(`expected ${NEEDS * PRODUCTS} pairs, got ${counts.pairs}`);

  const t1 = performance.now();
  let baseKept = 0;
  for (const n of needs.slice(0, SAMPLE))
    for (const p of list) if (explainMatch(n.terms, profiles.get(n.enterpriseId)!, p, AS_OF).outcome !== 'not_eligible') baseKept++;
  const base = ((performance.now() - t1) / 1000) * (NEEDS / SAMPLE);
  return [
    {
      name: `match ${NEEDS.toLocaleString('en-US')} needs × ${PRODUCTS.toLocaleString('en-US')} products (in memory)`,
      seconds: ours,
      baseline: `one pair at a time with explanations (explainMatch), ${SAMPLE.toLocaleString('en-US')} needs measured, scaled: ${base.toFixed(1)} s`,
      ratio: base / ours,
      note: `${counts.eligible.toLocaleString('en-US')} eligible, ${counts.unknown.toLocaleString('en-US')} cannot tell (${kept.toLocaleString('en-US')} rows kept; baseline sample kept ${baseKept.toLocaleString('en-US')}); ${compiled.rules.length} distinct rules; target < 10 s`,
    },
  ];
}
