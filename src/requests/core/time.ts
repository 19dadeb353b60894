/**
 * Handling time of a request beyond the plain limits: suspension (挂起), extension (延期), reminders before a
 * deadline, and the answer that staff record after a call back (回访) — all pure.
 *
 * Suspension and extension need the office's approval (the issue; 《北京市接诉即办工作条例》第二十三条: 承办单位
 * 因客观原因不能按期办结的，可以申请延期 … 经市民热线服务机构同意). Only a signed request being handled (stage 办理)
 * may be suspended or extended.
 *
 * Suspension arithmetic. The clock stops on the day the office approves the suspension (S) and restarts after the
 * day the request is resumed (E), like a new start: the start day is not counted (民法典 第二百零一条 "开始的当日
 * 不计入，自下一日开始计算"). The time spent waiting for the enterprise is not counted in the limit (as 《行政许可法》
 * 第三十二条/第四十五条 leave 补正材料 and similar waits out of a statutory period). So the working days suspended are
 * the working days after S up to and including E (`workingDaysBetween(S, E)`), and the answer deadline moves by
 * that many working days. E.g. (2021) suspended Thursday 09-30, resumed Saturday 10-09 (a 调休 working day): the
 * working days 10-08 and 10-09 are suspended (10-01..10-07 are the National Day holiday), a deadline of 10-13 moves
 * to 10-15. Resumed on S itself: 0 days. Equivalently: the working days left at S are counted again from E.
 *
 * Extension: N working days (1–30) added to the answer deadline (counted on from the deadline, so a deadline
 * before a holiday moves past it).
 */
import type { RequestCalendar } from './deadlines.js';
import type { RequestStage } from './lifecycle.js';

/** The calendar queries the time rules need (src/calendar's `WorkingCalendar` has them). */
export interface TimeCalendar extends RequestCalendar {
  /** Working days in (a, b]: the start day not counted (0 when b ≤ a). */
  workingDaysBetween(a: string, b: string): number;
  isWorkday(date: string): boolean;
}

export const HOLD_KINDS = ['挂起', '延期'] as const;
export type HoldKind = (typeof HOLD_KINDS)[number];
export const HOLD_STATES = ['待审批', '已批准', '未同意', '已恢复'] as const;
export type HoldState = (typeof HOLD_STATES)[number];

/** Bounds of an extension the unit may ask for. */
export const EXTENSION_DAYS = { min: 1, max: 30 } as const;

/** Working days suspended between the approval day and the resume day (see the file's comment). */
export function suspendedWorkingDays(cal: TimeCalendar, suspendedOn: string, resumedOn: string): number {
  return resumedOn <= suspendedOn ? 0 : cal.workingDaysBetween(suspendedOn, resumedOn);
}

/** The answer deadline after a suspension from `suspendedOn` to `resumedOn`, and the working days deducted. */
export function afterResume(cal: TimeCalendar, answerDue: string, suspendedOn: string, resumedOn: string): { days: number; answerDue: string } {
  const days = suspendedWorkingDays(cal, suspendedOn, resumedOn);
  return { days, answerDue: days ? cal.addWorkingDays(answerDue, days) : answerDue };
}

/** The answer deadline after an approved extension of `days` working days. */
export function extendedDue(cal: TimeCalendar, answerDue: string, days: number): string {
  return cal.addWorkingDays(answerDue, days);
}

/** Why the unit may not ask for a suspension or extension now (Chinese), or null. */
export function holdAskProblem(
  r: { stage: RequestStage; suspendedOn: string | null; pending: boolean },
  kind: HoldKind,
  days: number | undefined,
): { field: string; message: string } | null {
  if (r.stage !== '办理') return { field: 'kind', message: `只有办理中的诉求可以申请${kind}` };
  if (r.pending) return { field: 'kind', message: '已有待营商办审批的挂起或延期申请' };
  if (kind === '挂起' && r.suspendedOn) return { field: 'kind', message: '诉求已挂起，恢复办理后才能再次申请挂起' };
  if (kind === '延期' && (days === undefined || !Number.isInteger(days) || days < EXTENSION_DAYS.min || days > EXTENSION_DAYS.max))
    return { field: 'days', message: `延期天数应为 ${EXTENSION_DAYS.min}–${EXTENSION_DAYS.max} 个工作日` };
  return null;
}

/**
 * Reminders to the unit: the working day before a deadline ('eve', "明天到期" or "下一个工作日到期") and on the day
 * ('day', "今天到期"); null on other days and on rest days (no reminder is sent on a rest day). Deadlines are working
 * days, so the working day before is the one whose next working day is the deadline.
 */
export type ReminderWhen = 'eve' | 'day';
export function reminderDue(cal: TimeCalendar, today: string, due: string): ReminderWhen | null {
  if (!cal.isWorkday(today)) return null;
  if (today === due) return 'day';
  return today < due && cal.addWorkingDays(today, 1) === due ? 'eve' : null;
}

/** The deadline a request is waiting on (sign or answer), or null when nothing is due from the unit (or the clock is stopped). */
export function pendingDeadline(r: {
  stage: RequestStage;
  signDue: string | null;
  answerDue: string | null;
  suspendedOn: string | null;
}): { step: '签收' | '答复'; due: string } | null {
  if (r.stage === '派单' && r.signDue) return { step: '签收', due: r.signDue };
  if (r.stage === '办理' && r.answerDue && !r.suspendedOn) return { step: '答复', due: r.answerDue };
  return null;
}

/**
 * Whether staff may record a call back's rating (回访): every request but one an enterprise account filed online
 * (that firm rates it itself). An anonymous visitor's online request is called back on the mobile number given.
 */
export function mayCallBack(r: { channel: string; enterpriseId: number | null }): boolean {
  return !(r.channel === '网上' && r.enterpriseId !== null);
}

/** Staff record the answer of a call back (回访) where `mayCallBack`, once the request is answered. */
export function callbackProblem(
  r: { channel: string; stage: RequestStage; enterpriseId: number | null },
  calledAt: Date,
  now: Date,
): { field: string; message: string } | null {
  if (!mayCallBack(r)) return { field: 'rating', message: '企业网上提交的诉求由企业自行评价' };
  if (r.stage !== '答复') return { field: 'rating', message: '诉求尚未答复，不能登记回访评价' };
  if (Number.isNaN(calledAt.getTime())) return { field: 'calledAt', message: '请填写回访时间' };
  if (calledAt.getTime() > now.getTime() + 5 * 60_000) return { field: 'calledAt', message: '回访时间不能晚于现在' };
  return null;
}
