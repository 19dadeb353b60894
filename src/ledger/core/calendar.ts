/**
 * What the ledger needs from the working-day calendar (src/calendar, the official China calendar
 * with the State Council's holiday and 调休 arrangements). The core takes it as a parameter so that
 * it stays pure; the store passes `officialCalendar`.
 */
export interface WorkingCalendar {
  /** The n-th working day after `date` (the day itself not counted: 民法典 第二百零一条). */
  addWorkingDays(date: string, n: number): string;
  /** The n-th working day of a month (month 1–12). */
  nthWorkingDayOfMonth(year: number, month: number, n: number): string;
}

/** ISO date arithmetic on calendar days (UTC, no time zones involved). */
export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function isIsoDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/**
 * The day a deadline actually falls due. 民法典 第二百零三条："期间的最后一日是法定休假日的，以法定休假日结束的
 * 次日为期间的最后一日" (rest days include ordinary weekends, and a 调休 Saturday is a working day). So a milestone
 * "10月底前" = 2021-10-31 (a Sunday) is met on Monday 2021-11-01. The first working day on or after `date`
 * is the first working day after the day before it.
 */
export function effectiveDue(cal: WorkingCalendar, date: string): string {
  return cal.addWorkingDays(addDays(date, -1), 1);
}

/** A calendar that also counts working days between two days (the start day excluded), as src/calendar's does. */
export interface DayCountingCalendar extends WorkingCalendar {
  workingDaysBetween(a: string, b: string): number;
}

/**
 * Working days left until a deadline, as a to-do list shows it: counted from `today` (not counted, 民法典 第二百零一条)
 * to the day the deadline actually falls due (moved to the next working day when it is a rest day, 第二百零三条).
 * 0 = due today; negative = that many working days overdue.
 */
export function workingDaysLeft(cal: DayCountingCalendar, today: string, due: string): number {
  return cal.workingDaysBetween(today, effectiveDue(cal, due));
}
