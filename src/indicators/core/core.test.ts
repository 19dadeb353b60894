import { describe, expect, it } from 'vitest';
import { BUILTIN_DEFINITIONS, evaluate, rollUp, targetText, validateDefinition, validateRows, type AggregateRow, type IndicatorDefinition } from './index.js';

const units = new Map([
  ['区城管局', 1],
  ['区财政局', 2],
]);
const ctx = { file: 'x.csv', resolveUnit: (n: string) => units.get(n) };

describe('definitions', () => {
  it('every built-in definition is valid, cites a measure and has a unique code', () => {
    for (const d of BUILTIN_DEFINITIONS) expect(validateDefinition(d), d.code).toEqual([]);
    expect(new Set(BUILTIN_DEFINITIONS.map((d) => d.code)).size).toBe(BUILTIN_DEFINITIONS.length);
    expect(BUILTIN_DEFINITIONS.map((d) => `${d.plan.measure}/${d.plan.seq}`)).toHaveLength(24);
  });
  it('rejects fields of another record type, unknown kinds and bad targets', () => {
    const water = BUILTIN_DEFINITIONS[0]!;
    expect(validateDefinition({ ...water, start: 'budget' })).toEqual(['start：“budget”不是“水电气报装”的字段']);
    expect(validateDefinition({ ...water, kind: 'median' })).toEqual(['未知的指标类型“median”']);
    expect(validateDefinition({ ...water, limit: -1 })).toEqual(['limit 应为不小于0的数']);
    expect(validateDefinition({ ...water, recordType: 'weather' })).toEqual(['未知的记录类型“weather”']);
  });
  it('states targets in words', () => {
    expect(BUILTIN_DEFINITIONS.map(targetText).slice(0, 4)).toEqual(['每件 ≤ 9 个工作日', '每件 ≤ 8 个工作日', '每件 ≤ 2 日', '平均 ≤ 30 个工作日']);
  });
});

describe('evaluation and roll-up', () => {
  const count = BUILTIN_DEFINITIONS.find((d) => d.code === 'cross-province') as IndicatorDefinition;
  const s = (counted: number) => ({ counted, compliant: counted, excluded: 0, excludedReasons: {}, durSum: 0, worst: null, numerator: 0, denominator: 0 });
  it('a count below target is pending before its date and breached from it', () => {
    expect(evaluate(count, s(73), { periodEnd: '2021-11-30', byDate: '2021-12-31' }).status).toBe('pending');
    expect(evaluate(count, s(73), { periodEnd: '2021-12-31', byDate: '2021-12-31' }).status).toBe('breached');
    expect(evaluate(count, s(74), { periodEnd: '2021-03-31', byDate: '2021-12-31' }).status).toBe('met');
    // no record at all is 无数据 (nobody reported), not 0 against the target; one excluded record means data exists
    expect(evaluate(count, s(0), { periodEnd: '2021-12-31', byDate: '2021-12-31' })).toMatchObject({ value: null, status: 'no_data' });
    expect(evaluate(count, { ...s(0), excluded: 1 }, { periodEnd: '2021-12-31', byDate: '2021-12-31' })).toMatchObject({ value: 0, status: 'breached' });
  });
  it('a rate of exactly 100 % is required where the plan says 100 %', () => {
    const rate = BUILTIN_DEFINITIONS.find((d) => d.code === 'supervision-complaint')!;
    expect(evaluate(rate, { ...s(1000), compliant: 999 }, { periodEnd: '2021-12-31', byDate: null })).toMatchObject({ value: 99.9, status: 'breached' });
  });
  it("measure 48's 企业诉求按时办结率: ≥ 100 % by default, a target the office lowers is met at or above it", () => {
    const rate = BUILTIN_DEFINITIONS.find((d) => d.code === 'request-on-time')!;
    expect(rate).toMatchObject({ recordType: 'enterprise_request', plan: { measure: 48 }, kind: 'share', dateField: 'applied_on' });
    expect(targetText(rate)).toBe('≥ 100%');
    expect(evaluate(rate, { ...s(4), compliant: 3 }, { periodEnd: '2021-12-31', byDate: null })).toMatchObject({ value: 75, status: 'breached' });
    expect(evaluate(rate, s(4), { periodEnd: '2021-12-31', byDate: null })).toMatchObject({ value: 100, status: 'met' });
    expect(evaluate({ ...rate, percent: 95 } as IndicatorDefinition, { ...s(20), compliant: 19 }, { periodEnd: '2021-12-31', byDate: null })).toMatchObject({
      value: 95,
      status: 'met',
    });
    expect(evaluate(rate, s(0), { periodEnd: '2021-12-31', byDate: null })).toMatchObject({ value: null, status: 'no_data' });
  });
  it('months, quarters and cumulative year to date are sums of the monthly aggregates, per unit and overall', () => {
    const water = BUILTIN_DEFINITIONS[0]!;
    const rows: AggregateRow[] = [
      { month: '2021-01', unitId: 1, reason: null, n: 2, ok: 2, durSum: 10, durMax: 6, num: 0, den: 0 },
      { month: '2021-02', unitId: 2, reason: null, n: 2, ok: 1, durSum: 20, durMax: 12, num: 0, den: 0 },
      { month: '2021-04', unitId: 1, reason: '尚未办结（未超期）', n: 1, ok: 0, durSum: 0, durMax: null, num: 0, den: 0 },
    ];
    const r = rollUp(water, rows, { year: 2021, asOf: '2021-04-15' });
    const get = (kind: string, period: string, unit: number | null) => r.find((x) => x.periodKind === kind && x.period === period && x.unitId === unit);
    expect(get('quarter', '2021-Q1', null)).toMatchObject({ counted: 4, compliant: 3, value: 75, average: 7.5, worst: 12, status: 'breached' });
    expect(get('ytd', '2021-04', null)).toMatchObject({ counted: 4, excluded: 1, excludedReasons: { '尚未办结（未超期）': 1 } });
    expect(get('ytd', '2021-01', 1)).toMatchObject({ counted: 2, value: 100, status: 'met' });
    expect(get('month', '2021-03', null)).toMatchObject({ counted: 0, status: 'no_data' });
    expect(get('month', '2021-05', null)).toBeUndefined(); // after the as-of date
    expect(get('quarter', '2021-Q2', null)).toMatchObject({ counted: 0, excluded: 1 });
  });
});

