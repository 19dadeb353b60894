import { expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { InputRejectedError } from '../shared/index.js';
import { importRecordFile } from './index.js';

/** The import path itself: COPY straight into case_record for new ids, staging and merge when ids exist. */
const csv = (rows: string[][]) => Buffer.from(rows.map((r) => r.join(',')).join('\n'), 'utf8');
const HEADER = ['申请编号', '报装类型', '申请日期', '接通日期'];

describeStore('indicators: importing case records', (ctx) => {
  const up = (rows: string[][], name = 'u.csv') =>
    importRecordFile(ctx.db, { type: 'utility', fileName: name, buffer: csv(rows), uploader: { actor: 'test' } });
  const count = async () =>
    Number(
      (
        await ctx.db
          .selectFrom('case_record')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('type', '=', 'utility')
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('inserts new ids, updates changed ones and leaves identical ones alone in one file', async () => {
    expect(
      await up([HEADER, ['R1', '用水', '2021-03-01', '2021-03-05'], ['R2', '用水', '2021-03-01', '2021-03-05'], ['R3', '用气', '2021-03-02', '']]),
    ).toMatchObject({ rows: 3, inserted: 3, updated: 0, unchanged: 0 });
    const r = await up([
      HEADER,
      ['R1', '用水', '2021-03-01', '2021-03-05'],
      ['R2', '用水', '2021-03-01', '2021-03-08'],
      ['R4', '低压用电', '2021-04-01', '2021-04-02'],
    ]);
    expect(r).toMatchObject({ rows: 3, inserted: 1, updated: 1, unchanged: 1 });
    expect(await count()).toBe(4);
    const r2 = await ctx.db
      .selectFrom('case_record')
      .select(['completed_on', 'source'])
      .where('type', '=', 'utility')
      .where('external_id', '=', 'R2')
      .executeTakeFirstOrThrow();
    expect(r2).toEqual({ completed_on: '2021-03-08', source: 'u.csv' });
    // R3 is not in the second file and keeps its values; a file without a column keeps that column.
    await up([
      ['申请编号', '报装类型', '申请日期'],
      ['R2', '用水', '2021-03-01'],
    ]);
    expect(
      (await ctx.db.selectFrom('case_record').select('completed_on').where('type', '=', 'utility').where('external_id', '=', 'R2').executeTakeFirstOrThrow())
        .completed_on,
    ).toBe('2021-03-08');
  });

  it('a quoted CSV keeps commas, quotes, tabs and backslashes in text', async () => {
    const name = '某某公司,"渝中"\t分公司\\一';
    const text = `申请编号,用户名称,报装类型,申请日期\nQ1,"${name.replace(/"/g, '""')}",用水,2021-05-06\n`;
    await importRecordFile(ctx.db, { type: 'utility', fileName: 'q.csv', buffer: Buffer.from(text), uploader: { actor: 'test' } });
    expect(
      (await ctx.db.selectFrom('case_record').select('name').where('type', '=', 'utility').where('external_id', '=', 'Q1').executeTakeFirstOrThrow()).name,
    ).toBe(name);
  });

  it('a large file with one bad row at its end writes nothing, though earlier rows were already sent', async () => {
    const before = await count();
    const rows = [HEADER];
    for (let i = 0; i < 40_000; i++) rows.push([`BIG-${i}`, '用水', '2021-06-01', '2021-06-03']);
    rows.push(['BIG-X', '用水', '2021-06-03', '2021-06-01']);
    await expect(up(rows, 'big.csv')).rejects.toSatisfy(
      (e) => e instanceof InputRejectedError && e.problems.length === 1 && e.problems[0]!.row === 40_002 && e.problems[0]!.field === '接通日期',
    );
    expect(await count()).toBe(before);
    // the same with an id that exists (the staging path): still nothing written
    rows[1] = ['R1', '用水', '2021-03-01', '2021-03-06'];
    await expect(up(rows, 'big.csv')).rejects.toBeInstanceOf(InputRejectedError);
    expect(await count()).toBe(before);
    expect(
      (await ctx.db.selectFrom('case_record').select('completed_on').where('type', '=', 'utility').where('external_id', '=', 'R1').executeTakeFirstOrThrow())
        .completed_on,
    ).toBe('2021-03-05');
    rows.pop();
    expect(await up(rows, 'big.csv')).toMatchObject({ rows: 40_000, inserted: 39_999, updated: 1 });
  }, 120_000); // three 1.7 MB files, each checked in a worker thread (a worker start takes seconds on a loaded machine)

  it('row numbers count blank lines in the file', async () => {
    const text = `${HEADER.join(',')}\n\nB1,用水,2021-07-01,2021-07-02\n\nB2,用水,2021-07-05,2021-07-01\n`;
    await expect(importRecordFile(ctx.db, { type: 'utility', fileName: 'b.csv', buffer: Buffer.from(text), uploader: { actor: 'test' } })).rejects.toSatisfy(
      (e) => e instanceof InputRejectedError && e.problems[0]!.row === 5,
    );
  });
});
