/**
 * The China working-day calendar over the loaded years, with O(1) queries.
 *
 * Construction precomputes, for every day from 1 January of the first loaded year to 31 December of
 * the last: its kind, its holiday, and its working-day ordinal (the number of working days from the
 * start of the range up to and including that day), plus the inverse (the day of the k-th working
 * day). Every query is then array lookups: the working days between two dates is a difference of
 * ordinals, the N-th working day after a date is one lookup in the inverse table.
 *
 * Counting rules:
 * - 民法典 第二百零一条: 按照年、月、日计算期间的，开始的当日不计入，自下一日开始计算 — the triggering
 *   day is day 0, for calendar days and working days alike.
 * - 行政许可法 第八十二条: 期限以工作日计算，不含法定节假日 — working days exclude Saturdays, Sundays and
 *   the days off of the State Council notice, and include the Saturdays/Sundays the notice makes
 *   working days (调休上班; CNIPA 专利审查指南 第五部分第七章2.3: 国家公告调休的，以调休后的日期为准).
 * - 民法典 第二百零三条: 期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日 — a
 *   calendar-day period ending on a rest day (weekend or holiday, but not a 调休 working day) ends on
 *   the next working day; the last day ends at 24:00, or at the end of business hours where given.
 * A date outside the loaded years is a CalendarDataMissingError, never a weekends-only guess.
 */
import { CalendarDataInvalidError, CalendarDataMissingError, InvalidDateError, InvalidPeriodError, type YearDataProblem } from './errors.js';
import { dayNumberFromYmd, daysInMonth, formatDayNumber, toDayNumber, weekdayOfDayNumber, ymdFromDayNumber } from './dates.js';
import type { DateInput, DayInfo, DayKind, PeriodUnit, YearData } from './types.js';
import { validateYearData } from './validate.js';

const K_WORKDAY = 0;
const K_WEEKEND = 1;
const K_HOLIDAY = 2;
const K_ADJUSTED = 3;
const K_MISSING = 4;
const KIND_NAMES: readonly DayKind[] = ['workday', 'weekend', 'holiday', 'adjusted_workday'];
const WEEKDAY_CN = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** Result of a calendar-day period (民法典 第二百零三条). */
export interface CalendarDaysResult {
  /** The last day of the period after the next-working-day rule. */
  date: string;
  /** start + N, before the rule. */
  rawDate: string;
  /** True when rawDate was a rest day and the end moved to the next working day. */
  moved: boolean;
  /** "24:00", or the business end time given ("17:30"). */
  cutoffTime: string;
  /** The cut-off instant in China time, e.g. "2024-10-09T00:00:00+08:00" for 2024-10-08 24:00. */
  cutoff: string;
}

/** One day of an explanation (web deadline calculator). */
export interface ExplainStep {
  date: string;
  /** 周一 … 周日. */
  weekday: string;
  kind: DayKind;
  holiday: string | null;
  /** Whether the day counts towards N. */
  counted: boolean;
  /** Running count (1 … N) for counted days, otherwise null. */
  count: number | null;
  /** Why it counts or is skipped (Chinese). */
  reason: string;
}

export interface Explanation {
  start: string;
  n: number;
  unit: PeriodUnit;
  /** The due date (last day of the period). */
  due: string;
  /** For unit "day": start + N before the next-working-day rule. */
  rawDue?: string;
  /** Every day after the start up to the due date. */
  steps: ExplainStep[];
  /** The steps that do not count (rest days for working days; rest days after the last day for days). */
  skipped: ExplainStep[];
  /** One-sentence summary (Chinese). */
  summary: string;
  /** The legal rules applied (Chinese). */
  rules: string[];
}

/** One row of the `calendar` table (the same ordinals, for SQL). */
export interface CalendarRow {
  date: string;
  kind: DayKind;
  holiday: string | null;
  workday: boolean;
  workdayOrdinal: number;
  year: number;
}

function checkInteger(n: number, what: string, min = -Infinity): void {
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new InvalidPeriodError(`${what}应为整数：${String(n)}`);
  if (n < min) throw new InvalidPeriodError(`${what}不能小于${min}：${n}`);
}

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

