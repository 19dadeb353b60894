import { expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { loadCalendarYear } from '../calendar/index.js';
import { InputRejectedError } from '../shared/index.js';
import { createMonthlyCycles } from './report-store.js';
import { seedLedgerPlan } from './testing.js';

// A made-up 2027 arrangement (the real notice comes out in late 2026): 元旦 2027-01-01..03.
const year2027 = {
  year: 2027,
  notice: { title: '国务院办公厅关于2027年部分节假日安排的通知（测试数据）', number: '测试〔2026〕1号' },
  holidays: [{ name: '元旦', days: ['2027-01-01', '2027-01-02', '2027-01-03'] }],
  adjustedWorkdays: [],
};

describeStore('ledger on a year the office loaded', (ctx) => {
  it('refuses due days in a year without data, then uses the loaded year', async () => {
    const { planId } = await seedLedgerPlan(ctx.db);
    // December 2026 reports fall due in January 2027: no arrangement yet → refused, nothing guessed.
    await expect(createMonthlyCycles(ctx.db, 'test', planId, { from: '2026-12', to: '2026-12', dueWorkingDay: 5 })).rejects.toBeInstanceOf(InputRejectedError);
    await loadCalendarYear(ctx.db, { data: year2027, actor: 'test' });
    await createMonthlyCycles(ctx.db, 'test', planId, { from: '2026-12', to: '2026-12', dueWorkingDay: 5 });
    const cycle = await ctx.db.selectFrom('ledger_cycle').select('due_on').where('plan_id', '=', planId).executeTakeFirstOrThrow();
    // Working days of January 2027 after 元旦 (Fri 1st–Sun 3rd off): 4, 5, 6, 7, 8 → the 5th is Fri 2027-01-08.
    expect(cycle.due_on).toBe('2027-01-08');
  });
});
