/**
 * Completion dates in a measure's text, resolved against the plan year. Self-contained (no imports
 * from other folders): month ends are computed here.
 *
 * Recognised (Y = plan year unless written; "前/之前/以前" optional; months also in Chinese numerals):
 *   2021年12月31日前 → that day          2021年12月底 / 2021年12月末 → 2021-12-31
 *   2021年底 / 2021年年底 / 2021年内 → 2021-12-31
 *   (今年/本年/明年)10月底前, 10月底前, 十月底前 → Y-10-31     (今年)9月30日前 → Y-09-30
 *   9月前 / 9月份前 (before September begins) → Y-08-31
 *   2021年6月完成 / 6月上线 / 四季度完成 (before a verb of completion) → the month's / quarter's end
 *   6月上旬 / 中旬 / 下旬(前) → 06-10 / 06-20 / 06-30
 *   年底前, 年底, 年末, 今年底, 今年年底, 年内, 今年内, 本年度内, 年度内 → Y-12-31
 *   (第)三季度末/底/前, 三季度末 → Y-09-30          上半年 → Y-06-30, 下半年(底) → Y-12-31
 *   明年… → Y+1
 *   after a 完成时限/完成时间/时间节点 label: 2023年12月 → 2023-12-31, 6月 → Y-06-30, 2023年 → 2023-12-31
 *   a bare 2023年12月 at the very end of the text (the 完成时限 cell of a flattened table row) → 2023-12-31
 * With a null plan year only the forms that write their year are returned.
 * Not deadlines: durations (3年内, 三年内), "2021年以后", starts (2022年起, 自2022年7月起), standing
 * tasks (长期坚持, 持续推进); plain dates in running text are taken when they carry a day (X月X日).
 * Traditional script is recognised through simplified.ts; `text` is cut from the text as written.
 */
import { simplifiedForRecognition } from './simplified.js';
import type { Deadline } from './types.js';

const CN_DIGIT: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 两: 2 };

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function iso(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > lastDayOfMonth(year, month)) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const MONTH = '(?:\\d{1,2}|十[一二]?|[一二三四五六七八九])';
const YEAR = (n: string) => `(?:(?<${n}Y>\\d{4})年|(?<${n}Rel>今年|本年|明年))?`;
/** Labels of a 完成时限 column or line, after which a bare month or year is the completion time. */
/** A verb of completion after a month or quarter: "2021年6月完成", "四季度上线" (lookahead, not in the phrase). */
const DONE = '(?=(?:全面)?(?:完成|建成|上线|出台|印发|实现|启动|投入使用|投用|开通|运行)(?!的))';
const LABEL = '(?:完成时限|完成时间|完成期限|时间节点|时限要求|时间要求|完成时点)(?:[：:]|为)\\s*';

// One pass, left to right, longest forms first; named groups say which form matched.
const DEADLINE_RE = new RegExp(
  [
    // 2021年12月31日前 / 今年9月30日前 / 9月30日前
    `(?<ymd>${YEAR('ymd')}(?<ymdM>${MONTH})月(?<ymdD>\\d{1,2})[日号](?:之?前|以前|止)?(?![起后]|以后|开始))`,
    // 2021年12月底 / 今年10月底前 / 10月底前 / 6月末 / 十月底前
    `(?<ym>${YEAR('ym')}(?<ymM>${MONTH})月(?:份)?(?:底|末)(?:之?前|以前)?(?![起后]|以后|开始))`,
    // 9月前 / 2022年9月份前: before the month begins, the last day of the month before
    `(?<mb>(?<![\\d个])${YEAR('mb')}(?<mbM>${MONTH})月(?:份)?(?:之前|前|以前))`,
    // 2021年6月完成 / 6月上线: a month followed by a verb of completion is that month's end
    `(?<mv>(?<![\\d个])${YEAR('mv')}(?<mvM>${MONTH})月(?:份)?${DONE})`,
    // 第三季度末 / 三季度末 / 2023年第二季度末 / 一季度前
    `(?<q>${YEAR('q')}第?(?<qN>[一二三四1-4])季度(?:(?:末|底|结束)(?:之?前|以前)?|之?前|${DONE}))`,
    // 6月上旬 / 6月中旬前 / 6月下旬: the 10th, the 20th, the month's end
    `(?<xun>${YEAR('xun')}(?<xunM>${MONTH})月(?<xunP>上|中|下)旬(?:之?前|以前|末)?)`,
    // 上半年 / 下半年
    `(?<h>${YEAR('h')}(?<hN>上|下)半年(?:底|末)?(?:之?前)?)`,
    // 2021年底 / 2021年年底前 / 2021年内 / 2021年度内
    '(?<yEnd>(?<yEndY>\\d{4})年(?:年?底|年?末|度?内)(?:之?前|以前)?)',
    // 到2025年 / 至2025年: by the end of that year
    '(?<byY>(?<=[到至])(?<byYY>\\d{4})年(?![\\d月底末内度起后前以初中上下第]))',
    // 年底前 / 今年底 / 今年年底 / 年内 / 今年内 / 本年度内 / 明年底
    '(?<rEnd>(?<![\\d一二三四五六七八九十两几多半每全])(?<rEndRel>今年|本年|明年)?(?:年底|年末|底|年内|年度内|度内|内)(?:之?前|以前)?)',
    // a table row flattened to text ends with its 完成时限 cell: "…｜区市场监管局｜2021年6月"
    `(?<cell>(?<![\\d起自从至到据])(?<cellY>\\d{4})年(?<cellM>${MONTH})月(?:份)?(?=[\\s|｜。；）)]*$))`,
    // 完成时限：2023年12月 / 完成时间：6月 / 完成时限：2023年
    `(?<=${LABEL})(?<lab>(?:(?<labY>\\d{4})年)?(?<labM>${MONTH})月(?:份)?(?![\\d一二三四五六七八九十]|[底末中上下])|(?<labYO>\\d{4})年(?:度)?(?![\\d一二三四五六七八九十月底末内上下]))`,
  ].join('|'),
  'g',
);

