/**
 * China working-day calendar and legal period counting: the public API other capabilities import.
 *
 *   import { officialCalendar } from '../calendar/index.js';
 *   officialCalendar.addWorkingDays('2021-09-30', 5);        // '2021-10-13'
 *   officialCalendar.workingDaysBetween('2021-09-30', '2021-10-13'); // 5
 */
import { OFFICIAL_YEARS } from './data/index.js';
import { CalendarDataInvalidError } from './core/errors.js';
import type { YearData } from './core/types.js';
import { validateYearData } from './core/validate.js';
import { WorkingCalendar } from './core/working-calendar.js';

export { HOLIDAY_NAMES } from './core/types.js';
export type { HolidayName, CalendarNotice, CalendarAmendment, HolidayBreak, YearData, DayKind, DayInfo, DateInput, PeriodUnit } from './core/types.js';
export { CalendarDataMissingError, InvalidDateError, InvalidPeriodError, CalendarDataInvalidError, type YearDataProblem } from './core/errors.js';
export { WorkingCalendar, monthEnd, yearEnd, type CalendarDaysResult, type Explanation, type ExplainStep, type CalendarRow } from './core/working-calendar.js';
export { validateYearData, isValidYearData } from './core/validate.js';
export { toIsoDate, tryParseIsoDate } from './core/dates.js';
export { OFFICIAL_YEARS };

/** The calendar of the official arrangements bundled with bizenv (2020–2026). */
export const officialCalendar: WorkingCalendar = new WorkingCalendar(OFFICIAL_YEARS);

/**
 * Builds a calendar from year arrangements, e.g. the `data` column of the `calendar_year` table
 * (parsed JSON, validated here: CalendarDataInvalidError lists the problems). With
 * `includeOfficial`, the bundled 2020–2026 years are added for every year the rows do not carry (a
 * row for a bundled year replaces it, e.g. after an amendment).
 */
export function buildCalendar(rows: readonly unknown[], options: { includeOfficial?: boolean } = {}): WorkingCalendar {
  const problems = rows.flatMap((r) => validateYearData(r));
  if (problems.length) throw new CalendarDataInvalidError(problems);
  const years = rows as YearData[];
  const given = new Set(years.map((y) => y.year));
  const all = options.includeOfficial ? [...OFFICIAL_YEARS.filter((y) => !given.has(y.year)), ...years] : [...years];
  return new WorkingCalendar(all);
}
