/**
 * Figures of enterprise requests (诉求办理情况): the rates the 12345 / 接诉即办 practice publishes per unit —
 * 《北京市接诉即办工作条例》 第三十三条 (考评 by 响应率、解决率、满意率) and 国办发〔2020〕53号 (四) "……建立……评价……
 * 闭环工作机制" — and the plan's measure 48 ("企业诉求在线提交、按时办结、及时反馈"). The SQL that counts them is in
 * `../figures-store.ts` (set-based, working days from the `calendar` table); this file holds the periods, the
 * definitions shown on the page and in the README, and the arithmetic from counts to rates.
 *
 * A request belongs to the period of the day it was filed (受理日期: the cohort of that period), to the unit it is
 * routed to now (a request waiting for 派单 has no unit), to its category and its channel. Its state is the state on
 * the data date (数据截至): later events count for the cohort it was filed in.
 */

export const PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = { month: '月度', quarter: '季度', year: '年度' };

export interface Period {
  kind: PeriodKind;
  year: number;
  /** 1–12 for a month, 1–4 for a quarter, 1 for the year. */
  index: number;
  from: string;
  to: string;
  label: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const QUARTER_NAMES = ['一', '二', '三', '四'];

/** The dates of a period; null when the index does not fit the kind. */
export function periodOf(year: number, kind: PeriodKind, index = 1): Period | null {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) return null;
  if (kind === 'year') return index === 1 ? { kind, year, index, from: `${year}-01-01`, to: `${year}-12-31`, label: `${year}年` } : null;
  if (kind === 'quarter') {
    if (!Number.isInteger(index) || index < 1 || index > 4) return null;
    const m0 = (index - 1) * 3 + 1;
    return {
      kind,
      year,
      index,
      from: `${year}-${pad(m0)}-01`,
      to: `${year}-${pad(m0 + 2)}-${lastDay(year, m0 + 2)}`,
      label: `${year}年第${QUARTER_NAMES[index - 1]}季度`,
    };
  }
  if (!Number.isInteger(index) || index < 1 || index > 12) return null;
  return { kind, year, index, from: `${year}-${pad(index)}-01`, to: `${year}-${pad(index)}-${lastDay(year, index)}`, label: `${year}年${index}月` };
}

/** The period before (for rising keywords and the change of each rate): the previous month, quarter or year. */
export function previousPeriod(p: Period): Period {
  if (p.kind === 'year') return periodOf(p.year - 1, 'year', 1)!;
  const n = p.kind === 'month' ? 12 : 4;
  return p.index > 1 ? periodOf(p.year, p.kind, p.index - 1)! : periodOf(p.year - 1, p.kind, n)!;
}

/** The counts the SQL returns for one group (a unit, a category, a channel, a month or the district). */
export interface FigureCounts {
  /** Requests filed in the period. */
  received: number;
  /** Requests whose sign deadline has passed on the data date or that were signed. */
  signDue: number;
  /** … signed by the sign deadline. */
  signedOnTime: number;
  /** Requests closed (办结: rated 满意 or 基本满意). */
  closed: number;
  /** Requests whose answer deadline has passed on the data date or that were answered. */
  answerDue: number;
  /** … answered (the last answer) by the answer deadline. */
  answeredOnTime: number;
  /** Requests rated at least once. */
  rated: number;
  /** … reopened (重办) at least once. */
  reopened: number;
  /** Ratings given (评价 steps: a request rated 不满意 and then 满意 has two). */
  ratings: number;
  /** … 满意 or 基本满意. */
  satisfiedRatings: number;
  /** 派单 steps (each routing to a unit, the re-routings after a 退单 included). */
  routes: number;
  /** 退单 steps. */
  returns: number;
  /** Requests answered, with the working days from 派单 to the first answer summed. */
  answered: number;
  answerDays: number;
}

export const ZERO_COUNTS: FigureCounts = {
  received: 0,
  signDue: 0,
  signedOnTime: 0,
  closed: 0,
  answerDue: 0,
  answeredOnTime: 0,
  rated: 0,
  reopened: 0,
  ratings: 0,
  satisfiedRatings: 0,
  routes: 0,
  returns: 0,
  answered: 0,
  answerDays: 0,
};

export const RATE_KEYS = ['signOnTime', 'closed', 'answerOnTime', 'satisfied', 'reopened', 'returned'] as const;
export type RateKey = (typeof RATE_KEYS)[number];

