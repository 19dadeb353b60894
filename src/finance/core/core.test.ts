import { describe, expect, it } from 'vitest';
import type { Condition, Profile } from '../../policies/core/index.js';
import { actsFor, mayActFor } from './access.js';
import { explainFit, fitScore, type NeedTerms, type ProductTerms } from './fit.js';
import { compileProducts, explainMatch, matchBatch, rankMatches, type MatchProduct, type MatchRow } from './matching.js';
import { productProblems, publishProblems } from './product.js';

const RULE: Condition = {
  all: [
    { field: 'size', op: 'in', values: ['小型', '微型'] },
    { field: 'revenue', op: '>=', value: 500 },
  ],
};
const TERMS: ProductTerms = { type: '信用贷', amountMin: 10, amountMax: 300, termMin: 6, termMax: 36, rateMin: 3.45, rateMax: 4.8, collateral: [] };
const PRODUCT: MatchProduct = { versionId: 1, terms: TERMS, condition: RULE };
const NEED: NeedTerms = { amount: 200, termMonths: 12, loanKind: '其他', collateral: [] };
const AS_OF = '2026-06-01';

describe('matching explanations (policies’ three-valued evaluation)', () => {
  it('eligible: every condition held, with the firm’s values', () => {
    const m = explainMatch(NEED, { sizeClass: '小型', revenue: 800 }, PRODUCT, AS_OF);
    expect(m.outcome).toBe('eligible');
    expect(m.evaluation.explanation.children!.map((c) => [c.status, c.detail])).toEqual([
      ['held', '企业规模为小型'],
      ['held', '企业上年度营业收入为 800万元'],
    ]);
    expect(m.evaluation.missing).toEqual([]);
  });

  it('cannot tell: names the missing data and how to supply it', () => {
    const m = explainMatch(NEED, { sizeClass: '微型' }, PRODUCT, AS_OF);
    expect(m.outcome).toBe('unknown');
    expect(m.evaluation.missing).toEqual([{ text: '上年度营业收入不低于 500万元', supply: '在企业档案中填写上年度营业收入（万元）' }]);
    expect(m.evaluation.explanation.children![1]!.status).toBe('missing');
  });

  it('not eligible: a failed condition decides even when other data is missing', () => {
    const m = explainMatch(NEED, { sizeClass: '中型' }, PRODUCT, AS_OF);
    expect(m.outcome).toBe('not_eligible');
    expect(m.evaluation.explanation.children![0]).toMatchObject({ status: 'failed', detail: '企业规模为中型' });
  });

  it('the bulk matcher agrees with the explained evaluation and shares closures between equal rules', () => {
    const profiles = new Map<number, Profile>([
      [1, { sizeClass: '小型', revenue: 800 }],
      [2, { sizeClass: '微型' }],
      [3, { sizeClass: '中型' }],
    ]);
    const products: MatchProduct[] = [PRODUCT, { ...PRODUCT, versionId: 2, terms: { ...TERMS, collateral: ['房产'] } }];
    const compiled = compileProducts(products);
    expect(compiled.rules).toHaveLength(1);
    const rows: MatchRow[] = [];
    const needsOf = new Map([1, 2, 3].map((e) => [e, [{ needId: e * 10, enterpriseId: e, terms: NEED }]]));
    const counts = matchBatch(needsOf, profiles, compiled, AS_OF, (needId, versionId, outcome, fit) => rows.push({ needId, versionId, outcome, fit }));
    expect(counts).toEqual({ pairs: 6, eligible: 2, unknown: 2 });
    for (const r of rows) {
      const e = explainMatch(NEED, profiles.get(r.needId / 10)!, products[r.versionId - 1]!, AS_OF);
      expect(e.outcome).toBe(r.outcome);
      expect(e.fit.score).toBe(r.fit);
    }
    expect(rows.find((r) => r.needId === 10 && r.versionId === 2)!.fit).toBeLessThan(rows.find((r) => r.needId === 10 && r.versionId === 1)!.fit);
  });
});

describe('fit', () => {
  it('scores amount, term, rate and collateral by hand', () => {
    // amount inside (40), term inside (25), rate (12 − 3.45)/(12 − 3) × 20 = 19.0, no collateral needed (15).
    expect(fitScore(NEED, TERMS)).toBe(99);
    // 600 万元 against a 300 maximum: 40 × 0.5 = 20; term 48 vs 36: 25 × 0.75 = 18.75 → 20 + 18.75 + 19 + 15 = 72.75 → 72.8.
    expect(fitScore({ ...NEED, amount: 600, termMonths: 48 }, TERMS)).toBe(72.8);
  });

  it('explains collateral and kind mismatches', () => {
    const f = explainFit({ ...NEED, loanKind: '首贷' }, { ...TERMS, type: '无还本续贷', collateral: ['房产', '土地'] });
    expect(f.aspects.find((a) => a.aspect === 'collateral')).toMatchObject({ score: 0, text: '产品要求房产、土地之一，企业未提供抵押或担保' });
    expect(f.aspects.find((a) => a.aspect === 'kind')).toMatchObject({ score: 0.5 });
    expect(f.score).toBe(Math.round((40 + 25 + 19 + 0) * 0.5 * 10) / 10);
  });

  it('ranks eligible, cannot tell, not eligible, then fit and rate', () => {
    const m = (outcome: 'eligible' | 'unknown' | 'not_eligible', score: number, rateMin: number, versionId: number) => ({
      outcome,
      fit: { score },
      rateMin,
      versionId,
    });
    const ranked = rankMatches([
      m('not_eligible', 99, 3, 1),
      m('unknown', 90, 3, 2),
      m('eligible', 50, 5, 3),
      m('eligible', 50, 4, 4),
      m('eligible', 80, 6, 5),
    ]);
    expect(ranked.map((x) => x.versionId)).toEqual([5, 4, 3, 2, 1]);
  });
});

describe('products', () => {
  it('names the fields of a wrong draft and gates publishing on the test cases', () => {
    const problems = productProblems({
      name: '',
      type: '信用贷',
      amountMin: 100,
      amountMax: 10,
      termMin: 6,
      termMax: 12,
      rateMin: 3,
      rateMax: 4,
      repayment: [],
      collateral: [],
      description: '说明',
      condition: RULE,
      testCases: [],
    });
    expect(problems.map((p) => p.field)).toEqual(['产品名称', '额度（万元）', '还款方式']);
    const gate = publishProblems(RULE, [{ name: '符合', asOf: AS_OF, profile: { sizeClass: '小型', revenue: 600 }, expected: 'eligible' }]);
    expect(gate.problems).toEqual(['至少需要一个期望“不符合”的测试用例']);
    const wrong = publishProblems(RULE, [
      { name: '符合', asOf: AS_OF, profile: { sizeClass: '小型' }, expected: 'eligible' },
      { name: '不符合', asOf: AS_OF, profile: { sizeClass: '大型' }, expected: 'not_eligible' },
    ]);
    expect(wrong.problems).toEqual(['测试用例“符合”未通过：期望“符合”，实际“无法判断”']);
  });

  it('a head office acts for its branches, a branch only for itself', () => {
    const rows = new Map<number, number | null>([
      [1, null],
      [2, 1],
      [3, null],
    ]);
    expect(actsFor(1, rows)).toEqual([1, 2]);
    expect(actsFor(2, rows)).toEqual([2]);
    expect(mayActFor(1, 2, rows)).toBe(true);
    expect(mayActFor(2, 1, rows)).toBe(false);
    expect(mayActFor(3, 2, rows)).toBe(false);
  });
});
