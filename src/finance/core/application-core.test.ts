import { describe, expect, it } from 'vitest';
import { officialCalendar } from '../../calendar/index.js';
import { approvalProblems, disbursementProblems, nextStatus } from './application-lifecycle.js';
import {
  acceptDue,
  acceptedOnTime,
  DEFAULT_FINANCE_LIMITS,
  decidedOnTime,
  decideDue,
  daysToDecision,
  isOverdue,
  limitsProblems,
  pendingStep,
  reminderDue,
} from './application-deadlines.js';
import { financeRates, ZERO_FINANCE_COUNTS } from './application-figures.js';
import { consentProblems, consentStatus, consentValidUntil, coveredItems, refusalReason } from './consent.js';
import { eventFigures, eventProblems } from './events.js';

const cal = officialCalendar;
const L = DEFAULT_FINANCE_LIMITS;

describe('application lifecycle', () => {
  it('moves submitted → accepted → approved → disbursed, and refuses steps out of order with the status named', () => {
    expect(nextStatus('submitted', 'accept')).toEqual({ status: 'accepted' });
    expect(nextStatus('accepted', 'approve')).toEqual({ status: 'approved' });
    expect(nextStatus('approved', 'disburse')).toEqual({ status: 'disbursed' });
    expect(nextStatus('submitted', 'approve')).toEqual({ problem: '申请处于“待受理”状态，不能授信' });
    expect(nextStatus('declined', 'accept')).toEqual({ problem: '申请处于“未通过”状态，不能受理' });
    expect(nextStatus('approved', 'withdraw')).toEqual({ problem: '申请处于“已授信”状态，不能撤回申请' });
  });

  it('declines from 待受理 (不予受理) and from 审批中, and lets the enterprise withdraw until the decision', () => {
    expect(nextStatus('submitted', 'decline')).toEqual({ status: 'declined' });
    expect(nextStatus('accepted', 'decline')).toEqual({ status: 'declined' });
    expect(nextStatus('accepted', 'withdraw')).toEqual({ status: 'withdrawn' });
  });

  it('checks the approval and the disbursement', () => {
    expect(approvalProblems({ creditAmount: 300, rate: 3.85, guarantee: '信用', termMonths: 12, firstLoan: true, renewal: 'none' })).toEqual([]);
    expect(approvalProblems({ creditAmount: 0, rate: 30, guarantee: '信用', termMonths: 0, firstLoan: false, renewal: 'none' }).map((p) => p.field)).toEqual([
      '授信金额',
      '年利率',
      '期限',
    ]);
    expect(disbursementProblems({ amount: 350, disbursedOn: '2026-03-01' }, 300, '2026-03-02', '2026-03-05')).toEqual([
      { field: '放款金额', message: '不能超过授信金额 300 万元' },
      { field: '放款日期', message: '不能早于授信日期 2026-03-02' },
    ]);
    expect(disbursementProblems({ amount: 300, disbursedOn: '2026-03-06' }, 300, '2026-03-02', '2026-03-05')).toEqual([
      { field: '放款日期', message: '不能晚于今天' },
    ]);
  });
});

