import { describe, expect, it } from 'vitest';
import { year2023 } from '../data/year-2023.js';
import { year2025 } from '../data/year-2025.js';
import { year2026 } from '../data/year-2026.js';
import { holidaysFromNoticeTable, parseNoticeDate, yearDataFromForm, type HolidayRow } from './year-form.js';

const notice2026 = { title: '国务院办公厅关于2026年部分节假日安排的通知', number: '国办发明电〔2025〕7号', issued: '2025-11-04' };
/** 国办发明电〔2025〕7号 as the office types it: first and last day of each break, 调休上班日. */
const rows2026: HolidayRow[] = [
  { name: '元旦', firstDay: '2026-01-01', lastDay: '2026-01-03', workdays: ['2026-01-04'] },
  { name: '春节', firstDay: '2026-02-15', lastDay: '2026-02-23', workdays: ['2026-02-14', '2026-02-28'] },
  { name: '清明节', firstDay: '2026-04-04', lastDay: '2026-04-06', workdays: [] },
  { name: '劳动节', firstDay: '2026-05-01', lastDay: '2026-05-05', workdays: ['2026-05-09'] },
  { name: '端午节', firstDay: '2026-06-19', lastDay: '2026-06-21', workdays: [] },
  { name: '中秋节', firstDay: '2026-09-25', lastDay: '2026-09-27', workdays: ['2026-09-20'] },
  { name: '国庆节', firstDay: '2026-10-01', lastDay: '2026-10-07', workdays: ['2026-10-10'] },
];

describe('the year form', () => {
  it('gives the bundled 2026 data from the notice as typed', () => {
    const { data, problems } = yearDataFromForm({ year: 2026, notice: notice2026, holidays: rows2026 });
    expect(problems).toEqual([]);
    expect(data).toEqual(year2026);
  });

  it('records a combined break as the bundled data does: the inner day for its holiday (2025, 2023)', () => {
    const r25 = yearDataFromForm({
      year: 2025,
      notice: year2025.notice,
      holidays: [
        { name: '元旦', firstDay: '2025-01-01', lastDay: '2025-01-01', workdays: [] },
        { name: '春节', firstDay: '2025-01-28', lastDay: '2025-02-04', workdays: ['2025-01-26', '2025-02-08'] },
        { name: '清明节', firstDay: '2025-04-04', lastDay: '2025-04-06', workdays: [] },
        { name: '劳动节', firstDay: '2025-05-01', lastDay: '2025-05-05', workdays: ['2025-04-27'] },
        { name: '端午节', firstDay: '2025-05-31', lastDay: '2025-06-02', workdays: [] },
        { name: '国庆节', firstDay: '2025-10-01', lastDay: '2025-10-08', workdays: ['2025-09-28', '2025-10-11'] },
        { name: '中秋节', firstDay: '2025-10-06', lastDay: '2025-10-06', workdays: [] },
      ],
    });
    expect(r25.problems).toEqual([]);
    expect(r25.data!.holidays.find((h) => h.name === '中秋节')!.days).toEqual(['2025-10-06']);
    expect(r25.data!.holidays.find((h) => h.name === '国庆节')!.days).toEqual(year2025.holidays.find((h) => h.name === '国庆节')!.days);
    const r23 = yearDataFromForm({
      year: 2023,
      notice: year2023.notice,
      holidays: [
        { name: '元旦', firstDay: '2022-12-31', lastDay: '2023-01-02', workdays: [] },
        { name: '国庆节', firstDay: '2023-09-29', lastDay: '2023-10-06', workdays: ['2023-10-07', '2023-10-08'] },
        { name: '中秋节', firstDay: '2023-09-29', lastDay: '2023-09-29', workdays: [] },
      ],
    });
    expect(r23.problems).toEqual([]);
    expect(r23.data!.holidays.find((h) => h.name === '元旦')!.days).toEqual(['2022-12-31', '2023-01-01', '2023-01-02']);
  });

  it('names the row and the field of every problem, in Chinese', () => {
    const { data, problems } = yearDataFromForm({
      year: 2026,
      notice: { title: '', number: '国办发明电〔2025〕7号' },
      holidays: [
        { name: '元旦', firstDay: '2026-01-01', lastDay: '2026-01-03', workdays: ['2026-01-05'] },
        { name: '圣诞节', firstDay: '2026-12-25', lastDay: '2026-12-25', workdays: [] },
        { name: '春节', firstDay: '2026-02-23', lastDay: '2026-02-15', workdays: [] },
        { name: '劳动节', firstDay: '2026-05-01', lastDay: '', workdays: ['5月9日'] },
      ],
    });
    expect(data).toBeNull();
    expect(problems).toEqual([
      { field: '通知标题', message: expect.stringContaining('请填写通知标题') },
      { row: 2, field: '节日', message: expect.stringContaining('“圣诞节”不是法定节日') },
      { row: 3, field: '放假末日', message: '放假末日 2026-02-15 早于放假首日 2026-02-23' },
      { row: 4, field: '放假末日', message: '请填写放假末日' },
      { row: 4, field: '调休上班日', message: '“5月9日”不是日期' },
    ]);
    // The calendar's own checks land on the row whose dates they name.
    const weekday = yearDataFromForm({ year: 2026, notice: notice2026, holidays: [{ ...rows2026[0]!, workdays: ['2026-01-05'] }] });
    expect(weekday.problems).toEqual([{ row: 1, field: '调休上班日', message: '2026-01-05 不是星期六或星期日，不能作为调休上班日' }]);
    const crossed = yearDataFromForm({
      year: 2026,
      notice: notice2026,
      holidays: [rows2026[6]!, { name: '中秋节', firstDay: '2026-09-28', lastDay: '2026-10-02', workdays: [] }],
    });
    expect(crossed.problems).toEqual([{ row: 2, field: '放假首日', message: expect.stringContaining('与第1项（国庆节）的放假时间交叉') }]);
  });
});

