/**
 * Working days across a year whose 节假日安排 is not loaded yet. The State Council publishes next year's arrangement
 * (国务院办公厅关于某年部分节假日安排的通知) in the autumn; until it is loaded, a result produced in December has a
 * 20-working-day publication deadline (企业信息公示暂行条例 第六条第二款) in a year the calendar cannot count, and
 * the calendar refuses (缺少某年的节假日安排数据). Inspections must still record and list results then, so the days of
 * an unloaded year count provisionally as Monday–Friday; loaded years count exactly as the calendar does. The
 * deadline becomes exact by itself once the year is loaded (it is computed on every read; only the 责令改正 due day
 * is stored, and re-recording recomputes it).
 */
import type { WorkingDays } from './results.js';

/** The calendar operations this needs (the calendar's WorkingCalendar has them). */
export interface LoadedWorkingDays extends WorkingDays {
  hasYear(year: number): boolean;
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
 *   publicationState(provisionalWorkingDays(await loadCalendar(db)), result, chinaToday());
 */
export function provisionalWorkingDays(cal: LoadedWorkingDays): WorkingDays {
  const isWork = (d: string) => {
    if (cal.hasYear(yearOf(d))) return cal.isWorkday(d);
    const w = new Date(toMs(d)).getUTCDay();
    return w >= 1 && w <= 5;
  };
  const loaded = (a: number, b: number) => {
    for (let y = Math.min(a, b); y <= Math.max(a, b); y++) if (!cal.hasYear(y)) return false;
    return true;
  };
  return {
    addWorkingDays(date, n) {
      // A period of n working days spans at most n / 200 + 1 years either way.
      const span = Math.ceil(Math.abs(n) / 200) + 1;
      if (loaded(yearOf(date) - (n < 0 ? span : 0), yearOf(date) + (n > 0 ? span : 0))) return cal.addWorkingDays(date, n);
      const step = n < 0 ? -DAY : DAY;
      let ms = toMs(date);
      for (let count = 0; count < Math.abs(n); ) {
        ms += step;
        if (isWork(toIso(ms))) count++;
      }
      return toIso(ms);
    },
    workingDaysBetween(a, b) {
      if (loaded(yearOf(a), yearOf(b))) return cal.workingDaysBetween(a, b);
      const [from, to, sign] = a <= b ? [a, b, 1] : [b, a, -1];
      let n = 0;
      for (let ms = toMs(from) + DAY; ms <= toMs(to); ms += DAY) if (isWork(toIso(ms))) n++;
      return sign * n;
    },
  };
}
