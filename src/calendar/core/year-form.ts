/**
 * A year's arrangement as the office enters it: the State Council notice (国务院办公厅关于XXXX年部分节假日安排的
 * 通知) lists, per holiday, the first and last day of the rest period and the 调休 working days, e.g. 2026:
 * "一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。" The form (one row per holiday)
 * and the notice's table (an .xlsx/.csv with 节日 | 放假时间 | 调休上班日期) become the `YearData` the calendar
 * stores; every problem names the row (第N项 / the file's row) and the field in Chinese.
 *
 * A combined break (中秋节、国庆节 in 2023 and 2025) is entered as two rows: 国庆节 over the whole break and
 * 中秋节 over its own day inside it; a day inside two ranges belongs to the shorter one (as the bundled data
 * records it, see data/year-2025.ts).
 */
import { HOLIDAY_NAMES, type HolidayName, type YearData } from './types.js';
import { dayNumberFromYmd, daysInMonth, formatDayNumber, tryParseIsoDate } from './dates.js';
import { validateYearData } from './validate.js';

export interface HolidayRow {
  /** 元旦 … 国庆节. */
  name: string;
  /** First and last day of the rest period, YYYY-MM-DD. */
  firstDay: string;
  lastDay: string;
  /** 调休上班日 of this holiday (Saturdays or Sundays), YYYY-MM-DD. */
  workdays: string[];
}

export interface YearForm {
  year: number;
  notice: { title: string; number: string; issued?: string; url?: string };
  holidays: HolidayRow[];
  note?: string;
}

/** A problem of the form or the file: the row (1-based; the file's row number for a file) and the field, in Chinese. */
export interface FormProblem {
  row?: number;
  field?: string;
  message: string;
}

const F = { name: '节日', first: '放假首日', last: '放假末日', workdays: '调休上班日', title: '通知标题', number: '文号', issued: '发布日期', year: '年份' };
const MAX_BREAK_DAYS = 31;

/**
 * The form as `YearData`, or the problems (row and field in Chinese); the result also passes `validateYearData`,
 * whose problems are attached to the row whose dates they name.
 *
 * @example yearDataFromForm({ year: 2026, notice: { title: '…', number: '国办发明电〔2025〕7号' },
 *   holidays: [{ name: '元旦', firstDay: '2026-01-01', lastDay: '2026-01-03', workdays: ['2026-01-04'] }] })
 */
export function yearDataFromForm(form: YearForm): { data: YearData | null; problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  const { year } = form;
  if (!Number.isInteger(year) || year < 1950 || year > 2200) return { data: null, problems: [{ field: F.year, message: `年份“${year}”无效` }] };
  if (!form.notice.title.trim()) problems.push({ field: F.title, message: '请填写通知标题，如“国务院办公厅关于2027年部分节假日安排的通知”' });
  if (!form.notice.number.trim()) problems.push({ field: F.number, message: '请填写文号，如“国办发明电〔2026〕X号”' });
  if (form.notice.issued && Number.isNaN(tryParseIsoDate(form.notice.issued))) problems.push({ field: F.issued, message: '应为日期（YYYY-MM-DD）' });
  if (form.holidays.length === 0) problems.push({ message: '请至少填写一个节日的放假安排' });

  const ranges: Array<{ row: number; name: HolidayName; from: number; to: number; workdays: string[] }> = [];
  form.holidays.forEach((h, i) => {
    const row = i + 1;
    const at = (field: string, message: string) => problems.push({ row, field, message });
    const name = normaliseHolidayName(h.name);
    if (!name) at(F.name, `“${h.name}”不是法定节日（应为${HOLIDAY_NAMES.join('、')}之一）`);
    const from = tryParseIsoDate(h.firstDay);
    const to = tryParseIsoDate(h.lastDay);
    if (Number.isNaN(from)) at(F.first, h.firstDay ? `“${h.firstDay}”不是日期` : '请填写放假首日');
    if (Number.isNaN(to)) at(F.last, h.lastDay ? `“${h.lastDay}”不是日期` : '请填写放假末日');
    const bad = h.workdays.filter((d) => Number.isNaN(tryParseIsoDate(d)));
    if (bad.length) at(F.workdays, `“${bad.join('、')}”不是日期`);
    if (!name || Number.isNaN(from) || Number.isNaN(to)) return;
    if (to < from) at(F.last, `放假末日 ${h.lastDay} 早于放假首日 ${h.firstDay}`);
    else if (to - from + 1 > MAX_BREAK_DAYS) at(F.last, `放假 ${to - from + 1} 天，超过 ${MAX_BREAK_DAYS} 天，请检查日期`);
    else ranges.push({ row, name, from, to, workdays: h.workdays.filter((d) => !bad.includes(d)) });
  });
  // Overlapping ranges: one inside the other is a combined break (the inner row keeps its days); else a mistake.
  for (const a of ranges)
    for (const b of ranges) {
      if (a.row >= b.row || a.to < b.from || b.to < a.from) continue;
      const nested = (a.from <= b.from && b.to <= a.to) || (b.from <= a.from && a.to <= b.to);
      if (!nested || a.to - a.from === b.to - b.from)
        problems.push({ row: b.row, field: F.first, message: `与第${a.row}项（${a.name}）的放假时间交叉；合并放假时，请把节日当天单列一项，放在整段假期之内` });
    }
  if (problems.length) return { data: null, problems };

  const owner = new Map<number, (typeof ranges)[number]>();
  for (const r of ranges)
    for (let n = r.from; n <= r.to; n++) {
      const cur = owner.get(n);
      if (!cur || r.to - r.from < cur.to - cur.from) owner.set(n, r);
    }
  const byName = new Map<HolidayName, string[]>();
  for (const [n, r] of [...owner.entries()].sort((x, y) => x[0] - y[0])) {
    const list = byName.get(r.name) ?? [];
    list.push(formatDayNumber(n));
    byName.set(r.name, list);
  }
  const notice = {
    title: form.notice.title.trim(),
    number: form.notice.number.trim(),
    ...(form.notice.issued ? { issued: form.notice.issued } : {}),
    ...(form.notice.url?.trim() ? { url: form.notice.url.trim() } : {}),
  };
  const data: YearData = {
    year,
    notice,
    holidays: [...byName.entries()].map(([name, days]) => ({ name, days })),
    adjustedWorkdays: [...new Set(ranges.flatMap((r) => r.workdays))].sort(),
    ...(form.note?.trim() ? { note: form.note.trim() } : {}),
  };
  for (const p of validateYearData(data)) {
    const n = p.date ? tryParseIsoDate(p.date) : Number.NaN;
    const inRange = ranges.find((r) => n >= r.from && n <= r.to);
    const inWork = ranges.find((r) => p.date !== undefined && r.workdays.includes(p.date));
    const r = p.code === 'not_weekend' || p.code === 'both_off_and_working' ? (inWork ?? inRange) : (inRange ?? inWork);
    const field = p.code === 'notice' ? undefined : r && r === inWork && r !== inRange ? F.workdays : r ? F.first : undefined;
    problems.push({ row: r?.row, field, message: p.message });
  }
  return problems.length ? { data: null, problems } : { data, problems };
}

