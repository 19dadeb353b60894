import { expect, it } from 'vitest';
import { importRecords, recomputeStale } from '../../src/indicators/index.js';
import { tableRows } from '../../src/files/index.js';
import { loginAs, samplePlanApp } from '../app.js';
import { describeStore } from '../db.js';

describeStore('a stop between an import and its recompute', (ctx) => {
  it('leaves the results marked stale (in the import’s transaction); pages say so; the next start recomputes them', async () => {
    const { app } = await samplePlanApp(ctx);
    const office = await loginAs(app, ctx, { account: 'office-stale', role: 'office' });
    const rows = tableRows([
      ['申请编号', '报装类型', '申请日期', '接通日期'],
      ['W1', '用水', '2021-03-01', '2021-03-25'],
    ]);
    // recompute: false is the process stopping right after the commit.
    await importRecords(ctx.db, { type: 'utility', rows, file: 'w.csv', uploader: { actor: 'test' }, recompute: false });
    const stale = (await app.inject({ url: '/api/indicators/?year=2021', headers: office })).json();
    expect(stale.staleTypes).toEqual(['水电气报装']);
    expect(await recomputeStale(ctx.db)).toEqual([{ type: 'utility', year: 2021 }]);
    const fresh = (await app.inject({ url: '/api/indicators/?year=2021', headers: office })).json();
    expect(fresh.staleTypes).toEqual([]);
    expect(fresh.indicators.some((i: { current: { value: number | null } | null }) => i.current?.value !== null && i.current !== null)).toBe(true);
  });
});
