import { describe, expect, it } from 'vitest';
import { officialCalendar as cal } from '../../calendar/index.js';
import { addDays, effectiveDue, workingDaysLeft } from './calendar.js';
import { chinaToday } from '../../calendar/index.js';
import { monthlyCycle, monthlyCycles } from './cycles.js';
import { assignSignals, expectedProgress, taskFlags, type FlagTask } from './flags.js';
import { nextStage, orderOverdue, replyDue } from './orders.js';
import { checkEvidence, safeFileName } from './evidence.js';
import { DEFAULT_WEIGHTS, assessUnits, isCollectiveUnit, rankUnits, scoreUnit, targetMet, weightsProblem, type UnitCounts } from './assessment.js';
import { bulletinNumber, bulletinPrefix, districtOf } from './bulletin-number.js';
import { parseStatus, rollUpProgress, rollUpStatus, statusProgressProblem, STATUS_INFO } from './status.js';

describe('statuses and roll-up (plan 五（二）台账 逐条逐项)', () => {
  it('has the five statuses with labels and colours', () => {
    expect(Object.values(STATUS_INFO).map((s) => s.label)).toEqual(['未启动', '推进中', '已完成', '滞后', '已暂停']);
    expect(parseStatus('推进中')).toBe('in_progress');
    expect(parseStatus('lagging')).toBe('lagging');
    expect(parseStatus('完成')).toBeNull();
  });
  it('keeps status and progress consistent', () => {
    expect(statusProgressProblem('done', 90)).toMatch('100%');
    expect(statusProgressProblem('in_progress', 100)).toMatch('已完成');
    expect(statusProgressProblem('not_started', 5)).toMatch('0%');
    expect(statusProgressProblem('in_progress', 101)).toMatch('0–100');
    expect(statusProgressProblem('lagging', 40)).toBeNull();
  });
  it('rolls progress up by weight: (2×50 + 1×100) / 3 = 66.7', () => {
    expect(
      rollUpProgress([
        { weight: 2, progress: 50 },
        { weight: 1, progress: 100 },
      ]),
    ).toBe(66.7);
    expect(rollUpProgress([])).toBeNull();
    expect(rollUpStatus(['done', 'done'])).toBe('done');
    expect(rollUpStatus(['done', 'lagging'])).toBe('lagging');
    expect(rollUpStatus(['done', 'not_started'])).toBe('in_progress');
  });
});

describe('working-day dates (民法典 第二百零一条、第二百零三条; 2021 国庆 10-01…10-07, 调休 09-26 and 10-09)', () => {
  it('moves a due day on a rest day to the next working day, but not a 调休 Saturday', () => {
    expect(effectiveDue(cal, '2021-10-31')).toBe('2021-11-01'); // Sunday
    expect(effectiveDue(cal, '2021-10-03')).toBe('2021-10-08'); // inside the National Day break
    expect(effectiveDue(cal, '2021-10-09')).toBe('2021-10-09'); // Saturday, but an adjusted working day
    expect(effectiveDue(cal, '2021-12-31')).toBe('2021-12-31');
  });
  it('puts the report due on the 5th working day of the next month', () => {
    // October 2021: 10-08 (Fri), 10-09 (Sat, 调休上班), 10-11, 10-12, 10-13.
    expect(monthlyCycle(cal, 2021, 9)).toEqual({ label: '2021年9月', periodStart: '2021-09-01', periodEnd: '2021-09-30', dueOn: '2021-10-13' });
    // May 2021: 05-01…05-05 劳动节, 05-08 (Sat) 调休上班 → 05-06, 05-07, 05-08, 05-10, 05-11.
    expect(monthlyCycle(cal, 2021, 4).dueOn).toBe('2021-05-11');
    // January 2022: 元旦 01-01…01-03 → 01-04, 01-05, 01-06, 01-07, 01-10.
    expect(monthlyCycle(cal, 2021, 12).dueOn).toBe('2022-01-10');
    expect(monthlyCycles(cal, '2021-11', '2022-02').map((c) => c.label)).toEqual(['2021年11月', '2021年12月', '2022年1月', '2022年2月']);
  });
  it('counts the order reply deadline in working days from the day of issue', () => {
    expect(replyDue(cal, '2021-09-30', 5)).toBe('2021-10-13');
    expect(replyDue(cal, '2021-09-24', 1)).toBe('2021-09-26'); // Sunday 调休上班
  });
  it("gives China's date", () => {
    expect(chinaToday(new Date('2021-10-08T17:00:00Z'))).toBe('2021-10-09');
    expect(addDays('2021-12-31', 1)).toBe('2022-01-01');
  });
});

