/**
 * The one "as of" date of a plan (issue 12): every page that shows the plan's figures (ledger dashboard, task
 * list, bulletins, assessment, indicators) shows them as of this day, and says so.
 *
 * - While the plan year runs: today (China's date, `chinaToday()`), the figures as they stand.
 * - Once the plan year is over: the year's last day (12-31). A plan is an annual work programme (实施方案 for
 *   the year; 五（三）"纳入年度目标考核"), so its figures are final at the year's end: a task due in the year
 *   and still open in a later year is late as of 12-31, not years late, and the annual assessment is the
 *   year's.
 * - Before the plan year starts (a plan issued in December for the next year): today as well — nothing of
 *   the year is due yet, and no page shows a date that has not come.
 * - The office may choose another day for a plan (`office`), from the plan year's first day up to today;
 *   clearing it returns to the rule above.
 *
 * Pure: today is a parameter (the store passes `chinaToday()`).
 */

export const AS_OF_REASONS = ['plan-year-not-started', 'plan-year-running', 'plan-year-over', 'plan-year-unknown', 'office'] as const;
export type AsOfReason = (typeof AS_OF_REASONS)[number];

/** What the pages print after the date, e.g. 「数据截至 2021年12月31日（方案年度已结束）」. */
export const AS_OF_REASON_LABELS: Record<AsOfReason, string> = {
  'plan-year-not-started': '方案年度尚未开始，按今天',
  'plan-year-running': '方案年度进行中，按今天',
  'plan-year-over': '方案年度已结束',
  'plan-year-unknown': '方案年度未定，按今天',
  office: '营商办指定',
};

export interface AsOf {
  asOf: string;
  reason: AsOfReason;
}

/** The default as-of date of a plan of `year` on `today` (YYYY-MM-DD, China's date); today when the year is unknown. */
export function defaultAsOf(year: number | null, today: string): AsOf {
  if (year === null) return { asOf: today, reason: 'plan-year-unknown' };
  const end = `${year}-12-31`;
  if (today > end) return { asOf: end, reason: 'plan-year-over' };
  if (today < `${year}-01-01`) return { asOf: today, reason: 'plan-year-not-started' };
  return { asOf: today, reason: 'plan-year-running' };
}

/** The as-of date of a plan: the office's choice when there is one, else the default. */
export function resolveAsOf(year: number | null, today: string, chosen: string | null | undefined): AsOf {
  return chosen ? { asOf: chosen, reason: 'office' } : defaultAsOf(year, today);
}

function isIsoDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/**
 * Why the office cannot choose `asOf` for a plan of `year` (null: it can): a real date, not before the plan
 * year's first day (no figure of the plan exists before), not after today (figures of a day not yet come).
 */
export function asOfProblem(year: number | null, today: string, asOf: string): string | null {
  if (!isIsoDate(asOf)) return '应为有效日期（年-月-日）';
  if (year !== null && asOf < `${year}-01-01`) return `不能早于方案年度的第一天（${year}-01-01）`;
  if (asOf > today) return `不能晚于今天（${today}）`;
  return null;
}

/** 2021-12-31 → 2021年12月31日. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The sentence every page shows: 数据截至 2021年12月31日（方案年度已结束）. */
export function asOfText(a: AsOf): string {
  return `数据截至 ${chineseDate(a.asOf)}（${AS_OF_REASON_LABELS[a.reason]}）`;
}
