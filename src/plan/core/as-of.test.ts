import { describe, expect, it } from 'vitest';
import { chinaToday } from '../../calendar/core/dates.js';
import { asOfProblem, asOfText, defaultAsOf, resolveAsOf } from './as-of.js';

describe('the one as-of date of a plan', () => {
  it('is today for a plan whose year is unknown, and any past day may be chosen', () => {
    expect(defaultAsOf(null, '2026-11-30')).toEqual({ asOf: '2026-11-30', reason: 'plan-year-unknown' });
    expect(asOfText(defaultAsOf(null, '2026-11-30'))).toBe('数据截至 2026年11月30日（方案年度未定，按今天）');
    expect(asOfProblem(null, '2026-11-30', '2020-01-01')).toBeNull();
    expect(asOfProblem(null, '2026-11-30', '2026-12-01')).toMatch(/不能晚于今天/);
  });

  it('is today while the plan year runs, up to and including 12-31', () => {
    expect(defaultAsOf(2021, '2021-01-01')).toEqual({ asOf: '2021-01-01', reason: 'plan-year-running' });
    expect(defaultAsOf(2021, '2021-07-23')).toEqual({ asOf: '2021-07-23', reason: 'plan-year-running' });
    expect(defaultAsOf(2021, '2021-12-31')).toEqual({ asOf: '2021-12-31', reason: 'plan-year-running' });
  });
  it('is the year end from 01-01 of the next year on (the 2021 plan seen in 2026: 2021-12-31)', () => {
    expect(defaultAsOf(2021, '2022-01-01')).toEqual({ asOf: '2021-12-31', reason: 'plan-year-over' });
    expect(defaultAsOf(2021, '2026-11-30')).toEqual({ asOf: '2021-12-31', reason: 'plan-year-over' });
  });
  it('is today before the plan year starts (never a day not yet come)', () => {
    expect(defaultAsOf(2022, '2021-12-20')).toEqual({ asOf: '2021-12-20', reason: 'plan-year-not-started' });
  });
  it('turns at midnight China time, not UTC', () => {
    // 2021-12-31 16:30 UTC is 2022-01-01 00:30 in Beijing: the 2021 plan year is over.
    const newYearInChina = chinaToday(new Date('2021-12-31T16:30:00Z'));
    expect(newYearInChina).toBe('2022-01-01');
    expect(defaultAsOf(2021, newYearInChina).reason).toBe('plan-year-over');
    // 2021-12-31 15:59 UTC is still 2021-12-31 23:59 in Beijing.
    const lastMinute = chinaToday(new Date('2021-12-31T15:59:00Z'));
    expect(defaultAsOf(2021, lastMinute)).toEqual({ asOf: '2021-12-31', reason: 'plan-year-running' });
  });
  it("takes the office's choice over the default, and says so", () => {
    expect(resolveAsOf(2021, '2026-11-30', '2021-09-30')).toEqual({ asOf: '2021-09-30', reason: 'office' });
    expect(resolveAsOf(2021, '2026-11-30', null)).toEqual({ asOf: '2021-12-31', reason: 'plan-year-over' });
    expect(asOfText({ asOf: '2021-12-31', reason: 'plan-year-over' })).toBe('数据截至 2021年12月31日（方案年度已结束）');
    expect(asOfText({ asOf: '2021-09-30', reason: 'office' })).toBe('数据截至 2021年9月30日（营商办指定）');
  });
  it('lets the office choose a real day from the plan year start up to today', () => {
    expect(asOfProblem(2021, '2026-11-30', '2021-09-30')).toBeNull();
    expect(asOfProblem(2021, '2026-11-30', '2022-03-31')).toBeNull();
    expect(asOfProblem(2021, '2026-11-30', '2020-12-31')).toBe('不能早于方案年度的第一天（2021-01-01）');
    expect(asOfProblem(2021, '2021-10-08', '2021-10-09')).toBe('不能晚于今天（2021-10-08）');
    expect(asOfProblem(2021, '2026-11-30', '2021-02-30')).toBe('应为有效日期（年-月-日）');
    expect(asOfProblem(2021, '2026-11-30', '20211231')).toBe('应为有效日期（年-月-日）');
  });
});
