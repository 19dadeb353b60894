import { OFFICIAL_YEARS } from './data/index.js';
import { CalendarDataInvalidError } from './core/errors.js';
import type { YearData } from './core/types.js';
import { validateYearData } from './core/validate.js';
import { WorkingCalendar } from './core/working-calendar.js';

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