export interface Rates {
  received: number;
  /** Percentages with two decimals; null when nothing is due (no denominator). */
  signOnTime: number | null;
  closed: number | null;
  answerOnTime: number | null;
  satisfied: number | null;
  reopened: number | null;
  returned: number | null;
  /** Average working days from 派单 to the first answer, two decimals. */
  avgAnswerDays: number | null;
}

/** What each figure means: shown on the figures page (tooltips), the public page, the bulletin and the README. */
export const FIGURE_DEFINITIONS: Array<{ key: keyof Rates; label: string; definition: string }> = [
  { key: 'received', label: '受理量', definition: '统计期内受理（登记或在线提交）的诉求件数，按受理日期归入统计期。' },
  {
    key: 'signOnTime',
    label: '按时签收率',
    definition: '在签收期限内签收的件数 ÷ 应签收件数。应签收：已签收，或签收期限已过（至数据截至日）仍未签收的诉求；按当前承办单位的派单计算。',
  },
  { key: 'closed', label: '办结率', definition: '已办结（企业评价“满意”或“基本满意”）的件数 ÷ 受理量。' },
  {
    key: 'answerOnTime',
    label: '按时办结率',
    definition:
      '在答复期限内答复的件数 ÷ 应办结件数。应办结：已答复，或答复期限已过（至数据截至日）仍未答复的诉求；重办的以重办后的期限和最后一次答复为准。承办单位的办理以答复为止，企业评价的快慢不计入。',
  },
  {
    key: 'satisfied',
    label: '满意率',
    definition: '评价为“满意”或“基本满意”的次数 ÷ 评价次数；每次评价都计入（“不满意”重办后再次评价的，两次都计）。',
  },
  { key: 'reopened', label: '重办率', definition: '因“不满意”重办过至少一次的件数 ÷ 已评价件数。' },
  {
    key: 'returned',
    label: '退单率',
    definition: '退单次数 ÷ 派单次数（含退单后的重新派单）；按单位统计时，退单记在退单的单位，派单记在接单的单位。',
  },
  {
    key: 'avgAnswerDays',
    label: '平均答复用时',
    definition: '从派单到首次答复的工作日数的平均值（派单当日不计，调休上班日计入，按工作日历计算）。',
  },
];

export const HOTSPOT_KEYS = ['hotCategories', 'hotKeywords', 'risingKeywords'] as const;
export type HotspotKey = (typeof HOTSPOT_KEYS)[number];

/** What the hot spots mean (figures page, public page for 热点类别, the bulletin and the README). */
export const HOTSPOT_DEFINITIONS: Array<{ key: HotspotKey; label: string; definition: string }> = [
  {
    key: 'hotCategories',
    label: '热点类别',
    definition:
      '按派单目录的事项类别统计本期受理的诉求件数（与上期比较）：以营商办派单时确定的事项类别为准；尚未按类别派单的，取诉求提交时系统建议的第一个类别；都没有的计为“未分类”。',
  },
  {
    key: 'hotKeywords',
    label: '热点关键词',
    definition: '诉求标题经分词（与派单建议相同的 jieba 分词）后，本期提到该词的诉求件数，每件诉求每个词只计一次；“企业”“问题”等常用词不计。',
  },
  {
    key: 'risingKeywords',
    label: '上升关键词',
    definition: '本期提到该词的诉求件数比上期多、且本期至少 3 件的关键词，按增加件数从多到少排列。',
  },
];

const pct = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10000) / 100 : null);

/** Counts → rates (percent, two decimals). */
export function ratesOf(c: FigureCounts): Rates {
  return {
    received: c.received,
    signOnTime: pct(c.signedOnTime, c.signDue),
    closed: pct(c.closed, c.received),
    answerOnTime: pct(c.answeredOnTime, c.answerDue),
    satisfied: pct(c.satisfiedRatings, c.ratings),
    reopened: pct(c.reopened, c.rated),
    returned: pct(c.returns, c.routes),
    avgAnswerDays: c.answered > 0 ? Math.round((c.answerDays / c.answered) * 100) / 100 : null,
  };
}

export function addCounts(a: FigureCounts, b: FigureCounts): FigureCounts {
  const out = { ...a };
  for (const k of Object.keys(ZERO_COUNTS) as (keyof FigureCounts)[]) out[k] = a[k] + b[k];
  return out;
}

/** "85.20%" or "—" (nothing due). */
export function rateText(v: number | null): string {
  return v === null ? '—' : `${v.toFixed(2)}%`;
}
