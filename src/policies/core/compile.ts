import { fullYears, industryMatches, profileSize, qualificationValid, type Condition, type Profile } from './rules.js';

/**
 * Bulk matching: a condition tree compiled once into closures over a prepared profile (size class,
 * age and valid qualifications computed once per firm and date). Three-valued like `explain`, but
 * without building explanations: F = 0, T = 1, U = 2 (unknown).
 */
export const F = 0,
  T = 1,
  U = 2;
export type Tri = 0 | 1 | 2;

export interface Prepared {
  street: string | null;
  industry: string | null;
  size: string | null;
  creditGrade: string | null;
  legalForm: string | null;
  registeredOn: string | null;
  nums: {
    registered_capital: number | null;
    revenue: number | null;
    employees: number | null;
    assets: number | null;
    age_years: number | null;
    rd_ratio: number | null;
  };
  /** Valid qualification tags on the date, or null when the profile says nothing about them. */
  quals: Set<string> | null;
  /** Tags present but not valid on the date (count as "does not hold"). */
}

export function prepare(p: Profile, asOf: string): Prepared {
  const n = (v: number | null | undefined) => (v === undefined || v === null || Number.isNaN(v) ? null : v);
  return {
    street: p.street ?? null,
    industry: p.industryCode ?? null,
    size: profileSize(p),
    creditGrade: p.creditGrade ?? null,
    legalForm: p.legalForm ?? null,
    registeredOn: p.registeredOn ?? null,
    nums: {
      registered_capital: n(p.registeredCapital),
      revenue: n(p.revenue),
      employees: n(p.employees),
      assets: n(p.assets),
      rd_ratio: n(p.rdRatio),
      age_years: p.registeredOn ? fullYears(p.registeredOn, asOf) : null,
    },
    quals: p.qualifications ? new Set(p.qualifications.filter((q) => qualificationValid(q, asOf)).map((q) => q.tag)) : null,
  };
}

export type Compiled = (p: Prepared) => Tri;

export function compile(c: Condition): Compiled {
  if ('all' in c) {
    const parts = c.all.map(compile);
    return (p) => {
      let u = false;
      for (const f of parts) {
        const r = f(p);
        if (r === F) return F;
        if (r === U) u = true;
      }
      return u ? U : T;
    };
  }
  if ('any' in c) {
    const parts = c.any.map(compile);
    return (p) => {
      let u = false;
      for (const f of parts) {
        const r = f(p);
        if (r === T) return T;
        if (r === U) u = true;
      }
      return u ? U : F;
    };
  }
  if ('not' in c) {
    const inner = compile(c.not);
    return (p) => {
      const r = inner(p);
      return r === U ? U : r === T ? F : T;
    };
  }
  switch (c.op) {
    case 'in': {
      if (c.field === 'industry') {
        const pats = c.values;
        const cache = new Map<string, Tri>();
        return (p) => {
          if (!p.industry) return U;
          let r = cache.get(p.industry);
          if (r === undefined) {
            r = pats.some((x) => industryMatches(p.industry!, x)) ? T : F;
            cache.set(p.industry, r);
          }
          return r;
        };
      }
      const set = new Set(c.values);
      const key = ({ street: 'street', size: 'size', credit_grade: 'creditGrade', legal_form: 'legalForm' } as const)[c.field];
      return (p) => {
        const v = p[key];
        return v === null ? U : set.has(v) ? T : F;
      };
    }
    case 'has': {
      const tag = c.value;
      return (p) => (p.quals === null ? U : p.quals.has(tag) ? T : F);
    }
    case 'before': {
      const d = c.value;
      return (p) => (p.registeredOn === null ? U : p.registeredOn < d ? T : F);
    }
    case 'on_or_after': {
      const d = c.value;
      return (p) => (p.registeredOn === null ? U : p.registeredOn >= d ? T : F);
    }
    default: {
      // One closure per operator (no inner test call): bulk matching runs these millions of times.
      const f = c.field,
        a = c.value,
        b = c.value2 ?? c.value;
      switch (c.op) {
        case '>=':
          return (p) => {
            const v = p.nums[f];
            return v === null ? U : v >= a ? T : F;
          };
        case '>':
          return (p) => {
            const v = p.nums[f];
            return v === null ? U : v > a ? T : F;
          };
        case '<=':
          return (p) => {
            const v = p.nums[f];
            return v === null ? U : v <= a ? T : F;
          };
        case '<':
          return (p) => {
            const v = p.nums[f];
            return v === null ? U : v < a ? T : F;
          };
        case '=':
          return (p) => {
            const v = p.nums[f];
            return v === null ? U : v === a ? T : F;
          };
        default:
          return (p) => {
            const v = p.nums[f];
            return v === null ? U : v >= a && v <= b ? T : F;
          };
      }
    }
  }
}
