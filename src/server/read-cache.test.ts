import zlib from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { createTestApp, loginAs, type SessionHeaders } from '../../test/app.js';
import { installAuth, requireRole } from '../auth/index.js';
import { completeCreditCode, createEnterprise, updateEnterprise } from '../enterprises/index.js';
import { importPlan, parsePlanFile } from '../plan/index.js';
import { publicRead, READ_DOMAINS, userRead } from '../shared/index.js';
import { etagMatches, installReadCache } from './read-cache.js';

const SAMPLE = 'samples/plans/yuzhong-2021-business-environment-plan.txt';

describeStore('read cache', (ctx) => {
  let app: FastifyInstance;
  let office: SessionHeaders;
  let planId: number;
  const revision = async (domain: string) =>
    (await ctx.db.selectFrom('read_revision').select('revision').where('domain', '=', domain).executeTakeFirstOrThrow()).revision;
  const measureTitle = async (number: number) => {
    const r = await app.inject({ url: `/api/plan/plans/${planId}` });
    expect(r.statusCode).toBe(200);
    const outline = r.json() as { sections: Array<{ subsections: Array<{ measures: Array<{ number: number; title: string }> }> }> };
    return outline.sections.flatMap((s) => s.subsections.flatMap((ss) => ss.measures)).find((m) => m.number === number)!.title;
  };

  beforeAll(async () => {
    planId = (await importPlan(ctx.db, { plan: await parsePlanFile(SAMPLE), sourceName: 'sample.txt', sourceKind: 'txt', actor: 'test' })).planId;
    app = await createTestApp(ctx);
    office = await loginAs(app, ctx, { account: 'office-rc', role: 'office' });
  });

  it('has a revision (and tables with triggers) for every read domain', async () => {
    const rows = await ctx.db.selectFrom('read_revision').select('domain').orderBy('domain').execute();
    expect(rows.map((r) => r.domain)).toEqual([...READ_DOMAINS].sort());
  });

  it('answers a public read with an ETag, 304 when the client has it, compressed when asked', async () => {
    const url = `/api/plan/plans/${planId}`;
    const first = await app.inject({ url });
    const second = await app.inject({ url });
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('public, no-cache');
    expect(first.headers['content-type']).toContain('application/json');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(second.headers.etag).toBe(etag);
    expect(second.body).toBe(first.body); // the cached answer is what the handler sent
    const revalidated = await app.inject({ url, headers: { 'if-none-match': etag } });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.body).toBe('');
    expect(revalidated.headers.etag).toBe(etag);
    expect((await app.inject({ url, headers: { 'if-none-match': '"other"' } })).statusCode).toBe(200);
    const br = await app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(first.body);
    const gz = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(first.body);
    expect(String(gz.headers.vary)).toContain('accept-encoding');
  });

  it('shows a change of the plan right after it is committed, whoever wrote it', async () => {
    expect(await measureTitle(6)).not.toBe('已改标题');
    const before = await revision('plan');
    // A statement no store knows of: the table's trigger bumps the plan's revision at commit.
    await sql`update measure set title = '已改标题' where plan_id = ${planId} and number = 6`.execute(ctx.db);
    expect(await revision('plan')).toBe(before + 1);
    expect(await measureTitle(6)).toBe('已改标题');
    expect((await app.inject({ url: `/api/plan/plans/${planId}/measures/6` })).json().title).toBe('已改标题');
    // Several statements and domains in one transaction: each domain once, at commit.
    const [plan0, units0] = [await revision('plan'), await revision('units')];
    await ctx.db.transaction().execute(async (trx) => {
      await sql`update measure set text = text where plan_id = ${planId} and number = 7`.execute(trx);
      await sql`update measure set text = text where plan_id = ${planId} and number = 8`.execute(trx);
      await sql`update unit set kind = kind where id = (select min(id) from unit)`.execute(trx);
      expect(await trx.selectFrom('read_revision').select('revision').where('domain', '=', 'plan').executeTakeFirstOrThrow()).toEqual({ revision: plan0 });
    });
    expect([await revision('plan'), await revision('units')]).toEqual([plan0 + 1, units0 + 1]);
    // A change rolled back bumps nothing and shows nothing.
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await sql`update measure set title = '回滚' where plan_id = ${planId} and number = 6`.execute(trx);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await revision('plan')).toBe(before + 2);
    expect(await measureTitle(6)).toBe('已改标题');
    // Through a route: the office sets the plan's as-of date; the public read shows it at once.
    const asOf = await app.inject({ url: `/api/plan/plans/${planId}/as-of` });
    expect(asOf.statusCode).toBe(200);
    const put = await app.inject({ method: 'PUT', url: `/api/plan/plans/${planId}/as-of`, headers: office, payload: { asOf: '2021-06-30' } });
    expect(put.statusCode, put.body).toBe(200);
    const after = await app.inject({ url: `/api/plan/plans/${planId}/as-of`, headers: { 'if-none-match': String(asOf.headers.etag) } });
    expect(after.statusCode).toBe(200);
    expect(after.json().asOf).toBe('2021-06-30');
    // A unit renamed (units domain) shows in the unit directory at once.
    const units = await app.inject({ url: `/api/plan/units?planId=${planId}` });
    const unit = (units.json() as Array<{ id: number; name: string }>)[0]!;
    await sql`update unit set name = ${`${unit.name}（改）`} where id = ${unit.id}`.execute(ctx.db);
    const renamed = (await app.inject({ url: `/api/plan/units?planId=${planId}` })).json() as Array<{ id: number; name: string }>;
    expect(renamed.find((u) => u.id === unit.id)!.name).toBe(`${unit.name}（改）`);
  });

  it('shows a policy right after it is published, and its published revision right after that', async () => {
    const ok = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, headers: Record<string, string> = office) => {
      const r = await app.inject({ method, url, payload, headers });
      expect(r.statusCode, `${method} ${url}: ${r.body}`).toBe(200);
      return r.json();
    };
    const titles = async () => ((await ok('GET', '/api/policies', undefined, {})).items as Array<{ title: string }>).map((p) => p.title);
    expect(await titles()).not.toContain('缓存测试政策');
    const body = {
      title: '缓存测试政策',
      docNumber: '渝中府发〔2026〕1号',
      issuer: '重庆市渝中区人民政府',
      publishedOn: '2026-01-05',
      validFrom: '',
      topics: ['测试'],
      body: '对企业给予奖励。',
      items: [{ name: '测试奖励', kind: 'award', amountText: '一次性' }],
    };
    const p = await ok('POST', '/api/policies', body);
    expect(await titles()).not.toContain('缓存测试政策'); // a draft is not public
    await ok('POST', `/api/policies/${p.id}/publish`);
    expect(await titles()).toContain('缓存测试政策');
    const detail = await app.inject({ url: `/api/policies/${p.id}` });
    expect(detail.headers['cache-control']).toBe('public, no-cache');
    expect(detail.json().title).toBe('缓存测试政策');
    // An edit of a published policy waits for publication: the public page shows the old text until then.
    const view = await ok('GET', `/api/policies/${p.id}`);
    await ok('PUT', `/api/policies/${p.id}`, {
      ...body,
      title: '缓存测试政策（修订）',
      items: view.items.map((i: { id: number; name: string; kind: string }) => ({ id: i.id, name: i.name, kind: i.kind })),
    });
    expect((await ok('GET', `/api/policies/${p.id}`, undefined, {})).title).toBe('缓存测试政策');
    await ok('POST', `/api/policies/${p.id}/revision/publish`);
    const revised = await app.inject({ url: `/api/policies/${p.id}`, headers: { 'if-none-match': String(detail.headers.etag) } });
    expect(revised.statusCode).toBe(200);
    expect(revised.json().title).toBe('缓存测试政策（修订）');
  });

  it('never gives a personal answer a public Cache-Control', async () => {
    const me = await app.inject({ url: '/api/auth/me', headers: office });
    expect(me.headers['cache-control']).toBe('private, no-store');
    expect(me.headers.etag).toBeUndefined();
    // Staff see drafts in the policy library: their answer is theirs, uncached.
    const staff = await app.inject({ url: '/api/policies?all=true', headers: office });
    expect(staff.statusCode).toBe(200);
    expect(staff.headers['cache-control']).toBe('private, no-store');
    const tasks = await app.inject({ url: `/api/ledger/plans/${planId}/tasks`, headers: office });
    expect(tasks.headers['cache-control']).toBe('private, no-cache'); // a staff page kept per user (userRead)
    const refused = await app.inject({ url: `/api/ledger/plans/${planId}/tasks` });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['cache-control']).toBe('private, no-store');
    const missing = await app.inject({ url: '/api/plan/plans/99999' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['cache-control']).toBe('private, no-store');
  });
});