export class WorkingCalendar {
  /** The loaded years, ascending (may have gaps; days of a gap year are missing). */
  readonly years: readonly number[];
  /** Day number (days since 1970-01-01) of the first day of the range. */
  private readonly first: number;
  private readonly len: number;
  private readonly kinds: Uint8Array;
  private readonly holidayIx: Uint8Array;
  private readonly names: string[] = [''];
  /** ord[i]: working days from the range start up to and including day i. */
  private readonly ord: Int32Array;
  /** wd[k]: day index of the k-th working day (k ≥ 1). */
  private readonly wd: Int32Array;
  /** Only when there are gap years: missing days before index i (length len + 1). */
  private readonly missingBefore: Int32Array | null;
  private readonly data: ReadonlyMap<number, YearData>;
  private readonly firstYear: number;
  /** monthStart[(y − firstYear) × 12 + (m − 1)]: index of the 1st of that month; one extra entry at the end. */
  private readonly monthStart: Int32Array;

  /**
   * Builds the calendar from year arrangements. Every year is validated (validateYearData); a
   * problem, a duplicate year, or two years disagreeing about a day is a CalendarDataInvalidError.
   */
  constructor(years: readonly YearData[]) {
    const problems: YearDataProblem[] = [];
    const byYear = new Map<number, YearData>();
    for (const y of years) {
      const p = validateYearData(y);
      if (p.length) {
        problems.push(...p);
        continue;
      }
      if (byYear.has(y.year)) problems.push({ code: 'duplicate_year', message: `${y.year}年的节假日安排重复载入` });
      byYear.set(y.year, y);
    }
    if (problems.length) throw new CalendarDataInvalidError(problems);
    if (byYear.size === 0) throw new CalendarDataInvalidError([{ code: 'holidays', message: '没有任何年份的节假日安排数据' }]);
    const sorted = [...byYear.keys()].sort((a, b) => a - b);
    this.years = sorted;
    this.data = byYear;
    const firstYear = sorted[0];
    const lastYear = sorted[sorted.length - 1];
    this.first = dayNumberFromYmd(firstYear, 1, 1);
    this.len = dayNumberFromYmd(lastYear, 12, 31) - this.first + 1;
    this.firstYear = firstYear;
    const months = (lastYear - firstYear + 1) * 12;
    this.monthStart = new Int32Array(months + 1);
    for (let k = 0; k <= months; k++) this.monthStart[k] = dayNumberFromYmd(firstYear + Math.floor(k / 12), (k % 12) + 1, 1) - this.first;
    const kinds = new Uint8Array(this.len);
    const hix = new Uint8Array(this.len);
    // Base: weekends and weekdays; days of gap years are missing.
    let gaps = false;
    for (let i = 0; i < this.len; i++) {
      const wd = weekdayOfDayNumber(this.first + i);
      kinds[i] = wd === 0 || wd === 6 ? K_WEEKEND : K_WORKDAY;
    }
    for (let y = firstYear; y <= lastYear; y++) {
      if (byYear.has(y)) continue;
      gaps = true;
      kinds.fill(K_MISSING, dayNumberFromYmd(y, 1, 1) - this.first, dayNumberFromYmd(y, 12, 31) - this.first + 1);
    }
    // The notices, in year order. A day listed by two years (a 元旦 break starting in December) must agree.
    const setBy = new Map<number, { year: number; kind: number; name: string }>();
    for (const y of sorted) {
      const d = byYear.get(y)!;
      const apply = (date: string, kind: number, name: string) => {
        const n = toDayNumber(date);
        const i = n - this.first;
        if (i < 0 || i >= this.len || kinds[i] === K_MISSING) return; // outside the loaded range
        const prev = setBy.get(n);
        if (prev && (prev.kind !== kind || prev.name !== name)) {
          problems.push({ code: 'conflict_between_years', date, message: `${date} 在${prev.year}年和${y}年的安排中不一致` });
          return;
        }
        setBy.set(n, { year: y, kind, name });
        kinds[i] = kind;
        if (name) {
          let ix = this.names.indexOf(name);
          if (ix < 0) {
            ix = this.names.length;
            this.names.push(name);
          }
          hix[i] = ix;
        }
      };
      for (const h of d.holidays) for (const date of h.days) apply(date, K_HOLIDAY, h.name);
      for (const date of d.adjustedWorkdays) apply(date, K_ADJUSTED, '');
    }
    if (problems.length) throw new CalendarDataInvalidError(problems);
    this.kinds = kinds;
    this.holidayIx = hix;
    const ord = new Int32Array(this.len);
    let count = 0;
    for (let i = 0; i < this.len; i++) {
      const k = kinds[i];
      if (k === K_WORKDAY || k === K_ADJUSTED) count++;
      ord[i] = count;
    }
    this.ord = ord;
    const wd = new Int32Array(count + 1);
    wd[0] = -1;
    for (let i = 0, c = 0; i < this.len; i++) {
      const k = kinds[i];
      if (k === K_WORKDAY || k === K_ADJUSTED) wd[++c] = i;
    }
    this.wd = wd;
    if (gaps) {
      const mb = new Int32Array(this.len + 1);
      for (let i = 0; i < this.len; i++) mb[i + 1] = mb[i] + (kinds[i] === K_MISSING ? 1 : 0);
      this.missingBefore = mb;
    } else {
      this.missingBefore = null;
    }
  }

