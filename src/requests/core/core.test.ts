import { describe, expect, it } from 'vitest';
import { officialCalendar } from '../../calendar/index.js';
import {
  actorSide,
  afterRating,
  allowedActions,
  DEFAULT_LIMITS,
  dueDates,
  limitProblems,
  maskName,
  maskPhone,
  nextStage,
  overdue,
  parseRequestNumber,
  phoneProblem,
  REQUEST_ACTIONS,
  REQUEST_STAGES,
  reopenedAnswerDue,
  requestNumber,
  returnProblem,
  shouldEscalate,
  type RequestAction,
  type RequestStage,
} from './index.js';

describe('request lifecycle', () => {
  // Every (stage, action) pair: the legal ones and their target, everything else refused with the stage named.
  const legal: Record<string, RequestStage> = {
    '受理 route': '派单',
    '派单 sign': '办理',
    '派单 return': '受理',
    '办理 return': '受理',
    '办理 note': '办理',
    '办理 answer': '答复',
    '答复 rate': '答复',
  };
  for (const stage of REQUEST_STAGES)
    for (const action of Object.keys(REQUEST_ACTIONS) as RequestAction[]) {
      const key = `${stage} ${action}`;
      it(`${key}: ${legal[key] ?? 'refused'}`, () => {
        const r = nextStage(stage, action);
        if (legal[key]) expect(r).toEqual({ stage: legal[key] });
        else expect(r).toEqual({ problem: expect.stringContaining(`不能${REQUEST_ACTIONS[action].label}`) });
      });
    }

  it('refuses an unknown action', () => {
    expect(nextStage('受理', 'close' as RequestAction)).toEqual({ problem: '未知操作：close' });
  });

  it('满意 and 基本满意 close; 不满意 reopens to 办理', () => {
    expect(afterRating('满意')).toEqual({ stage: '办结', reopen: false });
    expect(afterRating('基本满意')).toEqual({ stage: '办结', reopen: false });
    expect(afterRating('不满意')).toEqual({ stage: '办理', reopen: true });
  });

  it('knows who acts: office, staff of the routed unit, the filing enterprise; nobody else', () => {
    const req = { unitId: 7, enterpriseId: 3 };
    expect(actorSide({ role: 'office', unitIds: [], enterpriseId: null }, req)).toBe('office');
    expect(actorSide({ role: 'admin', unitIds: [], enterpriseId: null }, req)).toBe('office');
    expect(actorSide({ role: 'unit_staff', unitIds: [7], enterpriseId: null }, req)).toBe('unit');
    expect(actorSide({ role: 'unit_staff', unitIds: [8], enterpriseId: null }, req)).toBeNull();
    expect(actorSide({ role: 'unit_staff', unitIds: [7], enterpriseId: null }, { unitId: null, enterpriseId: 3 })).toBeNull();
    expect(actorSide({ role: 'enterprise', unitIds: [], enterpriseId: 3 }, req)).toBe('enterprise');
    expect(actorSide({ role: 'enterprise', unitIds: [], enterpriseId: 4 }, req)).toBeNull();
    expect(actorSide({ role: 'leader', unitIds: [], enterpriseId: null }, req)).toBeNull();
  });

  it('lists the buttons of each side', () => {
    expect(allowedActions('受理', 'office')).toEqual(['route']);
    expect(allowedActions('派单', 'unit')).toEqual(['sign', 'return']);
    expect(allowedActions('办理', 'unit')).toEqual(['return', 'note', 'answer']);
    expect(allowedActions('答复', 'enterprise')).toEqual(['rate']);
    expect(allowedActions('答复', 'unit')).toEqual([]);
    expect(allowedActions('办结', 'office')).toEqual([]);
    expect(allowedActions('受理', null)).toEqual([]);
  });

  it('escalates at 3 reopenings or 3 transfers (问题工单)', () => {
    expect(shouldEscalate({ reopens: 2, transfers: 2 })).toBe(false);
    expect(shouldEscalate({ reopens: 3, transfers: 0 })).toBe(true);
    expect(shouldEscalate({ reopens: 0, transfers: 3 })).toBe(true);
  });
});

