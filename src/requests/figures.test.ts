import type { FastifyInstance } from 'fastify';
import mammoth from 'mammoth';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/app.js';
import { describeStore } from '../../test/db.js';
import { hotKeywords, keywordsOf, risingKeywords } from './core/keywords.js';
import { periodOf, previousPeriod, ratesOf, ZERO_COUNTS } from './core/index.js';
import { countRequests, requestAssessmentCounts, requestFigures, requestOnTimeIndicator } from './figures-store.js';
import { completeCreditCode, createEnterprise } from '../enterprises/index.js';
import { ensureUnits } from '../units/index.js';
import { seedRequestDemo } from './demo.js';
import { actOnRequest, fileRequest, intakeRequest, rateRequest } from './request-store.js';
import { createTopic } from './catalogue-store.js';
import { dispatchRequest } from './dispatch-store.js';
import { SAMPLE, seedRequests, type RequestFixture } from './testing.js';

describe('figure periods and rates (pure)', () => {
  it('gives the dates of months, quarters and years and the period before', () => {
    expect(periodOf(2024, 'month', 2)).toMatchObject({ from: '2024-02-01', to: '2024-02-29', label: '2024年2月' });
    expect(periodOf(2021, 'quarter', 3)).toMatchObject({ from: '2021-07-01', to: '2021-09-30', label: '2021年第三季度' });
    expect(periodOf(2021, 'year')).toMatchObject({ from: '2021-01-01', to: '2021-12-31' });
    expect(periodOf(2021, 'month', 13)).toBeNull();
    expect(periodOf(2021, 'quarter', 0)).toBeNull();
    expect(previousPeriod(periodOf(2021, 'month', 1)!).label).toBe('2020年12月');
    expect(previousPeriod(periodOf(2021, 'quarter', 1)!).label).toBe('2020年第四季度');
    expect(previousPeriod(periodOf(2021, 'year')!).label).toBe('2020年');
  });

  it('turns counts into rates; no denominator gives no rate', () => {
    expect(ratesOf(ZERO_COUNTS)).toEqual({
      received: 0,
      signOnTime: null,
      closed: null,
      answerOnTime: null,
      satisfied: null,
      reopened: null,
      returned: null,
      avgAnswerDays: null,
    });
    expect(ratesOf({ ...ZERO_COUNTS, received: 3, closed: 1, signDue: 3, signedOnTime: 2, answered: 2, answerDays: 7 })).toMatchObject({
      closed: 33.33,
      signOnTime: 66.67,
      avgAnswerDays: 3.5,
    });
  });

  it('segments subjects with jieba and ranks hot and rising keywords', () => {
    expect(keywordsOf('厂房用水报装进度慢')).toEqual(expect.arrayContaining(['厂房', '用水']));
    expect(keywordsOf('关于企业申请的问题')).toEqual([]);
    const cur = new Map([
      ['融资', 6],
      ['报装', 5],
      ['招标', 2],
    ]);
    const prev = new Map([
      ['融资', 1],
      ['报装', 5],
    ]);
    expect(hotKeywords(cur, prev, 2)).toEqual([
      { word: '融资', count: 6, previous: 1 },
      { word: '报装', count: 5, previous: 5 },
    ]);
    // 报装 did not rise; 招标 is under the minimum count of 3.
    expect(risingKeywords(cur, prev)).toEqual([{ word: '融资', count: 6, previous: 1 }]);
  });
});

/**
 * A hand-counted set in September 2021 (中秋 09-19..21 off, 09-18 and 09-26 调休 working days), data date 2021-10-29:
 *   R1 求决 网上: routed 09-13 to 城管 (sign by 09-14, answer by 09-18); signed 09-14; answered 09-17 (4 working days);
 *      rated 满意 09-18 → 办结.
 *   R2 咨询 电话: routed 09-13 to 城管 (sign by 09-14, answer by 09-14); signed 09-15 (late); answered 09-16 (3 working
 *      days); 不满意 09-16 → 重办, answer by 09-17; answered 09-17; 基本满意 09-18 → 办结.
 *   R3 投诉举报 网上: routed 09-14 to 财政, 退单 09-15; routed 09-15 to 城管 (sign by 09-16, answer by 09-29); signed
 *      09-16; not answered on 10-29 (overdue).
 *   R4 建议 来访 on 09-22: not routed.
 *   R5 求决 网上 on 10-08 (October): routed to 财政, not signed — outside September.
 * District, September: received 4; 按时签收 2/3 (R1, R3 of R1–R3); 办结 2/4; 按时办结 2/3 (R1; R2 by its reopened
 * deadline; R3 overdue); 满意 2 of 3 ratings (R1 满意, R2 不满意 then 基本满意); 重办 1/2 rated requests (R2); 退单 1/4 steps (派单 R1, R2, R3 twice); average answer (4 + 3) / 2 = 3.5.
 * 城管: received 3, 派单 3, 退单 0. 财政: received 0 (R3 is no longer its), 派单 1, 退单 1 → 100 %.
 */
