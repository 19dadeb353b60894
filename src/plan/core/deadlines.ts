/**
 * Completion dates in a measure's text, resolved against the plan year. Self-contained (no imports
 * from other folders): month ends are computed here.
 *
 * Recognised (Y = plan year unless written; "前/之前/以前" optional):
 *   2021年12月31日前 → that day          2021年12月底 / 2021年12月末 → 2021-12-31
 *   2021年底 / 2021年年底 / 2021年内 → 2021-12-31
 *   (今年/本年/明年)10月底前, 10月底前 → Y-10-31     (今年)9月30日前, 9月30日 + 前 → Y-09-30
 *   年底前, 年底, 年末, 今年底, 今年年底, 年内, 今年内, 本年度内, 年度内 → Y-12-31
 *   (第)三季度末/底/前, 三季度末 → Y-09-30          上半年 → Y-06-30, 下半年(底) → Y-12-31
 *   明年… → Y+1
 * Not deadlines: durations (3年内, 三年内), "2021年以后", plain dates without 前/底 in running text are
 * still taken when they carry a day (X月X日).
 */
import type { Deadline } from './types.js';

const CN_DIGIT: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 两: 2 };

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function iso(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > lastDayOfMonth(year, month)) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// One pass, left to right, longest forms first; named groups say which form matched.
const DEADLINE_RE = new RegExp(
  [
    // 2021年12月31日前 / 今年9月30日前 / 9月30日前
    '(?<ymd>(?:(?<ymdY>\\d{4})年|(?<ymdRel>今年|本年|明年))?(?<ymdM>\\d{1,2})月(?<ymdD>\\d{1,2})[日号](?:之?前|以前|止)?(?![起后]|以后|开始))',
    // 2021年12月底 / 今年10月底前 / 10月底前 / 6月末
    '(?<ym>(?:(?<ymY>\\d{4})年|(?<ymRel>今年|本年|明年))?(?<ymM>\\d{1,2})月(?:份)?(?:底|末)(?:之?前|以前)?(?![起后]|以后|开始))',
    // 第三季度末 / 三季度末 / 2023年第二季度末 / 一季度前
    '(?<q>(?:(?<qY>\\d{4})年|(?<qRel>今年|本年|明年))?第?(?<qN>[一二三四1-4])季度(?:(?:末|底|结束)(?:之?前|以前)?|之?前))',
    // 上半年 / 下半年
    '(?<h>(?:(?<hY>\\d{4})年|(?<hRel>今年|本年|明年))?(?<hN>上|下)半年(?:底|末)?(?:之?前)?)',
    // 2021年底 / 2021年年底前 / 2021年内 / 2021年度内
    '(?<yEnd>(?<yEndY>\\d{4})年(?:年?底|年?末|度?内)(?:之?前|以前)?)',
    // 年底前 / 今年底 / 今年年底 / 年内 / 今年内 / 本年度内 / 明年底
    '(?<rEnd>(?<![\\d一二三四五六七八九十两几多半每全])(?<rEndRel>今年|本年|明年)?(?:年底|年末|底|年内|年度内|度内|内)(?:之?前|以前)?)',
  ].join('|'),
  'g',
);

/** Extracts deadlines (in text order) from a measure's text. */
export function extractDeadlines(text: string, planYear: number): Deadline[] {
  const out: Deadline[] = [];
  const rel = (r: string | undefined, y: string | undefined) => (y ? Number(y) : r === '明年' ? planYear + 1 : planYear);
  for (const m of text.matchAll(DEADLINE_RE)) {
    const g = m.groups!;
    let date: string | undefined;
    if (g.ymd) date = iso(rel(g.ymdRel, g.ymdY), Number(g.ymdM), Number(g.ymdD));
    else if (g.ym) {
      const y = rel(g.ymRel, g.ymY);
      const mo = Number(g.ymM);
      if (mo >= 1 && mo <= 12) date = iso(y, mo, lastDayOfMonth(y, mo));
    } else if (g.q) {
      const n = CN_DIGIT[g.qN] ?? Number(g.qN);
      const y = rel(g.qRel, g.qY);
      date = iso(y, n * 3, lastDayOfMonth(y, n * 3));
    } else if (g.h) {
      const y = rel(g.hRel, g.hY);
      date = g.hN === '上' ? iso(y, 6, 30) : iso(y, 12, 31);
    } else if (g.yEnd) date = iso(Number(g.yEndY), 12, 31);
    else if (g.rEnd) {
      const s = m[0];
      // bare "底"/"内"/"度内" only count with 今年/本年/明年 before them
      if (!g.rEndRel && !/^(?:年底|年末|年内|年度内)/.test(s)) continue;
      // "年内" must not be the tail of a word like "三年内", "每年内", "全年内" (excluded by the lookbehind)
      date = iso(rel(g.rEndRel, undefined), 12, 31);
    }
    if (date) out.push({ text: m[0], date });
  }
  return out;
}