  // ---- internals -------------------------------------------------------------------------------

  private yearOfIndex(i: number): number {
    return ymdFromDayNumber(this.first + i)[0];
  }

  /** Index of a day number, or CalendarDataMissingError naming its year. */
  private indexOfDay(n: number): number {
    const i = n - this.first;
    if (i < 0 || i >= this.len || this.kinds[i] === K_MISSING) throw new CalendarDataMissingError(ymdFromDayNumber(n)[0]);
    return i;
  }

  private index(date: DateInput): number {
    if (typeof date === 'string' && date.length === 10) {
      // Hot path for "YYYY-MM-DD" inside the range: table lookups only, no division, no allocation.
      const c0 = date.charCodeAt(0) - 48,
        c1 = date.charCodeAt(1) - 48,
        c2 = date.charCodeAt(2) - 48,
        c3 = date.charCodeAt(3) - 48;
      const c5 = date.charCodeAt(5) - 48,
        c6 = date.charCodeAt(6) - 48,
        c8 = date.charCodeAt(8) - 48,
        c9 = date.charCodeAt(9) - 48;
      if (
        date.charCodeAt(4) === 45 &&
        date.charCodeAt(7) === 45 &&
        (c0 | c1 | c2 | c3 | c5 | c6 | c8 | c9) >>> 0 < 16 && // no negative (non-digit below '0')
        c0 < 10 &&
        c1 < 10 &&
        c2 < 10 &&
        c3 < 10 &&
        c5 < 10 &&
        c6 < 10 &&
        c8 < 10 &&
        c9 < 10
      ) {
        const m = c5 * 10 + c6;
        const d = c8 * 10 + c9;
        const ym = (c0 * 1000 + c1 * 100 + c2 * 10 + c3 - this.firstYear) * 12 + m - 1;
        if (m >= 1 && m <= 12 && d >= 1 && ym >= 0 && ym < this.monthStart.length - 1) {
          const i = this.monthStart[ym] + d - 1;
          if (i < this.monthStart[ym + 1] && this.kinds[i] !== K_MISSING) return i;
        }
      }
    }
    // Everything else (timestamps, Date, errors) through the general path.
    return this.indexOfDay(toDayNumber(date));
  }

  /** Throws when a gap year lies between two indices (the ordinals do not cross it). */
  private checkNoGap(i: number, j: number): void {
    const mb = this.missingBefore;
    if (!mb) return;
    const lo = Math.min(i, j);
    const hi = Math.max(i, j);
    if (mb[hi + 1] - mb[lo] > 0) {
      for (let k = lo; k <= hi; k++) if (this.kinds[k] === K_MISSING) throw new CalendarDataMissingError(this.yearOfIndex(k));
    }
  }

  private isWorkIx(i: number): boolean {
    const k = this.kinds[i];
    return k === K_WORKDAY || k === K_ADJUSTED;
  }