describeStore('request figures', (ctx) => {
  let app: FastifyInstance;
  let f: RequestFixture;
  beforeAll(async () => {
    app = await createTestApp(ctx);
    f = await seedRequests(app, ctx);
    const { office, unit, otherUnit, firmA } = f.users;
    // 派单目录: the arrival suggestion names 用水报装 for R1 and R2, 城市管理 for R3; the office routes R1 under 城市管理.
    const topic = (name: string, words: string[]) =>
      createTopic(ctx.db, 'test', {
        name,
        answerDays: null,
        keywords: words.map((word) => ({ word, weight: 5 })),
        units: [{ unitId: f.water, keywords: [] }],
        active: true,
      });
    await topic('用水报装', ['用水', '报装']);
    const cityTopic = (await topic('城市管理', ['施工', '占道'])).id;
    const r1 = (await fileRequest(ctx.db, firmA, { ...SAMPLE, subject: '厂房用水报装进度慢', today: '2021-09-13' })).id;
    await dispatchRequest(ctx.db, office, r1, { topicId: cityTopic, unitId: f.water, today: '2021-09-13' });
    await actOnRequest(ctx.db, unit, r1, { action: 'sign', today: '2021-09-14' });
    await actOnRequest(ctx.db, unit, r1, { action: 'answer', note: '已安排勘查', today: '2021-09-17' });
    await rateRequest(ctx.db, firmA, r1, { rating: '满意', today: '2021-09-18' });
    const r2 = (
      await intakeRequest(ctx.db, office, {
        ...SAMPLE,
        category: '咨询',
        subject: '用水报装材料咨询',
        channel: '电话',
        enterpriseId: f.firmA,
        today: '2021-09-13',
      })
    ).id;
    await actOnRequest(ctx.db, office, r2, { action: 'route', unitId: f.water, today: '2021-09-13' });
    await actOnRequest(ctx.db, unit, r2, { action: 'sign', today: '2021-09-15' });
    await actOnRequest(ctx.db, unit, r2, { action: 'answer', note: '材料清单见附件', today: '2021-09-16' });
    await rateRequest(ctx.db, firmA, r2, { rating: '不满意', comment: '没有附件', today: '2021-09-16' });
    await actOnRequest(ctx.db, unit, r2, { action: 'answer', note: '已补充材料清单', today: '2021-09-17' });
    await rateRequest(ctx.db, firmA, r2, { rating: '基本满意', today: '2021-09-18' });
    const r3 = (await fileRequest(ctx.db, firmA, { ...SAMPLE, category: '投诉举报', subject: '占道施工影响经营', today: '2021-09-14' })).id;
    await actOnRequest(ctx.db, office, r3, { action: 'route', unitId: f.finance, today: '2021-09-14' });
    await actOnRequest(ctx.db, otherUnit, r3, { action: 'return', note: '不属本单位职责', today: '2021-09-15' });
    await actOnRequest(ctx.db, office, r3, { action: 'route', unitId: f.water, today: '2021-09-15' });
    await actOnRequest(ctx.db, unit, r3, { action: 'sign', today: '2021-09-16' });
    await intakeRequest(ctx.db, office, {
      ...SAMPLE,
      category: '建议',
      subject: '建议延长窗口办理时间',
      description: '午间窗口可否不休息。',
      channel: '来访',
      today: '2021-09-22',
    });
    const r5 = (await fileRequest(ctx.db, firmA, { ...SAMPLE, subject: '融资担保咨询', description: '担保费率多少。', today: '2021-10-08' })).id;
    await actOnRequest(ctx.db, office, r5, { action: 'route', unitId: f.finance, today: '2021-10-08' });
  });

  const september = periodOf(2021, 'month', 9)!;
  const asOf = '2021-10-29';

  it('counts the district by hand', async () => {
    const c = await countRequests(ctx.db, { from: september.from, to: september.to, asOf, dims: [] });
    expect(c.district).toEqual({
      received: 4,
      signDue: 3,
      signedOnTime: 2,
      closed: 2,
      answerDue: 3,
      answeredOnTime: 2,
      rated: 2,
      reopened: 1,
      ratings: 3,
      satisfiedRatings: 2,
      routes: 4,
      returns: 1,
      answered: 2,
      answerDays: 7,
    });
    expect(ratesOf(c.district)).toEqual({
      received: 4,
      signOnTime: 66.67,
      closed: 50,
      answerOnTime: 66.67,
      satisfied: 66.67,
      reopened: 50,
      returned: 25,
      avgAnswerDays: 3.5,
    });
  });

  it('counts units, categories, channels and months in one statement', async () => {
    const c = await countRequests(ctx.db, { from: '2021-09-01', to: '2021-10-31', asOf, dims: ['unit', 'category', 'channel', 'month'] });
    expect(c.unit.get(f.water)).toMatchObject({ received: 3, signDue: 3, signedOnTime: 2, answerDue: 3, answeredOnTime: 2, routes: 3, returns: 0 });
    // 财政 keeps R5 (October, sign overdue) and its 退单 of R3.
    expect(c.unit.get(f.finance)).toMatchObject({ received: 1, signDue: 1, signedOnTime: 0, routes: 2, returns: 1 });
    expect(c.unit.get(null)).toMatchObject({ received: 1, routes: 0 });
    expect(c.category.get('求决')).toMatchObject({ received: 2, closed: 1 });
    expect(c.category.get('投诉举报')).toMatchObject({ received: 1, routes: 2, returns: 1 });
    expect(c.channel.get('电话')).toMatchObject({ received: 1, reopened: 1 });
    expect(c.channel.get('网上')?.received).toBe(3);
    expect(c.month.get(9)?.received).toBe(4);
    expect(c.month.get(10)).toMatchObject({ received: 1, routes: 1 });
    // Before a deadline passes nothing is overdue: on 09-16 R3's answer (due 09-29) is not yet due.
    const early = await countRequests(ctx.db, { from: september.from, to: september.to, asOf: '2021-09-16', dims: [] });
    expect(early.district.signDue).toBe(3);
    expect(early.district.answerDue).toBe(2);
  });

  it('assembles the figures of a period: units, hot categories and keywords, months', async () => {
    const fig = await requestFigures(ctx.db, september, asOf);
    expect(fig.district).toMatchObject({ received: 4, answerOnTime: 66.67, returned: 25 });
    expect(fig.units.map((u) => [u.label, u.received, u.returned])).toEqual([
      ['区城管局', 3, 0],
      ['区财政局', 0, 100],
      ['待派单', 1, null],
    ]);
    expect(fig.months.map((m) => m.received)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 4, 1]);
    // 热点类别 are the 派单目录's topics: the one chosen at 派单 (R1), else the arrival suggestion (R2, R3), else 未分类 (R4).
    expect(fig.hotCategories).toEqual([
      { category: '城市管理', count: 2, previous: 0 },
      { category: '未分类', count: 1, previous: 0 },
      { category: '用水报装', count: 1, previous: 0 },
    ]);
    const october = await requestFigures(ctx.db, periodOf(2021, 'month', 10)!, asOf);
    // R5 (融资担保, no topic matches) in October against September; topics with no request this period are left out.
    expect(october.hotCategories).toEqual([{ category: '未分类', count: 1, previous: 1 }]);
    expect(fig.hotKeywords.map((k) => k.word)).toEqual(expect.arrayContaining(['用水', '报装']));
    expect(fig.previous.label).toBe('2021年8月');
  });

  it('feeds the assessment and measure 48’s indicator', async () => {
    const counts = await requestAssessmentCounts(ctx.db, 2021, asOf);
    expect(counts.find((c) => c.unitId === f.water)).toMatchObject({ numerator: 2, denominator: 3 });
    // R5: answer due 10-14 (5 working days after 10-08, 10-09 a 调休 Saturday), not answered → 财政 0/1.
    expect(counts.find((c) => c.unitId === f.finance)).toMatchObject({ numerator: 0, denominator: 1 });
    expect(await requestOnTimeIndicator(ctx.db, 2021, asOf)).toMatchObject({ measureNumber: 48, value: 50, met: false, due: 4, late: 2 });
  });

  it('serves the figures, the public figures (no unit, no keyword), the export and the bulletin', async () => {
    const q = 'year=2021&period=month&index=9&asOf=2021-10-29';
    const staff = await app.inject({ url: `/api/requests/figures?${q}`, headers: f.headers.leader });
    expect(staff.statusCode, staff.body).toBe(200);
    expect(staff.json()).toMatchObject({ district: { received: 4, satisfied: 66.67 }, definitions: expect.any(Array) });
    const pub = await app.inject({ url: `/api/requests/public/figures?${q}` });
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.body).not.toContain('区城管局');
    expect(pub.body).not.toContain('厂房');
    expect(pub.json()).not.toHaveProperty('hotKeywords');
    expect(pub.json().hotCategories[0]).toEqual({ category: '城市管理', count: 2, previous: 0 });
    expect(pub.json()).toMatchObject({ district: { received: 4 } });
    const xlsx = await app.inject({ url: `/api/requests/figures.xlsx?${q}`, headers: f.headers.office });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const docx = await app.inject({ url: `/api/requests/bulletin.docx?${q}`, headers: f.headers.office });
    expect(docx.statusCode).toBe(200);
    const text = (await mammoth.extractRawText({ buffer: docx.rawPayload })).value;
    expect(text).toContain('诉求办理通报');
    expect(text).toContain('2021年9月');
    expect(text).toContain('区城管局');
    const again = await app.inject({ url: `/api/requests/bulletin.docx?${q}`, headers: f.headers.office });
    expect(Buffer.compare(again.rawPayload, docx.rawPayload)).toBe(0);
  });
});

