import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { refreshCalendarTable } from '../calendar/index.js';
import { aggregate, BUILTIN_DEFINITIONS, generateDemoRecords, recordsSql, upsertRecords } from './index.js';
import type { AggregateRow, RecordColumn } from './core/index.js';

/**
 * `aggregate` groups by small integers (month of the period date, index of the reason) and keeps the year per group
 * (issue 18); `recordsSql` lists the same records one by one with the reason's text and a row filter on the period
 * date. Summed up in JS, the listed records must give exactly the aggregates — over records of three years (the one
 * before and the one after the monitored year too), open cases, and dates the calendar does not cover.
 */
describeStore('indicators: the aggregates equal the records they sum up', (ctx) => {
  it('every built-in indicator, two as-of dates', async () => {
    await refreshCalendarTable(ctx.db);
    await ctx.db
      .insertInto('unit')
      .values(['分组单位甲', '分组单位乙', '分组单位丙'].map((name) => ({ name, kind: 'department', aliases: [] })))
      .execute();
    const units = (await ctx.db.selectFrom('unit').select('id').orderBy('id').execute()).map((u) => u.id);
    const cal = (await sql<{ lo: number; hi: number }>`select min(year) as lo, max(year) as hi from calendar`.execute(ctx.db)).rows[0]!;
    const year = Number(cal.lo) + 1;
    for (const [i, y] of [year - 1, year, year + 1].entries()) {
      const data = generateDemoRecords({ count: 600, seed: 7 + i, year: y, units });
      let n = 0;
      for (const list of data.values())
        for (const rec of list) {
          rec.externalId = `${y}-${rec.externalId}`;
          n++;
          // Every 7th record still open, every 13th without a unit, every 29th started before the calendar covers.
          if (n % 7 === 0)
            for (const f of ['completed_on', 'contract_on', 'acceptance_on', 'paid_on', 'filing_done_on'] as RecordColumn[])
              if (f in rec.values) rec.values[f] = null;
          if (n % 13 === 0) rec.unitId = null;
          if (n % 29 === 0)
            for (const f of ['applied_on', 'award_on', 'performed_on', 'invoice_on'] as RecordColumn[]) if (rec.values[f]) rec.values[f] = '2010-03-01';
        }
      await upsertRecords(ctx.db, data, { actor: 'test', source: 'test', isDemo: true });
    }
    const key = (r: Pick<AggregateRow, 'month' | 'unitId' | 'reason'>) => JSON.stringify([r.month, r.unitId, r.reason]);
    let compared = 0;
    for (const asOf of [`${year}-12-31`, `${year}-06-15`])
      for (const def of BUILTIN_DEFINITIONS) {
        const o = { year, asOf, defaultUnitId: units[0]! };
        const got = new Map((await aggregate(ctx.db, def, o)).map((r) => [key(r), r]));
        const records = (
          await sql<{
            unit_id: number | null;
            reason: string | null;
            pdate: string | Date | null;
            ok: boolean;
            dur: number | null;
            num: number | null;
            den: number | null;
          }>`${recordsSql(def, o)}`.execute(ctx.db)
        ).rows;
        const want = new Map<string, AggregateRow>();
        for (const r of records) {
          const d = r.pdate === null ? null : typeof r.pdate === 'string' ? r.pdate : r.pdate.toISOString().slice(0, 10);
          const month = d === null ? null : d < `${year}-01-01` ? 'base' : d.slice(0, 7);
          const row = { month, unitId: r.unit_id, reason: r.reason, n: 0, ok: 0, durSum: 0, durMax: null as number | null, num: 0, den: 0 };
          if (!want.has(key(row))) want.set(key(row), row);
          const a = want.get(key(row))!;
          a.n++;
          if (r.ok) a.ok++;
          if (r.dur !== null) {
            a.durSum += Number(r.dur);
            a.durMax = Math.max(a.durMax ?? Number(r.dur), Number(r.dur));
          }
          a.num += Number(r.num ?? 0);
          a.den += Number(r.den ?? 0);
        }
        expect([...got.keys()].sort(), `${def.code} as of ${asOf}`).toEqual([...want.keys()].sort());
        for (const [k, w] of want) {
          const g = got.get(k)!;
          expect({ ...g, num: Math.round(g.num * 1e6), den: Math.round(g.den * 1e6) }, `${def.code} ${k}`).toEqual({
            ...w,
            num: Math.round(w.num * 1e6),
            den: Math.round(w.den * 1e6),
          });
        }
        compared += records.length;
      }
    // The records reached every kind of row: excluded ones, earlier years' counts, open cases.
    expect(compared).toBeGreaterThan(5000);
  });
});
