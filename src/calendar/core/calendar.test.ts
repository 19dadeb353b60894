import { describe, it, expect } from 'vitest';
import { WorkingCalendar, monthEnd, yearEnd } from './working-calendar.js';
import { validateYearData } from './validate.js';
import { CalendarDataInvalidError, CalendarDataMissingError, InvalidDateError, InvalidPeriodError } from './errors.js';
import type { YearData } from './types.js';
import { OFFICIAL_YEARS } from '../data/index.js';

/*
 * The expected arrangement, written from the notices' own wording (国务院办公厅关于XXXX年部分节假日安排的
 * 通知), independently of src/calendar/data. Each break: [holiday, "M-D", "M-D" (last day)]; a break
 * shared by two festivals is split by the naming decision documented in the data modules (2020: all
 * 国庆节; 2023: 9-29 中秋节; 2025: 10-06 中秋节). "work" lists the notice's "X月X日（星期X）上班" days.
 */
type Break = [name: string, from: string, to: string];
const NOTICES: Record<number, { breaks: Break[]; work: string[] }> = {
  // 国办发明电〔2019〕16号 + 国办发明电〔2020〕1号 (春节 extended to 2月2日; 2月1日 上班 cancelled)
  2020: {
    breaks: [
      ['元旦', '1-1', '1-1'],
      ['春节', '1-24', '2-2'],
      ['清明节', '4-4', '4-6'],
      ['劳动节', '5-1', '5-5'],
      ['端午节', '6-25', '6-27'],
      ['国庆节', '10-1', '10-8'],
    ],
    work: ['1-19', '4-26', '5-9', '6-28', '9-27', '10-10'],
  },
  // 国办发明电〔2020〕27号
  2021: {
    breaks: [
      ['元旦', '1-1', '1-3'],
      ['春节', '2-11', '2-17'],
      ['清明节', '4-3', '4-5'],
      ['劳动节', '5-1', '5-5'],
      ['端午节', '6-12', '6-14'],
      ['中秋节', '9-19', '9-21'],
      ['国庆节', '10-1', '10-7'],
    ],
    work: ['2-7', '2-20', '4-25', '5-8', '9-18', '9-26', '10-9'],
  },
  // 国办发明电〔2021〕11号
  2022: {
    breaks: [
      ['元旦', '1-1', '1-3'],
      ['春节', '1-31', '2-6'],
      ['清明节', '4-3', '4-5'],
      ['劳动节', '4-30', '5-4'],
      ['端午节', '6-3', '6-5'],
      ['中秋节', '9-10', '9-12'],
      ['国庆节', '10-1', '10-7'],
      ['元旦', '12-31', '12-31'],
    ],
    work: ['1-29', '1-30', '4-2', '4-24', '5-7', '10-8', '10-9'],
  },
  // 国办发明电〔2022〕16号 (元旦 "2022年12月31日至2023年1月2日": 12-31 is listed under 2022 above)
  2023: {
    breaks: [
      ['元旦', '1-1', '1-2'],
      ['春节', '1-21', '1-27'],
      ['清明节', '4-5', '4-5'],
      ['劳动节', '4-29', '5-3'],
      ['端午节', '6-22', '6-24'],
      ['中秋节', '9-29', '9-29'],
      ['国庆节', '9-30', '10-6'],
    ],
    work: ['1-28', '1-29', '4-23', '5-6', '6-25', '10-7', '10-8'],
  },
  // 国办发明电〔2023〕7号 (元旦 and 端午节 "与周末连休": only the named day)
  2024: {
    breaks: [
      ['元旦', '1-1', '1-1'],
      ['春节', '2-10', '2-17'],
      ['清明节', '4-4', '4-6'],
      ['劳动节', '5-1', '5-5'],
      ['端午节', '6-10', '6-10'],
      ['中秋节', '9-15', '9-17'],
      ['国庆节', '10-1', '10-7'],
    ],
    work: ['2-4', '2-18', '4-7', '4-28', '5-11', '9-14', '9-29', '10-12'],
  },
  // 国办发明电〔2024〕12号
  2025: {
    breaks: [
      ['元旦', '1-1', '1-1'],
      ['春节', '1-28', '2-4'],
      ['清明节', '4-4', '4-6'],
      ['劳动节', '5-1', '5-5'],
      ['端午节', '5-31', '6-2'],
      ['国庆节', '10-1', '10-5'],
      ['中秋节', '10-6', '10-6'],
      ['国庆节', '10-7', '10-8'],
    ],
    work: ['1-26', '2-8', '4-27', '9-28', '10-11'],
  },
  // 国办发明电〔2025〕7号
  2026: {
    breaks: [
      ['元旦', '1-1', '1-3'],
      ['春节', '2-15', '2-23'],
      ['清明节', '4-4', '4-6'],
      ['劳动节', '5-1', '5-5'],
      ['端午节', '6-19', '6-21'],
      ['中秋节', '9-25', '9-27'],
      ['国庆节', '10-1', '10-7'],
    ],
    work: ['1-4', '2-14', '2-28', '5-9', '9-20', '10-10'],
  },
};