describeStore('read cache of staff pages', (ctx) => {
  it('keeps a staff page per user and shows a change of its data at once', async () => {
    const planId = (await importPlan(ctx.db, { plan: await parsePlanFile(SAMPLE), sourceName: 'sample.txt', sourceKind: 'txt', actor: 'test' })).planId;
    const app = await createTestApp(ctx);
    const office = await loginAs(app, ctx, { account: 'office-rc2', role: 'office' });
    const unit = await loginAs(app, ctx, { account: 'unit-rc2', role: 'unit_staff', units: ['区城管局'] });
    const url = `/api/ledger/plans/${planId}/tasks`;
    const empty = await app.inject({ url, headers: office });
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toEqual([]);
    expect(empty.headers['cache-control']).toBe('private, no-cache');
    expect((await app.inject({ url, headers: { ...office, 'if-none-match': String(empty.headers.etag) } })).statusCode).toBe(304);
    const init = await app.inject({ method: 'POST', url: `/api/ledger/plans/${planId}/init`, headers: office });
    expect(init.statusCode, init.body).toBe(200);
    const all = (await app.inject({ url, headers: office })).json() as unknown[];
    expect(all.length).toBeGreaterThan(40);
    // Unit staff's dashboard counts only their unit's tasks: another user's cached answer is never theirs.
    const dashboard = `/api/ledger/plans/${planId}/dashboard`;
    const officeView = await app.inject({ url: dashboard, headers: office });
    const unitView = await app.inject({ url: dashboard, headers: unit });
    expect(officeView.statusCode).toBe(200);
    expect(unitView.statusCode).toBe(200);
    expect(unitView.json().units.map((u: { unit: string }) => u.unit)).toEqual(['区城管局']);
    expect(officeView.json().units.length).toBeGreaterThan(1);
    expect((await app.inject({ url: dashboard, headers: unit })).body).toBe(unitView.body);
    expect((await app.inject({ url })).statusCode).toBe(401);
  });

  it("keeps a firm's policy calculator per user and shows a change of its profile at once", async () => {
    const app = await createTestApp(ctx);
    const input = { creditCode: completeCreditCode('91500103MA5UR301C'), name: '缓存测试有限公司', revenue: 800 };
    const firm = await createEnterprise(ctx.db, input, 'test');
    const other = await createEnterprise(ctx.db, { creditCode: completeCreditCode('91500103MA5UR302C'), name: '另一测试有限公司' }, 'test');
    const a = await loginAs(app, ctx, { account: 'ent-rc1', role: 'enterprise', enterpriseId: firm.id });
    const b = await loginAs(app, ctx, { account: 'ent-rc2', role: 'enterprise', enterpriseId: other.id });
    const url = '/api/policies/calculator';
    const first = await app.inject({ url, headers: a });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    expect(first.json().enterprise.name).toBe('缓存测试有限公司');
    expect((await app.inject({ url, headers: { ...a, 'if-none-match': String(first.headers.etag) } })).statusCode).toBe(304);
    // Another firm at the same URL gets its own answer, never the cached one of the first.
    expect((await app.inject({ url, headers: b })).json().enterprise.name).toBe('另一测试有限公司');
    await updateEnterprise(ctx.db, firm.id, { ...input, name: '缓存测试（改名）有限公司' }, 'test');
    const after = await app.inject({ url, headers: { ...a, 'if-none-match': String(first.headers.etag) } });
    expect(after.statusCode).toBe(200);
    expect(after.json().enterprise.name).toBe('缓存测试（改名）有限公司');
  });
});

describe('read cache rules', () => {
  it('refuses a public read on a route that checks roles', async () => {
    const app = Fastify();
    await app.register(cookie);
    installAuth(app, undefined as never);
    installReadCache(app, undefined as never);
    expect(() => app.get('/x', { ...publicRead(['plan']), preHandler: requireRole('office') }, async () => ({ ok: true }))).toThrow('role check');
    expect(() => app.post('/y', { ...publicRead(['plan']) }, async () => ({ ok: true }))).toThrow('only GET');
    expect(() => app.get('/z', { ...userRead(['ledger']) }, async () => ({ ok: true }))).toThrow('must check roles');
  });

  it('matches If-None-Match as RFC 9110 does', () => {
    expect(etagMatches('"a", W/"b"', '"b"')).toBe(true);
    expect(etagMatches('*', '"b"')).toBe(true);
    expect(etagMatches('"a"', '"b"')).toBe(false);
    expect(etagMatches(undefined, '"b"')).toBe(false);
  });
});
