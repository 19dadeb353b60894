import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../test/app.js';
import { chinaToday } from '../calendar/index.js';
import { describeStore } from '../../test/db.js';
import { APPLICATION_MATRIX, MATRIX_WHO } from './application-matrix.js';
import { actOnApplication, applyForProducts } from './application-store.js';
import { insertNeed, seedFinance, type FinanceFixture } from './application-testing.js';
import { withdrawConsent } from './consent-store.js';
import { createEvent } from './event-store.js';

const CONSENT = { items: ['profile', 'size', 'creditGrade'] as Array<'profile' | 'size' | 'creditGrade'>, days: 90 };
const APPROVAL = { creditAmount: 200, rate: 4.1, guarantee: '信用' as const, termMonths: 12, firstLoan: true, renewal: 'none' as const };

describeStore('finance applications permission matrix', (ctx) => {
  let app: FastifyInstance;
  let f: FinanceFixture;
  let eventId: number;
  /** A fresh application of firmA to bank1's branch product, brought to `status`. */
  const fresh = async (status: 'submitted' | 'accepted' | 'approved') => {
    const needId = await insertNeed(ctx.db, f.firmA, { postedOn: '2026-11-02' });
    const [a] = await applyForProducts(ctx.db, f.users.firmA, { needId, productIds: [f.product1], consent: CONSENT });
    if (status !== 'submitted') await actOnApplication(ctx.db, f.users.bank1, a!.id, { action: 'accept' });
    if (status === 'approved') await actOnApplication(ctx.db, f.users.bank1, a!.id, { action: 'approve', approval: APPROVAL });
    return a!;
  };
  beforeAll(async () => {
    app = await createTestApp(ctx);
    f = await seedFinance(app, ctx);
    eventId = (
      await createEvent(ctx.db, 'test', {
        kind: 'matchmaking',
        title: '矩阵对接会',
        heldOn: '2026-03-20',
        place: null,
        note: null,
        institutionIds: [f.bank1],
        participants: [{ enterpriseId: f.firmA, invited: true, present: true }],
        needsRaised: 1,
        deals: [],
      })
    ).id;
  });

  it('answers every applications route for every role as declared', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const mine = Object.keys(APPLICATION_MATRIX);
    const routes = Object.entries(doc.paths).flatMap(([p, ms]) => Object.keys(ms).map((m) => `${m.toUpperCase()} ${p}`));
    expect(mine.filter((r) => !routes.includes(r))).toEqual([]);
    const wrong: string[] = [];
    const base = await fresh('submitted');
    for (const route of mine) {
      const [method, pattern] = route.split(' ') as [string, string];
      for (const who of MATRIX_WHO) {
        let applicationId = base.id;
        let body: object | undefined;
        let url = pattern;
        // A fresh application (or consent) only for a role that may act: a refused one is refused before any state is read.
        const acts = APPLICATION_MATRIX[route]!.includes(who);
        if (route === 'POST /api/finance/applications') body = { needId: await insertNeed(ctx.db, f.firmA), productIds: [f.product1], consent: CONSENT };
        if (route.endsWith('/accept')) {
          if (acts) applicationId = (await fresh('submitted')).id;
          body = {};
        }
        if (route.endsWith('/decline')) {
          if (acts) applicationId = (await fresh('submitted')).id;
          body = { reason: 'finance_weak', note: '营业收入不足' };
        }
        if (route.endsWith('/approve')) {
          if (acts) applicationId = (await fresh('accepted')).id;
          body = APPROVAL;
        }
        if (route.endsWith('/disburse')) {
          if (acts) applicationId = (await fresh('approved')).id;
          body = { amount: 200, disbursedOn: chinaToday() };
        }
        if (route.endsWith('/withdraw') && route.includes('applications')) {
          if (acts) applicationId = (await fresh('submitted')).id;
          body = {};
        }
        if (route.includes('{consentId}')) {
          const a = acts ? await fresh('submitted') : base;
          const c = await ctx.db.selectFrom('finance_consent').select('id').where('application_id', '=', a.id).executeTakeFirstOrThrow();
          url = url.replace('{consentId}', String(c.id));
        }
        if (route === 'PUT /api/finance/application-limits') body = { acceptDays: 3, decideDays: 10, acceptTarget: null, decideTarget: 95 };
        if (route === 'POST /api/finance/events' || route === 'PUT /api/finance/events/{eventId}')
          body = {
            kind: 'training',
            title: `培训${who}`,
            heldOn: '2026-04-10',
            place: null,
            note: null,
            institutionIds: [f.bank1],
            participants: [],
            needsRaised: 0,
            deals: [],
          };
        const query = /figures/.test(route) ? '?year=2026&period=quarter&index=1' : '';
        url = url.replace('{applicationId}', String(applicationId)).replace('{eventId}', String(eventId)) + query;
        const headers: Record<string, string> = who === 'visitor' ? {} : f.headers[who];
        const res = await app.inject({ method: method as 'GET', url, headers, payload: body });
        const allowed = APPLICATION_MATRIX[route]!.includes(who);
        const expected = who === 'visitor' ? 401 : 403;
        if (allowed ? [401, 403].includes(res.statusCode) || res.statusCode >= 500 : res.statusCode !== expected)
          wrong.push(`${route} as ${who}: ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 240_000);

  it("refuses the bank the enterprise's data without a consent (withdrawn), with the reason in Chinese", async () => {
    const a = await fresh('submitted');
    const url = `/api/finance/applications/${a.id}/enterprise-data`;
    expect((await app.inject({ url, headers: f.headers.bank1 })).statusCode).toBe(200);
    const c = await ctx.db.selectFrom('finance_consent').select('id').where('application_id', '=', a.id).executeTakeFirstOrThrow();
    // firmA's other consents to the same bank also cover the data: withdraw them all.
    const all = await ctx.db.selectFrom('finance_consent').select('id').where('enterprise_id', '=', f.firmA).where('withdrawn_at', 'is', null).execute();
    for (const x of all) await withdrawConsent(ctx.db, f.users.firmA, x.id);
    const res = await app.inject({ url, headers: f.headers.bank1 });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toBe('企业已撤回数据授权，无法查看企业数据');
    expect(c.id).toBeGreaterThan(0);
    // Another bank: refused whatever the consent.
    expect((await app.inject({ url, headers: f.headers.bank2 })).statusCode).toBe(403);
  });
});