describe('deadlines in working days (民法典 第二百零一条: the start day not counted)', () => {
  it('counts over National Day 2021 with its 调休 Saturday', () => {
    // Thu 09-30; 10-01..10-07 holiday; Fri 10-08 (1), Sat 10-09 调休 (2), Mon 10-11 (3).
    expect(acceptDue(cal, '2021-09-30', L)).toBe('2021-10-11');
    // 10 working days from Mon 10-11: 10-12..10-15 (4), 10-18..10-22 (9), 10-25 (10).
    expect(decideDue(cal, '2021-10-11', L)).toBe('2021-10-25');
  });

  it('counts over the Spring Festival 2026 (02-15..02-23 off, 02-14 and 02-28 调休 Saturdays)', () => {
    // Thu 02-12: Fri 02-13 (1), Sat 02-14 调休 (2), Tue 02-24 (3).
    expect(acceptDue(cal, '2026-02-12', L)).toBe('2026-02-24');
    // From Tue 02-24: 02-25..02-27 (3), Sat 02-28 调休 (4), 03-02..03-06 (9), Mon 03-09 (10).
    expect(decideDue(cal, '2026-02-24', L)).toBe('2026-03-09');
  });

  it('counts from an application submitted on a holiday (National Day 2026, Sat 10-10 a 调休 working day)', () => {
    expect(acceptDue(cal, '2026-10-03', L)).toBe('2026-10-10');
    expect(acceptDue(cal, '2026-10-03', { acceptDays: 1, decideDays: 10 })).toBe('2026-10-08');
  });

  it('is overdue only after the due day, and knows which step is owed', () => {
    const a = { status: 'submitted' as const, acceptDue: '2026-02-24', acceptedOn: null, decideDue: null, decidedOn: null };
    expect(pendingStep(a)).toEqual({ step: '受理', due: '2026-02-24' });
    expect(isOverdue(a, '2026-02-24')).toBe(false);
    expect(isOverdue(a, '2026-02-25')).toBe(true);
    const b = { ...a, status: 'accepted' as const, acceptedOn: '2026-02-24', decideDue: '2026-03-09' };
    expect(pendingStep(b)).toEqual({ step: '审批', due: '2026-03-09' });
    expect(isOverdue(b, '2026-03-09')).toBe(false);
    expect(isOverdue(b, '2026-03-10')).toBe(true);
    expect(isOverdue({ ...b, status: 'approved', decidedOn: '2026-03-10' }, '2026-04-01')).toBe(false);
  });

  it('measures 受理 and the decision on time (a decline at 受理 against the 受理 deadline)', () => {
    const base = { acceptDue: '2026-02-24', decideDue: null, acceptedOn: null, decidedOn: null };
    expect(acceptedOnTime({ ...base, status: 'submitted' })).toBeNull();
    expect(acceptedOnTime({ ...base, status: 'accepted', acceptedOn: '2026-02-24' })).toBe(true);
    expect(acceptedOnTime({ ...base, status: 'accepted', acceptedOn: '2026-02-25' })).toBe(false);
    expect(acceptedOnTime({ ...base, status: 'declined', decidedOn: '2026-02-13' })).toBe(true);
    expect(decidedOnTime({ ...base, status: 'declined', decidedOn: '2026-02-25' })).toBe(false);
    expect(decidedOnTime({ ...base, status: 'approved', acceptedOn: '2026-02-24', decideDue: '2026-03-09', decidedOn: '2026-03-09' })).toBe(true);
    expect(decidedOnTime({ ...base, status: 'approved', acceptedOn: '2026-02-24', decideDue: '2026-03-09', decidedOn: '2026-03-10' })).toBe(false);
  });

  it('reminds on the working day before and on the due day, never on a rest day', () => {
    // Due Tue 02-24 (after the Spring Festival): the eve is Sat 02-14 (调休 working day), not the holiday days.
    expect(reminderDue(cal, '2026-02-13', '2026-02-24')).toBeNull();
    expect(reminderDue(cal, '2026-02-14', '2026-02-24')).toBe('eve');
    expect(reminderDue(cal, '2026-02-20', '2026-02-24')).toBeNull();
    expect(reminderDue(cal, '2026-02-24', '2026-02-24')).toBe('day');
    expect(reminderDue(cal, '2026-02-25', '2026-02-24')).toBeNull();
  });

  it('counts working days to decision across the holiday', () => {
    expect(daysToDecision(cal, '2026-02-12', '2026-02-24')).toBe(3);
    expect(daysToDecision(cal, '2026-02-12', '2026-02-12')).toBe(0);
  });

  it('checks the limits the office sets', () => {
    expect(limitsProblems({ acceptDays: 3, decideDays: 10 })).toEqual([]);
    expect(limitsProblems({ acceptDays: 0, decideDays: 61 }).map((p) => p.field)).toEqual(['受理时限', '审批时限']);
  });
});