/** A holiday's name as notices and tables write it (元旦节, 五一, 国庆, 中秋 …), or null. */
export function normaliseHolidayName(s: string): HolidayName | null {
  const t = s.replace(/\s+/g, '').replace(/[：:]$/, '');
  if ((HOLIDAY_NAMES as readonly string[]).includes(t)) return t as HolidayName;
  const aliases: Record<string, HolidayName> = {
    元旦节: '元旦',
    新年: '元旦',
    春节假期: '春节',
    清明: '清明节',
    五一: '劳动节',
    五一劳动节: '劳动节',
    国际劳动节: '劳动节',
    端午: '端午节',
    中秋: '中秋节',
    国庆: '国庆节',
    十一: '国庆节',
  };
  return Object.hasOwn(aliases, t) ? (aliases[t] ?? null) : null;
}

/**
 * One date as notices and tables write it, in the arrangement of `year`: "1月1日", "1月1日（周四）",
 * "2026年1月1日", "2026-01-01", "2026/1/1", or a bare "3日" (the month of `monthHint`). A December date of a
 * 元旦 row may belong to the previous year (`decemberIsPrevious`). Null when it is no date.
 */
export function parseNoticeDate(text: string, year: number, o: { monthHint?: number; decemberIsPrevious?: boolean } = {}): string | null {
  const t = text
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/\s+/g, '')
    .replace(/号$/, '日');
  let y = year;
  let m: number | undefined;
  let d: number | undefined;
  let explicitYear = false;
  let hit = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t);
  if (hit) {
    y = Number(hit[1]);
    m = Number(hit[2]);
    d = Number(hit[3]);
    explicitYear = true;
  } else if ((hit = /^(\d{1,2})[月/.-](\d{1,2})日?$/.exec(t))) {
    m = Number(hit[1]);
    d = Number(hit[2]);
  } else if ((hit = /^(\d{1,2})日$/.exec(t)) && o.monthHint) {
    m = o.monthHint;
    d = Number(hit[1]);
  }
  if (m === undefined || d === undefined || m < 1 || m > 12) return null;
  if (!explicitYear && m === 12 && o.decemberIsPrevious) y = year - 1;
  if (d < 1 || d > daysInMonth(y, m)) return null;
  return formatDayNumber(dayNumberFromYmd(y, m, d));
}

/** Header names of the notice's table, as the notice and the usual reprints write them. */
export const NOTICE_COLUMNS = {
  name: ['节日', '节假日', '假日', '节日名称', '名称'],
  range: ['放假时间', '放假日期', '放假安排', '放假调休时间', '放假调休日期'],
  first: ['放假首日', '开始日期', '起始日期', '放假开始'],
  last: ['放假末日', '结束日期', '放假结束'],
  workdays: ['调休上班日期', '调休上班日', '调休上班', '上班日期', '调休日期'],
} as const;