describe('request deadlines (working days, 2021 calendar)', () => {
  it('defaults: sign 1; answer 咨询 1, 求决 5, 投诉举报 10', () => {
    expect(DEFAULT_LIMITS.咨询).toEqual({ signDays: 1, answerDays: 1 });
    expect(DEFAULT_LIMITS.求决.answerDays).toBe(5);
    expect(DEFAULT_LIMITS.投诉举报.answerDays).toBe(10);
  });

  it('before 中秋 2021: routed Monday 09-13, sign by Tuesday, 求决 answered by Saturday 09-18 (a 调休 working day)', () => {
    expect(dueDates(officialCalendar, '2021-09-13', DEFAULT_LIMITS.求决)).toEqual({ signDue: '2021-09-14', answerDue: '2021-09-18' });
    // Routed on 09-17: 09-18 (调休), then 中秋 09-19..21 off, 09-22, 09-23, 09-24, 09-26 (Sunday, 调休 for National Day).
    expect(dueDates(officialCalendar, '2021-09-17', DEFAULT_LIMITS.求决).answerDue).toBe('2021-09-26');
  });

  it('across National Day 2021 (10-01..10-07 off, 09-26 and 10-09 调休 working days)', () => {
    // Routed Thursday 09-30: the next working day is Friday 10-08.
    expect(dueDates(officialCalendar, '2021-09-30', DEFAULT_LIMITS.咨询)).toEqual({ signDue: '2021-10-08', answerDue: '2021-10-08' });
    // 5 working days: 10-08, 10-09 (Saturday, 调休), 10-11, 10-12, 10-13.
    expect(dueDates(officialCalendar, '2021-09-30', DEFAULT_LIMITS.求决).answerDue).toBe('2021-10-13');
    // 10 working days: … 10-14, 10-15, 10-18, 10-19, 10-20.
    expect(dueDates(officialCalendar, '2021-09-30', DEFAULT_LIMITS.投诉举报).answerDue).toBe('2021-10-20');
    // Routed on a holiday (a staff intake on 10-03): counted from the next working day.
    expect(dueDates(officialCalendar, '2021-10-03', DEFAULT_LIMITS.咨询).signDue).toBe('2021-10-08');
  });

  it('a reopened request gets the full answer limit again, from the day of reopening', () => {
    expect(reopenedAnswerDue(officialCalendar, '2021-10-08', DEFAULT_LIMITS.求决)).toBe('2021-10-14');
  });

  it('退单 only within one working day of 派单', () => {
    expect(returnProblem(officialCalendar, '2021-09-30', '2021-09-30')).toBeNull();
    expect(returnProblem(officialCalendar, '2021-09-30', '2021-10-05')).toBeNull();
    expect(returnProblem(officialCalendar, '2021-09-30', '2021-10-08')).toBeNull();
    expect(returnProblem(officialCalendar, '2021-09-30', '2021-10-09')).toContain('2021-10-08 前');
    expect(returnProblem(officialCalendar, null, '2021-10-09')).toBe('诉求尚未派单，不能退单');
  });

  it('flags overdue signing and answering', () => {
    const base = { stage: '派单' as RequestStage, signDue: '2021-10-08', signedOn: null, answerDue: '2021-10-13' };
    expect(overdue(base, '2021-10-08')).toEqual({ sign: false, answer: false });
    expect(overdue(base, '2021-10-09')).toEqual({ sign: true, answer: false });
    expect(overdue({ ...base, stage: '办理', signedOn: '2021-10-08' }, '2021-10-14')).toEqual({ sign: false, answer: true });
    expect(overdue({ ...base, stage: '答复', signedOn: '2021-10-08' }, '2021-10-14')).toEqual({ sign: false, answer: false });
  });

  it('checks the limits the office sets', () => {
    expect(limitProblems({ signDays: 1, answerDays: 5 })).toEqual([]);
    expect(limitProblems({ signDays: 0, answerDays: 61 }).map((p) => p.field)).toEqual(['signDays', 'answerDays']);
    expect(limitProblems({ signDays: 1.5, answerDays: 5 })[0]!.message).toBe('签收时限应为 1–5 个工作日');
  });
});

describe('request numbers and privacy', () => {
  it('numbers requests per year, six digits', () => {
    expect(requestNumber(2026, 123)).toBe('渝中诉〔2026〕000123号');
    expect(() => requestNumber(2026, 0)).toThrow(RangeError);
    expect(parseRequestNumber('渝中诉〔2026〕000123号')).toEqual({ year: 2026, seq: 123 });
    expect(parseRequestNumber('渝中诉[2026]123')).toEqual({ year: 2026, seq: 123 });
    expect(parseRequestNumber('办理进度')).toBeNull();
  });

  it('masks phones and names, checks phone formats', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('023-63891234')).toBe('023*******34');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳明月')).toBe('欧***');
    expect(phoneProblem('13812345678')).toBeNull();
    expect(phoneProblem('023-63891234')).toBeNull();
    expect(phoneProblem('12345')).toContain('手机号');
  });
});
