import { expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeStore } from '../../test/db.js';
import { InputRejectedError } from '../shared/errors.js';
import { listLoadedYears, loadCalendar, loadCalendarYear, refreshCalendarTable } from './store.js';
import type { YearData } from './core/types.js';

// A made-up 2027 arrangement for the test only (not an official notice).
const Y2027: YearData = {
  year: 2027,
  notice: { title: '测试用：2027年部分节假日安排', number: '测试〔2026〕1号' },
  holidays: [
    { name: '元旦', days: ['2027-01-01', '2027-01-02', '2027-01-03'] },
    { name: '春节', days: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12', '2027-02-13'] },
  ],
  adjustedWorkdays: ['2027-02-14'],
};

describeStore('calendar store', (ctx) => {
  it('refreshCalendarTable writes every bundled day with its working-day ordinal; SQL durations match', async () => {
    await refreshCalendarTable(ctx.db);
    const n = await sql<{ n: number }>`select count(*)::int as n from calendar`.execute(ctx.db);
    expect(n.rows[0].n).toBe(2557); // 2020-01-01 … 2026-12-31
    const r = await sql<{ d: number }>`select e.workday_ordinal - s.workday_ordinal as d from calendar s, calendar e
      where s.date = '2021-09-30' and e.date = '2021-10-13'`.execute(ctx.db);
    expect(r.rows[0].d).toBe(5);
    const day = await sql<{
      date: string;
      kind: string;
      holiday: string | null;
      workday: boolean;
    }>`select date, kind, holiday, workday from calendar where date = '2022-12-31'`.execute(ctx.db);
    expect(day.rows[0]).toEqual({ date: '2022-12-31', kind: 'holiday', holiday: '元旦', workday: false });
  });

  it('loadCalendarYear stores, extends the calendar, audits; a bad year is rejected with its problems', async () => {
    const r = await loadCalendarYear(ctx.db, { data: Y2027, actor: 'cli:test' });
    expect(r).toMatchObject({ year: 2027, replaced: false });
    expect(r.calendar.addWorkingDays('2026-12-30', 2)).toBe('2027-01-04');
    const cal = await loadCalendar(ctx.db);
    expect(cal.dayInfo('2027-02-14').kind).toBe('adjusted_workday');
    expect((await listLoadedYears(ctx.db)).map((y) => y.year)).toEqual([2027]);
    const rows = await sql<{ n: number }>`select count(*)::int as n from calendar where year = 2027`.execute(ctx.db);
    expect(rows.rows[0].n).toBe(365);
    const audit = await sql<{ action: string; entity_id: string }>`select action, entity_id from audit_log where entity = 'calendar_year'`.execute(ctx.db);
    expect(audit.rows).toEqual([{ action: 'calendar.year.load', entity_id: '2027' }]);
    expect((await loadCalendarYear(ctx.db, { data: Y2027, actor: 'cli:test' })).replaced).toBe(true);

    const bad = { ...Y2027, adjustedWorkdays: ['2027-02-15'] };
    await expect(loadCalendarYear(ctx.db, { data: bad, actor: 'cli:test', file: '2027.json' })).rejects.toThrow(InputRejectedError);
    await expect(loadCalendarYear(ctx.db, { data: bad, actor: 'cli:test' })).rejects.toThrow(/问题/);
  });
});
