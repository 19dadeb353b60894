/**
 * 政企沟通 and 回访 (the district plan 《渝中区优化营商环境 … 实施方案》(2021), measures 51 and 52):
 *  51 "建立营商环境监督员、营商环境咨询专家、政企座谈会等常态化制度化的政企沟通机制,多渠道听取企业意见" — what a
 *     监督员 or an expert reports, and each issue raised at a 政企座谈会, becomes a request with its channel;
 *  52 "开展重点招商企业回访服务工作,全覆盖回访服务重点招商企业 … 了解企业发展需求,解决企业发展难题" — key firms
 *     are visited every quarter by the unit in charge; each need found may become a request (channel 走访); the
 *     coverage (全覆盖) is the share of a unit's key firms visited by it in the quarter.
 */
import type { RequestChannel } from './limits.js';

/** 营商环境监督员, 营商环境咨询专家 (the plan's words); the kind is the channel of their reports. */
export const REPORTER_KINDS = ['监督员', '专家'] as const;
export type ReporterKind = (typeof REPORTER_KINDS)[number];
export const REPORTER_KIND_LABELS: Record<ReporterKind, string> = { 监督员: '营商环境监督员', 专家: '营商环境咨询专家' };
export const reporterChannel = (kind: ReporterKind): RequestChannel => kind;

/** How a visit was made. */
export const VISIT_METHODS = ['上门', '电话', '视频'] as const;
export type VisitMethod = (typeof VISIT_METHODS)[number];

/** A visit period is a quarter, `2026Q1`. */
const PERIOD = /^(\d{4})Q([1-4])$/;

export function periodProblem(period: string): string | null {
  return PERIOD.test(period) ? null : '季度应写作“2026Q1”的形式（年份加 Q1–Q4）';
}

/** The quarter a day falls in: 2026-05-20 → 2026Q2. */
export function quarterOf(day: string): string {
  const month = Number(day.slice(5, 7));
  return `${day.slice(0, 4)}Q${Math.floor((month - 1) / 3) + 1}`;
}

/** First and last day of a quarter: 2026Q1 → 2026-01-01 … 2026-03-31. */
export function periodRange(period: string): { start: string; end: string } {
  const m = PERIOD.exec(period);
  if (!m) throw new Error(periodProblem(period)!);
  const year = Number(m[1]);
  const q = Number(m[2]);
  const first = (q - 1) * 3 + 1;
  const last = first + 2;
  const lastDay = new Date(Date.UTC(year, last, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return { start: `${year}-${pad(first)}-01`, end: `${year}-${pad(last)}-${pad(lastDay)}` };
}

const QUARTER_NAMES = ['一', '二', '三', '四'];
/** 2026Q1 → 2026年第一季度. */
export function periodLabel(period: string): string {
  const m = PERIOD.exec(period);
  return m ? `${m[1]}年第${QUARTER_NAMES[Number(m[2]) - 1]}季度` : period;
}

/** The previous `n` quarters up to and including the one of `day`, newest first (for a period picker). */
export function recentPeriods(day: string, n: number): string[] {
  const out: string[] = [];
  let year = Number(day.slice(0, 4));
  let q = Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1;
  for (let i = 0; i < n; i++) {
    out.push(`${year}Q${q}`);
    q -= 1;
    if (q === 0) {
      q = 4;
      year -= 1;
    }
  }
  return out;
}

/**
 * The quarters a visit page offers, newest first: from the quarter of `day` back to the quarter of the earliest key
 * firm's flag (`earliest`, e.g. a register kept since 2021), at least the last `min` quarters.
 */
export function periodsSince(day: string, earliest: string | null, min = 8): string[] {
  const first = earliest === null ? null : quarterOf(earliest);
  const out = recentPeriods(day, min);
  if (first === null || out.includes(first) || first > out[0]!) return out;
  const all = recentPeriods(day, 4 * (Number(day.slice(0, 4)) - Number(first.slice(0, 4)) + 1));
  return all.slice(0, all.indexOf(first) + 1);
}

/**
 * The quarter a visit page opens on: the current one, unless the last visit is older than the quarter before it (a
 * register not kept lately, e.g. a past demo year): then the quarter of that last visit, so its figures show.
 */
export function defaultVisitPeriod(day: string, lastVisit: string | null): string {
  const [current, previous] = recentPeriods(day, 2);
  if (lastVisit === null) return current!;
  const q = quarterOf(lastVisit);
  return q === current || q === previous || q > current! ? current! : q;
}

/**
 * Coverage (全覆盖回访) of a unit in a quarter: visited key firms / key firms in its charge, as a percentage with one
 * decimal; null when the unit has no key firm (nothing to cover, not 0 %).
 */
export function coverageRate(visited: number, keyFirms: number): number | null {
  if (keyFirms === 0) return null;
  return Math.round((visited / keyFirms) * 1000) / 10;
}