describe('flags and traffic lights', () => {
  const base: FlagTask = { status: 'in_progress', progress: 50, startOn: '2021-06-01', completedOn: null, milestones: [], reportedCycleIds: [] };
  const ms = (dueOn: string, doneOn: string | null = null) => ({ id: 1, title: '节点', dueOn, doneOn });

  it('a milestone due inside the National Day break is overdue only after the first working day after it', () => {
    const t = { ...base, startOn: '2021-09-01', progress: 100 - 1, milestones: [ms('2021-10-03')] };
    const on8 = taskFlags(t, [], '2021-10-08', cal);
    expect(on8.light).toBe('yellow');
    expect(on8.flags.map((f) => f.kind)).toEqual(['milestone_due_soon']);
    const on9 = taskFlags(t, [], '2021-10-09', cal);
    expect(on9.light).toBe('red');
    expect(on9.flags[0]!.message).toContain('2021-10-08');
  });
  it('a milestone due on a 调休 Saturday is overdue on the Sunday (a weekend-only calendar would wait to Monday)', () => {
    const t = { ...base, startOn: '2021-09-01', progress: 99, milestones: [ms('2021-10-09')] };
    expect(taskFlags(t, [], '2021-10-09', cal).light).toBe('yellow');
    expect(taskFlags(t, [], '2021-10-10', cal).light).toBe('red');
  });
  it('is yellow within 5 working days, counting across the holiday', () => {
    const t = { ...base, startOn: '2021-09-01', progress: 99 };
    // 5 working days after 2021-09-30 is 2021-10-13.
    expect(taskFlags({ ...t, milestones: [ms('2021-10-13')] }, [], '2021-09-30', cal).light).toBe('yellow');
    expect(taskFlags({ ...t, milestones: [ms('2021-10-14')] }, [], '2021-09-30', cal).light).toBe('green');
    expect(taskFlags({ ...t, milestones: [ms('2021-10-01', '2021-09-29')] }, [], '2021-10-20', cal).light).toBe('green');
  });
  it('flags a missing report only after the due day, and not for tasks done before the period', () => {
    const cycle = { id: 7, label: '2021年9月', periodStart: '2021-09-01', periodEnd: '2021-09-30', dueOn: '2021-10-13' };
    expect(taskFlags(base, [cycle], '2021-10-13', cal).flags).toEqual([]);
    expect(taskFlags(base, [cycle], '2021-10-14', cal).flags.map((f) => f.kind)).toEqual(['report_missing']);
    expect(taskFlags({ ...base, reportedCycleIds: [7] }, [cycle], '2021-10-14', cal).flags).toEqual([]);
    expect(taskFlags({ ...base, status: 'done', progress: 100, completedOn: '2021-08-20' }, [cycle], '2021-10-14', cal).flags).toEqual([]);
    expect(taskFlags({ ...base, startOn: '2021-10-01' }, [cycle], '2021-10-14', cal).flags).toEqual([]);
    expect(taskFlags({ ...base, status: 'paused' }, [cycle], '2021-10-14', cal).light).toBe('grey');
  });
  it('flags progress behind the straight line by more than the tolerance', () => {
    // 2021-06-01 → 2021-12-31 is 213 days; 2021-09-15 is day 106: 106/213 = 49.8 %.
    expect(expectedProgress('2021-06-01', '2021-12-31', '2021-09-15')).toBe(49.8);
    const t = { ...base, milestones: [ms('2021-12-31')] };
    expect(taskFlags({ ...t, progress: 39 }, [], '2021-09-15', cal).flags.map((f) => f.kind)).toEqual(['behind_schedule']);
    expect(taskFlags({ ...t, progress: 39 }, [], '2021-09-15', cal).light).toBe('yellow');
    expect(taskFlags({ ...t, progress: 40 }, [], '2021-09-15', cal).flags).toEqual([]);
  });

  const signal = {
    source: 'indicators',
    key: 'water-connection',
    message: '指标“获得用水全流程用时”未达标：当前 66.7%，目标 每件 ≤ 9 个工作日',
    since: '2021-10-15',
    link: '/indicators/water-connection',
  };
  it('an off-track signal is a 偏离目标 flag and turns the light red, even when nothing else is wrong', () => {
    const t = { ...base, startOn: '2021-09-01', progress: 60, milestones: [ms('2021-12-31')], signals: [signal] };
    const r = taskFlags(t, [], '2021-10-20', cal);
    expect(r.light).toBe('red');
    expect(r.flags).toEqual([
      {
        kind: 'off_track',
        label: '偏离目标',
        message: signal.message,
        date: '2021-10-15',
        source: 'indicators',
        key: 'water-connection',
        link: '/indicators/water-connection',
      },
    ]);
    expect(taskFlags({ ...t, signals: [] }, [], '2021-10-20', cal)).toMatchObject({ light: 'green', flags: [] });
    // red beats yellow: a milestone due soon and off track
    const soon = taskFlags({ ...t, progress: 99, milestones: [ms('2021-10-22')] }, [], '2021-10-20', cal);
    expect(soon.flags.map((f) => f.kind)).toEqual(['milestone_due_soon', 'off_track']);
    expect(soon.light).toBe('red');
  });
  it('a task marked 已完成 whose commitment is breached keeps the flag and is red; a paused task stays grey without flags', () => {
    const done = { ...base, status: 'done' as const, progress: 100, completedOn: '2021-09-30', milestones: [ms('2021-12-31')] };
    expect(taskFlags(done, [], '2021-10-20', cal)).toMatchObject({ light: 'green', flags: [] });
    const r = taskFlags({ ...done, signals: [signal] }, [], '2021-10-20', cal);
    expect(r.light).toBe('red');
    expect(r.flags.map((f) => f.kind)).toEqual(['off_track']);
    expect(taskFlags({ ...base, status: 'paused', signals: [signal] }, [], '2021-10-20', cal)).toEqual({ light: 'grey', flags: [], expectedProgress: null });
  });
  it('gives a signal to the tasks carrying its target, to every task of the measure when none does or it names none', () => {
    const tasks = [
      { id: 1, measureId: 6, targetIds: [61] },
      { id: 2, measureId: 6, targetIds: [62] },
      { id: 3, measureId: 32, targetIds: [] },
    ];
    const s = (measureId: number, targetId: number | null, key: string) => ({ ...signal, key, measureId, targetId });
    const by = (m: Map<number, Array<{ key: string }>>) => Object.fromEntries([...m].map(([id, xs]) => [id, xs.map((x) => x.key)]));
    expect(by(assignSignals(tasks, [s(6, 61, 'water'), s(6, 62, 'power')]))).toEqual({ 1: ['water'], 2: ['power'] });
    expect(by(assignSignals(tasks, [s(6, 99, 'other'), s(32, null, 'credit')]))).toEqual({ 1: ['other'], 2: ['other'], 3: ['credit'] });
    expect(by(assignSignals(tasks, [s(47, null, 'none')]))).toEqual({});
    expect(assignSignals(tasks, [s(6, 61, 'water')]).get(1)![0]).toEqual({
      source: 'indicators',
      key: 'water',
      message: signal.message,
      since: '2021-10-15',
      link: '/indicators/water-connection',
    });
  });
});