describe('row validation', () => {
  it('accepts aliases, Chinese booleans and enums, and maps units', () => {
    const r = validateRows(
      'procurement',
      [
        ['项目编号', '采购单位', '预算金额', '是否达到公开招标限额', '中标供应商规模'],
        ['P1', '区财政局', '1,200.5', '是', '小型'],
      ],
      ctx,
    );
    expect(r.problems).toEqual([]);
    expect(r.records).toEqual([{ externalId: 'P1', unitId: 2, values: { budget: 1200.5, public_tender: true, supplier_size: 'small' } }]);
  });
  it('reports amounts above their whole, bad booleans and extra cells', () => {
    const r = validateRows(
      'procurement',
      [
        ['项目编号', '预算金额', '预留中小企业金额', '是否适宜中小企业提供'],
        ['P1', '100', '120', '也许', '多余'],
      ],
      ctx,
    );
    expect(r.problems.map((p) => `${p.row} ${p.field} ${p.message}`)).toEqual([
      '2  有5列数据，表头只有4列',
      '2 是否适宜中小企业提供 “也许”应为 是 或 否',
      '2 预留中小企业金额（万元） 120 大于预算金额（万元） 100',
    ]);
  });
  it('refuses Object.prototype keys as enum values (constructor, __proto__, toString)', () => {
    const r = validateRows(
      'procurement',
      [
        ['项目编号', '预算金额', '采购品目', '中标供应商规模'],
        ['P1', '100', 'constructor', '__proto__'],
        ['P2', '100', 'toString', 'hasOwnProperty'],
      ],
      ctx,
    );
    expect(r.problems.map((p) => `${p.row} ${p.field}`)).toEqual(['2 采购品目', '2 中标供应商规模', '3 采购品目', '3 中标供应商规模']);
    expect(r.records.map((x) => [x.values.category, x.values.supplier_size])).toEqual([
      [null, null],
      [null, null],
    ]);
  });
  it('restricts unit staff to their units', () => {
    const r = validateRows(
      'benefit_claim',
      [
        ['申领编号', '责任单位', '待遇类型', '申领日期'],
        ['B1', '区城管局', '失业保险金', '2021-10-08'],
      ],
      { ...ctx, allowedUnitIds: [2] },
    );
    expect(r.problems.map((p) => p.message)).toEqual(['无权填报“区城管局”的记录（只能填报本单位的）']);
  });
});
