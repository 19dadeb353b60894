import { evaluate, type AmountRule, type Condition, type Outcome, type Profile } from './rules.js';

/**
 * A rule's test case (in the manner of OpenFisca's YAML tests): an example profile, the date of
 * evaluation and the expected result. A rule version is published only when all its cases pass.
 */
export interface RuleTestCase {
  name: string;
  asOf: string;
  profile: Profile;
  expected: Outcome;
  expectedAmount?: number | null;
}
export interface RuleTestResult {
  name: string;
  passed: boolean;
  actual: Outcome;
  actualAmount: number | null;
  expected: Outcome;
  expectedAmount?: number | null;
  message?: string;
}

export const OUTCOME_LABELS: Record<Outcome, string> = { eligible: '符合', not_eligible: '不符合', unknown: '无法判断' };

export function runRuleTests(rule: { condition: Condition; amount?: AmountRule | null }, cases: RuleTestCase[]): RuleTestResult[] {
  return cases.map((tc) => {
    const r = evaluate(rule, tc.profile, tc.asOf);
    const amountOk = tc.expectedAmount === undefined || tc.expectedAmount === null || (r.amount !== null && Math.abs(r.amount - tc.expectedAmount) < 0.005);
    const passed = r.outcome === tc.expected && amountOk;
    return {
      name: tc.name,
      passed,
      actual: r.outcome,
      actualAmount: r.amount,
      expected: tc.expected,
      expectedAmount: tc.expectedAmount,
      message: passed
        ? undefined
        : r.outcome !== tc.expected
          ? `期望“${OUTCOME_LABELS[tc.expected]}”，实际“${OUTCOME_LABELS[r.outcome]}”`
          : `期望金额 ${tc.expectedAmount} 万元，实际 ${r.amount ?? '无法计算'}`,
    };
  });
}
