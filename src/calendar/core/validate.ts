/**
 * Consistency checks for a year's arrangement before it is used or stored (the office loads the new
 * notice each autumn). The checks follow what every notice so far satisfies:
 * - every date is a real date inside the year; the only exception is a 元旦 break (or its 调休
 *   working day) reaching back into the last week of the previous December, as in the 2023 notice
 *   ("2022年12月31日至2023年1月2日") or the 2012 one ("2011年12月31日（星期六）上班");
 * - every day off belongs to one named statutory holiday (《全国年节及纪念日放假办法》 第二条);
 * - no day is both off and working; 调休 working days are Saturdays or Sundays
 *   (《国务院关于职工工作时间的规定》 第七条: Saturday and Sunday are the weekly rest days);
 * - a Saturday or Sunday is listed as a day off only inside a break that also takes weekdays off,
 *   and the days of one holiday form one unbroken break.
 */
import { HOLIDAY_NAMES, type YearData } from './types.js';
import type { YearDataProblem } from './errors.js';
import { dayNumberFromYmd, formatDayNumber, tryParseIsoDate, weekdayOfDayNumber } from './dates.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

function noticeProblem(v: unknown, what: string, code: 'notice' | 'amendment', needSummary: boolean): YearDataProblem[] {
  if (!isObject(v)) return [{ code, message: `${what}缺失或格式不对（应含标题 title 和文号 number）` }];
  const out: YearDataProblem[] = [];
  if (!nonEmpty(v.title)) out.push({ code, message: `${what}缺少标题（title）` });
  if (!nonEmpty(v.number)) out.push({ code, message: `${what}缺少文号（number，如“国办发明电〔2025〕7号”）` });
  if (needSummary && !nonEmpty(v.summary)) out.push({ code, message: `${what}缺少变更说明（summary）` });
  if (v.url !== undefined && typeof v.url !== 'string') out.push({ code, message: `${what}的网址（url）应为文本` });
  if (v.issued !== undefined && (typeof v.issued !== 'string' || Number.isNaN(tryParseIsoDate(v.issued)))) {
    out.push({ code, message: `${what}的发布日期（issued）应为 YYYY-MM-DD` });
  }
  return out;
}

/**
 * Checks one year's arrangement (parsed JSON or a typed module) and returns every problem found;
 * an empty list means the data can be used.
 */