describe("the notice's table", () => {
  it('reads dates as notices write them', () => {
    expect(parseNoticeDate('1月1日（周四）', 2026)).toBe('2026-01-01');
    expect(parseNoticeDate('3日（周六）', 2026, { monthHint: 1 })).toBe('2026-01-03');
    expect(parseNoticeDate('2026/2/15', 2026)).toBe('2026-02-15');
    expect(parseNoticeDate('12月31日', 2023, { decemberIsPrevious: true })).toBe('2022-12-31');
    expect(parseNoticeDate('2月30日', 2026)).toBeNull();
    expect(parseNoticeDate('五月一日', 2026)).toBeNull();
  });

  it('turns the table of 国办发明电〔2025〕7号 into the form rows, and names the row and column of a bad cell', () => {
    const table = [
      ['节日', '放假时间', '调休上班日期', '放假天数'],
      ['元旦', '1月1日（周四）至3日（周六）', '1月4日（周日）', '3天'],
      ['春节', '2月15日（周日）至23日（周一）', '2月14日（周六）、2月28日（周六）', '9天'],
      ['清明节', '4月4日至6日', '无', '3天'],
      ['劳动节', '5月1日至5日', '5月9日（周六）', '5天'],
      ['端午节', '6月19日至21日', '', '3天'],
      ['中秋节', '9月25日至27日', '9月20日（周日）', '3天'],
      ['国庆节', '10月1日至7日', '10月10日（周六）', '7天'],
    ].map((cells, i) => ({ row: i + 1, cells }));
    const r = holidaysFromNoticeTable(table, 2026);
    expect(r.problems).toEqual([]);
    expect(r.holidays).toEqual(rows2026);
    expect(yearDataFromForm({ year: 2026, notice: notice2026, holidays: r.holidays }).data).toEqual(year2026);

    const combined = holidaysFromNoticeTable(
      [
        { row: 1, cells: ['节日', '放假时间', '调休上班日期'] },
        { row: 2, cells: ['中秋节、国庆节', '9月29日至10月6日', '10月7日、10月8日'] },
        { row: 3, cells: ['劳动节', '5月1日至5月32日', '4月23日'] },
      ],
      2023,
    );
    expect(combined.holidays[0]).toEqual({ name: '国庆节', firstDay: '2023-09-29', lastDay: '2023-10-06', workdays: ['2023-10-07', '2023-10-08'] });
    expect(combined.holidays[1]).toEqual({ name: '中秋节', firstDay: '', lastDay: '', workdays: [] });
    expect(combined.notes[0]).toContain('请填写中秋节当天');
    expect(combined.problems).toEqual([{ row: 3, field: '放假时间', message: '“5月32日”不是日期' }]);
    expect(holidaysFromNoticeTable([{ row: 1, cells: ['名字', '日期'] }], 2026).problems[0]!.message).toContain('找不到表头');
  });
});