  /** Index of the k-th working day of the range, or CalendarDataMissingError for the year beyond the data. */
  private workdayIndex(k: number): number {
    if (k < 1) throw new CalendarDataMissingError(this.years[0] - 1);
    if (k >= this.wd.length) throw new CalendarDataMissingError(this.years[this.years.length - 1] + 1);
    return this.wd[k];
  }

  private infoAt(i: number): DayInfo {
    const k = this.kinds[i];
    return {
      date: formatDayNumber(this.first + i),
      workday: k === K_WORKDAY || k === K_ADJUSTED,
      kind: KIND_NAMES[k],
      holiday: k === K_HOLIDAY ? this.names[this.holidayIx[i]] : null,
    };
  }

  // ---- queries ---------------------------------------------------------------------------------

  /** First and last covered day ("YYYY-MM-DD"). */
  get range(): { from: string; to: string } {
    return { from: formatDayNumber(this.first), to: formatDayNumber(this.first + this.len - 1) };
  }

  /** The arrangement a year was built from (undefined when not loaded). */
  yearData(year: number): YearData | undefined {
    return this.data.get(year);
  }

  hasYear(year: number): boolean {
    return this.data.has(year);
  }

  /** Kind of a day: workday, weekend, holiday (with its name; weekend days inside a break too), adjusted_workday. */
  dayInfo(date: DateInput): DayInfo {
    return this.infoAt(this.index(date));
  }

  isWorkday(date: DateInput): boolean {
    return this.isWorkIx(this.index(date));
  }

  /** Working days from the start of the range up to and including the date (as in the `calendar` table). */
  workdayOrdinal(date: DateInput): number {
    return this.ord[this.index(date)];
  }

  /** Every day of a loaded year. */
  yearDays(year: number): DayInfo[] {
    checkInteger(year, '年份');
    if (!this.data.has(year)) throw new CalendarDataMissingError(year);
    const from = dayNumberFromYmd(year, 1, 1) - this.first;
    const to = dayNumberFromYmd(year, 12, 31) - this.first;
    const out: DayInfo[] = [];
    for (let i = from; i <= to; i++) out.push(this.infoAt(i));
    return out;
  }

  /** Rows for the `calendar` table: every covered day with its working-day ordinal. */
  rows(): CalendarRow[] {
    const out: CalendarRow[] = [];
    for (let i = 0; i < this.len; i++) {
      if (this.kinds[i] === K_MISSING) continue;
      const info = this.infoAt(i);
      out.push({ ...info, workdayOrdinal: this.ord[i], year: Number(info.date.slice(0, 4)) });
    }
    return out;
  }

  /**
   * The N-th working day after the date (民法典 第二百零一条: the start day is not counted, whether it
   * is a working day or not). N = 0 returns the date itself; a negative N counts back (the |N|-th
   * working day before the date).
   */
  addWorkingDays(date: DateInput, n: number): string {
    checkInteger(n, '工作日数');
    const i = this.index(date);
    if (n === 0) return formatDayNumber(this.first + i);
    const target = n > 0 ? this.ord[i] + n : this.ord[i] + n + (this.isWorkIx(i) ? 0 : 1);
    const j = this.workdayIndex(target);
    this.checkNoGap(i, j);
    return formatDayNumber(this.first + j);
  }

  /**
   * A period of N calendar days (民法典 第二百零一条: day 1 is the day after the start). Rest days
   * inside the period count; if the last day is a rest day, the period ends on the next working day
   * (民法典 第二百零三条); a 调休 working Saturday/Sunday is a working day and is not moved. The last
   * day ends at 24:00, or at the business end time given ("HH:MM", 第二百零三条第二款).
   */
  addCalendarDays(date: DateInput, n: number, options: { businessEndTime?: string } = {}): CalendarDaysResult {
    checkInteger(n, '天数', 0);
    const i = this.index(date);
    const raw = this.first + i + n;
    const r = this.indexOfDay(raw);
    this.checkNoGap(i, r);
    let due = r;
    if (!this.isWorkIx(r)) {
      due = this.workdayIndex(this.ord[r] + 1);
      this.checkNoGap(r, due);
    }
    const dueDate = formatDayNumber(this.first + due);
    return { date: dueDate, rawDate: formatDayNumber(raw), moved: due !== r, ...this.cutoffOf(dueDate, options.businessEndTime) };
  }

