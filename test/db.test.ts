import { expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeStore } from './db.js';

describeStore('database layer', (ctx) => {
  it('has run every migration and reports counts as numbers on both backends', async () => {
    const tables = await sql<{ n: number }>`select count(*) as n from information_schema.tables where table_name = 'measure'`.execute(ctx.db);
    expect(tables.rows[0].n).toBe(1);
    await ctx.db.insertInto('unit').values({ name: '测试单位', kind: 'department' }).execute();
    const r = await ctx.db.selectFrom('unit').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(r.n).toBe(1);
  });

  it('rolls a failed transaction back whole', async () => {
    await expect(ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('unit').values({ name: '回滚单位', kind: 'department' }).execute();
      await trx.insertInto('unit').values({ name: '回滚单位', kind: 'department' }).execute();
    })).rejects.toThrow(/duplicate key/);
    const left = await ctx.db.selectFrom('unit').where('name', '=', '回滚单位').selectAll().execute();
    expect(left).toHaveLength(0);
  });

  it('keeps date columns as ISO strings', async () => {
    const r = await sql<{ d: string }>`select date '2021-10-09' as d`.execute(ctx.db);
    expect(r.rows[0].d).toBe('2021-10-09');
  });
});
