import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { createTestApp, loginAs, multipart } from '../../test/app.js';
import { completeCreditCode, createEnterprise, updateEnterprise } from '../enterprises/index.js';
import type { Condition, RuleTestCase } from './core/index.js';
import { addRuleVersion, calculate, funnel, matchAndPush, publishRuleVersion, recordApplication, setTestCases, toProfile } from './matching.js';
import { createPolicy, getPolicy, searchPolicies, setPolicyStatus } from './policy-store.js';
import { importApplications } from './applications-import.js';

const cond: Condition = {
  all: [
    { field: 'qualification', op: 'has', value: '高新技术企业' },
    { field: 'revenue', op: '>=', value: 1000 },
  ],
};
const cases: RuleTestCase[] = [
  {
    name: '有效高企、营收2000万',
    asOf: '2025-06-01',
    profile: { revenue: 2000, qualifications: [{ tag: '高新技术企业', validFrom: '2024-01-01', validTo: '2026-12-31' }] },
    expected: 'eligible',
    expectedAmount: 20,
  },
  { name: '无高企资质', asOf: '2025-06-01', profile: { revenue: 2000, qualifications: [] }, expected: 'not_eligible' },
  { name: '未填营收', asOf: '2025-06-01', profile: { qualifications: [{ tag: '高新技术企业' }] }, expected: 'unknown' },
];

