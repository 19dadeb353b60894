/**
 * Reporting cycles (动态反馈 "定期报送"): monthly by default; a cycle's report is due on the n-th working day
 * of the following month (default the 5th, as district offices commonly ask for "每月5个工作日内报送上月进展").
 */
import type { WorkingCalendar } from './calendar.js';

export interface CycleSpec {
  label: string;
  periodStart: string;
  periodEnd: string;
  dueOn: string;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function lastDayOfMonth(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month, 0));
  return `${year}-${pad(month)}-${pad(d.getUTCDate())}`;
}

/** The monthly cycle of `year`-`month` (1–12), due on the `dueWorkingDay`-th working day of the next month. */
export function monthlyCycle(cal: WorkingCalendar, year: number, month: number, dueWorkingDay = 5): CycleSpec {
  const ny = month === 12 ? year + 1 : year;
  const nm = month === 12 ? 1 : month + 1;
  return {
    label: `${year}年${month}月`,
    periodStart: `${year}-${pad(month)}-01`,
    periodEnd: lastDayOfMonth(year, month),
    dueOn: cal.nthWorkingDayOfMonth(ny, nm, dueWorkingDay),
  };
}

/** Monthly cycles from `from` to `to` (both "YYYY-MM", inclusive). */
export function monthlyCycles(cal: WorkingCalendar, from: string, to: string, dueWorkingDay = 5): CycleSpec[] {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  const out: CycleSpec[] = [];
  for (let i = fy * 12 + fm - 1; i <= ty * 12 + tm - 1; i++) {
    out.push(monthlyCycle(cal, Math.floor(i / 12), (i % 12) + 1, dueWorkingDay));
    if (out.length > 120) break;
  }
  return out;
}
