/**
 * China working-day calendar and legal period counting: the public API other capabilities import.
 *
 *   import { officialCalendar } from '../calendar/index.js';
 *   officialCalendar.addWorkingDays('2021-09-30', 5);        // '2021-10-13'
 *   officialCalendar.workingDaysBetween('2021-09-30', '2021-10-13'); // 5
 */
import { OFFICIAL_YEARS } from './data/index.js';

export { HOLIDAY_NAMES } from './core/types.js';
export type { HolidayName, CalendarNotice, CalendarAmendment, HolidayBreak, YearData, DayKind, DayInfo, DateInput, PeriodUnit } from './core/types.js';
export { CalendarDataMissingError, InvalidDateError, InvalidPeriodError, CalendarDataInvalidError, type YearDataProblem } from './core/errors.js';
export { WorkingCalendar, monthEnd, yearEnd, type CalendarDaysResult, type Explanation, type ExplainStep, type CalendarRow } from './core/working-calendar.js';
export { provisionalWorkingDays, type ProvisionalWorkingDays, type YearAwareCalendar } from './core/provisional.js';
export { validateYearData, isValidYearData } from './core/validate.js';
export { toIsoDate, tryParseIsoDate, chinaToday } from './core/dates.js';
export { OFFICIAL_YEARS };

export { officialCalendar, buildCalendar } from './official.js';
export {
  loadCalendar,
  loadCalendarYear,
  listLoadedYears,
  refreshCalendarTable,
  writeCalendarTable,
  type CalendarTables,
  type CalendarTable,
  type CalendarYearTable,
} from './store.js';
export { registerCalendarCommands, type CalendarCliDeps } from './cli.js';
export { calendarRoutes } from './routes.js';
