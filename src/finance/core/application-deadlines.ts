/**
 * Deadlines of a financing application, in working days of the China working-day calendar (src/calendar: the State
 * Council's yearly holiday notices, 调休 Saturdays and Sundays are working days). The start day is not counted
 * (民法典 第二百零一条："按照年、月、日计算期间的，开始的当日不计入，自下一日开始计算"): an application submitted on
 * Thursday 2021-09-30 with 3 working days to 受理 is due Monday 2021-10-11 (10-01..10-07 National Day, 10-08 Friday,
 * 10-09 a 调休 working Saturday, 10-11 Monday). The decision limit is counted from the day of 受理.
 *
 * 区金融办 sets both limits (default 3 and 10 working days, the practice of the 信易贷 stations the issue names); an
 * application keeps the deadlines set when it arrived / was accepted (a later change of the limits applies to later
 * applications only). Deadlines are dates: an act on the due day is on time.
 */
import type { ApplicationStatus } from './application-lifecycle.js';

export interface FinanceLimits {
  /** Working days from submission to 受理. */
  acceptDays: number;
  /** Working days from 受理 to the decision (授信 or 不予授信). */
  decideDays: number;
}

export const DEFAULT_FINANCE_LIMITS: FinanceLimits = { acceptDays: 3, decideDays: 10 };
export const MAX_LIMIT_DAYS = 60;

/** What the core needs of src/calendar's `WorkingCalendar` (passed in: the core stays pure). */
export interface FinanceCalendar {
  addWorkingDays(date: string, n: number): string;
  workingDaysBetween(a: string, b: string): number;
  isWorkday(date: string): boolean;
}

export function limitsProblems(l: FinanceLimits): Array<{ field: string; message: string }> {
  const bad = (n: number) => !Number.isInteger(n) || n < 1 || n > MAX_LIMIT_DAYS;
  return [
    ...(bad(l.acceptDays) ? [{ field: '受理时限', message: `应为 1–${MAX_LIMIT_DAYS} 个工作日` }] : []),
    ...(bad(l.decideDays) ? [{ field: '审批时限', message: `应为 1–${MAX_LIMIT_DAYS} 个工作日` }] : []),
  ];
}

/** The 受理 deadline of an application submitted on `submittedOn`. */
export function acceptDue(cal: FinanceCalendar, submittedOn: string, limits: FinanceLimits): string {
  return cal.addWorkingDays(submittedOn, limits.acceptDays);
}

/** The decision deadline of an application accepted on `acceptedOn`. */
export function decideDue(cal: FinanceCalendar, acceptedOn: string, limits: FinanceLimits): string {
  return cal.addWorkingDays(acceptedOn, limits.decideDays);
}

export interface DeadlineState {
  status: ApplicationStatus;
  acceptDue: string;
  acceptedOn: string | null;
  decideDue: string | null;
  decidedOn: string | null;
}

/** The step the bank owes now with its deadline (null when nothing is owed). */
export function pendingStep(a: DeadlineState): { step: '受理' | '审批'; due: string } | null {
  if (a.status === 'submitted') return { step: '受理', due: a.acceptDue };
  if (a.status === 'accepted' && a.decideDue) return { step: '审批', due: a.decideDue };
  return null;
}

/** Overdue as of `today`: the owed step's deadline is before today (the due day itself is still in time). */
export function isOverdue(a: DeadlineState, today: string): boolean {
  const p = pendingStep(a);
  return p !== null && today > p.due;
}

/** 受理 on time: accepted (or declined at 受理) on or before the 受理 deadline. */
export function acceptedOnTime(a: DeadlineState): boolean | null {
  const answered = a.acceptedOn ?? (a.status === 'declined' ? a.decidedOn : null);
  return answered === null ? null : answered <= a.acceptDue;
}

/**
 * Decision on time: a decline at 受理 is measured against the 受理 deadline, any other decision against the decision
 * deadline; null while undecided.
 */
export function decidedOnTime(a: DeadlineState): boolean | null {
  if (a.decidedOn === null) return null;
  return a.decidedOn <= (a.decideDue ?? a.acceptDue);
}

/**
 * When to remind the bank: the working day before the deadline ('eve') and on the day ('day'); null otherwise (and on
 * rest days, when nobody reads notices).
 */
export function reminderDue(cal: FinanceCalendar, today: string, due: string): 'eve' | 'day' | null {
  if (!cal.isWorkday(today)) return null;
  if (today === due) return 'day';
  if (today < due && cal.addWorkingDays(today, 1) >= due) return 'eve';
  return null;
}

/** Working days from submission to the decision (the start day not counted), for the average on the figures page. */
export function daysToDecision(cal: FinanceCalendar, submittedOn: string, decidedOn: string): number {
  return cal.workingDaysBetween(submittedOn, decidedOn);
}