const iso = (y: number, md: string) => {
  const [m, d] = md.split('-').map(Number);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};
const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const weekday = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay();

function expectedYear(y: number): Map<string, { workday: boolean; kind: string; holiday: string | null }> {
  const off = new Map<string, string>();
  for (const [name, from, to] of NOTICES[y].breaks) {
    for (let d = iso(y, from); d <= iso(y, to); d = nextDay(d)) off.set(d, name);
  }
  const work = new Set(NOTICES[y].work.map((md) => iso(y, md)));
  const out = new Map<string, { workday: boolean; kind: string; holiday: string | null }>();
  for (let d = `${y}-01-01`; d <= `${y}-12-31`; d = nextDay(d)) {
    const we = weekday(d) === 0 || weekday(d) === 6;
    if (off.has(d)) out.set(d, { workday: false, kind: 'holiday', holiday: off.get(d)! });
    else if (work.has(d)) out.set(d, { workday: true, kind: 'adjusted_workday', holiday: null });
    else out.set(d, { workday: !we, kind: we ? 'weekend' : 'workday', holiday: null });
  }
  return out;
}

const cal = new WorkingCalendar(OFFICIAL_YEARS);

describe('every day of 2020–2026 against the notices', () => {
  for (let y = 2020; y <= 2026; y++) {
    it(`${y}`, () => {
      const expected = expectedYear(y);
      const actual = cal.yearDays(y);
      expect(actual.length).toBe(expected.size);
      for (const day of actual) expect(day, day.date).toEqual({ date: day.date, ...expected.get(day.date)! });
      // Each adjusted workday is a Saturday or Sunday, as the notices state.
      for (const md of NOTICES[y].work) expect([0, 6]).toContain(weekday(iso(y, md)));
    });
  }

  it('counts of days off and adjusted workdays per year', () => {
    const offDays = (y: number) => cal.yearDays(y).filter((d) => d.kind === 'holiday').length;
    // 2020: 1+10+3+5+3+8; 2022 includes 12-31 of the 2023 元旦 break.
    expect([2020, 2021, 2022, 2023, 2024, 2025, 2026].map(offDays)).toEqual([30, 31, 32, 26, 28, 28, 33]);
    expect(
      cal
        .yearDays(2020)
        .filter((d) => d.kind === 'adjusted_workday')
        .map((d) => d.date),
    ).not.toContain('2020-02-01');
  });
});

describe('dayInfo', () => {
  it('the issue example: 2021-10-09 is an adjusted workday', () => {
    expect(cal.dayInfo('2021-10-09')).toEqual({ date: '2021-10-09', workday: true, kind: 'adjusted_workday', holiday: null });
  });
  it('weekend days inside a break are holidays with the holiday name', () => {
    expect(cal.dayInfo('2021-10-02')).toEqual({ date: '2021-10-02', workday: false, kind: 'holiday', holiday: '国庆节' });
    expect(cal.dayInfo('2022-12-31')).toEqual({ date: '2022-12-31', workday: false, kind: 'holiday', holiday: '元旦' });
  });
  it('an ordinary weekend next to a one-day holiday stays a weekend (2024 元旦 "与周末连休")', () => {
    expect(cal.dayInfo('2023-12-31').kind).toBe('weekend');
    expect(cal.dayInfo('2024-01-01').holiday).toBe('元旦');
  });
  it('除夕 2024-02-09 is a working day', () => {
    expect(cal.dayInfo('2024-02-09')).toMatchObject({ workday: true, kind: 'workday' });
  });
  it('timestamps take the China date (UTC+8)', () => {
    expect(cal.dayInfo(new Date('2021-09-30T16:30:00Z')).date).toBe('2021-10-01');
    expect(cal.dayInfo('2021-09-30T23:59:59+08:00').date).toBe('2021-09-30');
    expect(cal.dayInfo('2021-09-30T16:00:00Z').date).toBe('2021-10-01');
    expect(cal.isWorkday('2021-10-09')).toBe(true);
  });
});

