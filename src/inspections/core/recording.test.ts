import { describe, expect, it } from 'vitest';
import { officialCalendar } from '../../calendar/index.js';
import { rectifyDue, resultProblems, type ResultInput } from './recording.js';
import { daysBefore, evaluateRisk, monthsBefore, riskRuleProblems, type RiskFacts, type RiskRule } from './risk.js';

const base: ResultInput = { category: 'no_problem', notes: '', rectifyDays: null, transferUnitId: null, transferNote: null, exemptionId: null };

describe('recording a result', () => {
  it('asks what the category needs: notes and a 责令改正 period for a problem, nothing of the kind otherwise', () => {
    expect(resultProblems(base, { ownUnitId: 1 })).toEqual([]);
    expect(resultProblems({ ...base, category: 'x' }, { ownUnitId: 1 })).toEqual([{ field: 'category', message: '未知的检查结果类别' }]);
    expect(resultProblems({ ...base, category: 'corrected' }, { ownUnitId: 1 }).map((p) => p.field)).toEqual(['notes', 'rectifyDays']);
    expect(resultProblems({ ...base, category: 'corrected', notes: '未公示许可证', rectifyDays: 10 }, { ownUnitId: 1 })).toEqual([]);
    expect(resultProblems({ ...base, rectifyDays: 5 }, { ownUnitId: 1 })).toEqual([{ field: 'rectifyDays', message: '未发现问题的，不能责令改正' }]);
    expect(resultProblems({ ...base, exemptionId: 3 }, { ownUnitId: 1 }).map((p) => p.field)).toEqual(['exemptionId']);
    expect(resultProblems({ ...base, transferUnitId: 1 }, { ownUnitId: 1 })).toEqual([{ field: 'transferUnitId', message: '不能移交本部门' }]);
    expect(resultProblems({ ...base, transferNote: '移交' }, { ownUnitId: 1 }).map((p) => p.field)).toEqual(['transferUnitId']);
    expect(resultProblems({ ...base, category: 'pending', notes: 'x', rectifyDays: 0 }, { ownUnitId: 1 }).map((p) => p.field)).toEqual(['rectifyDays']);
  });

  it('counts the 责令改正 period in working days (across 国庆 2025)', () => {
    // 10-01…10-08 off; 10-09, 10-10 and the 调休 Saturday 10-11 are the three working days.
    expect(rectifyDue(officialCalendar, '2025-09-30', 3)).toBe('2025-10-11');
    expect(rectifyDue(officialCalendar, '2025-09-30', null)).toBeNull();
  });
});

describe('风险预警 rules (pure)', () => {
  const rules: RiskRule[] = [
    { id: 1, kind: 'recent_problem', months: 12, minCount: null, days: null, active: true },
    { id: 2, kind: 'credit_worse', months: 6, minCount: null, days: null, active: true },
    { id: 3, kind: 'requests', months: null, minCount: 3, days: 90, active: true },
  ];
  const facts = (over: Partial<RiskFacts>): RiskFacts => ({
    key: 'E1',
    name: '样本公司',
    problems: [],
    requests: [],
    classRank: () => ({ rank: 2, name: '信用风险一般' }),
    lastUnits: [],
    ...over,
  });

  it('flags a recent problem to the department that found it, not an old one', () => {
    expect(evaluateRisk(rules, facts({ problems: [{ on: '2026-03-01', unitId: 7 }] }), '2026-11-30')).toEqual([
      { key: 'E1', name: '样本公司', unitId: 7, reasons: ['近 12 个月内抽查发现问题（1 项，最近 2026-03-01）'] },
    ]);
    expect(evaluateRisk(rules, facts({ problems: [{ on: '2025-11-30', unitId: 7 }] }), '2026-11-30')).toEqual([]);
  });

  it('flags a credit class that moved to a higher-risk class, to the last departments or the office', () => {
    const classRank = (d: string) => (d < '2026-09-01' ? { rank: 2, name: 'B' } : { rank: 4, name: 'D' });
    expect(evaluateRisk(rules, facts({ classRank, lastUnits: [7, 8] }), '2026-11-30').map((f) => [f.unitId, f.reasons])).toEqual([
      [7, ['信用风险分类较 6 个月前上升：B → D']],
      [8, ['信用风险分类较 6 个月前上升：B → D']],
    ]);
    expect(evaluateRisk(rules, facts({ classRank }), '2026-11-30')[0]!.unitId).toBeNull();
    // Better class: nothing.
    expect(evaluateRisk(rules, facts({ classRank: (d) => (d < '2026-09-01' ? { rank: 4, name: 'D' } : { rank: 1, name: 'A' }) }), '2026-11-30')).toEqual([]);
  });

  it('flags K requests in M days, not K−1, not older ones; inactive rules do nothing', () => {
    const reqs = (dates: string[]) => dates.map((on) => ({ on, unitId: 9 }));
    expect(evaluateRisk(rules, facts({ requests: reqs(['2026-11-01', '2026-11-20', '2026-11-30']) }), '2026-11-30')).toEqual([
      { key: 'E1', name: '样本公司', unitId: 9, reasons: ['90 日内企业诉求（含投诉举报）不少于 3 件（3 件）'] },
    ]);
    expect(evaluateRisk(rules, facts({ requests: reqs(['2026-08-31', '2026-11-20', '2026-11-30']) }), '2026-11-30')).toEqual([]);
    expect(
      evaluateRisk(
        rules.map((r) => ({ ...r, active: false })),
        facts({ problems: [{ on: '2026-11-01', unitId: 7 }] }),
        '2026-11-30',
      ),
    ).toEqual([]);
  });

  it('checks the rules the office writes and counts months and days', () => {
    expect(riskRuleProblems({ kind: 'recent_problem', months: 0, minCount: null, days: null, active: true }).map((p) => p.field)).toEqual(['months']);
    expect(riskRuleProblems({ kind: 'requests', months: null, minCount: null, days: 400, active: true }).map((p) => p.field)).toEqual(['minCount', 'days']);
    expect(monthsBefore('2026-05-31', 3)).toBe('2026-02-28');
    expect(monthsBefore('2026-01-15', 13)).toBe('2024-12-15');
    expect(daysBefore('2026-03-01', 1)).toBe('2026-02-28');
  });
});