describe('consent', () => {
  const c = (validUntil: string, withdrawnAt: string | null = null, items = ['profile', 'size'] as const) => ({ items, validUntil, withdrawnAt });

  it('is active up to and including its last day, then expired; withdrawn wins', () => {
    expect(consentValidUntil('2026-03-01', 90)).toBe('2026-05-29');
    expect(consentValidUntil('2026-03-01', 1)).toBe('2026-03-01');
    expect(consentStatus(c('2026-05-29'), '2026-05-29')).toBe('active');
    expect(consentStatus(c('2026-05-29'), '2026-05-30')).toBe('expired');
    expect(consentStatus(c('2026-05-29', '2026-04-01T02:00:00Z'), '2026-04-02')).toBe('withdrawn');
  });

  it('covers the union of the active consents only, and names why access is refused', () => {
    const both = [c('2026-05-29'), c('2026-12-31', null, ['creditClass'] as never)];
    expect([...coveredItems(both, '2026-05-30')]).toEqual(['creditClass']);
    expect([...coveredItems(both, '2026-05-01')].sort()).toEqual(['creditClass', 'profile', 'size']);
    expect(refusalReason(both, '2026-05-30')).toBeNull();
    expect(refusalReason([], '2026-05-30')).toBe('企业未授权本机构查看其数据');
    expect(refusalReason([c('2026-05-29')], '2026-05-30')).toBe('企业数据授权已过期，无法查看企业数据');
    expect(refusalReason([c('2026-05-29', '2026-04-01T02:00:00Z')], '2026-04-02')).toBe('企业已撤回数据授权，无法查看企业数据');
  });

  it('asks for at least one known item and 1–365 days', () => {
    expect(consentProblems(['profile'], 90)).toEqual([]);
    expect(consentProblems([], 0).map((p) => p.message)).toEqual(['请至少选择一项授权银行查看的数据', '应为 1–365 天']);
    expect(consentProblems(['taxCredit'], 30)[0].message).toBe('未知数据项：taxCredit');
  });
});

describe('events and figures', () => {
  it('counts an event: invited, present, walk-ins, attendance, deals', () => {
    const f = eventFigures({
      institutionIds: [1, 2, 2],
      participants: [
        { enterpriseId: 10, invited: true, present: true },
        { enterpriseId: 11, invited: true, present: false },
        { enterpriseId: 12, invited: true, present: true },
        { enterpriseId: 13, invited: false, present: true },
      ],
      needsRaised: 5,
      deals: [
        { enterpriseId: 10, institutionId: 1, amount: 200 },
        { enterpriseId: 10, institutionId: 2, amount: 50.5 },
        { enterpriseId: 13, institutionId: 2, amount: 100 },
      ],
    });
    expect(f).toEqual({
      banks: 2,
      invited: 3,
      present: 3,
      attendanceRate: 66.67,
      walkIns: 1,
      needsRaised: 5,
      deals: 3,
      dealAmount: 350.5,
      enterprisesWithDeals: 2,
    });
  });

  it('refuses deals with banks or enterprises not at the event', () => {
    const p = eventProblems({
      title: '专项对接',
      institutionIds: [1],
      participants: [{ enterpriseId: 10, invited: true, present: false }],
      needsRaised: 0,
      deals: [{ enterpriseId: 10, institutionId: 2, amount: 10 }],
    });
    expect(p.map((x) => x.message)).toEqual(['应为参加本次活动的金融机构', '应为到场企业']);
  });

  it('turns counts into rates (null without a denominator)', () => {
    const r = financeRates({
      ...ZERO_FINANCE_COUNTS,
      needsPosted: 4,
      needsMatched: 3,
      decided: 3,
      approved: 2,
      decisionDays: 20,
      disbursed: 2,
      firstLoans: 1,
      smallMicroDisbursed: 2,
    });
    expect(r).toEqual({
      matchRate: 75,
      acceptOnTime: null,
      decideOnTime: null,
      approvalRate: 66.67,
      avgDecisionDays: 6.67,
      firstLoanShare: 50,
      smallMicroShare: 100,
    });
  });
});
