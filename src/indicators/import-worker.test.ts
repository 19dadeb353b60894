import iconv from 'iconv-lite';
import { beforeAll, expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { InputRejectedError } from '../shared/index.js';
import { importRecordFile } from './index.js';

// Files checked in a worker thread (`inWorker`, forced here for small files; large files take that path by
// size): the same records, the same row-numbered problems and the same all-or-nothing as in the server's thread.
const csv = (rows: string[][]) => Buffer.from(rows.map((r) => r.join(',')).join('\n'), 'utf8');
const HEADER = ['申请编号', '责任单位', '报装类型', '申请日期', '接通日期'];

describeStore('indicators: case record files checked in a worker thread', (ctx) => {
  const up = (rows: string[][], unitIds?: number[], buffer: Buffer = csv(rows)) =>
    importRecordFile(ctx.db, { type: 'utility', fileName: 'w.csv', buffer, uploader: { actor: 'test', unitIds }, inWorker: true });
  const stored = async () =>
    (
      await ctx.db.selectFrom('case_record').select(['external_id', 'unit_id', 'completed_on']).where('type', '=', 'utility').orderBy('external_id').execute()
    ).map((r) => [r.external_id, r.unit_id, r.completed_on]);
  beforeAll(async () => {
    await ctx.db
      .insertInto('unit')
      .values([
        { name: '区城管局', kind: 'district_department' },
        { name: '区经济信息委', kind: 'district_department' },
      ])
      .execute();
  });
  const unitId = async (name: string) => (await ctx.db.selectFrom('unit').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const problemsOf = async (p: Promise<unknown>) => {
    const e = await p.then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(InputRejectedError);
    return (e as InputRejectedError).problems.map((x) => `${x.row} ${x.field} ${x.message}`);
  };

  it('writes checked records (new, then changed) and refuses a file with problems by row, writing nothing', async () => {
    const water = await unitId('区城管局');
    // GB18030, as Excel saves “CSV” on Chinese Windows: decoded in the worker too.
    const gbk = iconv.encode(
      [HEADER, ['W1', '区城管局', '用水', '2021-03-01', '2021-03-05'], ['W2', '', '用气', '2021-03-02', '']].map((r) => r.join(',')).join('\n'),
      'gb18030',
    );
    expect(await up([], undefined, gbk)).toMatchObject({ rows: 2, inserted: 2, updated: 0 });
    expect(
      await up([HEADER, ['W1', '区城管局', '用水', '2021-03-01', '2021-03-09'], ['W2', '', '用气', '2021-03-02', ''], ['W3', '', '用水', '2022-01-04', '']]),
    ).toMatchObject({ rows: 3, inserted: 1, updated: 1, unchanged: 1 });
    const before = await stored();
    expect(before).toEqual([
      ['W1', water, '2021-03-09'],
      ['W2', null, null],
      ['W3', null, null],
    ]);
    expect(
      await problemsOf(
        up([
          HEADER,
          ['W4', '', '用水', '2021-03-01', ''],
          ['W5', '', '用水', '2021-13-01', ''],
          ['W4', '', '用水', '2021-03-01', '2021-02-01'],
          ['W6', '区火星局', '用水', '2021-03-01', ''],
        ]),
      ),
    ).toEqual([
      expect.stringMatching(/^3 申请日期 /),
      '4 申请编号 “W4”与第2行重复',
      expect.stringMatching(/^4 接通日期 2021-02-01 早于申请日期/),
      '5 责任单位 单位名录中没有“区火星局”',
    ]);
    expect(await problemsOf(up([['编号'], ['1']]))).toEqual(expect.arrayContaining([expect.stringMatching(/^1 报装类型 /)]));
    expect(await stored()).toEqual(before);
  }, 120_000);

  it('unit staff may not overwrite another unit’s record: the rows are named from the worker', async () => {
    const water = await unitId('区城管局');
    await up([HEADER, ['U1', '区经济信息委', '用水', '2021-03-01', ''], ['U2', '区城管局', '用水', '2021-03-01', '']]);
    const before = await stored();
    expect(
      await problemsOf(
        up(
          [
            ['申请编号', '报装类型', '申请日期'],
            ['U2', '用水', '2021-03-02'],
            ['U1', '用水', '2021-03-02'],
          ],
          [water],
        ),
      ),
    ).toEqual(['3 申请编号 “U1”是其他单位（或未指定单位）的记录，不能覆盖']);
    expect(await stored()).toEqual(before);
  }, 120_000);
});