  /** The cut-off of a last day: 24:00 (the next day at 00:00, China time) or the business end time. */
  cutoffOf(date: DateInput, businessEndTime?: string): { cutoffTime: string; cutoff: string } {
    const n = toDayNumber(date);
    if (businessEndTime === undefined) return { cutoffTime: '24:00', cutoff: `${formatDayNumber(n + 1)}T00:00:00+08:00` };
    if (!TIME_RE.test(businessEndTime)) throw new InvalidPeriodError(`业务结束时间无效：“${businessEndTime}”（应为 HH:MM，如 17:30）`);
    return { cutoffTime: businessEndTime, cutoff: `${formatDayNumber(n)}T${businessEndTime}:00+08:00` };
  }

  /** Due date of "N working days" or "N days" from a date. */
  addPeriod(date: DateInput, n: number, unit: PeriodUnit): string {
    if (unit === 'workday') return this.addWorkingDays(date, n);
    if (unit === 'day') return this.addCalendarDays(date, n).date;
    throw new InvalidPeriodError(`期间单位无效：“${String(unit)}”（应为 workday 或 day）`);
  }

  /**
   * Working days elapsed from a to b, the start day excluded: same day → 0; a case started on a
   * holiday and finished on the first working day after → 1. Timestamps count by their China date
   * (UTC+8). Negative when b is before a.
   */
  workingDaysBetween(a: DateInput, b: DateInput): number {
    const i = this.index(a);
    const j = this.index(b);
    if (this.missingBefore) this.checkNoGap(i, j);
    return this.ord[j] - this.ord[i];
  }

  /**
   * The N-th working day of a month (N ≥ 1), or counted from the end with N ≤ -1 (-1 = the last
   * working day). Reporting due dates such as 每月第5个工作日前.
   */
  nthWorkingDayOfMonth(year: number, month: number, n: number): string {
    checkInteger(year, '年份');
    checkInteger(month, '月份');
    checkInteger(n, '序号');
    if (month < 1 || month > 12) throw new InvalidDateError(`${year}-${month}`, '月份应为1至12');
    if (n === 0) throw new InvalidPeriodError('序号不能为0（第1个工作日为1，最后一个工作日为-1）');
    const a = this.indexOfDay(dayNumberFromYmd(year, month, 1));
    const b = this.indexOfDay(dayNumberFromYmd(year, month, daysInMonth(year, month)));
    const before = this.ord[a] - (this.isWorkIx(a) ? 1 : 0);
    const count = this.ord[b] - before;
    if (Math.abs(n) > count) throw new InvalidPeriodError(`${year}年${month}月只有${count}个工作日，没有第${Math.abs(n)}个${n < 0 ? '（倒数）' : ''}`);
    return formatDayNumber(this.first + this.wd[n > 0 ? before + n : this.ord[b] + n + 1]);
  }

  /** Working days of a month. */
  workingDaysInMonth(year: number, month: number): number {
    checkInteger(year, '年份');
    checkInteger(month, '月份');
    if (month < 1 || month > 12) throw new InvalidDateError(`${year}-${month}`, '月份应为1至12');
    const a = this.indexOfDay(dayNumberFromYmd(year, month, 1));
    const b = this.indexOfDay(dayNumberFromYmd(year, month, daysInMonth(year, month)));
    return this.ord[b] - this.ord[a] + (this.isWorkIx(a) ? 1 : 0);
  }

