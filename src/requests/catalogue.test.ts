import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../test/app.js';
import { describeStore } from '../../test/db.js';
import { listAudit } from '../audit/index.js';
import { officialCalendar } from '../calendar/index.js';
import { importPlan, parsePlanFile } from '../plan/index.js';
import { createTopic, listCatalogue, seedCatalogue, updateTopic } from './catalogue-store.js';
import { dispatchRequest, requestRouting, suggestionTaken } from './dispatch-store.js';
import { actOnRequest, fileRequest, getRequest, rateRequest } from './request-store.js';
import { seedRequests, type RequestFixture } from './testing.js';

describeStore('requests catalogue (派单目录) and dispatch', (ctx) => {
  let app: FastifyInstance;
  let f: RequestFixture;
  const day = '2026-03-02'; // a Monday
  beforeAll(async () => {
    const plan = await parsePlanFile('test/fixtures/plans/yuzhong-2021.txt');
    await importPlan(ctx.db, { plan, sourceName: 'yuzhong-2021.txt', sourceKind: 'txt', actor: 'test' });
    app = await createTestApp(ctx);
    f = await seedRequests(app, ctx);
  });
  const byName = async (name: string) => (await listCatalogue(ctx.db)).find((t) => t.name === name)!;

  it("seeds the topics with the lead units of the plan's measures, once, audited", async () => {
    const r = await seedCatalogue(ctx.db, 'rq-office');
    expect(r.missing).toEqual([]);
    expect(r.added).toHaveLength(15);
    const unitsOf = async (name: string) => (await byName(name)).units.map((u) => u.unitName);
    expect(await unitsOf('水电气报装')).toEqual(['区城管局', '区经济信息委']);
    expect(await unitsOf('融资')).toEqual(['区金融办']);
    expect(await unitsOf('政府采购')).toEqual(['区财政局']);
    expect(await unitsOf('招标投标')).toEqual(['区发展改革委']);
    // Seeding again adds nothing and keeps the office's edits.
    expect((await seedCatalogue(ctx.db, 'rq-office')).added).toEqual([]);
    expect((await listAudit(ctx.db, { entity: 'request_topic' })).filter((a) => a.action === 'requests.topic.seed')).toHaveLength(2);
  });

  it('lets the office add and edit topics, refusing bad input with the field named, every change audited', async () => {
    const finance = await byName('融资');
    const t = await createTopic(ctx.db, 'rq-office', {
      name: '外资外贸',
      answerDays: null,
      keywords: [{ word: '外贸', weight: 6 }],
      units: [{ unitId: finance.units[0]!.unitId, keywords: [] }],
      active: true,
    });
    expect(t).toMatchObject({ name: '外资外贸', units: [{ unitName: '区金融办' }] });
    await expect(
      createTopic(ctx.db, 'rq-office', { name: '融资', answerDays: 99, keywords: [], units: [{ unitId: 999999, keywords: [] }], active: true }),
    ).rejects.toMatchObject({ details: expect.arrayContaining([expect.objectContaining({ field: 'name' }), expect.objectContaining({ field: 'units[0]' })]) });
    const edited = await updateTopic(ctx.db, 'rq-office', t.id, { ...t, keywords: [{ word: '出口', weight: 5 }], active: false });
    expect(edited).toMatchObject({ active: false, keywords: [{ word: '出口', weight: 5 }] });
    const audit = await listAudit(ctx.db, { entity: 'request_topic', entityId: String(t.id) });
    expect(audit.map((a) => a.action)).toEqual(['requests.topic.update', 'requests.topic.create']);
  });

  it('suggests on arrival, and records whether the office took the suggestion when it routes by topic', async () => {
    const { id } = await fileRequest(ctx.db, f.users.firmA, {
      category: '求决',
      subject: '首次贷款被银行拒绝',
      description: '我们没有抵押物，申请首贷被拒，希望帮忙对接银行。',
      contactName: '李四',
      contactPhone: '13900001111',
      today: day,
    });
    const routing = await requestRouting(ctx.db, id);
    expect(routing.atArrival[0]).toMatchObject({ topicName: '融资', unitName: '区金融办' });
    expect(routing.atArrival[0]!.reasons.map((r) => r.word)).toContain('贷款');
    expect(routing.current[0]!.topicName).toBe('融资');
    const finance = await byName('融资');
    // The office changes the unit (to 区财政局) but keeps the topic.
    const moved = await dispatchRequest(ctx.db, f.users.office, id, { topicId: finance.id, unitId: f.finance, today: day });
    expect(moved).toEqual({ stage: '派单', topicTaken: true, unitTaken: false });
    expect((await requestRouting(ctx.db, id)).decisions).toEqual([
      expect.objectContaining({ topicName: '融资', unitName: '区财政局', topicTaken: true, unitTaken: false, onDay: day }),
    ]);
    expect(await suggestionTaken(ctx.db, day, day)).toEqual({ dispatches: 1, topicTaken: 1, unitTaken: 0 });
  });

  it("applies a topic's answer limit to 求决 and 投诉举报 (also on 重办), not to 咨询", async () => {
    const water = await byName('水电气报装');
    await updateTopic(ctx.db, 'rq-office', water.id, { ...water, answerDays: 3 });
    const file = (category: '求决' | '咨询') =>
      fileRequest(ctx.db, f.users.firmA, {
        category,
        subject: '厂房用水报装慢',
        description: '报装十天未勘查',
        contactName: '张三',
        contactPhone: '13812345678',
        today: day,
      });
    const asked = await file('求决');
    await dispatchRequest(ctx.db, f.users.office, asked.id, { topicId: water.id, unitId: f.water, today: day });
    const question = await file('咨询');
    await dispatchRequest(ctx.db, f.users.office, question.id, { topicId: water.id, unitId: f.water, today: day });
    expect((await getRequest(ctx.db, f.users.office, asked.id)).answerDue).toBe(officialCalendar.addWorkingDays(day, 3));
    expect((await getRequest(ctx.db, f.users.office, question.id)).answerDue).toBe(officialCalendar.addWorkingDays(day, 1));
    await actOnRequest(ctx.db, f.users.unit, asked.id, { action: 'sign', today: day });
    await actOnRequest(ctx.db, f.users.unit, asked.id, { action: 'answer', note: '已安排', today: day });
    await rateRequest(ctx.db, f.users.firmA, asked.id, { rating: '不满意', comment: '仍未勘查', today: '2026-03-03' });
    expect((await getRequest(ctx.db, f.users.office, asked.id)).answerDue).toBe(officialCalendar.addWorkingDays('2026-03-03', 3));
  });

  it('refuses a dispatch to an unknown or inactive topic, and by anyone but the office', async () => {
    const { id } = await fileRequest(ctx.db, f.users.firmA, {
      category: '咨询',
      subject: '发票',
      description: '开票',
      contactName: '张三',
      contactPhone: '13812345678',
    });
    await expect(dispatchRequest(ctx.db, f.users.office, id, { topicId: 999999, unitId: f.water })).rejects.toMatchObject({ statusCode: 400 });
    const tax = await byName('纳税');
    await expect(dispatchRequest(ctx.db, f.users.unit, id, { topicId: tax.id, unitId: f.water })).rejects.toMatchObject({ statusCode: 403 });
    expect((await requestRouting(ctx.db, id)).decisions).toEqual([]);
  });

  it('serves the catalogue, the try-out and a request’s routing over HTTP', async () => {
    const cat = await app.inject({ url: '/api/requests/catalogue', headers: f.headers.office });
    expect(cat.statusCode).toBe(200);
    const tried = await app.inject({
      method: 'POST',
      url: '/api/requests/catalogue/try',
      headers: f.headers.office,
      payload: { subject: '投标保证金不退', description: '中标公示两个月了保证金还没退' },
    });
    expect(tried.json()[0]).toMatchObject({ topicName: '招标投标', unitName: '区发展改革委' });
  });
});
