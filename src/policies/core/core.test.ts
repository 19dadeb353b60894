import { describe, expect, it } from 'vitest';
import { compile, prepare, U, T, F } from './compile.js';
import { describe as describeRule, describeAmount, evaluate, fullYears, validateCondition, type Condition, type Profile } from './rules.js';
import { runRuleTests } from './test-cases.js';
import { indexWords, markWords, queryWords, snippet } from './search-text.js';

// 《渝中区支持专精特新企业发展若干措施》-style rule: in the district, manufacturing or software,
// small/medium, at least 2 years old, holding 专精特新 and not credit grade D.
const rule: Condition = {
  all: [
    { field: 'street', op: 'in', values: ['解放碑街道', '七星岗街道'] },
    {
      any: [
        { field: 'industry', op: 'in', values: ['C'] },
        { field: 'industry', op: 'in', values: ['65'] },
      ],
    },
    { field: 'size', op: 'in', values: ['中型', '小型'] },
    { field: 'age_years', op: '>=', value: 2 },
    { field: 'qualification', op: 'has', value: '专精特新' },
    { not: { field: 'credit_grade', op: 'in', values: ['D'] } },
  ],
};
const firm: Profile = {
  street: '解放碑街道',
  industryCode: '6510',
  employees: 120,
  revenue: 3000,
  registeredOn: '2022-03-15',
  creditGrade: 'A',
  qualifications: [{ tag: '专精特新', validFrom: '2023-01-01', validTo: '2025-12-31' }],
};

