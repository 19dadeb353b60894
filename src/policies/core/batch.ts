import { classifySize } from '../../enterprises/core/index.js';
import { compile, F, T, U, type Compiled, type Prepared, type Tri } from './compile.js';
import { amountValue, fullYears, type AmountRule, type Condition } from './rules.js';

/**
 * Bulk matching of many firms against many rules (issue 18: 1,000,000 firms × 500 items).
 *
 * Each rule is split into its top-level conjuncts (the parts of its outermost `all`). A conjunct that
 * reads only the firm's discrete facts (street, size class, industry, credit grade, legal form, valid
 * qualifications) has the same value for every firm with the same facts; the rest (numbers, age,
 * registration date) is the residual. Firms are keyed by their discrete facts; per key (computed once
 * for the first firm with that key) every rule whose discrete part is false is dropped, a rule whose
 * discrete part decides it alone is a constant, and the others keep their residual closure. Kleene AND
 * is commutative and has no side effects, so the outcome is the same as `compile(rule)` on the firm
 * (tested in src/policies/batch-core.test.ts against `compile` and `evaluate`).
 */

const DISCRETE = new Set(['street', 'industry', 'size', 'credit_grade', 'legal_form', 'qualification']);

/** True when the condition reads only discrete facts (the batch key). */
export function isDiscrete(c: Condition): boolean {
  if ('all' in c) return c.all.every(isDiscrete);
  if ('any' in c) return c.any.every(isDiscrete);
  if ('not' in c) return isDiscrete(c.not);
  return DISCRETE.has(c.field);
}

const conjuncts = (c: Condition): Condition[] => ('all' in c ? c.all.flatMap(conjuncts) : [c]);

export interface BatchRule {
  condition: Condition;
  amount: AmountRule | null | undefined;
}

interface SplitRule {
  /** The discrete conjuncts (null when there are none: always true). */
  discrete: Compiled | null;
  /** The other conjuncts (null when there are none). */
  residual: Compiled | null;
  amount: AmountRule | null | undefined;
}

/** Per key: the rules still open, with their discrete part's value (T or U) and residual. */
export interface KeyPlan {
  rules: Int32Array;
  /** 1 = T, 2 = U: the discrete part's value. */
  discrete: Uint8Array;
  residual: Array<Compiled | null>;
}

export class BatchMatcher {
  private readonly split: SplitRule[];
  private readonly plans = new Map<string, KeyPlan>();
  private readonly quals = new Map<string, Set<string>>();
  private readonly qualKeys = new Map<Set<string>, string>();
  private readonly ages = new Map<string, number>();

  constructor(
    rules: readonly BatchRule[],
    private readonly asOf: string,
  ) {
    this.split = rules.map((r) => {
      const parts = conjuncts(r.condition);
      const d = parts.filter(isDiscrete);
      const o = parts.filter((c) => !isDiscrete(c));
      const one = (cs: Condition[]) => (cs.length === 0 ? null : compile(cs.length === 1 ? cs[0]! : { all: cs }));
      return { discrete: one(d), residual: one(o), amount: r.amount };
    });
  }

  get ruleCount(): number {
    return this.split.length;
  }

  /**
   * A firm's prepared profile from its stored facts (what `prepare(toProfile(e), asOf)` gives):
   * `quals` are the tags valid on the date, sorted (sets are shared between firms with the same tags).
   */
  prepare(f: {
    street: string | null;
    industryCode: string | null;
    sizeClass: string | null;
    creditGrade: string | null;
    legalForm: string | null;
    registeredOn: string | null;
    registeredCapital: number | null;
    revenue: number | null;
    employees: number | null;
    assets: number | null;
    rdRatio: number | null;
    quals: readonly string[];
  }): Prepared {
    const n = (v: number | null) => (v === null || Number.isNaN(v) ? null : v);
    const qk = f.quals.join('\u0001');
    let quals = this.quals.get(qk);
    if (!quals) {
      quals = new Set(f.quals);
      this.quals.set(qk, quals);
      this.qualKeys.set(quals, qk);
    }
    let age: number | null = null;
    if (f.registeredOn) {
      const a = this.ages.get(f.registeredOn);
      if (a === undefined) {
        age = fullYears(f.registeredOn, this.asOf);
        this.ages.set(f.registeredOn, age);
      } else age = a;
    }
    return {
      street: f.street ?? null,
      industry: f.industryCode ?? null,
      // profileSize: the stored class, else computed from industry, employees, revenue and assets.
      size:
        f.sizeClass || (f.industryCode ? classifySize({ industry: f.industryCode, employees: f.employees, revenue: f.revenue, assets: f.assets }).size : null),
      creditGrade: f.creditGrade ?? null,
      legalForm: f.legalForm ?? null,
      registeredOn: f.registeredOn ?? null,
      nums: {
        registered_capital: n(f.registeredCapital),
        revenue: n(f.revenue),
        employees: n(f.employees),
        assets: n(f.assets),
        rd_ratio: n(f.rdRatio),
        age_years: age,
      },
      quals,
    };
  }

  /** The plan for a firm's discrete facts (computed on first use of the key). */
  plan(p: Prepared): KeyPlan {
    const v = (x: string | null) => (x === null ? '\u0003' : x);
    const qk = p.quals === null ? '\u0003' : (this.qualKeys.get(p.quals) ?? [...p.quals].sort().join('\u0001'));
    const key = `${v(p.street)}\u0002${v(p.size)}\u0002${v(p.industry)}\u0002${v(p.creditGrade)}\u0002${v(p.legalForm)}\u0002${qk}`;
    let plan = this.plans.get(key);
    if (plan) return plan;
    const rules: number[] = [];
    const discrete: number[] = [];
    const residual: Array<Compiled | null> = [];
    for (let k = 0; k < this.split.length; k++) {
      const s = this.split[k]!;
      const d: Tri = s.discrete ? s.discrete(p) : T;
      if (d === F) continue;
      rules.push(k);
      discrete.push(d);
      residual.push(s.residual);
    }
    plan = { rules: Int32Array.from(rules), discrete: Uint8Array.from(discrete), residual };
    // Bounded: the number of distinct keys is small in practice (streets × sizes × industries × …).
    if (this.plans.size >= 200_000) this.plans.clear();
    this.plans.set(key, plan);
    return plan;
  }

  /**
   * Evaluates every rule for one firm: calls `onEligible(ruleIndex, amount)` for each rule it meets
   * and returns the number of rules that cannot be told (missing data).
   */
  match(p: Prepared, onEligible: (rule: number, amount: number | null) => void): number {
    const plan = this.plan(p);
    let unknown = 0;
    const { rules, discrete, residual } = plan;
    for (let i = 0; i < rules.length; i++) {
      const f = residual[i];
      const r: Tri = f ? f(p) : T;
      const out: Tri = discrete[i] === T ? r : r === F ? F : U;
      if (out === T) {
        const k = rules[i]!;
        const a = this.split[k]!.amount;
        onEligible(k, a ? amountValue(a, a.kind === 'fixed' ? null : p.nums[a.field]) : null);
      } else if (out === U) unknown++;
    }
    return unknown;
  }
}
