import { describe, expect, it } from 'vitest';
import { type GoldenPlan, ratio, scorePlan } from './corpus-score.js';
import { parsePlanText } from './core/parse-plan.js';

const TEXT = `渝中区2021年测试实施方案
一、市场环境
（一）深化商事制度改革（牵头单位：区市场监管局；责任单位：区税务局）
1.优化开办企业服务。企业开办时间压缩至1个工作日以内，2021年6月底前完成。
2.提升审批效率。全面推行告知承诺制（区发展改革委牵头，区财政局配合）
`;

const golden = (over: Partial<GoldenPlan> = {}): GoldenPlan => ({
  file: 'x.txt',
  title: '渝中区2021年测试实施方案',
  docNumber: null,
  year: 2021,
  measures: [
    {
      start: '优化开办企业服务',
      lead: ['区市场监管局'],
      responsible: ['区税务局'],
      targets: [{ op: '<=', value: 1, unit: '个工作日' }],
      deadlines: ['2021-06-30'],
    },
    { start: '提升审批效率', lead: ['区发改委'], responsible: ['区财政局'], targets: [], deadlines: [] },
  ],
  ...over,
});

describe('scorePlan', () => {
  const plan = parsePlanText(TEXT);

  it('scores a parse that finds what the reader found as 100 %, with units compared through the directory', () => {
    const s = scorePlan(plan, golden());
    expect([s.tasks, s.units, s.targets, s.deadlines].map(ratio)).toEqual(Array(4).fill({ precision: 1, recall: 1 }));
    expect(s.meta.right).toBe(3);
  });

  it('counts a task the parser did not find as missed, with everything it carries, and a wrong unit both ways', () => {
    const g = golden();
    g.measures[0]!.start = '并不存在的任务';
    g.measures[1]!.responsible = ['区科技局'];
    const s = scorePlan(plan, g);
    expect(s.missedTasks).toEqual(['并不存在的任务']);
    expect(s.tasks).toEqual({ tp: 1, found: 2, expected: 2 });
    // Parser: 2 + 2 units; reader: 2 + 2; right: 区发展改革委 lead only.
    expect(s.units).toEqual({ tp: 1, found: 4, expected: 4 });
    expect(s.targets).toEqual({ tp: 0, found: 1, expected: 1 });
  });
});