describe('supervision orders (立项 → 下发 → 签收 → 办理 → 反馈 → 复核 → 办结)', () => {
  it('moves through the stages and refuses skips', () => {
    expect(nextStage('立项', 'issue')).toEqual({ stage: '下发' });
    expect(nextStage('下发', 'sign')).toEqual({ stage: '签收' });
    expect(nextStage('签收', 'reply')).toEqual({ stage: '反馈' });
    expect(nextStage('复核', 'close')).toEqual({ stage: '办结' });
    expect(nextStage('复核', 'return')).toEqual({ stage: '办理' });
    expect(nextStage('办理', 'escalate')).toEqual({ stage: '办理' });
    expect(nextStage('立项', 'sign')).toEqual({ problem: '督办单处于“立项”阶段，不能签收' });
    expect(nextStage('办结', 'return')).toHaveProperty('problem');
  });
  it('is overdue when unanswered after the reply deadline', () => {
    expect(orderOverdue({ stage: '签收', replyDue: '2021-10-13', repliedOn: null }, '2021-10-13')).toBe(false);
    expect(orderOverdue({ stage: '签收', replyDue: '2021-10-13', repliedOn: null }, '2021-10-14')).toBe(true);
    expect(orderOverdue({ stage: '反馈', replyDue: '2021-10-13', repliedOn: '2021-10-12' }, '2021-10-14')).toBe(false);
  });
});

