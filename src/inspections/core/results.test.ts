import { describe, expect, it } from 'vitest';
import { officialCalendar, provisionalWorkingDays } from '../../calendar/index.js';
import { PUBLICATION_WORKING_DAYS, RESULT_CATEGORIES, publicationDue, publicationState, resultCategory } from './results.js';

describe('publication deadline (企业信息公示暂行条例 第六条: 20 个工作日)', () => {
  it('counts 20 working days after the day the result is produced, across the 国庆 break and its 调休 Saturday', () => {
    expect(PUBLICATION_WORKING_DAYS).toBe(20);
    // 2025-09-26 (Fri): 09-28 (Sun) is a 上班 day and counts, 10-01…10-08 do not, 10-11 (Sat) is a 上班 day.
    expect(publicationDue(officialCalendar, '2025-09-26')).toBe('2025-10-30');
    // A weekends-only count would give 2025-10-24.
    expect(publicationDue(officialCalendar, '2025-09-26')).not.toBe('2025-10-24');
    // Across the 2026 Spring Festival.
    expect(publicationDue(officialCalendar, '2026-01-30')).toBe('2026-03-05');
  });

  it('flags overdue ones: unpublished after the due day, or published late; the due day itself is on time', () => {
    const produced = { producedOn: '2025-09-26', publishedOn: null };
    expect(publicationState(officialCalendar, produced, '2025-10-01')).toEqual({ due: '2025-10-30', published: false, overdue: false, workingDaysLeft: 17 });
    expect(publicationState(officialCalendar, produced, '2025-10-30')).toMatchObject({ overdue: false, workingDaysLeft: 0 });
    expect(publicationState(officialCalendar, produced, '2025-10-31')).toMatchObject({ overdue: true, workingDaysLeft: -1 });
    expect(publicationState(officialCalendar, produced, '2025-11-03')).toMatchObject({ overdue: true, workingDaysLeft: -2 });
    expect(publicationState(officialCalendar, { ...produced, publishedOn: '2025-10-30' }, '2025-12-01')).toEqual({
      due: '2025-10-30',
      published: true,
      overdue: false,
      workingDaysLeft: null,
    });
    expect(publicationState(officialCalendar, { ...produced, publishedOn: '2025-10-31' }, '2025-12-01')).toMatchObject({ published: true, overdue: true });
  });
});

describe('result categories', () => {
  it('have unique codes and labels and include the categories the issue names', () => {
    expect(new Set(RESULT_CATEGORIES.map((c) => c.code)).size).toBe(RESULT_CATEGORIES.length);
    expect(new Set(RESULT_CATEGORIES.map((c) => c.label)).size).toBe(RESULT_CATEGORIES.length);
    const labels = RESULT_CATEGORIES.map((c) => c.label);
    for (const l of ['未发现问题', '发现问题已责令改正', '未按规定公示应当公示的信息', '未发现开展本次抽查涉及的经营活动', '查无下落'])
      expect(labels).toContain(l);
    expect(labels.some((l) => l.startsWith('不配合检查'))).toBe(true);
    expect(resultCategory('corrected')).toMatchObject({ outcome: 'problem', followUp: true });
    expect(resultCategory('no_problem')).toMatchObject({ outcome: 'normal', followUp: false });
    expect(resultCategory('nope')).toBeUndefined();
  });
});

describe('publication deadline into a year whose 节假日安排 is not loaded (provisional days from the calendar)', () => {
  it('gives a December result a due day and days left instead of an error', () => {
    const cal = provisionalWorkingDays(officialCalendar);
    expect(publicationState(cal, { producedOn: '2026-12-10', publishedOn: null }, '2026-12-11')).toEqual({
      due: '2027-01-07',
      published: false,
      overdue: false,
      workingDaysLeft: 19,
    });
  });
});