describeStore('demo requests', (ctx) => {
  const digest = async () =>
    (
      await ctx.db
        .selectFrom('request_item')
        .select(['number', 'subject', 'category', 'channel', 'unit_id', 'filed_on', 'answered_on', 'rating'])
        .orderBy('seq')
        .execute()
    )
      .map((r) => Object.values(r).join('|'))
      .join('\n');

  it('files a labelled, reproducible year of requests, most answered on time, some reopened, returned and still open', async () => {
    for (const [i, name] of ['甲', '乙', '丙'].entries())
      await createEnterprise(
        ctx.db,
        { creditCode: completeCreditCode(`91500103MA5UR20${i}A`), name: `${name}诉求演示有限公司（演示）`, industryCode: '6510', employees: 20, revenue: 800 },
        'test',
      );
    const finance = (await ensureUnits(ctx.db, ['区金融办'])).get('区金融办')!;
    await createTopic(ctx.db, 'test', {
      name: '融资',
      answerDays: null,
      keywords: [{ word: '融资', weight: 5 }],
      units: [{ unitId: finance, keywords: [] }],
      active: true,
    });
    const p = { year: 2021, asOf: '2021-06-30', seed: 7, actor: 'test', perWorkingDay: 4 };
    const first = await seedRequestDemo(ctx.db, p);
    expect(first.requests).toBeGreaterThan(300);
    expect(await seedRequestDemo(ctx.db, p)).toMatchObject({ skipped: true, requests: 0 });
    const rows = await ctx.db.selectFrom('request_item').selectAll().execute();
    expect(rows.every((r) => r.is_demo && r.subject.endsWith('（演示）') && r.filed_on >= '2021-01-01' && r.filed_on <= '2021-06-30')).toBe(true);
    expect(new Set(rows.map((r) => r.unit_id)).size).toBeGreaterThanOrEqual(10);
    expect(new Set(rows.map((r) => r.category)).size).toBe(4);
    expect(new Set(rows.map((r) => r.channel)).size).toBe(8); // with 12345 and 接口
    expect(rows.some((r) => r.stage === '办理' || r.stage === '派单')).toBe(true);
    const fig = await requestFigures(ctx.db, periodOf(2021, 'quarter', 2)!, '2021-06-30');
    expect(fig.district.answerOnTime).toBeGreaterThan(80);
    expect(fig.district.reopened).toBeGreaterThan(0);
    expect(fig.district.returned).toBeGreaterThan(0);
    // Demo requests of the 金融办 are routed under the catalogue's 融资; the topics the catalogue lacks are 未分类.
    expect(fig.hotCategories.map((c) => c.category).sort()).toEqual(['未分类', '融资']);
    // Answers never come before signing, signing never before routing.
    expect(rows.filter((r) => (r.signed_on && r.signed_on < r.routed_on!) || (r.answered_on && r.answered_on < r.signed_on!))).toEqual([]);
    // The stored first answer (the figures' 平均答复用时) is the first 答复 step since the current 派单.
    const firstAnswers = await ctx.db
      .selectFrom('request_event as e')
      .innerJoin('request_item as r', 'r.id', 'e.request_id')
      .select(['r.id', (eb) => eb.fn.min('e.on_day').as('day')])
      .where('e.action', '=', 'answer')
      .whereRef('e.on_day', '>=', 'r.routed_on')
      .groupBy('r.id')
      .execute();
    const stored = new Map(rows.map((r) => [r.id, r.first_answered_on]));
    expect(firstAnswers.length).toBeGreaterThan(100);
    expect(firstAnswers.filter((a) => stored.get(a.id) !== a.day)).toEqual([]);
    expect(rows.filter((r) => r.first_answered_on !== null).length).toBe(firstAnswers.length);
    const before = await digest();
    await ctx.db.deleteFrom('request_item').execute();
    await seedRequestDemo(ctx.db, p);
    expect(await digest()).toBe(before);
  });
});
