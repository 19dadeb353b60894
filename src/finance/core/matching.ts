import { compile, evaluate, F, prepare, T, U, type Compiled, type Condition, type Evaluation, type Prepared, type Profile } from '../../policies/core/index.js';
import { explainFit, fitScoreWith, ratePart, type Fit, type NeedTerms, type ProductTerms } from './fit.js';

/**
 * Matching needs against products in force. Eligibility is the product's rule in the policies' rule language,
 * evaluated three-valued by the policies' core (no second rule engine): `explainMatch` uses `evaluate` (the
 * per-condition explanation), `matchBatch` the compiled closures of `compile` over `prepare`d profiles (tested to
 * agree), the way src/policies/matching.ts matches all firms: each rule compiled once, each firm's profile prepared
 * once, each (firm, rule) evaluated once however many needs the firm has.
 */
export interface MatchProduct {
  versionId: number;
  terms: ProductTerms;
  condition: Condition;
}
export interface MatchNeed {
  needId: number;
  enterpriseId: number;
  terms: NeedTerms;
}
export type MatchOutcome = 'eligible' | 'unknown';
export interface MatchRow {
  needId: number;
  versionId: number;
  outcome: MatchOutcome;
  fit: number;
}

export interface CompiledProducts {
  products: readonly MatchProduct[];
  /** Index into `rules` per product: products with the same rule share one closure. */
  ruleOf: Int32Array;
  rules: Compiled[];
  /** Each product's rate part of the fit. */
  rateParts: Float64Array;
}

export function compileProducts(products: readonly MatchProduct[]): CompiledProducts {
  const byText = new Map<string, number>();
  const rules: Compiled[] = [];
  const ruleOf = new Int32Array(products.length);
  products.forEach((p, i) => {
    const key = JSON.stringify(p.condition);
    let k = byText.get(key);
    if (k === undefined) {
      k = rules.length;
      rules.push(compile(p.condition));
      byText.set(key, k);
    }
    ruleOf[i] = k;
  });
  return { products, ruleOf, rules, rateParts: Float64Array.from(products, (p) => ratePart(p.terms)) };
}

export interface BatchCounts {
  pairs: number;
  eligible: number;
  unknown: number;
}

/**
 * Matches needs (grouped by firm: `needsOf`) against compiled products; calls `emit` for every eligible or
 * cannot-tell pair with its fit score (positional arguments: no object per pair). Firms without a profile in
 * `profiles` are skipped.
 */
export function matchBatch(
  needsOf: ReadonlyMap<number, readonly MatchNeed[]>,
  profiles: ReadonlyMap<number, Profile>,
  compiled: CompiledProducts,
  asOf: string,
  emit: (needId: number, versionId: number, outcome: MatchOutcome, fit: number) => void,
): BatchCounts {
  const counts: BatchCounts = { pairs: 0, eligible: 0, unknown: 0 };
  const { products, ruleOf, rules, rateParts } = compiled;
  const results = new Uint8Array(rules.length);
  for (const [enterpriseId, needs] of needsOf) {
    const profile = profiles.get(enterpriseId);
    if (!profile) continue;
    const prepared: Prepared = prepare(profile, asOf);
    for (let k = 0; k < rules.length; k++) results[k] = rules[k]!(prepared);
    for (let i = 0; i < products.length; i++) {
      const r = results[ruleOf[i]!]!;
      counts.pairs += needs.length;
      if (r === F) continue;
      const p = products[i]!;
      const outcome: MatchOutcome = r === U ? 'unknown' : 'eligible';
      if (r === T) counts.eligible += needs.length;
      else counts.unknown += needs.length;
      for (const n of needs) emit(n.needId, p.versionId, outcome, fitScoreWith(n.terms, p.terms, rateParts[i]!));
    }
  }
  return counts;
}

export interface ExplainedMatch {
  versionId: number;
  outcome: Evaluation['outcome'];
  evaluation: Evaluation;
  fit: Fit;
}

/** One need against one product: the rule's per-condition explanation (policies' `evaluate`) and the fit. */
export function explainMatch(need: NeedTerms, profile: Profile, product: MatchProduct, asOf: string): ExplainedMatch {
  const evaluation = evaluate({ condition: product.condition }, profile, asOf);
  return { versionId: product.versionId, outcome: evaluation.outcome, evaluation, fit: explainFit(need, product.terms) };
}

const OUTCOME_ORDER = { eligible: 0, unknown: 1, not_eligible: 2 } as const;

/** Ranking: eligible, then cannot tell, then not eligible; within each by fit (high first), lowest rate, version id. */
export function rankMatches<M extends { outcome: keyof typeof OUTCOME_ORDER; fit: { score: number }; rateMin: number; versionId: number }>(ms: M[]): M[] {
  return [...ms].sort(
    (a, b) => OUTCOME_ORDER[a.outcome] - OUTCOME_ORDER[b.outcome] || b.fit.score - a.fit.score || a.rateMin - b.rateMin || a.versionId - b.versionId,
  );
}