function monthNumber(s: string): number {
  if (/^\d/.test(s)) return Number(s);
  if (s.startsWith('十')) return 10 + (CN_DIGIT[s.slice(1)] ?? 0);
  return CN_DIGIT[s] ?? Number.NaN;
}

function monthEnd(year: number, month: number): string | undefined {
  if (!(month >= 1 && month <= 12)) return undefined;
  return iso(year, month, lastDayOfMonth(year, month));
}

/**
 * Extracts deadlines (in text order) from a measure's text. `planYear` is null when the plan has no
 * known year: relative deadlines (6月底前, 年底前, 年内, 明年…) are then left out, and those that
 * write their year (2022年6月底前) kept.
 */
export function extractDeadlines(text: string, planYear: number | null): Deadline[] {
  const r = simplifiedForRecognition(text);
  const out: Deadline[] = [];
  const rel = (rl: string | undefined, y: string | undefined): number | null =>
    y ? Number(y) : planYear === null ? null : rl === '明年' ? planYear + 1 : planYear;
  for (const m of r.matchAll(DEADLINE_RE)) {
    const g = m.groups!;
    let date: string | undefined;
    let y: number | null = null;
    if (g.ymd) {
      y = rel(g.ymdRel, g.ymdY);
      if (y !== null) date = iso(y, monthNumber(g.ymdM), Number(g.ymdD));
    } else if (g.ym) {
      y = rel(g.ymRel, g.ymY);
      if (y !== null) date = monthEnd(y, monthNumber(g.ymM));
    } else if (g.mb) {
      y = rel(g.mbRel, g.mbY);
      const mo = monthNumber(g.mbM);
      if (y !== null && mo >= 1 && mo <= 12) date = mo === 1 ? iso(y - 1, 12, 31) : monthEnd(y, mo - 1);
    } else if (g.mv) {
      y = rel(g.mvRel, g.mvY);
      if (y !== null) date = monthEnd(y, monthNumber(g.mvM));
    } else if (g.xun) {
      y = rel(g.xunRel, g.xunY);
      const mo = monthNumber(g.xunM);
      if (y !== null) date = g.xunP === '上' ? iso(y, mo, 10) : g.xunP === '中' ? iso(y, mo, 20) : monthEnd(y, mo);
    } else if (g.q) {
      const n = CN_DIGIT[g.qN] ?? Number(g.qN);
      y = rel(g.qRel, g.qY);
      if (y !== null) date = monthEnd(y, n * 3);
    } else if (g.h) {
      y = rel(g.hRel, g.hY);
      if (y !== null) date = g.hN === '上' ? iso(y, 6, 30) : iso(y, 12, 31);
    } else if (g.yEnd) date = iso(Number(g.yEndY), 12, 31);
    else if (g.byY) date = iso(Number(g.byYY), 12, 31);
    else if (g.rEnd) {
      const s = m[0];
      // bare "底"/"内"/"度内" only count with 今年/本年/明年 before them
      if (!g.rEndRel && !/^(?:年底|年末|年内|年度内)/.test(s)) continue;
      // "年内" must not be the tail of a word like "三年内", "每年内", "全年内" (excluded by the lookbehind)
      y = rel(g.rEndRel, undefined);
      if (y !== null) date = iso(y, 12, 31);
    } else if (g.cell) date = monthEnd(Number(g.cellY), monthNumber(g.cellM));
    else if (g.lab) {
      if (g.labYO) date = iso(Number(g.labYO), 12, 31);
      else {
        y = rel(undefined, g.labY);
        if (y !== null) date = monthEnd(y, monthNumber(g.labM));
      }
    }
    if (date) out.push({ text: text.slice(m.index!, m.index! + m[0].length), date });
  }
  return out;
}
