import { describe, expect, it } from 'vitest';
import { officialCalendar } from '../official.js';
import { provisionalWorkingDays } from './provisional.js';

describe('working days into a year whose 节假日安排 is not loaded', () => {
  const cal = provisionalWorkingDays(officialCalendar);
  it('the calendar alone refuses a deadline in the next year (the reason for the fallback)', () => {
    expect(officialCalendar.hasYear(2027)).toBe(false);
    expect(() => officialCalendar.addWorkingDays('2026-12-10', 20)).toThrow(/2027/);
    expect(() => officialCalendar.isWorkday('2027-01-04')).toThrow(/2027/);
  });
  it('counts loaded days exactly and the missing year Monday–Friday, both ways', () => {
    // Loaded years: identical to the calendar (across the 2026 Spring Festival).
    expect(cal.addWorkingDays('2026-01-30', 20)).toBe(officialCalendar.addWorkingDays('2026-01-30', 20));
    expect(cal.workingDaysBetween('2026-01-30', '2026-03-05')).toBe(20);
    // 2026-12-10 (Thu): 15 working days to 12-31 (Thu), then 2027-01-01 (Fri) … 01-07 (Thu) as weekdays.
    expect(cal.addWorkingDays('2026-12-10', 20)).toBe('2027-01-07');
    expect(cal.workingDaysBetween('2026-12-10', '2027-01-07')).toBe(20);
    expect(cal.workingDaysBetween('2027-01-07', '2026-12-10')).toBe(-20);
    expect(cal.addWorkingDays('2027-01-07', -20)).toBe('2026-12-10');
  });
  it('tells working days of a missing year by the weekday and of a loaded year by the arrangement', () => {
    // 2027-01-01 is a Friday: a working day until the 2027 arrangement (surely a holiday) is loaded.
    expect(cal.isWorkday('2027-01-01')).toBe(true);
    expect(cal.isWorkday('2027-01-02')).toBe(false);
    expect(cal.isWorkday('2026-10-01')).toBe(false); // 国庆节, loaded
  });
});
