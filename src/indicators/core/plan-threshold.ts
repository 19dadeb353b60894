import { BUILTIN_DEFINITIONS, type IndicatorDefinition } from './definitions.js';

/** A quantitative target as the plan of a year states it (from the plan's read API). */
export interface YearPlanTarget {
  metric: string;
  op: string;
  value: number;
  unit: string;
}

/** The number a definition holds its records against: the limit, the percent or the count. */
export function thresholdOf(d: IndicatorDefinition): number {
  switch (d.kind) {
    case 'duration':
      return d.limit;
    case 'share':
    case 'ratio':
      return d.percent;
    case 'count':
      return d.target;
  }
}

/** Whether a plan target's sign and unit say the same kind of thing as the definition (days, percent, count). */
function sameKind(d: IndicatorDefinition, t: YearPlanTarget): boolean {
  switch (d.kind) {
    case 'duration':
      return (t.op === '<=' || t.op === '<') && t.unit === (d.days === 'working' ? '工作日' : '日');
    case 'share':
    case 'ratio':
      return (t.op === '>=' || t.op === '=') && t.unit === '%';
    case 'count':
      return (t.op === '>=' || t.op === '>') && t.unit !== '%';
  }
}

/**
 * A definition as it applies to a year: its number follows the commitment of that year's plan. Definitions cite
 * their plan target by measure number, target seq and metric; when the plan of the year states that target (same
 * metric, same kind of number) with another number — next year's plan promising 6 working days where the sample
 * promised 9 — the year is measured against its own plan's number. The office's own choice wins: a definition
 * whose number the office changed (it differs from the built-in's) keeps it. Anything else (another metric, a
 * target in other units, no plan for the year) leaves the definition as it is.
 *
 * @example
 *   forPlanTarget(water, { metric: '获得用水一般项目用户全流程总用时', op: '<=', value: 6, unit: '工作日' }).limit; // 6
 */
export function forPlanTarget<D extends IndicatorDefinition>(d: D, t: YearPlanTarget | undefined): D {
  if (!t || t.metric !== d.plan.metric || !Number.isFinite(t.value) || t.value <= 0 || !sameKind(d, t)) return d;
  const builtin = BUILTIN_DEFINITIONS.find((b) => b.code === d.code);
  if (!builtin || builtin.kind !== d.kind || thresholdOf(builtin) !== thresholdOf(d) || thresholdOf(d) === t.value) return d;
  switch (d.kind) {
    case 'duration':
      return { ...d, limit: t.value };
    case 'share':
    case 'ratio':
      return { ...d, percent: t.value };
    case 'count':
      return { ...d, target: t.value };
  }
  return d;
}