describe('addWorkingDays (民法典 第二百零一条, 行政许可法 第八十二条)', () => {
  it('the issue example: 2021-09-30 + 5 working days = 2021-10-13', () => {
    expect(cal.addWorkingDays('2021-09-30', 5)).toBe('2021-10-13');
  });
  it('worked examples of the reference notes', () => {
    expect(cal.addWorkingDays('2025-09-26', 20)).toBe('2025-10-30');
    expect(cal.addWorkingDays('2020-01-20', 5)).toBe('2020-02-04'); // extended 2020 Spring Festival
    expect(cal.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10'); // due on a 调休 Saturday
  });
  it('without the 2020 extension the answer would be 2020-02-01 (the cancelled Saturday)', () => {
    const original: YearData = {
      ...OFFICIAL_YEARS[0],
      amendments: undefined,
      holidays: OFFICIAL_YEARS[0].holidays.map((h) => (h.name === '春节' ? { ...h, days: h.days.filter((d) => d <= '2020-01-30') } : h)),
      adjustedWorkdays: [...OFFICIAL_YEARS[0].adjustedWorkdays, '2020-02-01'],
    };
    const c2020 = new WorkingCalendar([original]);
    expect(c2020.addWorkingDays('2020-01-20', 5)).toBe('2020-02-01');
  });
  it('the start day is not counted, even when it is a working day', () => {
    expect(cal.addWorkingDays('2021-09-27', 1)).toBe('2021-09-28');
  });
  it('start on a holiday: day 1 is the first working day after the break', () => {
    expect(cal.addWorkingDays('2021-10-03', 1)).toBe('2021-10-08');
    expect(cal.addWorkingDays('2020-01-24', 1)).toBe('2020-02-03');
    expect(cal.addWorkingDays('2021-10-03', 2)).toBe('2021-10-09');
  });
  it('start on a 调休 Saturday counts from the next day', () => {
    expect(cal.addWorkingDays('2021-10-09', 1)).toBe('2021-10-11');
  });
  it('across a year boundary', () => {
    expect(cal.addWorkingDays('2021-12-30', 2)).toBe('2022-01-04'); // 12-31 Fri, then 1-1..1-3 元旦
    expect(cal.addWorkingDays('2022-12-29', 2)).toBe('2023-01-03'); // 12-30, then 12-31..1-2 元旦
    expect(cal.addWorkingDays('2025-12-31', 1)).toBe('2026-01-04'); // 1-4 Sunday 上班
  });
  it('N = 0 is the date itself; negative N counts back', () => {
    expect(cal.addWorkingDays('2021-10-03', 0)).toBe('2021-10-03');
    expect(cal.addWorkingDays('2021-10-13', -5)).toBe('2021-09-30');
    expect(cal.addWorkingDays('2021-10-08', -1)).toBe('2021-09-30');
    expect(cal.addWorkingDays('2021-10-03', -1)).toBe('2021-09-30'); // from a holiday
  });
  it('beyond the data is CalendarDataMissingError naming the year', () => {
    expect(() => cal.addWorkingDays('2026-12-30', 5)).toThrow(CalendarDataMissingError);
    try {
      cal.addWorkingDays('2026-12-30', 5);
    } catch (e) {
      expect((e as CalendarDataMissingError).year).toBe(2027);
    }
    expect(() => cal.addWorkingDays('2020-01-02', -5)).toThrow(/2019/);
  });
  it('rejects a non-integer N', () => {
    expect(() => cal.addWorkingDays('2021-10-08', 1.5)).toThrow(InvalidPeriodError);
  });
});

describe('addCalendarDays (民法典 第二百零三条)', () => {
  it('15日 from 2024-09-20: raw 2024-10-05 in the 国庆 break → 2024-10-08', () => {
    expect(cal.addCalendarDays('2024-09-20', 15)).toEqual({
      date: '2024-10-08',
      rawDate: '2024-10-05',
      moved: true,
      cutoffTime: '24:00',
      cutoff: '2024-10-09T00:00:00+08:00',
    });
  });
  it('15日 from 2026-02-13 → 2026-02-28, a 调休 Saturday, not moved', () => {
    expect(cal.addCalendarDays('2026-02-13', 15)).toMatchObject({ date: '2026-02-28', moved: false });
  });
  it('15日 from 2020-09-16 → 2020-10-09 (the 2020 break ran to 10-08)', () => {
    expect(cal.addCalendarDays('2020-09-16', 15).date).toBe('2020-10-09');
  });
  it('an ordinary weekend end moves to Monday; holidays inside the period count', () => {
    expect(cal.addCalendarDays('2021-11-05', 15).date).toBe('2021-11-22'); // raw Sat 11-20
    expect(cal.addCalendarDays('2021-09-28', 10).date).toBe('2021-10-08'); // raw 10-08, inside counted
  });
  it('end inside the extended 2020 Spring Festival → 2020-02-03', () => {
    expect(cal.addCalendarDays('2020-01-20', 12).date).toBe('2020-02-03'); // raw 2020-02-01
  });
  it('business end time', () => {
    expect(cal.addCalendarDays('2024-09-20', 15, { businessEndTime: '17:30' })).toMatchObject({ cutoffTime: '17:30', cutoff: '2024-10-08T17:30:00+08:00' });
    expect(() => cal.addCalendarDays('2024-09-20', 15, { businessEndTime: '25:00' })).toThrow(InvalidPeriodError);
  });
  it('a roll-forward past the data is CalendarDataMissingError', () => {
    expect(() => cal.addCalendarDays('2026-12-20', 30)).toThrow(/2027/);
    expect(() => cal.addCalendarDays('2026-12-20', -1)).toThrow(InvalidPeriodError);
  });
  it('addPeriod by unit', () => {
    expect(cal.addPeriod('2021-09-30', 5, 'workday')).toBe('2021-10-13');
    expect(cal.addPeriod('2024-09-20', 15, 'day')).toBe('2024-10-08');
  });
});

describe('workingDaysBetween', () => {
  it('the issue example: 2021-09-30 → 2021-10-13 = 5', () => {
    expect(cal.workingDaysBetween('2021-09-30', '2021-10-13')).toBe(5);
  });
  it('same day is 0; start on a holiday, done the first working day after is 1', () => {
    expect(cal.workingDaysBetween('2021-10-08', '2021-10-08')).toBe(0);
    expect(cal.workingDaysBetween('2021-10-03', '2021-10-08')).toBe(1);
    expect(cal.workingDaysBetween('2021-10-01', '2021-10-07')).toBe(0);
  });
  it('is the inverse of addWorkingDays from working days', () => {
    for (const [d, n] of [
      ['2025-09-26', 20],
      ['2020-01-20', 5],
      ['2023-12-29', 40],
      ['2020-01-02', 1500],
    ] as const) {
      expect(cal.workingDaysBetween(d, cal.addWorkingDays(d, n))).toBe(n);
    }
  });
  it('timestamps count by their China date', () => {
    expect(cal.workingDaysBetween('2021-09-30T09:00:00+08:00', new Date('2021-10-13T01:00:00Z'))).toBe(5);
    // 2021-09-30 17:00 UTC is already 10-01 in China.
    expect(cal.workingDaysBetween(new Date('2021-09-30T17:00:00Z'), '2021-10-08')).toBe(1);
  });
  it('negative when b is before a; across years', () => {
    expect(cal.workingDaysBetween('2021-10-13', '2021-09-30')).toBe(-5);
    const perYear = [2020, 2021, 2022, 2023, 2024, 2025, 2026].map((y) => cal.yearDays(y).filter((d) => d.workday).length);
    expect(cal.workingDaysBetween('2020-12-31', '2026-12-31')).toBe(perYear.slice(1).reduce((a, b) => a + b, 0));
    // By hand: days − weekend days − weekday days off + 调休 days, e.g. 2026: 365 − 104 − 19 + 6 = 248.
    expect(perYear).toEqual([249, 250, 249, 249, 251, 248, 248]);
  });
});

describe('month and year', () => {
  it('nthWorkingDayOfMonth', () => {
    expect(cal.nthWorkingDayOfMonth(2021, 10, 1)).toBe('2021-10-08');
    expect(cal.nthWorkingDayOfMonth(2021, 10, 2)).toBe('2021-10-09');
    expect(cal.nthWorkingDayOfMonth(2021, 10, -1)).toBe('2021-10-29');
    expect(cal.nthWorkingDayOfMonth(2020, 2, 1)).toBe('2020-02-03');
    expect(cal.nthWorkingDayOfMonth(2026, 1, 1)).toBe('2026-01-04');
    expect(cal.nthWorkingDayOfMonth(2026, 2, -1)).toBe('2026-02-28');
    expect(cal.workingDaysInMonth(2021, 10)).toBe(17);
    expect(cal.nthWorkingDayOfMonth(2021, 10, 17)).toBe('2021-10-29');
    expect(() => cal.nthWorkingDayOfMonth(2021, 10, 18)).toThrow(InvalidPeriodError);
    expect(() => cal.nthWorkingDayOfMonth(2021, 10, 0)).toThrow(InvalidPeriodError);
    expect(() => cal.nthWorkingDayOfMonth(2027, 1, 1)).toThrow(CalendarDataMissingError);
  });
  it('monthEnd / yearEnd', () => {
    expect(monthEnd(2024, 2)).toBe('2024-02-29');
    expect(monthEnd(2023, 2)).toBe('2023-02-28');
    expect(cal.monthEnd(2021, 10)).toBe('2021-10-31');
    expect(yearEnd(2021)).toBe('2021-12-31');
    expect(() => monthEnd(2021, 13)).toThrow(InvalidDateError);
  });
});

describe('explainAdd', () => {
  it('working days: every skipped day with its reason', () => {
    const e = cal.explainAdd('2021-09-30', 5, 'workday');
    expect(e.due).toBe('2021-10-13');
    expect(e.steps.map((s) => s.date)[0]).toBe('2021-10-01');
    expect(e.steps.at(-1)).toMatchObject({ date: '2021-10-13', counted: true, count: 5 });
    expect(e.skipped.map((s) => s.date)).toEqual([
      '2021-10-01',
      '2021-10-02',
      '2021-10-03',
      '2021-10-04',
      '2021-10-05',
      '2021-10-06',
      '2021-10-07',
      '2021-10-10',
    ]);
    expect(e.skipped[0].reason).toContain('国庆节');
    expect(e.skipped.at(-1)!.reason).toContain('周末');
    expect(e.steps.find((s) => s.date === '2021-10-09')).toMatchObject({ counted: true, count: 2, kind: 'adjusted_workday' });
    expect(e.steps.find((s) => s.date === '2021-10-09')!.reason).toContain('调休上班日');
    expect(e.rules.join()).toContain('第二百零一条');
  });
  it('calendar days: the roll-forward days', () => {
    const e = cal.explainAdd('2024-09-20', 15, 'day');
    expect(e).toMatchObject({ due: '2024-10-08', rawDue: '2024-10-05' });
    expect(e.steps.length).toBe(18);
    expect(e.skipped.map((s) => s.date)).toEqual(['2024-10-06', '2024-10-07']);
    expect(e.summary).toContain('顺延');
    expect(cal.explainAdd('2026-02-13', 15, 'day').steps.at(-1)!.reason).toContain('不顺延');
  });
});

describe('errors', () => {
  it('a date outside the loaded years is CalendarDataMissingError naming the year', () => {
    for (const f of [
      () => cal.dayInfo('2019-12-31'),
      () => cal.dayInfo('2027-01-01'),
      () => cal.workingDaysBetween('2026-12-01', '2027-01-04'),
      () => cal.yearDays(2027),
    ]) {
      expect(f).toThrow(CalendarDataMissingError);
    }
    expect(() => cal.dayInfo('2027-01-01')).toThrow('缺少2027年的节假日安排数据');
    try {
      cal.dayInfo('2019-06-01');
    } catch (e) {
      expect(e).toMatchObject({ year: 2019, statusCode: 422, code: 'calendar_data_missing' });
    }
  });
  it('bad dates are InvalidDateError', () => {
    for (const bad of [
      '2021-02-29',
      '2021-00-10',
      '2021-01-00',
      '2021-0a-01',
      '２０２１-01-01',
      '2021/02/03',
      '2021-02-30',
      '2021-2-3',
      '2021-13-01',
      '20210203',
      '',
      'tomorrow',
      '2021-02-03T10:00:00',
      '2021-02-3 ',
    ]) {
      expect(() => cal.dayInfo(bad), bad).toThrow(InvalidDateError);
    }
    expect(() => cal.dayInfo(new Date('nope'))).toThrow(InvalidDateError);
    expect(() => cal.dayInfo(20210203 as unknown as string)).toThrow(InvalidDateError);
    expect(() => cal.dayInfo('2021-02-30')).toThrow('日期无效');
    expect(cal.dayInfo('2024-02-29').date).toBe('2024-02-29'); // leap day
    expect(() => cal.addWorkingDays('2021-02-29', 1)).toThrow(InvalidDateError);
    expect(() => cal.workingDaysBetween('2021-10-08', '2021-02-29')).toThrow(InvalidDateError);
  });
  it('a gap year inside the range is missing, and periods do not cross it', () => {
    const gap = new WorkingCalendar([OFFICIAL_YEARS[0], OFFICIAL_YEARS[2]]); // 2020 and 2022
    expect(gap.dayInfo('2022-10-09').kind).toBe('adjusted_workday');
    expect(() => gap.dayInfo('2021-06-01')).toThrow(/2021/);
    expect(() => gap.workingDaysBetween('2020-12-01', '2022-01-04')).toThrow(/2021/);
    expect(() => gap.addWorkingDays('2020-12-30', 5)).toThrow(/2021/);
    expect(gap.workingDaysBetween('2022-09-30', '2022-10-13')).toBe(6); // 10-08 and 10-09 上班
  });
});

describe('validateYearData', () => {
  it('accepts every bundled year', () => {
    for (const y of OFFICIAL_YEARS) expect(validateYearData(y), String(y.year)).toEqual([]);
  });
  const base = (): YearData => JSON.parse(JSON.stringify(OFFICIAL_YEARS[6])) as YearData;
  const codes = (d: unknown) => validateYearData(d).map((p) => p.code);
  it('dates outside the year', () => {
    const d = base();
    d.holidays[1].days.push('2027-02-24');
    expect(codes(d)).toContain('outside_year');
    const e = base();
    e.holidays[3].days.unshift('2025-12-31'); // only 元旦 may reach back into December
    expect(codes(e)).toContain('outside_year');
  });
  it('a day both off and working', () => {
    const d = base();
    d.adjustedWorkdays.push('2026-02-15');
    expect(codes(d)).toContain('both_off_and_working');
    expect(validateYearData(d).find((p) => p.code === 'both_off_and_working')!.message).toContain('2026-02-15');
  });
  it('every off day named', () => {
    const d = base() as unknown as { holidays: { name: string; days: string[] }[] };
    d.holidays[0].name = '新年';
    expect(codes(d)).toContain('unnamed_holiday');
    const e = base() as unknown as { holidays: { name?: string; days: string[] }[] };
    delete e.holidays[0].name;
    expect(codes(e)).toContain('unnamed_holiday');
  });
  it('adjusted workdays are Saturdays or Sundays', () => {
    const d = base();
    d.adjustedWorkdays.push('2026-03-02');
    expect(codes(d)).toEqual(['not_weekend']);
  });
  it('ordinary weekends are days off only inside a break', () => {
    const d = base();
    d.holidays.push({ name: '端午节', days: ['2026-07-04', '2026-07-05'] });
    expect(codes(d)).toEqual(expect.arrayContaining(['weekend_only_break', 'holiday_not_contiguous']));
  });
  it('shape problems and bad dates', () => {
    expect(codes(null)).toEqual(['not_an_object']);
    expect(codes({ year: '2027' })).toEqual(['year']);
    const d = base() as unknown as Record<string, unknown>;
    d.notice = { title: '通知' };
    (d.holidays as { days: string[] }[])[0].days[0] = '2026-1-1';
    expect(codes(d)).toEqual(expect.arrayContaining(['notice', 'invalid_date']));
    expect(codes({ ...base(), holidays: [] })).toContain('holidays');
  });
  it('a calendar built from invalid data is CalendarDataInvalidError; duplicate years too', () => {
    const d = base();
    d.adjustedWorkdays.push('2026-03-02');
    expect(() => new WorkingCalendar([d])).toThrow(CalendarDataInvalidError);
    expect(() => new WorkingCalendar([base(), base()])).toThrow(/重复/);
  });
});
