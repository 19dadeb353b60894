import { describe, expect, it } from 'vitest';
import { BUILTIN_DEFINITIONS, type DurationDefinition, type IndicatorDefinition } from './index.js';
import { forPlanTarget, thresholdOf } from './plan-threshold.js';

const def = (code: string) => BUILTIN_DEFINITIONS.find((d) => d.code === code)!;

// The number an indicator holds its records against follows the plan of the monitored year (issue 13: a second
// plan, next year's, promises other numbers for the same measures).
describe('forPlanTarget', () => {
  const water = def('water-connection') as DurationDefinition;
  const t = (value: number, over: Partial<{ metric: string; op: string; unit: string }> = {}) => ({
    metric: water.plan.metric,
    op: '<=',
    value,
    unit: '工作日',
    ...over,
  });

  it("takes the plan's number for the same metric and kind of number", () => {
    expect(forPlanTarget(water, t(6))).toMatchObject({ kind: 'duration', limit: 6 });
    expect(thresholdOf(forPlanTarget(def('licensing-online'), { metric: def('licensing-online').plan.metric, op: '>=', value: 95, unit: '%' }))).toBe(95);
    expect(thresholdOf(forPlanTarget(def('credit-code'), { metric: def('credit-code').plan.metric, op: '>=', value: 3000, unit: '户' }))).toBe(3000);
  });

  it('leaves the definition as it is without a matching target', () => {
    expect(forPlanTarget(water, undefined)).toBe(water);
    expect(forPlanTarget(water, t(9))).toBe(water); // the same number
    expect(forPlanTarget(water, t(6, { metric: '获得用气用户办理总用时' }))).toBe(water); // another metric at that place
    expect(forPlanTarget(water, t(6, { unit: '日' }))).toBe(water); // calendar days are not working days
    expect(forPlanTarget(water, t(6, { op: '>=' }))).toBe(water);
    expect(forPlanTarget(def('licensing-online'), { metric: def('licensing-online').plan.metric, op: '>=', value: 95, unit: '项' }).kind).toBe('share');
    expect(thresholdOf(forPlanTarget(def('licensing-online'), { metric: def('licensing-online').plan.metric, op: '>=', value: 95, unit: '项' }))).toBe(90);
    expect(forPlanTarget(water, t(0))).toBe(water);
  });

  it("keeps a number the office changed (a later version whose number differs from the built-in's)", () => {
    const office: IndicatorDefinition = { ...water, limit: 7 };
    expect(forPlanTarget(office, t(6))).toBe(office);
    // The office changed something else: the number still follows the plan.
    const scoped: IndicatorDefinition = { ...water, note: '只计一般项目' };
    expect(forPlanTarget(scoped, t(6))).toMatchObject({ limit: 6, note: '只计一般项目' });
  });
});
