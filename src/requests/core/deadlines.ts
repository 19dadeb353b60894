/**
 * Due dates of a request, counted in working days with the working-day calendar (src/calendar: the State Council's
 * yearly holiday notices, 调休 Saturdays are working days). The start day is not counted (民法典 第二百零一条："按照年、
 * 月、日计算期间的，开始的当日不计入，自下一日开始计算"), so a request routed on Thursday 2021-09-30 with 1 working day
 * to sign is due Friday 2021-10-08 (National Day 10-01..10-07, 10-09 a 调休 working Saturday).
 */
import type { CategoryLimit } from './limits.js';
import type { RequestStage } from './lifecycle.js';

/** What the core needs from src/calendar's `WorkingCalendar` (passed in so that the core stays pure). */
export interface RequestCalendar {
  /** The n-th working day after `date` (the day itself not counted). */
  addWorkingDays(date: string, n: number): string;
}

/** Sign-by and answer-by dates of a request routed (派单) on `routedOn`. */
export function dueDates(cal: RequestCalendar, routedOn: string, limit: CategoryLimit): { signDue: string; answerDue: string } {
  return { signDue: cal.addWorkingDays(routedOn, limit.signDays), answerDue: cal.addWorkingDays(routedOn, limit.answerDays) };
}

/** The answer deadline of a request reopened (重办) on `reopenedOn`: the category's full answer limit again. */
export function reopenedAnswerDue(cal: RequestCalendar, reopenedOn: string, limit: CategoryLimit): string {
  return cal.addWorkingDays(reopenedOn, limit.answerDays);
}

/** 退单 is allowed up to the end of the first working day after 派单 (the same day as the sign deadline with the default limit). */
export const RETURN_WITHIN_DAYS = 1;
export function returnDeadline(cal: RequestCalendar, routedOn: string): string {
  return cal.addWorkingDays(routedOn, RETURN_WITHIN_DAYS);
}

/** Null when a 退单 on `today` is in time, else the Chinese reason it is refused. */
export function returnProblem(cal: RequestCalendar, routedOn: string | null, today: string): string | null {
  if (!routedOn) return '诉求尚未派单，不能退单';
  const last = returnDeadline(cal, routedOn);
  return today > last ? `退单应在派单后 ${RETURN_WITHIN_DAYS} 个工作日内（${last} 前）提出，已超过期限` : null;
}

/**
 * Overdue flags as of `today`: not signed by the sign deadline, not answered by the answer deadline. A suspended
 * request (挂起, approved by the office) is not overdue to answer while its clock is stopped.
 */
export function overdue(
  r: { stage: RequestStage; signDue: string | null; signedOn: string | null; answerDue: string | null; suspendedOn?: string | null },
  today: string,
): { sign: boolean; answer: boolean } {
  const sign = r.stage === '派单' && r.signDue !== null && r.signedOn === null && today > r.signDue;
  const answer = (r.stage === '派单' || r.stage === '办理') && !r.suspendedOn && r.answerDue !== null && today > r.answerDue;
  return { sign, answer };
}
