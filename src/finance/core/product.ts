import { describe, runRuleTests, validateCondition, type Condition, type RuleTestCase, type RuleTestResult } from '../../policies/core/index.js';
import { FINANCE_COLLATERALS, FINANCE_PRODUCT_TYPES, FINANCE_REPAYMENTS } from './labels.js';

/** A product's terms as the bank edits them (amounts 万元, terms months, rates % a year). */
export interface ProductDraft {
  name: string;
  type: string;
  amountMin: number;
  amountMax: number;
  termMin: number;
  termMax: number;
  rateMin: number;
  rateMax: number;
  repayment: string[];
  collateral: string[];
  collateralNote?: string | null;
  description: string;
  condition: Condition;
  testCases: RuleTestCase[];
}

export interface FieldProblem {
  field: string;
  message: string;
}

/** Problems of a draft, each naming the field in Chinese. */
export function productProblems(d: ProductDraft): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!d.name.trim()) out.push({ field: '产品名称', message: '必填' });
  if (!(FINANCE_PRODUCT_TYPES as readonly string[]).includes(d.type)) out.push({ field: '产品类型', message: `未知类型“${d.type}”` });
  if (d.amountMin < 0 || d.amountMax < d.amountMin) out.push({ field: '额度（万元）', message: '最高额度须不小于最低额度，且不为负数' });
  if (d.termMin < 1 || d.termMax < d.termMin) out.push({ field: '期限（月）', message: '最长期限须不小于最短期限，且至少 1 个月' });
  if (d.rateMin < 0 || d.rateMax < d.rateMin || d.rateMax > 36) out.push({ field: '年利率（%）', message: '最高利率须不小于最低利率，且在 0–36% 之间' });
  if (d.repayment.length === 0) out.push({ field: '还款方式', message: '请至少选择一种' });
  for (const r of d.repayment) if (!(FINANCE_REPAYMENTS as readonly string[]).includes(r)) out.push({ field: '还款方式', message: `未知还款方式“${r}”` });
  for (const c of d.collateral) if (!(FINANCE_COLLATERALS as readonly string[]).includes(c)) out.push({ field: '担保方式', message: `未知担保方式“${c}”` });
  if (!d.description.trim()) out.push({ field: '产品说明', message: '必填' });
  for (const m of validateCondition(d.condition, '准入条件')) out.push({ field: '准入条件', message: m });
  d.testCases.forEach((tc, i) => {
    if (!tc.name.trim()) out.push({ field: '测试用例', message: `第 ${i + 1} 个用例须有名称` });
  });
  return out;
}

/**
 * The publishing gate (as for policy rules): every test case passes, with at least one “符合” and one “不符合” case,
 * so the rule is shown both to admit and to refuse.
 */
export function publishProblems(condition: Condition, cases: RuleTestCase[]): { results: RuleTestResult[]; problems: string[] } {
  const results = runRuleTests({ condition }, cases);
  const problems: string[] = [];
  if (!cases.some((c) => c.expected === 'eligible')) problems.push('至少需要一个期望“符合”的测试用例');
  if (!cases.some((c) => c.expected === 'not_eligible')) problems.push('至少需要一个期望“不符合”的测试用例');
  for (const r of results) if (!r.passed) problems.push(`测试用例“${r.name}”未通过：${r.message ?? ''}`);
  return { results, problems };
}

/** The text the catalogue search looks in: name, type, institution, description and the rule in words. */
export function productSearchText(d: Pick<ProductDraft, 'name' | 'type' | 'description' | 'condition'>, institution: string): string {
  return [d.name, d.type, institution, d.description, describe(d.condition)].join(' ').toLowerCase();
}