/**
 * The rows of the notice's table (a file's rows, header first) as form rows for `year`, with the problems of each
 * row (the file's row number, the column's Chinese name) and notes for the office to check (combined breaks).
 */
export function holidaysFromNoticeTable(
  rows: ReadonlyArray<{ row: number; cells: readonly string[] }>,
  year: number,
): { holidays: HolidayRow[]; problems: FormProblem[]; notes: string[] } {
  const problems: FormProblem[] = [];
  const notes: string[] = [];
  const norm = (s: string) => s.replace(/\s+/g, '');
  const headAt = rows.findIndex((r) => r.cells.some((c) => (NOTICE_COLUMNS.name as readonly string[]).includes(norm(c))));
  if (headAt < 0)
    return {
      holidays: [],
      problems: [{ row: rows[0]?.row ?? 1, message: `找不到表头：应有“节日”列，以及“放假时间”（或“放假首日”“放假末日”）和“调休上班日期”列` }],
      notes,
    };
  const head = rows[headAt]!;
  const col = (names: readonly string[]) => head.cells.findIndex((c) => names.includes(norm(c)));
  const idx = {
    name: col(NOTICE_COLUMNS.name),
    range: col(NOTICE_COLUMNS.range),
    first: col(NOTICE_COLUMNS.first),
    last: col(NOTICE_COLUMNS.last),
    workdays: col(NOTICE_COLUMNS.workdays),
  };
  if (idx.range < 0 && (idx.first < 0 || idx.last < 0))
    return { holidays: [], problems: [{ row: head.row, field: '放假时间', message: '缺少此列（或“放假首日”和“放假末日”两列）' }], notes };
  const holidays: HolidayRow[] = [];
  for (const { row, cells } of rows.slice(headAt + 1)) {
    const cell = (i: number) => (i < 0 ? '' : (cells[i] ?? '').trim());
    if (cells.every((c) => !c.trim())) continue;
    const at = (field: string, message: string) => problems.push({ row, field, message });
    const names = cell(idx.name)
      .split(/[、，,和及/]/)
      .map((n) => n.trim())
      .filter(Boolean);
    const known = names.map(normaliseHolidayName);
    if (names.length === 0) {
      at('节日', '节日为空');
      continue;
    }
    if (known.some((n) => n === null)) {
      at('节日', `“${cell(idx.name)}”不是法定节日（应为${HOLIDAY_NAMES.join('、')}之一）`);
      continue;
    }
    const isNewYear = known.includes('元旦');
    let firstText = cell(idx.first);
    let lastText = cell(idx.last);
    if (idx.range >= 0 && cell(idx.range)) {
      const parts = cell(idx.range)
        .replace(/放假(调休)?|，?共\d+天.*$/g, '')
        .split(/至|到|—|–|~|～/);
      firstText = parts[0] ?? '';
      lastText = parts[1] ?? parts[0] ?? '';
    }
    const firstDay = parseNoticeDate(firstText, year, { decemberIsPrevious: isNewYear });
    if (!firstDay) at('放假时间', `“${firstText}”不是日期（如“1月1日”或“2027-01-01”）`);
    const lastDay = firstDay
      ? parseNoticeDate(lastText, year, { monthHint: Number(firstDay.slice(5, 7)), decemberIsPrevious: isNewYear && firstDay.slice(5, 7) === '12' })
      : null;
    if (firstDay && !lastDay) at('放假时间', `“${lastText}”不是日期`);
    const workText = cell(idx.workdays);
    const workdays: string[] = [];
    if (workText && !/^(无|不调休|—|-)$/.test(workText)) {
      let month: number | undefined;
      for (const piece of workText
        .replace(/[（(][^）)]*[）)]/g, '')
        .split(/[、，,；;\s]+|上班/)
        .filter(Boolean)) {
        const d = parseNoticeDate(piece, year, { monthHint: month, decemberIsPrevious: isNewYear });
        if (!d) {
          at('调休上班日期', `“${piece}”不是日期`);
          continue;
        }
        month = Number(d.slice(5, 7));
        workdays.push(d);
      }
    }
    if (!firstDay || !lastDay) continue;
    if (known.length > 1) {
      // 中秋节、国庆节: the whole break for the later-named holiday, the other one's own day left for the office.
      const [other, main] = [known[0]!, known[known.length - 1]!];
      holidays.push({ name: main, firstDay, lastDay, workdays });
      holidays.push({ name: other, firstDay: '', lastDay: '', workdays: [] });
      notes.push(`第${row}行“${cell(idx.name)}”合并放假：请填写${other}当天（在 ${firstDay} 至 ${lastDay} 之内）的放假首日和末日`);
    } else holidays.push({ name: known[0]!, firstDay, lastDay, workdays });
  }
  if (holidays.length === 0 && problems.length === 0) problems.push({ row: head.row, message: '表中没有放假安排' });
  return { holidays, problems, notes };
}
