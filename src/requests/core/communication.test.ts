import { describe, expect, it } from 'vitest';
import { coverageRate, defaultVisitPeriod, periodLabel, periodsSince, quarterOf, periodProblem, periodRange, recentPeriods } from './communication.js';

describe('visit periods and coverage', () => {
  it('maps days to quarters and quarters to their days (leap February included)', () => {
    expect(quarterOf('2026-01-01')).toBe('2026Q1');
    expect(quarterOf('2026-03-31')).toBe('2026Q1');
    expect(quarterOf('2026-04-01')).toBe('2026Q2');
    expect(quarterOf('2026-12-31')).toBe('2026Q4');
    expect(periodRange('2024Q1')).toEqual({ start: '2024-01-01', end: '2024-03-31' });
    expect(periodRange('2026Q2')).toEqual({ start: '2026-04-01', end: '2026-06-30' });
    expect(periodRange('2026Q3')).toEqual({ start: '2026-07-01', end: '2026-09-30' });
    expect(periodRange('2026Q4')).toEqual({ start: '2026-10-01', end: '2026-12-31' });
    expect(periodLabel('2026Q3')).toBe('2026年第三季度');
  });
  it('refuses malformed quarters', () => {
    expect(periodProblem('2026Q1')).toBeNull();
    for (const p of ['2026Q0', '2026Q5', '2026-Q1', '26Q1', '']) expect(periodProblem(p)).toContain('2026Q1');
    expect(() => periodRange('2026Q5')).toThrow();
  });
  it('lists recent quarters across the year boundary', () => {
    expect(recentPeriods('2026-02-10', 3)).toEqual(['2026Q1', '2025Q4', '2025Q3']);
  });
  it('offers the quarters back to the earliest key firm, at least the recent ones', () => {
    expect(periodsSince('2026-02-10', null, 3)).toEqual(['2026Q1', '2025Q4', '2025Q3']);
    expect(periodsSince('2026-02-10', '2025-12-01', 3)).toEqual(['2026Q1', '2025Q4', '2025Q3']);
    expect(periodsSince('2026-02-10', '2026-03-01', 3)).toEqual(['2026Q1', '2025Q4', '2025Q3']);
    const back = periodsSince('2026-11-30', '2021-01-04', 8);
    expect(back).toHaveLength(24);
    expect([back[0], back.at(-1)]).toEqual(['2026Q4', '2021Q1']);
  });
  it('opens on the current quarter unless the last visit is older than the quarter before', () => {
    expect(defaultVisitPeriod('2026-11-30', null)).toBe('2026Q4');
    expect(defaultVisitPeriod('2026-11-30', '2026-11-02')).toBe('2026Q4');
    expect(defaultVisitPeriod('2026-11-30', '2026-09-30')).toBe('2026Q4');
    expect(defaultVisitPeriod('2026-11-30', '2026-06-30')).toBe('2026Q2');
    expect(defaultVisitPeriod('2026-11-30', '2021-12-28')).toBe('2021Q4');
  });
  it('computes coverage with one decimal, none without key firms', () => {
    expect(coverageRate(1, 3)).toBe(33.3);
    expect(coverageRate(2, 3)).toBe(66.7);
    expect(coverageRate(3, 3)).toBe(100);
    expect(coverageRate(0, 0)).toBeNull();
  });
});
