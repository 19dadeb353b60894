/**
 * Questions about working days, pure: "9月30日申请，5个工作日后是哪天", "10月8日到10月15日有几个工作日",
 * "从2021年9月30日起算15天，哪天到期". Finds the dates (2021年9月30日, 9月30日, 9月30号, 2021-09-30, 9/30; a date without a
 * year is in the year of `today`), the period (N个工作日 / N天 / N日, Chinese numerals too) and what is asked:
 * - `add`: a date and a period, asking which day (哪天, 几号, 什么时候, 截止, 到期, 最晚 …);
 * - `between`: two dates, asking how many working days (几个工作日, 多少个工作日).
 * The calendar capability answers (WorkingCalendar.explainAdd / workingDaysBetween, 民法典 第二百零一条: the start day
 * is not counted); see ../ask.ts.
 */
import { normalizeText } from './text.js';

export type CalendarQuestion = { kind: 'add'; start: string; n: number; unit: 'workday' | 'day' } | { kind: 'between'; from: string; to: string };

const DATE =
  /(?:(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?)|(?:(\d{4})-(\d{1,2})-(\d{1,2}))|(?:(\d{1,2})\s*月\s*(\d{1,2})\s*[日号])|(?:(?<![\d.])(\d{1,2})\/(\d{1,2})(?![\d/]))/gu;
const PERIOD = /(\d{1,4})\s*个?\s*(工作日|天|日|自然日)(?!期)/u;
const ASKS_DAY = /哪天|哪一天|几号|几月几[日号]|什么时候|何时|日期|截止|到期|最晚|最迟|是哪|期满/u;
const ASKS_COUNT = /几个工作日|多少个?工作日|多少天|几天/u;

const pad = (n: number) => String(n).padStart(2, '0');

function validDate(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** The dates written in a (normalised) question, in order. */
export function datesIn(text: string, today: string): string[] {
  const year = Number(today.slice(0, 4));
  const out: string[] = [];
  for (const m of text.matchAll(DATE)) {
    const g = m.slice(1).map((x) => (x === undefined ? undefined : Number(x)));
    const [y, mo, d] =
      g[0] !== undefined ? [g[0], g[1]!, g[2]!] : g[3] !== undefined ? [g[3], g[4]!, g[5]!] : g[6] !== undefined ? [year, g[6], g[7]!] : [year, g[8]!, g[9]!];
    const iso = validDate(y, mo, d);
    if (iso) out.push(iso);
  }
  return out;
}

/** A working-day question, or null when the question is about something else. */
export function parseCalendarQuestion(question: string, today: string): CalendarQuestion | null {
  const t = normalizeText(question);
  const dates = datesIn(t, today);
  if (!dates.length) return null;
  const period = PERIOD.exec(t.replace(DATE, ' '));
  if (dates.length >= 2 && ASKS_COUNT.test(t) && !(period && ASKS_DAY.test(t))) {
    const [a, b] = [dates[0]!, dates[1]!];
    return a <= b ? { kind: 'between', from: a, to: b } : { kind: 'between', from: b, to: a };
  }
  if (period && ASKS_DAY.test(t)) {
    const n = Number(period[1]);
    if (n < 1 || n > 366) return null;
    return { kind: 'add', start: dates[0]!, n, unit: period[2] === '工作日' ? 'workday' : 'day' };
  }
  return null;
}