export function validateYearData(data: unknown): YearDataProblem[] {
  if (!isObject(data)) return [{ code: 'not_an_object', message: '节假日安排数据应为一个对象（含 year、notice、holidays、adjustedWorkdays）' }];
  const problems: YearDataProblem[] = [];
  const year = data.year;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1950 || year > 2200) {
    return [{ code: 'year', message: `年份（year）无效：${String(year)}` }];
  }
  const Y = `${year}年`;
  problems.push(...noticeProblem(data.notice, `${Y}通知`, 'notice', false));
  if (data.amendments !== undefined) {
    if (!Array.isArray(data.amendments)) problems.push({ code: 'amendment', message: `${Y}变更通知（amendments）应为列表` });
    else for (const [i, a] of data.amendments.entries()) problems.push(...noticeProblem(a, `${Y}第${i + 1}个变更通知`, 'amendment', true));
  }

  const yearStart = dayNumberFromYmd(year, 1, 1);
  const yearEnd = dayNumberFromYmd(year, 12, 31);
  const lastWeekBefore = dayNumberFromYmd(year - 1, 12, 25);
  // Day number → holiday name (days off) / true (working days), for the cross checks below.
  const off = new Map<number, string>();
  const working = new Set<number>();

  const checkDate = (v: unknown, where: string, allowPrevDecember: boolean): number | undefined => {
    if (typeof v !== 'string' || Number.isNaN(tryParseIsoDate(v))) {
      problems.push({ code: 'invalid_date', date: typeof v === 'string' ? v : undefined, message: `${where}：日期“${String(v)}”无效（应为 YYYY-MM-DD）` });
      return undefined;
    }
    const n = tryParseIsoDate(v);
    const inside = n >= yearStart && n <= yearEnd;
    if (!inside && !(allowPrevDecember && n >= lastWeekBefore && n < yearStart)) {
      problems.push({ code: 'outside_year', date: v, message: `${where}：${v} 不在${Y}内` });
      return undefined;
    }
    return n;
  };

  if (!Array.isArray(data.holidays) || data.holidays.length === 0) {
    problems.push({ code: 'holidays', message: `${Y}没有任何放假安排（holidays 为空或缺失）` });
  } else {
    data.holidays.forEach((h, i) => {
      if (!isObject(h)) {
        problems.push({ code: 'holidays', message: `${Y}第${i + 1}项放假安排格式不对（应含 name 和 days）` });
        return;
      }
      const name = h.name;
      const named = typeof name === 'string' && (HOLIDAY_NAMES as readonly string[]).includes(name);
      if (!named) {
        problems.push({
          code: 'unnamed_holiday',
          message: `${Y}第${i + 1}项放假安排的节日名称“${String(name ?? '')}”无效（应为${HOLIDAY_NAMES.join('、')}之一）`,
        });
      }
      if (!Array.isArray(h.days) || h.days.length === 0) {
        problems.push({ code: 'holidays', message: `${Y}${named ? name : `第${i + 1}项`}没有放假日期` });
        return;
      }
      for (const d of h.days) {
        const n = checkDate(d, `${Y}${named ? name : '放假日期'}`, name === '元旦');
        if (n === undefined) continue;
        if (off.has(n)) problems.push({ code: 'duplicate_day', date: d as string, message: `${d} 重复列为放假日（${off.get(n)}、${String(name)}）` });
        else off.set(n, named ? (name as string) : '');
      }
    });
  }

  if (!Array.isArray(data.adjustedWorkdays)) {
    problems.push({ code: 'holidays', message: `${Y}调休上班日（adjustedWorkdays）应为列表（没有则为空列表）` });
  } else {
    for (const d of data.adjustedWorkdays) {
      const n = checkDate(d, `${Y}调休上班日`, true);
      if (n === undefined) continue;
      if (working.has(n)) {
        problems.push({ code: 'duplicate_day', date: d as string, message: `${d} 重复列为调休上班日` });
        continue;
      }
      working.add(n);
      const wd = weekdayOfDayNumber(n);
      if (wd !== 0 && wd !== 6) problems.push({ code: 'not_weekend', date: d as string, message: `${d} 不是星期六或星期日，不能作为调休上班日` });
      if (off.has(n)) problems.push({ code: 'both_off_and_working', date: d as string, message: `${d} 既列为放假日（${off.get(n)}）又列为调休上班日` });
    }
  }

  // Breaks: maximal runs of consecutive days off.
  const days = [...off.keys()].sort((a, b) => a - b);
  const runOf = new Map<number, number>();
  const runs: number[][] = [];
  for (const n of days) {
    const cur = runs[runs.length - 1];
    if (cur && cur[cur.length - 1] === n - 1) cur.push(n);
    else runs.push([n]);
    runOf.set(n, runs.length - 1);
  }
  for (const run of runs) {
    if (
      run.every((n) => {
        const wd = weekdayOfDayNumber(n);
        return wd === 0 || wd === 6;
      })
    ) {
      for (const n of run) {
        const d = formatDayNumber(n);
        problems.push({ code: 'weekend_only_break', date: d, message: `${d} 是普通周末，且所在假期没有占用工作日，不应列为放假日` });
      }
    }
  }
  const runsOfHoliday = new Map<string, Set<number>>();
  for (const [n, name] of off) {
    if (!name) continue;
    const s = runsOfHoliday.get(name) ?? new Set<number>();
    s.add(runOf.get(n)!);
    runsOfHoliday.set(name, s);
  }
  for (const [name, s] of runsOfHoliday) {
    if (s.size > 1) problems.push({ code: 'holiday_not_contiguous', message: `${Y}${name}的放假日期不连续（分成了${s.size}段）` });
  }
  return problems;
}

/** Type guard: the data passed validation. */
export function isValidYearData(data: unknown): data is YearData {
  return validateYearData(data).length === 0;
}