  /**
   * Every day after the start up to the due date, with the reason it counts or not, for the web
   * deadline calculator. N ≥ 0, at most 3660.
   */
  explainAdd(date: DateInput, n: number, unit: PeriodUnit, options: { businessEndTime?: string } = {}): Explanation {
    checkInteger(n, unit === 'workday' ? '工作日数' : '天数', 0);
    if (n > 3660) throw new InvalidPeriodError(`期间过长：${n}（说明最多列出3660天）`);
    if (unit !== 'workday' && unit !== 'day') throw new InvalidPeriodError(`期间单位无效：“${String(unit)}”（应为 workday 或 day）`);
    const i = this.index(date);
    const start = formatDayNumber(this.first + i);
    const rules = ['民法典第二百零一条：开始的当日不计入，自下一日开始计算'];
    const steps: ExplainStep[] = [];
    const step = (j: number, counted: boolean, count: number | null, reason: string): ExplainStep => {
      const info = this.infoAt(j);
      return { date: info.date, weekday: WEEKDAY_CN[weekdayOfDayNumber(this.first + j)], kind: info.kind, holiday: info.holiday, counted, count, reason };
    };
    const restReason = (j: number) => (this.kinds[j] === K_HOLIDAY ? `${this.names[this.holidayIx[j]]}假期` : '周末休息日');
    let due: string;
    let rawDue: string | undefined;
    let summary: string;
    if (unit === 'workday') {
      rules.push('行政许可法第八十二条：期限以工作日计算，不含法定节假日；国家公告的调休上班日计为工作日');
      due = this.addWorkingDays(date, n);
      const end = toDayNumber(due) - this.first;
      let c = 0;
      for (let j = i + 1; j <= end; j++) {
        if (this.isWorkIx(j)) {
          c++;
          steps.push(step(j, true, c, this.kinds[j] === K_ADJUSTED ? `调休上班日，计为第${c}个工作日` : `工作日，计为第${c}个工作日`));
        } else {
          steps.push(step(j, false, null, `${restReason(j)}，不计入`));
        }
      }
      const skipped = steps.filter((s) => !s.counted).length;
      summary = n === 0 ? `0个工作日：即${start}当日` : `自${start}起${n}个工作日，跳过${skipped}个休息日，期限届满日为${due}（当日24时止）`;
    } else {
      rules.push('民法典第二百零三条：期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日；调休上班日不顺延');
      const res = this.addCalendarDays(date, n, options);
      due = res.date;
      rawDue = res.rawDate;
      const rawIx = toDayNumber(rawDue) - this.first;
      const end = toDayNumber(due) - this.first;
      for (let j = i + 1; j <= rawIx; j++) {
        const c = j - i;
        const last = j === rawIx;
        let reason = `计为第${c}日`;
        if (!this.isWorkIx(j)) reason += `（${restReason(j)}，期间内的休息日照常计算）`;
        if (last && res.moved) reason += '；期间最后一日为休息日，顺延至休息日结束的次日';
        else if (last && this.kinds[j] === K_ADJUSTED) reason += '；调休上班日，是工作日，不顺延';
        steps.push(step(j, true, c, reason));
      }
      for (let j = rawIx + 1; j <= end; j++) {
        steps.push(j === end ? step(j, false, null, '休息日结束后的第一个工作日，为期间的最后一日') : step(j, false, null, `${restReason(j)}，顺延`));
      }
      summary = res.moved
        ? `自${start}起${n}日，第${n}日${rawDue}为休息日，顺延至${due}（${res.cutoffTime}止）`
        : `自${start}起${n}日，期间最后一日为${due}（${res.cutoffTime}止）`;
    }
    // For working days, the skipped days are the rest days passed over; for calendar days, the rest
    // days the end was moved across (the due date itself is the step after them).
    const skipped = unit === 'workday' ? steps.filter((s) => !s.counted) : steps.filter((s) => !s.counted && s.date !== due);
    return { start, n, unit, due, ...(rawDue !== undefined ? { rawDue } : {}), steps, skipped, summary, rules };
  }

  /** Last calendar day of a month ("10月底前" → YYYY-10-31). Pure Gregorian: needs no holiday data. */
  monthEnd(year: number, month: number): string {
    return monthEnd(year, month);
  }

  /** 31 December of a year ("年底前"). */
  yearEnd(year: number): string {
    return yearEnd(year);
  }
}

/** Last calendar day of a month. */
export function monthEnd(year: number, month: number): string {
  checkInteger(year, '年份');
  checkInteger(month, '月份');
  if (month < 1 || month > 12 || year < 1 || year > 9999) throw new InvalidDateError(`${year}-${month}`, '月份应为1至12');
  return formatDayNumber(dayNumberFromYmd(year, month, daysInMonth(year, month)));
}

/** 31 December of a year. */
export function yearEnd(year: number): string {
  return monthEnd(year, 12);
}
