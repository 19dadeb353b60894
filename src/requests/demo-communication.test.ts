import { expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { loadSessionUser } from '../auth/index.js';
import { loadCalendar } from '../calendar/index.js';
import { completeCreditCode, createEnterprise } from '../enterprises/index.js';
import { periodRange, quarterOf } from './core/index.js';
import { communicationDemoUnitsKnown, seedCommunicationDemo } from './demo-communication.js';
import { seedRequestDemo } from './demo.js';
import { getMeeting, listMeetings } from './meeting-store.js';
import { listReporters } from './reporter-store.js';
import { visitCoverage } from './visit-store.js';

const office = { id: 0, account: 'test', name: 'test', role: 'office' as const, unitIds: [], enterpriseId: null, mustChangePassword: false };

// `bizenv demo` fills every page of 政企沟通 and 回访: registered 监督员 and 专家 with their reports, 座谈会 with their
// issues, key firms, plans and visits of the demo year, on working days, labelled and reproducible.
describeStore('demo 政企沟通 and 回访', (ctx) => {
  const digest = async () =>
    JSON.stringify([
      await ctx.db.selectFrom('request_meeting').select(['title', 'held_on', 'host_unit_id', 'minutes']).orderBy('held_on').execute(),
      await ctx.db.selectFrom('request_key_firm').select(['enterprise_id', 'unit_id', 'since']).orderBy('enterprise_id').execute(),
      await ctx.db
        .selectFrom('request_visit_plan')
        .select(['period', 'enterprise_id', 'planned_on', 'visitors'])
        .orderBy('period')
        .orderBy('enterprise_id')
        .execute(),
      await ctx.db
        .selectFrom('request_visit')
        .select(['enterprise_id', 'visited_on', 'method', 'findings'])
        .orderBy('visited_on')
        .orderBy('enterprise_id')
        .execute(),
    ]);

  it('registers reporters, holds meetings, flags key firms, plans and visits them in the demo year', async () => {
    for (let i = 0; i < 16; i++)
      await createEnterprise(
        ctx.db,
        {
          creditCode: completeCreditCode(`91500103MA5UR3${String(i).padStart(2, '0')}A`),
          name: `（演示）重庆回访${i}有限公司`,
          industryCode: '6510',
          employees: 20,
          revenue: 800,
        },
        'test',
      );
    await seedRequestDemo(ctx.db, { year: 2021, asOf: '2021-12-31', seed: 3, actor: 'test', perWorkingDay: 4 });
    const p = { year: 2021, asOf: '2021-12-31', seed: 3, actor: 'test', password: 'Jiefangbei-2026' };
    const c = await seedCommunicationDemo(ctx.db, p);
    expect(c).toMatchObject({ skipped: false, reporters: 9, meetings: 8, keyFirms: 12 });
    expect(communicationDemoUnitsKnown()).toBe(true);
    const calendar = await loadCalendar(ctx.db);

    // 监督员 and 专家: labelled, with their reports, able to log in with the demo password (no forced change).
    const reporters = await listReporters(ctx.db);
    expect(reporters.map((r) => r.kind).sort()).toEqual(['专家', '专家', '专家', '监督员', '监督员', '监督员', '监督员', '监督员', '监督员']);
    expect(reporters.every((r) => r.name.endsWith('（演示）') && r.reports > 0)).toBe(true);
    expect((await loadSessionUser(ctx.db, reporters[0]!.id)).mustChangePassword).toBe(false);
    const channels = await ctx.db.selectFrom('request_item').select(['channel', 'filed_by', 'enterprise_id', 'id']).execute();
    expect(new Set(channels.map((r) => r.channel))).toEqual(new Set(['网上', '电话', '来访', '座谈会', '监督员', '专家', '信函', '走访', '12345', '接口']));
    expect(channels.filter((r) => (r.channel === '监督员' || r.channel === '专家') && !r.filed_by.startsWith('demo-'))).toEqual([]);

    // 座谈会: working days of the year, every issue a 座谈会 request of a firm that attended.
    const meetings = await listMeetings(ctx.db, office);
    expect(meetings.every((m) => m.title.endsWith('（演示）') && m.heldOn.startsWith('2021-') && calendar.isWorkday(m.heldOn))).toBe(true);
    expect(meetings.reduce((s, m) => s + m.issues, 0)).toBeGreaterThanOrEqual(16);
    for (const m of meetings) {
      const full = await getMeeting(ctx.db, office, m.id);
      const attended = new Set(full.enterprises.map((e) => e.name));
      expect(full.issues.every((i) => i.enterpriseName === null || attended.has(i.enterpriseName))).toBe(true);
      const ids = full.issues.map((i) => i.id);
      expect(channels.filter((r) => ids.includes(r.id)).every((r) => r.channel === '座谈会')).toBe(true);
    }

    // Plans inside their quarter, visits on working days inside the quarter, coverage neither empty nor trivially full.
    const plans = await ctx.db.selectFrom('request_visit_plan').selectAll().execute();
    expect(plans.every((x) => x.planned_on !== null && calendar.isWorkday(x.planned_on) && quarterOf(x.planned_on) === x.period)).toBe(true);
    const visits = await ctx.db.selectFrom('request_visit').selectAll().execute();
    expect(visits.every((v) => calendar.isWorkday(v.visited_on) && v.visited_on <= p.asOf && v.contact_name.endsWith('（演示）'))).toBe(true);
    const covered = await Promise.all(['2021Q1', '2021Q2', '2021Q3', '2021Q4'].map((q) => visitCoverage(ctx.db, office, q)));
    for (const cov of covered) {
      expect(cov.total.keyFirms).toBeGreaterThan(0);
      expect(cov.total.rate).toBeGreaterThan(50);
      expect(periodRange(cov.period).end).toBe(cov.end);
    }
    expect(covered.some((cov) => cov.total.rate! < 100)).toBe(true);
    // Needs that became requests: channel 走访, the visited firm's.
    const needs = await ctx.db
      .selectFrom('request_visit_need as n')
      .innerJoin('request_visit as v', 'v.id', 'n.visit_id')
      .innerJoin('request_item as r', 'r.id', 'n.request_id')
      .select(['r.channel', 'r.enterprise_id', 'v.enterprise_id as firm'])
      .execute();
    expect(needs.length).toBeGreaterThan(0);
    expect(needs.every((n) => n.channel === '走访' && n.enterprise_id === n.firm)).toBe(true);

    // Again: left as is; without the meetings and visits (the people stay registered): the same again.
    expect(await seedCommunicationDemo(ctx.db, p)).toMatchObject({ skipped: true });
    const before = await digest();
    for (const t of [
      'request_meeting_issue',
      'request_meeting_unit',
      'request_meeting_enterprise',
      'request_meeting',
      'request_visit_need',
      'request_visit',
      'request_visit_plan',
      'request_key_firm',
    ] as const)
      await ctx.db.deleteFrom(t).execute();
    expect(await seedCommunicationDemo(ctx.db, p)).toMatchObject({ skipped: false, meetings: 8 });
    expect(await digest()).toBe(before);
  }, 120_000);
});