describeStore('policy platform', (ctx) => {
  let app: FastifyInstance;
  let policyId: number;
  let itemId: number;
  let firmA: number, firmB: number;
  beforeAll(async () => {
    app = await createTestApp(ctx);
    policyId = await createPolicy(
      ctx.db,
      {
        title: '渝中区支持高新技术企业高质量发展若干措施',
        docNumber: '渝中府发〔2025〕9号',
        issuer: '重庆市渝中区人民政府',
        publishedOn: '2025-03-01',
        validFrom: '2025-03-01',
        validTo: '2027-12-31',
        body: '第一条 对有效期内的高新技术企业，上年度营业收入1000万元以上的，按营业收入的1%给予奖励，最高不超过50万元。',
        interpretation: '本措施旨在鼓励科技创新。',
        topics: ['科技创新'],
        items: [{ name: '高新技术企业营收奖励', kind: 'award', amountText: '营业收入的1%，最高50万元' }],
      },
      'test',
    );
    for (let i = 0; i < 30; i++)
      await createPolicy(
        ctx.db,
        {
          title: `关于做好第${i}批稳岗返还工作的通知`,
          issuer: i % 2 ? '区人力社保局' : '区财政局',
          publishedOn: `2024-01-${String((i % 28) + 1).padStart(2, '0')}`,
          body: '稳岗返还 企业 失业保险',
          topics: ['就业'],
        },
        'test',
      );
    itemId = (await getPolicy(ctx.db, policyId, { staff: true })).items[0]!.id;
    firmA = (
      await createEnterprise(
        ctx.db,
        {
          creditCode: completeCreditCode('91500103MA5UP001A'),
          name: '甲高企',
          revenue: 2000,
          qualifications: [{ tag: '高新技术企业', validFrom: '2024-01-01', validTo: '2026-12-31' }],
        },
        'test',
      )
    ).id;
    firmB = (await createEnterprise(ctx.db, { creditCode: completeCreditCode('91500103MA5UP002B'), name: '乙企业', revenue: 5000 }, 'test')).id;
  });

  it('searches Chinese text with segmentation, ranking, highlights and filters', async () => {
    await setPolicyStatus(ctx.db, policyId, 'published', 'test');
    for (const r of await ctx.db.selectFrom('policy').select('id').where('title', 'like', '%稳岗%').execute())
      await setPolicyStatus(ctx.db, r.id, 'published', 'test');
    const r = await searchPolicies(ctx.db, { q: '高企 营业收入奖励' });
    // "高企" is not in the documents: falls back to any word.
    expect(r.items[0]!.id).toBe(policyId);
    const hit = await searchPolicies(ctx.db, { q: '高新技术企业奖励' });
    expect(hit.total).toBe(1);
    expect(hit.items[0]!.titleMarked.filter((s) => s.hit).map((s) => s.text)).toContain('高新技术企业');
    expect(hit.items[0]!.snippet.some((s) => s.hit && s.text === '奖励')).toBe(true);
    expect((await searchPolicies(ctx.db, { q: '稳岗' })).total).toBe(30);
    expect((await searchPolicies(ctx.db, { q: '稳岗', issuer: '区财政局' })).total).toBe(15);
    expect((await searchPolicies(ctx.db, { topic: '科技创新' })).total).toBe(1);
    expect((await searchPolicies(ctx.db, { q: '科技创新', validOn: '2028-01-01' })).total).toBe(0);
  });

  it('publishes a rule version only when its test cases pass, then pushes once per version', async () => {
    const v1 = await addRuleVersion(
      ctx.db,
      itemId,
      { condition: cond, amount: { kind: 'rate', field: 'revenue', rate: 0.01, cap: 50 }, effectiveFrom: '2025-03-01' },
      'test',
    );
    await expect(publishRuleVersion(ctx.db, v1.id, 'test')).rejects.toThrow('至少要有一个测试用例');
    await setTestCases(ctx.db, itemId, [...cases.slice(0, 2), { ...cases[2]!, expected: 'eligible' }], 'test');
    await expect(publishRuleVersion(ctx.db, v1.id, 'test')).rejects.toThrow('未填营收（期望“符合”，实际“无法判断”）');
    await setTestCases(ctx.db, itemId, cases, 'test');
    const { cookie } = await loginAs(app, ctx, { account: 'firm_a', role: 'enterprise', enterpriseId: firmA });
    await loginAs(app, ctx, { account: 'firm_b', role: 'enterprise', enterpriseId: firmB });
    const pub = await publishRuleVersion(ctx.db, v1.id, 'test');
    expect(pub.tests.every((t) => t.passed)).toBe(true);
    expect(pub.pushed).toBe(1);
    const again = await matchAndPush(ctx.db);
    expect(again.notified).toBe(0); // same version: no duplicate
    const inbox = (await app.inject({ url: '/api/inbox/messages', headers: { cookie } })).json();
    const msgs = Array.isArray(inbox) ? inbox : inbox.items;
    expect(msgs.filter((m: { title: string }) => m.title.includes('高新技术企业营收奖励'))).toHaveLength(1);
  });

  it('explains the calculator result condition by condition and keeps past results with their version', async () => {
    const calc = (
      await app.inject({ url: '/api/policies/calculator', headers: await loginAs(app, ctx, { account: 'firm_a', role: 'enterprise', enterpriseId: firmA }) })
    ).json();
    const r = calc.results.find((x: { itemId: number }) => x.itemId === itemId);
    expect(r).toMatchObject({ outcome: 'eligible', amount: 20, ruleVersion: 1 });
    expect(r.explanation.children.map((c: { status: string; detail: string }) => [c.status, c.detail])).toEqual([
      ['held', '“高新技术企业”资质有效至 2026-12-31'],
      ['held', '企业上年度营业收入为 2,000万元'],
    ]);
    const b = (await calculate(ctx.db, toProfile(await (await import('../enterprises/index.js')).getEnterprise(ctx.db, firmB)), '2025-06-01')).find(
      (x) => x.itemId === itemId,
    )!;
    expect(b.outcome).toBe('not_eligible');

    // A changed rule is a new version: firm B now qualifies under v2; A's v1 result stays recorded.
    const v2 = await addRuleVersion(
      ctx.db,
      itemId,
      { condition: { any: [cond, { field: 'revenue', op: '>=', value: 5000 }] }, amount: { kind: 'fixed', amount: 10 }, effectiveFrom: '2025-07-01' },
      'test',
    );
    await setTestCases(
      ctx.db,
      itemId,
      [
        { ...cases[0]!, expectedAmount: 10 },
        { ...cases[1]!, profile: { revenue: 100, qualifications: [] } },
        { name: '营收5000万', asOf: '2025-08-01', profile: { revenue: 5000 }, expected: 'eligible' },
      ],
      'test',
    );
    await publishRuleVersion(ctx.db, v2.id, 'test');
    const rows = await ctx.db
      .selectFrom('policy_match')
      .innerJoin('policy_rule_version', 'policy_rule_version.id', 'policy_match.rule_version_id')
      .select(['enterprise_id', 'version'])
      .where('policy_match.item_id', '=', itemId)
      .orderBy('enterprise_id')
      .orderBy('version')
      .execute();
    expect(rows).toEqual([
      { enterprise_id: firmA, version: 1 },
      { enterprise_id: firmA, version: 2 },
      { enterprise_id: firmB, version: 2 },
    ]);
    const v1row = await ctx.db
      .selectFrom('policy_rule_version')
      .select('effective_to')
      .where('item_id', '=', itemId)
      .where('version', '=', 1)
      .executeTakeFirstOrThrow();
    expect(v1row.effective_to).toBe('2025-06-30');
    expect((await calculate(ctx.db, { revenue: 5000 }, '2025-06-15')).find((x) => x.itemId === itemId)!.outcome).toBe('unknown'); // v1 on that date: 资质 unknown
  });

  it('pushes when a profile changes', async () => {
    const C = await createEnterprise(ctx.db, { creditCode: completeCreditCode('91500103MA5UP003C'), name: '丙企业', revenue: 100 }, 'test');
    await loginAs(app, ctx, { account: 'firm_c', role: 'enterprise', enterpriseId: C.id });
    const before = await ctx.db.selectFrom('notification').select('id').where('dedupe_key', 'like', `policy:${itemId}:%`).execute();
    await updateEnterprise(ctx.db, C.id, { creditCode: C.creditCode, name: '丙企业', revenue: 6000 }, 'test');
    const after = await ctx.db.selectFrom('notification').select('id').where('dedupe_key', 'like', `policy:${itemId}:%`).execute();
    expect(after.length).toBe(before.length + 1);
  });

  it('shows the 应享尽享 funnel and who has not applied', async () => {
    const session = await loginAs(app, ctx, { account: 'firm_a', role: 'enterprise', enterpriseId: firmA });
    const inbox = (await app.inject({ url: '/api/inbox/messages', headers: session })).json();
    const msgs = Array.isArray(inbox) ? inbox : inbox.items;
    const read = await app.inject({ method: 'POST', url: `/api/inbox/messages/${msgs[0].id}/read`, headers: session });
    expect(read.statusCode).toBe(200);
    await recordApplication(
      ctx.db,
      { enterpriseId: firmA, itemId, status: 'granted', appliedOn: '2025-08-01', grantedOn: '2025-09-01', grantedAmount: 10 },
      'test',
    );
    const f = await funnel(ctx.db, itemId);
    expect(f.stages.map((s) => s.count)).toEqual([3, 3, 1, 1, 1]);
    expect(f.notApplied.map((x) => x.name).sort()).toEqual(['丙企业', '乙企业']);
  });

  it('imports 申报/兑现 records all-or-nothing and idempotently', async () => {
    const codeB = (await ctx.db.selectFrom('enterprise').select('credit_code').where('id', '=', firmB).executeTakeFirstOrThrow()).credit_code;
    const head = '统一社会信用代码,事项编号,状态,申报日期,兑现日期,兑现金额（万元）';
    const bad = Buffer.from(`${head}\n${codeB},${itemId},已申报,2025-08-02,,\n${codeB},99999,已发放,2025/8/2,,x\n`);
    const err = await importApplications(ctx.db, { fileName: 'apps.csv', buffer: bad, actor: 'test' }).catch((e) => e);
    expect(err.problems.map((p: { row: number; field: string }) => `${p.row}:${p.field}`)).toEqual(['3:事项编号', '3:状态', '3:兑现金额']);
    const good = Buffer.from(`${head}\n${codeB},${itemId},已申报,2025/8/2,,\n`);
    expect(await importApplications(ctx.db, { fileName: 'apps.csv', buffer: good, actor: 'test' })).toEqual({ rows: 1, changed: 1 });
    expect(await importApplications(ctx.db, { fileName: 'apps.csv', buffer: good, actor: 'test' })).toEqual({ rows: 1, changed: 0 });
    const f = await funnel(ctx.db, itemId);
    expect(f.stages.find((s) => s.stage === 'applied')!.count).toBe(2);
    expect(f.notApplied.map((x) => x.name)).toEqual(['丙企业']);
  });

  it('checks roles on the routes', async () => {
    const firm = await loginAs(app, ctx, { account: 'firm_a', role: 'enterprise', enterpriseId: firmA });
    expect((await app.inject({ url: `/api/policies/calculator?enterpriseId=${firmB}`, headers: firm })).json().enterprise.id).toBe(firmA);
    expect((await app.inject({ method: 'POST', url: '/api/policies', headers: firm, payload: { title: 'x', issuer: 'y' } })).statusCode).toBe(403);
    expect((await app.inject({ url: `/api/policies/items/${itemId}/funnel`, headers: firm })).statusCode).toBe(403);
    await ctx.db
      .insertInto('unit')
      .values({ name: '区科技局', kind: 'department' })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const staff = await loginAs(app, ctx, { account: 'unit1', role: 'unit_staff', units: ['区科技局'] });
    expect((await app.inject({ url: `/api/policies/items/${itemId}/funnel`, headers: staff })).statusCode).toBe(200);
    const draft = (
      await app.inject({
        method: 'POST',
        url: '/api/policies',
        headers: staff,
        payload: { title: '草稿政策', issuer: '区发改委', items: [{ name: '事项', kind: 'subsidy' }] },
      })
    ).json();
    expect((await app.inject({ method: 'POST', url: `/api/policies/${draft.id}/publish`, headers: staff })).statusCode).toBe(403);
    expect((await app.inject({ url: `/api/policies/${draft.id}` })).statusCode).toBe(404); // drafts are not public
    const anon = await app.inject({ method: 'POST', url: '/api/policies/calculator/try', payload: { revenue: 8000 } });
    expect(anon.json().results.find((x: { itemId: number }) => x.itemId === itemId).outcome).toBe('eligible');
    const preview = await app.inject({
      method: 'POST',
      url: '/api/policies/rules/preview',
      headers: staff,
      payload: { condition: cond, asOf: '2025-06-01', enterpriseIds: [firmA, firmB] },
    });
    expect(preview.json().results.map((x: { outcome: string }) => x.outcome)).toEqual(['eligible', 'not_eligible']);
    expect(preview.json().conditionText).toBe('具有有效的“高新技术企业”资质，并且上年度营业收入不低于 1,000万元');
    const up = multipart('附件一：申报指南.pdf', Buffer.from('%PDF-1.4 test'));
    const att = await app.inject({ method: 'POST', url: `/api/policies/${policyId}/attachments`, ...up, headers: { ...up.headers, ...staff } });
    expect(att.statusCode).toBe(200);
    const dl = await app.inject({ url: att.json().url });
    expect(dl.body).toBe('%PDF-1.4 test');
    expect((await app.inject({ url: `/api/policies/${policyId}` })).json().attachments).toEqual([{ name: '附件一：申报指南.pdf', url: att.json().url }]);
    const bad = await app.inject({
      method: 'POST',
      url: `/api/policies/items/${itemId}/rules`,
      headers: staff,
      payload: { condition: { all: [] }, effectiveFrom: '2025-01-01' },
    });
    expect(bad.statusCode).toBe(400);
  });
});