describe('rules', () => {
  it('reads as Chinese', () => {
    expect(describeRule(rule)).toBe(
      '所在街道为解放碑街道、七星岗街道之一，并且（所属行业属于C 制造业，或者所属行业属于65 软件和信息技术服务业），并且企业规模为中型、小型之一，并且成立年限不低于 2年，并且具有有效的“专精特新”资质，并且不满足：信用等级为D',
    );
    expect(describeAmount({ kind: 'rate', field: 'revenue', rate: 0.01, cap: 50 })).toBe('上年度营业收入的 1%，最高 50 万元');
  });
  it('counts full years of age (the anniversary is the boundary)', () => {
    expect(fullYears('2022-03-15', '2024-03-14')).toBe(1);
    expect(fullYears('2022-03-15', '2024-03-15')).toBe(2);
  });
  it('finds an eligible firm and computes the amount', () => {
    // software (65): 120 persons ≥ 100 → 中型; revenue 3000 ≥ 1000 → 中型 → 中型. Age on 2024-06-01: 2 full years.
    const r = evaluate({ condition: rule, amount: { kind: 'rate', field: 'revenue', rate: 0.01, cap: 20 } }, firm, '2024-06-01');
    expect(r.outcome).toBe('eligible');
    expect(r.amount).toBe(20); // 3000 × 1% = 30, capped at 20
    expect(r.amountText).toContain('按上下限取 20 万元');
    expect(r.explanation.children!.map((c) => c.status)).toEqual(['held', 'held', 'held', 'held', 'held', 'held']);
  });
  it('fails on the first anniversary boundary and on an expired qualification', () => {
    expect(evaluate({ condition: rule }, firm, '2024-03-14').outcome).toBe('not_eligible');
    const r = evaluate({ condition: rule }, firm, '2026-01-01');
    expect(r.outcome).toBe('not_eligible');
    expect(r.explanation.children![4]).toMatchObject({ status: 'failed' });
    expect(r.explanation.children![4]!.detail).toContain('不在有效期内');
  });
  it('cannot tell when data is missing, and says how to supply it', () => {
    const r = evaluate({ condition: rule }, { ...firm, street: null }, '2024-06-01');
    expect(r.outcome).toBe('unknown');
    expect(r.missing).toEqual([{ text: '所在街道为解放碑街道、七星岗街道之一', supply: '在企业档案中填写“所在街道”' }]);
  });
  it('uses Kleene logic: a failed part decides AND even with missing data; a held part decides OR', () => {
    const r = evaluate({ condition: rule }, { ...firm, street: null, industryCode: '5110', employees: 10, revenue: 100 }, '2024-06-01');
    expect(r.outcome).toBe('not_eligible');
    const or: Condition = {
      any: [
        { field: 'employees', op: '>=', value: 100 },
        { field: 'revenue', op: '>=', value: 1000 },
      ],
    };
    expect(evaluate({ condition: or }, { revenue: 2000 }, '2024-01-01').outcome).toBe('eligible');
    expect(evaluate({ condition: or }, { revenue: 20 }, '2024-01-01').outcome).toBe('unknown');
    expect(evaluate({ condition: { not: or } }, { revenue: 20, employees: 5 }, '2024-01-01').outcome).toBe('eligible');
  });
  it('computes tiered amounts', () => {
    const amount = {
      kind: 'tiered' as const,
      field: 'revenue' as const,
      tiers: [
        { min: 2000, amount: 10 },
        { min: 10000, amount: 30 },
        { min: 50000, amount: 50 },
      ],
    };
    const r = (revenue: number) => evaluate({ condition: { all: [{ field: 'revenue', op: '>=', value: 0 }] }, amount }, { revenue }, '2024-01-01').amount;
    expect([r(1999), r(2000), r(9999), r(10000), r(50000)]).toEqual([0, 10, 10, 30, 50]);
  });
  it('validates rule shapes', () => {
    expect(validateCondition(rule)).toEqual([]);
    expect(validateCondition({ all: [] })).toEqual(['条件：条件组不能为空']);
    expect(validateCondition({ field: 'industry', op: 'in', values: ['99'] })).toEqual(['条件：行业代码“99”无效']);
    expect(validateCondition({ field: 'revenue', op: 'between', value: 10, value2: 5 })).toHaveLength(1);
  });
  it('the compiled evaluator agrees with the explaining one', () => {
    const f = compile(rule);
    const cases: Array<[Profile, string]> = [
      [firm, '2024-06-01'],
      [firm, '2026-01-01'],
      [{ ...firm, street: null }, '2024-06-01'],
      [{}, '2024-01-01'],
      [{ ...firm, creditGrade: 'D' }, '2024-06-01'],
    ];
    const map = { eligible: T, not_eligible: F, unknown: U };
    for (const [p, d] of cases) expect(f(prepare(p, d))).toBe(map[evaluate({ condition: rule }, p, d).outcome]);
  });
  it('runs test cases', () => {
    const res = runRuleTests({ condition: rule }, [
      { name: '符合', asOf: '2024-06-01', profile: firm, expected: 'eligible' },
      { name: '错误期望', asOf: '2024-06-01', profile: firm, expected: 'not_eligible' },
    ]);
    expect(res.map((r) => r.passed)).toEqual([true, false]);
    expect(res[1]!.message).toBe('期望“不符合”，实际“符合”');
  });
});

describe('Chinese search text', () => {
  it('segments documents and queries into words, keeping domain terms whole', () => {
    const idx = indexWords('关于支持专精特新中小企业高质量发展的若干政策措施').split(' ');
    expect(idx).toContain('专精特新');
    expect(idx).toContain('中小企业');
    expect(idx).toContain('企业');
    expect(queryWords('专精特新 的 奖励')).toEqual(['专精特新', '奖励']);
  });
  it('marks words and builds snippets around the hits', () => {
    expect(markWords('对专精特新企业给予奖励', ['奖励', '专精特新'])).toEqual([
      { text: '对' },
      { text: '专精特新', hit: true },
      { text: '企业给予' },
      { text: '奖励', hit: true },
    ]);
    const s = snippet(`${'前言'.repeat(100)}对认定的高新技术企业给予一次性奖励${'后文'.repeat(100)}`, ['高新技术企业'], 40);
    expect(s[0]).toEqual({ text: '…' });
    expect(s.find((x) => x.hit)?.text).toBe('高新技术企业');
  });
});
