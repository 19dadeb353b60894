import { describe, expect, it } from 'vitest';
import { DEFAULT_CREDIT_CLASSES, checkCreditClasses, classInForce, drawShares, repairProblem, resolveCreditClass, type CreditRecord } from './credit.js';
import { DEMO_EXEMPTIONS, EXEMPTION_KIND_BASIS, checkExemption } from './exemption.js';

const classes = [...DEFAULT_CREDIT_CLASSES];
const byCode = (c: string) => classes.find((x) => x.code === c);

describe('credit classes', () => {
  it('defaults to the four classes of 国市监信发〔2022〕6号 with a share for each and B as default', () => {
    expect(classes.map((c) => `${c.name}(${c.code})`)).toEqual(['信用风险低(A)', '信用风险一般(B)', '信用风险较高(C)', '信用风险高(D)']);
    expect(checkCreditClasses(classes)).toEqual([]);
    expect([...drawShares(classes)]).toEqual([
      ['A', 3],
      ['B', 5],
      ['C', 20],
      ['D', 60],
    ]);
  });

  it('refuses a list with duplicate codes, a 0% share, no default, or a restrictive default', () => {
    const bad = [
      { ...classes[0]!, drawShare: 0 },
      { ...classes[1]!, code: 'A', isDefault: false },
      { ...classes[2]!, code: 'c' },
      { ...classes[3]!, isDefault: true },
    ];
    expect(checkCreditClasses(bad)).toEqual([
      { row: 1, field: '抽查比例', message: '抽查比例应大于 0 且不超过 100（任何类别都不免抽）' },
      { row: 2, field: '代码', message: '与第1行代码重复' },
      { row: 3, field: '代码', message: '代码应为 1–4 位大写字母或数字，以字母开头（如 A、B、C、D）' },
      { row: 4, field: '默认类别', message: '默认类别不能是需信用修复的类别' },
    ]);
    expect(checkCreditClasses(classes.map((c) => ({ ...c, isDefault: false })))[0]!.field).toBe('默认类别');
    expect(checkCreditClasses([])).toHaveLength(1);
  });

  it('reads a class cell by code, name or both', () => {
    for (const s of ['A', 'a', 'A类', '信用风险低', '信用风险低(A)', '信用风险低（A）', ' 信用风险低 (A) ']) expect(resolveCreditClass(s, classes)).toBe('A');
    expect(resolveCreditClass('信用风险高', classes)).toBe('D');
    expect(resolveCreditClass('E', classes)).toBeUndefined();
    expect(resolveCreditClass('', classes)).toBeUndefined();
  });

  it('takes the class in force on a date; a repair moves the firm out of D from the repair date on', () => {
    const records: CreditRecord[] = [
      { id: 1, classCode: 'B', effectiveOn: '2025-01-01', kind: 'assessment' },
      { id: 2, classCode: 'D', effectiveOn: '2025-06-30', kind: 'assessment' },
      { id: 4, classCode: 'B', effectiveOn: '2025-09-15', kind: 'repair' },
      // Imported after the repair but dated before it: does not bring D back.
      { id: 5, classCode: 'D', effectiveOn: '2025-09-01', kind: 'assessment' },
    ];
    expect(classInForce(records, '2024-12-31')).toBeUndefined();
    expect(classInForce(records, '2025-01-01')?.classCode).toBe('B');
    expect(classInForce(records, '2025-09-14')?.classCode).toBe('D');
    expect(classInForce(records, '2025-09-15')).toMatchObject({ classCode: 'B', kind: 'repair' });
    // Two records of the same day: the later one wins.
    expect(classInForce([...records, { id: 9, classCode: 'C', effectiveOn: '2025-09-15', kind: 'assessment' }], '2025-10-01')?.classCode).toBe('C');
  });

  it('allows a repair only out of a restrictive class into a non-restrictive one', () => {
    expect(repairProblem(byCode('D'), byCode('B'))).toBeNull();
    expect(repairProblem(byCode('B'), byCode('A'))).toContain('不属于需信用修复的类别');
    expect(repairProblem(byCode('D'), byCode('C'))).toContain('修复后类别不能是');
    expect(repairProblem(undefined, byCode('B'))).toContain('没有分类记录');
    expect(repairProblem(byCode('D'), undefined)).toBe('修复后类别不存在');
  });
});

describe('免罚清单 entries', () => {
  it('need every field and a kind of 行政处罚法 第三十三条; the demo entries pass', () => {
    expect(checkExemption({ unitId: null, item: ' ', kind: '首违不罚', conditions: 'x', violatedBasis: 'y', exemptionBasis: 'z' })).toEqual([
      { field: '违法行为', message: '违法行为不能为空' },
    ]);
    for (const d of DEMO_EXEMPTIONS) expect(checkExemption({ ...d, unitId: null })).toEqual([]);
    expect(EXEMPTION_KIND_BASIS.首违不罚).toContain('第三十三条');
  });
});