describe('evidence files', () => {
  it('checks type by content and size', () => {
    expect(checkEvidence('a.pdf', Buffer.from('%PDF-1.4 ...'))).toEqual({ mime: 'application/pdf' });
    expect(checkEvidence('a.pdf', Buffer.from('MZ\x90\x00'))).toEqual({ problem: '文件内容与扩展名“.pdf”不符' });
    expect(checkEvidence('a.exe', Buffer.from('MZ'))).toHaveProperty('problem');
    expect(checkEvidence('a.txt', Buffer.alloc(0))).toEqual({ problem: '文件为空' });
    expect(checkEvidence('a.txt', Buffer.alloc(11 * 1024 * 1024, 0x41))).toHaveProperty('problem');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
  });
});

describe('annual assessment arithmetic (worked by hand)', () => {
  const counts = (n: number[][]): UnitCounts['items'] => {
    const [a, b, c, d, e] = n as [number[], number[], number[], number[], number[]];
    const it = (x: number[]) => ({ numerator: x[0]!, denominator: x[1]!, details: [] });
    return { tasks_on_time: it(a), reports_on_time: it(b), quality: it(c), orders_on_time: it(d), targets_met: it(e), requests_on_time: it([0, 0]) };
  };
  it('scores 3/4, 5/6, 4/5, no orders, 1/2 with weights 30/20/15/15/20 as 71.96', () => {
    // Σ rate×weight = 0.75×30 + (5/6)×20 + 0.8×15 + 0.5×20 = 22.5 + 16.667 + 12 + 10 = 61.167
    // orders not applicable: applicable weight 85, so score = 61.167 × 100/85 = 71.96
    const s = scoreUnit(
      {
        unitId: 1,
        unitName: '区甲局',
        items: counts([
          [3, 4],
          [5, 6],
          [4, 5],
          [0, 0],
          [1, 2],
        ]),
      },
      DEFAULT_WEIGHTS,
    );
    expect(s.score).toBe(71.96);
    expect(s.items.map((i) => i.points)).toEqual([26.47, 19.61, 14.12, 0, 11.76, 0]);
    expect(s.items[0]!.explanation).toBe('任务按时完成 3/4 = 75.00%，权重 30（折算为 35.29），得 26.47 分');
    expect(s.items[3]!.applicable).toBe(false);
  });
  it('ranks with shared ranks for equal scores', () => {
    const full = counts([
      [1, 1],
      [1, 1],
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
    const mid = counts([
      [3, 4],
      [5, 6],
      [4, 5],
      [0, 0],
      [1, 2],
    ]);
    const low = counts([
      [0, 2],
      [1, 2],
      [0, 1],
      [0, 1],
      [0, 0],
    ]);
    // low: (0×30 + 0.5×20 + 0×15 + 0×15) × 100/80 = 12.5
    const r = rankUnits(
      [
        { unitId: 4, unitName: '区丁局', items: low },
        { unitId: 2, unitName: '区乙局', items: mid },
        { unitId: 1, unitName: '区甲局', items: mid },
        { unitId: 3, unitName: '区丙局', items: full },
      ],
      DEFAULT_WEIGHTS,
    );
    expect(r.map((u) => [u.unitName, u.score, u.rank])).toEqual([
      ['区丙局', 100, 1],
      ['区甲局', 71.96, 2],
      ['区乙局', 71.96, 2],
      ['区丁局', 12.5, 4],
    ]);
  });
  it('ranks real units only: collective entries (各街道, 各产业部门, 各区级部门) are scored apart, not ranked', () => {
    const full = counts([
      [1, 1],
      [1, 1],
      [1, 1],
      [0, 0],
      [0, 0],
    ]);
    const half = counts([
      [1, 2],
      [1, 2],
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    const none = counts([
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    const a = assessUnits(
      [
        { unitId: 1, unitName: '各街道', kind: 'collective', items: full },
        { unitId: 2, unitName: '区市场监管局', kind: 'department', items: half },
        { unitId: 3, unitName: '各区级部门', kind: 'unknown', items: full },
        { unitId: 4, unitName: '市区供电分公司', kind: 'enterprise', items: full },
        { unitId: 5, unitName: '各产业部门', kind: 'collective', items: none },
        { unitId: 6, unitName: '区财政局', kind: 'department', items: none },
      ],
      DEFAULT_WEIGHTS,
    );
    expect(a.units.map((u) => [u.unitName, u.score, u.rank])).toEqual([
      ['市区供电分公司', 100, 1],
      ['区市场监管局', 50, 2],
    ]);
    // Scored like a unit (full marks), but listed apart without a rank.
    expect(a.collective.map((u) => [u.unitName, u.score, 'rank' in u])).toEqual([
      ['各街道', 100, false],
      ['各区级部门', 100, false],
    ]);
    expect(a.unassessed).toEqual(['各产业部门', '区财政局']);
    expect(isCollectiveUnit({ name: '各管委会', kind: 'collective' })).toBe(true);
    expect(isCollectiveUnit({ name: '各区级部门', kind: 'unknown' })).toBe(true);
    // A directory unit is what the directory says, whatever its name.
    expect(isCollectiveUnit({ name: '各类市场主体服务中心', kind: 'institution' })).toBe(false);
    expect(isCollectiveUnit({ name: '区税务局', kind: 'vertical' })).toBe(false);
  });
  it('checks weights and targets', () => {
    expect(weightsProblem(DEFAULT_WEIGHTS)).toBeNull();
    expect(weightsProblem({ ...DEFAULT_WEIGHTS, quality: 20 })).toBe('各项权重之和应为 100，现为 105');
    expect(weightsProblem({ ...DEFAULT_WEIGHTS, quality: -1 })).toMatch('0–100');
    expect(targetMet('<=', 9, 9)).toBe(true);
    expect(targetMet('>=', 90, 89.5)).toBe(false);
  });
});

describe('working days left (to-do lists)', () => {
  it('counts from today (not counted) to the effective due day, negative when overdue', () => {
    // 2021-10-31 is a Sunday: due on Monday 11-01 (民法典 第二百零三条).
    expect(workingDaysLeft(cal, '2021-10-29', '2021-10-31')).toBe(1);
    expect(workingDaysLeft(cal, '2021-11-01', '2021-10-31')).toBe(0);
    expect(workingDaysLeft(cal, '2021-11-03', '2021-10-31')).toBe(-2);
    // A deadline in the National Day break moves to 10-08; the break's seven days are not counted.
    expect(workingDaysLeft(cal, '2021-09-30', '2021-10-01')).toBe(1);
    expect(workingDaysLeft(cal, '2021-09-24', '2021-10-08')).toBe(6);
  });
});

describe('bulletin numbers (GB/T 9704-2012 7.2.4: 代字〔年份〕序号号)', () => {
  it("derives the organ's code from the plan's district", () => {
    expect(districtOf('重庆市渝中区人民政府办公室')).toBe('渝中');
    expect(districtOf('上海市浦东新区人民政府')).toBe('浦东');
    expect(districtOf('某市人民政府办公室', '渝中区2021年深化“放管服”改革优化营商环境实施方案')).toBe('渝中');
    expect(districtOf('重庆市人民政府办公厅', '2021年优化营商环境实施方案')).toBe('');
    expect(bulletinPrefix('重庆市渝中区人民政府办公室', '')).toBe('渝中营商通报');
    expect(bulletinPrefix('', '')).toBe('营商通报');
  });
  it('writes the year in full in 〔〕 and the sequence without leading zeros', () => {
    expect(bulletinNumber('渝中营商通报', 2021, 3)).toBe('渝中营商通报〔2021〕3号');
    expect(bulletinNumber('渝中营商通报', 2026, 12)).toBe('渝中营商通报〔2026〕12号');
    expect(() => bulletinNumber('渝中营商通报', 2021, 0)).toThrow();
  });
});
