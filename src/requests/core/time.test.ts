import { describe, expect, it } from 'vitest';
import { officialCalendar } from '../../calendar/index.js';
import {
  afterResume,
  callbackProblem,
  DEFAULT_LIMITS,
  dueDates,
  extendedDue,
  holdAskProblem,
  overdue,
  pendingDeadline,
  reminderDue,
  suspendedWorkingDays,
} from './index.js';

const cal = officialCalendar;

describe('suspension (挂起) arithmetic across National Day 2021 (10-01..10-07 off; 09-26, 10-09 调休 working days)', () => {
  it('counts the working days after the approval day up to and including the resume day', () => {
    // Suspended Thursday 09-30, resumed Saturday 10-09 (调休): 10-08 and 10-09.
    expect(suspendedWorkingDays(cal, '2021-09-30', '2021-10-09')).toBe(2);
    // Resumed on the holiday 10-05: no working day passed.
    expect(suspendedWorkingDays(cal, '2021-09-30', '2021-10-05')).toBe(0);
    // Resumed the same day: nothing deducted.
    expect(suspendedWorkingDays(cal, '2021-09-30', '2021-09-30')).toBe(0);
    // A whole working week: Monday 10-11 to Monday 10-18 = 10-12..10-15, 10-18.
    expect(suspendedWorkingDays(cal, '2021-10-11', '2021-10-18')).toBe(5);
  });

  it('moves the answer deadline by the working days suspended', () => {
    // 求决 routed 09-30: due 10-13. Suspended 09-30, resumed 10-09: due moves 2 working days to 10-15.
    const { answerDue } = dueDates(cal, '2021-09-30', DEFAULT_LIMITS.求决);
    expect(answerDue).toBe('2021-10-13');
    expect(afterResume(cal, answerDue, '2021-09-30', '2021-10-09')).toEqual({ days: 2, answerDue: '2021-10-15' });
    // Over the holiday only: nothing moves.
    expect(afterResume(cal, answerDue, '2021-09-30', '2021-10-07')).toEqual({ days: 0, answerDue: '2021-10-13' });
    // The same as counting the working days left at suspension again from the resume day.
    const left = cal.workingDaysBetween('2021-09-30', answerDue);
    expect(afterResume(cal, answerDue, '2021-09-30', '2021-10-09').answerDue).toBe(cal.addWorkingDays('2021-10-09', left));
  });

  it('a suspension across 中秋 2021 (09-19..09-21 off, 09-18 a 调休 working Saturday)', () => {
    // Suspended Friday 09-17, resumed Wednesday 09-22: 09-18 (调休) and 09-22 are working days.
    expect(suspendedWorkingDays(cal, '2021-09-17', '2021-09-22')).toBe(2);
    // A deadline of 09-24 moves to 09-27 (09-25 Saturday off, 09-26 Sunday 调休 working day).
    expect(afterResume(cal, '2021-09-24', '2021-09-17', '2021-09-22').answerDue).toBe('2021-09-27');
  });

  it('is not overdue to answer while suspended', () => {
    const r = { stage: '办理' as const, signDue: '2021-09-13', signedOn: '2021-09-13', answerDue: '2021-09-17' };
    expect(overdue(r, '2021-09-22').answer).toBe(true);
    expect(overdue({ ...r, suspendedOn: '2021-09-15' }, '2021-09-22').answer).toBe(false);
  });
});

