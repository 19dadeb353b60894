/**
 * Categories, channels and time limits of enterprise requests. Categories follow the 诉求类型 of the 12345 hotlines
 * (国办发〔2020〕53号 groups hotline requests as 咨询、求助、投诉、举报、建议; the issue merges 投诉 and 举报 and names
 * 求助 as 求决): 咨询, 求决, 投诉举报, 建议. Time limits are counted in working days (工作日: the State Council's holiday arrangements, 调休
 * Saturdays count; the day of 派单 is not counted, 民法典 第二百零一条). Defaults (the issue, after 北京市接诉即办
 * practice): sign within 1 working day; answer 咨询 within 1, 求决 within 5, 投诉举报 within 10 (建议 as 求决, 5); the
 * office changes them.
 */

export const REQUEST_CATEGORIES = ['咨询', '求决', '投诉举报', '建议'] as const;
export type RequestCategory = (typeof REQUEST_CATEGORIES)[number];

/**
 * Channels: online filing (an enterprise account or an anonymous visitor), the channels staff record an intake from
 * (监督员 and 专家 are also the reports of 监督员 and experts themselves, ./communication.ts), 走访 (a need found on a
 * visit to a key firm), work orders transferred from the city's 12345 platform, and a unit's system through the API
 * (Open311).
 */
export const REQUEST_CHANNELS = ['网上', '电话', '来访', '座谈会', '监督员', '专家', '走访', '信函', '12345', '接口'] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];
export const STAFF_CHANNELS = ['电话', '来访', '座谈会', '监督员', '专家', '信函'] as const satisfies readonly RequestChannel[];

export interface CategoryLimit {
  /** Working days from 派单 to sign (签收); also the window for 退单. */
  signDays: number;
  /** Working days from 派单 (or from 重办) to answer (答复). */
  answerDays: number;
}

export const DEFAULT_LIMITS: Record<RequestCategory, CategoryLimit> = {
  咨询: { signDays: 1, answerDays: 1 },
  求决: { signDays: 1, answerDays: 5 },
  投诉举报: { signDays: 1, answerDays: 10 },
  建议: { signDays: 1, answerDays: 5 },
};

/** The bounds the office may set (a longer limit is an 延期, which needs its own approval: not a default). */
export const LIMIT_BOUNDS = { signDays: { min: 1, max: 5 }, answerDays: { min: 1, max: 60 } } as const;

/** Problems of a limit the office sets, in Chinese, naming the field. */
export function limitProblems(l: CategoryLimit): { field: string; message: string }[] {
  const p: { field: string; message: string }[] = [];
  for (const k of ['signDays', 'answerDays'] as const) {
    const { min, max } = LIMIT_BOUNDS[k];
    if (!Number.isInteger(l[k]) || l[k] < min || l[k] > max)
      p.push({ field: k, message: `${k === 'signDays' ? '签收时限' : '答复时限'}应为 ${min}–${max} 个工作日` });
  }
  return p;
}
