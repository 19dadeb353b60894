import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../test/app.js';
import { describeStore } from '../../test/db.js';
import { officialCalendar } from '../calendar/index.js';
import { sendFinanceReminders } from './application-reminders.js';
import { actOnApplication, applyForProducts } from './application-store.js';
import { insertNeed, seedFinance, type FinanceFixture } from './application-testing.js';

/**
 * An application accepted in late December while next year's 节假日安排 is not loaded (the bundled calendar stops
 * at 2026): its decision deadline is counted Monday–Friday in 2027 (src/calendar `provisionalWorkingDays`).
 */
describeStore('finance deadlines into a year whose holidays are not loaded', (ctx) => {
  let f: FinanceFixture;
  beforeAll(async () => {
    f = await seedFinance(await createTestApp(ctx), ctx);
  });

  it('applies and accepts on 2026-12-24 with the default 3 and 10 working days, counting 2027 Monday–Friday', async () => {
    expect(officialCalendar.hasYear(2027)).toBe(false);
    const today = '2026-12-24'; // a Thursday
    const needId = await insertNeed(ctx.db, f.firmA, { postedOn: '2026-12-20' });
    const [a] = await applyForProducts(ctx.db, f.users.firmA, { needId, productIds: [f.product2], consent: { items: ['profile'], days: 90 } }, { today });
    expect(a!.acceptDue).toBe('2026-12-29');
    const accepted = await actOnApplication(ctx.db, f.users.bank2, a!.id, { action: 'accept' }, { today });
    // 12-25, 12-28..12-31 are working days 1–5; 2027-01-01 (Friday) is counted as working day 6 only provisionally
    // (元旦 will surely be a holiday once the 2027 arrangement is loaded), then 01-04..01-07 are days 7–10.
    expect(accepted.decideDue).toBe('2027-01-07');
    // The reminder run on the eve (a day of the unloaded year) works too.
    expect(await sendFinanceReminders(ctx.db, '2027-01-06')).toMatchObject({ accept: 0, decide: 1 });
  });
});