describe('extension (延期)', () => {
  it('adds N working days to the answer deadline, across the holiday', () => {
    // Due 09-30 (the last working day before National Day) + 3 working days: 10-08, 10-09 (调休), 10-11.
    expect(extendedDue(cal, '2021-09-30', 3)).toBe('2021-10-11');
    expect(extendedDue(cal, '2021-10-13', 1)).toBe('2021-10-14');
  });

  it('allows asking only while being handled, one ask at a time, with 1–30 days', () => {
    const r = { stage: '办理' as const, suspendedOn: null, pending: false };
    expect(holdAskProblem(r, '延期', 5)).toBeNull();
    expect(holdAskProblem(r, '挂起', undefined)).toBeNull();
    expect(holdAskProblem({ ...r, stage: '派单' }, '挂起', undefined)?.message).toBe('只有办理中的诉求可以申请挂起');
    expect(holdAskProblem({ ...r, pending: true }, '延期', 5)?.message).toContain('待营商办审批');
    expect(holdAskProblem({ ...r, suspendedOn: '2021-10-08' }, '挂起', undefined)?.message).toContain('已挂起');
    // Extending a suspended request is allowed (the extension adds to the deadline as it stands).
    expect(holdAskProblem({ ...r, suspendedOn: '2021-10-08' }, '延期', 2)).toBeNull();
    expect(holdAskProblem(r, '延期', 0)).toEqual({ field: 'days', message: '延期天数应为 1–30 个工作日' });
    expect(holdAskProblem(r, '延期', 31)?.field).toBe('days');
    expect(holdAskProblem(r, '延期', 2.5)?.field).toBe('days');
    expect(holdAskProblem(r, '延期', undefined)?.field).toBe('days');
  });
});

describe('reminders before a deadline', () => {
  it('the working day before and on the day, never on a rest day', () => {
    // Due Friday 10-08: the working day before is Thursday 09-30 (the holiday in between).
    expect(reminderDue(cal, '2021-09-30', '2021-10-08')).toBe('eve');
    expect(reminderDue(cal, '2021-10-05', '2021-10-08')).toBeNull();
    expect(reminderDue(cal, '2021-10-08', '2021-10-08')).toBe('day');
    expect(reminderDue(cal, '2021-09-29', '2021-10-08')).toBeNull();
    // Due Saturday 10-09 (调休): the eve is Friday 10-08.
    expect(reminderDue(cal, '2021-10-08', '2021-10-09')).toBe('eve');
    // After the deadline: nothing (overdue is the daily warning's business).
    expect(reminderDue(cal, '2021-10-11', '2021-10-08')).toBeNull();
  });

  it('knows the deadline a request waits on', () => {
    const r = { stage: '派单' as const, signDue: '2021-10-08', answerDue: '2021-10-13', suspendedOn: null };
    expect(pendingDeadline(r)).toEqual({ step: '签收', due: '2021-10-08' });
    expect(pendingDeadline({ ...r, stage: '办理' })).toEqual({ step: '答复', due: '2021-10-13' });
    expect(pendingDeadline({ ...r, stage: '办理', suspendedOn: '2021-10-09' })).toBeNull();
    expect(pendingDeadline({ ...r, stage: '答复' })).toBeNull();
  });
});

describe('rating after a call back (回访)', () => {
  const now = new Date('2021-10-14T03:00:00Z');
  it('only for staff-recorded requests that are answered, at a time not in the future', () => {
    expect(callbackProblem({ channel: '电话', stage: '答复', enterpriseId: null }, new Date('2021-10-14T02:00:00Z'), now)).toBeNull();
    expect(callbackProblem({ channel: '网上', stage: '答复', enterpriseId: 7 }, now, now)?.message).toBe('企业网上提交的诉求由企业自行评价');
    // An anonymous visitor's online request has no account to rate from: staff call back on the number given.
    expect(callbackProblem({ channel: '网上', stage: '答复', enterpriseId: null }, now, now)).toBeNull();
    expect(callbackProblem({ channel: '电话', stage: '办理', enterpriseId: null }, now, now)?.message).toContain('尚未答复');
    expect(callbackProblem({ channel: '电话', stage: '答复', enterpriseId: null }, new Date('2021-10-15T02:00:00Z'), now)?.field).toBe('calledAt');
    expect(callbackProblem({ channel: '电话', stage: '答复', enterpriseId: null }, new Date('x'), now)?.field).toBe('calledAt');
  });
});
