import { expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeStore } from './db.js';

describeStore('database layer', (ctx) => {
  it('has run every migration and reports counts as numbers on both backends', async () => {
    const tables = await sql<{ n: number }>`select count(*) as n from information_schema.tables where table_name = 'measure'`.execute(ctx.db);
    expect(tables.rows[0].n).toBe(1);
    await ctx.db.insertInto('unit').values({ name: '测试单位', kind: 'department' }).execute();
    const r = await ctx.db
      .selectFrom('unit')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(r.n).toBe(1);
  });

  it('rolls a failed transaction back whole', async () => {
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await trx.insertInto('unit').values({ name: '回滚单位', kind: 'department' }).execute();
        await trx.insertInto('unit').values({ name: '回滚单位', kind: 'department' }).execute();
      }),
    ).rejects.toThrow(/duplicate key/);
    const left = await ctx.db.selectFrom('unit').where('name', '=', '回滚单位').selectAll().execute();
    expect(left).toHaveLength(0);
  });

  it('keeps date columns as ISO strings', async () => {
    const r = await sql<{ d: string }>`select date '2021-10-09' as d`.execute(ctx.db);
    expect(r.rows[0].d).toBe('2021-10-09');
  });
});

describeStore('COPY transactions', (ctx) => {
  it('COPies text with escapes inside the transaction, and a failure rolls everything back', async () => {
    const { copyText, copyTransaction } = await import('../src/db/index.js');
    const name = '名称\t含制表符\n换行\\反斜杠';
    const n = await copyTransaction(ctx.db, async ({ trx, copyIn }) => {
      await sql`create temp table copy_t (a text, b int, c date, d boolean) on commit drop`.execute(trx);
      const rows = await copyIn(
        'copy_t',
        ['a', 'b', 'c', 'd'],
        [`${copyText(name)}\t${copyText(7)}\t2021-10-09\t${copyText(true)}\n`, `${copyText(null)}\t\\N\t\\N\t${copyText(false)}\n`],
      );
      const back = await sql<{ a: string | null; b: number | null; c: string | null; d: boolean }>`select * from copy_t order by b nulls last`.execute(trx);
      expect(back.rows).toEqual([
        { a: name, b: 7, c: '2021-10-09', d: true },
        { a: null, b: null, c: null, d: false },
      ]);
      return rows;
    });
    expect(n).toBe(2);
    await expect(
      copyTransaction(ctx.db, async ({ trx, copyIn }) => {
        await trx.insertInto('unit').values({ name: 'COPY 回滚单位', kind: 'department' }).execute();
        await sql`create temp table copy_u (b int) on commit drop`.execute(trx);
        await copyIn('copy_u', ['b'], ['1\n', 'not a number\n']);
      }),
    ).rejects.toThrow(/invalid input syntax/);
    expect(await ctx.db.selectFrom('unit').where('name', '=', 'COPY 回滚单位').selectAll().execute()).toHaveLength(0);
    // The connection is usable afterwards.
    expect((await sql<{ x: number }>`select 1 as x`.execute(ctx.db)).rows[0]!.x).toBe(1);
  });
});
