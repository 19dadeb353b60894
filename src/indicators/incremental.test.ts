import { expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { officialCalendar, refreshCalendarTable } from '../calendar/index.js';
import { importRecordFile, indicatorAsOf, monitoringYear, recompute } from './index.js';

/**
 * An import of new records recomputes incrementally (stored monthly aggregates + the new records' own), and the
 * results equal those of a full recompute of the type.
 */
const HEADER = ['申请编号', '责任单位', '报装类型', '申请日期', '接通日期', '开挖占绿备案申请日期', '开挖占绿备案办结日期'];
const CATS = ['用水', '低压用电', '10千伏用电', '用气'];
const UNITS = ['增量单位甲', '增量单位乙', '增量单位丙'];

describeStore('indicators: incremental recompute after an import of new records', (ctx) => {
  it('adds only the new records and ends with the results of a full recompute', async () => {
    await refreshCalendarTable(ctx.db);
    await ctx.db
      .insertInto('unit')
      .values(UNITS.map((name) => ({ name, kind: 'department', aliases: [] })))
      .execute();
    const year = await monitoringYear(ctx.db);
    const asOf = await indicatorAsOf(ctx.db, year);
    const days = officialCalendar
      .rows()
      .filter((r) => r.year === year && r.date <= asOf)
      .map((r) => r.date);
    let seed = 11;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    // Closed and open cases, with and without a unit (blank: the measure's lead unit), some with a green-space filing.
    const file = (prefix: string, n: number, units: string[]) => {
      const lines = [HEADER.join(',')];
      for (let i = 0; i < n; i++) {
        const a = Math.floor(rnd() * (days.length - 1));
        const e = Math.min(days.length - 1, a + 1 + Math.floor(rnd() * 25));
        const open = rnd() < 0.1;
        const green = rnd() < 0.3;
        lines.push(
          [
            `${prefix}${i}`,
            rnd() < 0.2 ? '' : units[Math.floor(rnd() * units.length)]!,
            CATS[i % 4]!,
            days[a]!,
            open ? '' : days[e]!,
            green ? days[a]! : '',
            green && !open ? days[Math.min(e, a + Math.floor(rnd() * 6))]! : '',
          ].join(','),
        );
      }
      return Buffer.from(lines.join('\n'), 'utf8');
    };
    const up = (name: string, buffer: Buffer) => importRecordFile(ctx.db, { type: 'utility', fileName: name, buffer, uploader: { actor: 'test' } });
    // First import: no stored aggregates yet, so a full recompute (which stores them).
    await up('a.csv', file('A', 3000, UNITS.slice(0, 2)));
    const stateOf = async () =>
      ctx.db.selectFrom('indicator_aggregate').select(['code', 'snapshot', 'rows']).where('year', '=', year).orderBy('code').execute();
    const before = await stateOf();
    expect(before.length).toBeGreaterThan(0);
    const results = async () =>
      (
        await ctx.db
          .selectFrom('indicator_result')
          .select([
            'code',
            'version',
            'period_kind',
            'period',
            'unit_id',
            'scope',
            'counted',
            'compliant',
            'excluded',
            'excluded_reasons',
            'value',
            'average',
            'worst',
            'numerator',
            'denominator',
            'status',
            'as_of',
          ])
          .where('year', '=', year)
          .execute()
      )
        .map((r) => JSON.stringify(r))
        .sort();
    const fullBefore = await results();
    // 1,000 new records, some in a unit the first file did not have.
    const r = await up('b.csv', file('B', 1000, UNITS));
    expect(r).toMatchObject({ inserted: 1000, updated: 0 });
    const after = await stateOf();
    // The incremental path kept each state's snapshot (a full recompute takes a new one) and changed its rows.
    expect(after.map((s) => s.snapshot)).toEqual(before.map((s) => s.snapshot));
    expect(after.map((s) => JSON.stringify(s.rows))).not.toEqual(before.map((s) => JSON.stringify(s.rows)));
    const incremental = await results();
    expect(incremental).not.toEqual(fullBefore);
    // A full recompute of the type gives the same results.
    await recompute(ctx.db, { types: ['utility'] });
    expect((await stateOf()).map((s) => s.snapshot)).not.toEqual(before.map((s) => s.snapshot));
    expect(await results()).toEqual(incremental);
  });
});
