import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../test/app.js';
import { describeStore } from '../../test/db.js';
import { officialCalendar } from '../calendar/index.js';
import { createTopic } from './catalogue-store.js';
import { dispatchRequest } from './dispatch-store.js';
import { actOnRequest, getRequest, intakeRequest } from './request-store.js';
import { sendRequestReminders } from './reminders.js';
import { askHold, decideHold } from './time-store.js';
import { SAMPLE, seedRequests, type RequestFixture } from './testing.js';

/**
 * A request routed in late December while next year's 节假日安排 is not loaded (the bundled calendar stops at 2026):
 * its deadlines are counted Monday–Friday in 2027 (src/calendar `provisionalWorkingDays`) instead of a 422.
 */
describeStore('request deadlines into a year whose holidays are not loaded', (ctx) => {
  let f: RequestFixture;
  beforeAll(async () => {
    f = await seedRequests(await createTestApp(ctx), ctx);
  });

  it('routes on 2026-12-24 with 10 working days to answer, then extends by 3, counting 2027 Monday–Friday', async () => {
    expect(officialCalendar.hasYear(2027)).toBe(false);
    const today = '2026-12-24'; // a Thursday
    const topic = await createTopic(ctx.db, 'rq-office', {
      name: '年末投诉',
      answerDays: 10,
      keywords: [{ word: '年末', weight: 5 }],
      units: [{ unitId: f.water, keywords: [] }],
      active: true,
    });
    const { id } = await intakeRequest(ctx.db, f.users.office, { ...SAMPLE, category: '求决', channel: '电话', enterpriseId: f.firmA, today });
    await dispatchRequest(ctx.db, f.users.office, id, { topicId: topic.id, unitId: f.water, today });
    // 12-25, 12-28..12-31 are working days 1–5; 2027-01-01 (Friday) is counted as working day 6 only provisionally
    // (元旦 will surely be a holiday once the 2027 arrangement is loaded), then 01-04..01-07 are days 7–10.
    expect(await getRequest(ctx.db, f.users.office, id)).toMatchObject({ signDue: '2026-12-25', answerDue: '2027-01-07' });
    await actOnRequest(ctx.db, f.users.unit, id, { action: 'sign', today });
    await askHold(ctx.db, f.users.unit, id, { kind: '延期', reason: '需要现场勘查', days: 3, today });
    await decideHold(ctx.db, f.users.office, id, { approve: true, today });
    // Three more weekdays after Thursday 2027-01-07: 01-08, 01-11, 01-12.
    expect((await getRequest(ctx.db, f.users.office, id)).answerDue).toBe('2027-01-12');
    // The reminder run on the eve (a day of the unloaded year) works too.
    expect(await sendRequestReminders(ctx.db, '2027-01-11')).toMatchObject({ sign: 0, answer: 1 });
  });
});
