/**
 * Working days across a year whose 节假日安排 is not loaded yet. The State Council publishes next year's arrangement
 * (国务院办公厅关于某年部分节假日安排的通知) each autumn, and the office loads it with the calendar form when it is
 * published; until then a deadline that reaches the next year (a request routed in December with 10 working days to
 * answer, a financing application's 受理/decision limit, an inspection result's 20-working-day publication deadline
 * under 企业信息公示暂行条例 第六条第二款) lies in a year the calendar cannot count, and `WorkingCalendar` refuses
 * (缺少某年的节假日安排数据). Officials must still route, accept and record then, so the days of an unloaded year
 * count provisionally as Monday–Friday; loaded years count exactly as the calendar does. A deadline computed on
 * every read becomes exact by itself once the year is loaded; a stored one keeps the provisional day.
 */

/** The calendar operations this needs (src/calendar's `WorkingCalendar` has them). */
export interface YearAwareCalendar {
  hasYear(year: number): boolean;
  isWorkday(date: string): boolean;
  addWorkingDays(date: string, n: number): string;
  workingDaysBetween(a: string, b: string): number;
}

/** Working-day arithmetic that never refuses a year for lack of its 节假日安排. */
export interface ProvisionalWorkingDays {
  /** The n-th working day after `date` (the start day not counted; n < 0 counts back). */
  addWorkingDays(date: string, n: number): string;
  /** Working days in (a, b]; negative when b is before a. */
  workingDaysBetween(a: string, b: string): number;
  isWorkday(date: string): boolean;
}

const DAY = 86_400_000;
const toMs = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
const toIso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const yearOf = (d: string) => Number(d.slice(0, 4));

/**
 * The calendar itself while every year concerned is loaded; otherwise counted day by day, Monday–Friday in the
 * missing years.
 *
 * @example
 *   const cal = provisionalWorkingDays(await loadCalendar(db));
 *   cal.addWorkingDays('2026-12-10', 20); // '2027-01-07' while 2027 is not loaded
 */
export function provisionalWorkingDays(cal: YearAwareCalendar): ProvisionalWorkingDays {
  const isWorkday = (d: string) => {
    if (cal.hasYear(yearOf(d))) return cal.isWorkday(d);
    const w = new Date(toMs(d)).getUTCDay();
    return w >= 1 && w <= 5;
  };
  const loaded = (a: number, b: number) => {
    for (let y = Math.min(a, b); y <= Math.max(a, b); y++) if (!cal.hasYear(y)) return false;
    return true;
  };
  return {
    isWorkday,
    addWorkingDays(date, n) {
      // A period of n working days spans at most n / 200 + 1 years either way.
      const span = Math.ceil(Math.abs(n) / 200) + 1;
      if (loaded(yearOf(date) - (n < 0 ? span : 0), yearOf(date) + (n > 0 ? span : 0))) return cal.addWorkingDays(date, n);
      const step = n < 0 ? -DAY : DAY;
      let ms = toMs(date);
      for (let count = 0; count < Math.abs(n); ) {
        ms += step;
        if (isWorkday(toIso(ms))) count++;
      }
      return toIso(ms);
    },
    workingDaysBetween(a, b) {
      if (loaded(yearOf(a), yearOf(b))) return cal.workingDaysBetween(a, b);
      const [from, to, sign] = a <= b ? [a, b, 1] : [b, a, -1];
      let n = 0;
      for (let ms = toMs(from) + DAY; ms <= toMs(to); ms += DAY) if (isWorkday(toIso(ms))) n++;
      return sign * n;
    },
  };
}
