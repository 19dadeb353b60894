import { expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { getEnterprises } from '../enterprises/index.js';
import { seedPolicyDemo } from './demo.js';
import { activeRules, addRuleVersion, calculate, matchAndPush, publishRuleVersion, toProfile } from './matching.js';

describeStore('bulk policy matching', (ctx) => {
  /** policy_match of the versions in force as "firm:version:amount" lines. */
  const stored = async (asOf: string) => {
    const versions = (await activeRules(ctx.db, asOf)).map((r) => r.version.id);
    const rows = await ctx.db
      .selectFrom('policy_match')
      .select(['enterprise_id', 'rule_version_id', 'amount', 'outcome'])
      .where('rule_version_id', 'in', versions)
      .execute();
    return rows.map((r) => `${r.enterprise_id}:${r.rule_version_id}:${r.amount}:${r.outcome}`).sort();
  };
  /** The same from the per-firm path: the calculator (explaining evaluator) for every firm, and its counts. */
  const expected = async (asOf: string) => {
    const ids = (await ctx.db.selectFrom('enterprise').select('id').orderBy('id').execute()).map((x) => x.id);
    const lines: string[] = [];
    let unknown = 0;
    for (const e of await getEnterprises(ctx.db, ids))
      for (const r of await calculate(ctx.db, toProfile(e), asOf)) {
        if (r.outcome === 'eligible') lines.push(`${e.id}:${r.ruleVersionId}:${r.amount}:eligible`);
        if (r.outcome === 'unknown') unknown++;
      }
    return { lines: lines.sort(), unknown, firms: ids };
  };

  it('gives the results of the per-firm path for 300 demo firms and writes only what changed', async () => {
    await seedPolicyDemo(ctx.db, { enterprises: 300, seed: 5 });
    for (const asOf of ['2026-01-15', '2027-09-30', '2026-01-15']) {
      const bulk = await matchAndPush(ctx.db, { asOf, push: false, batch: 64 });
      const want = await expected(asOf);
      expect(bulk).toMatchObject({ enterprises: 300, eligible: want.lines.length, unknown: want.unknown });
      expect(want.lines.length).toBeGreaterThan(30);
      expect(await stored(asOf)).toEqual(want.lines);
      // The per-firm path (a profile change) agrees and writes the same rows.
      const perFirm = await matchAndPush(ctx.db, { asOf, push: false, enterpriseIds: want.firms });
      expect(perFirm).toMatchObject({ eligible: want.lines.length, unknown: want.unknown });
      expect(await stored(asOf)).toEqual(want.lines);
    }
    // Nothing changed since the last run: no row is written again (evaluated_at stays).
    const before = await ctx.db.selectFrom('policy_match').select(['enterprise_id', 'rule_version_id', 'evaluated_at']).execute();
    await matchAndPush(ctx.db, { asOf: '2026-01-15', push: false, batch: 64 });
    await matchAndPush(ctx.db, { asOf: '2026-01-15', push: false, batch: 64 });
    const after = await ctx.db.selectFrom('policy_match').select(['enterprise_id', 'rule_version_id', 'evaluated_at']).execute();
    const key = (r: { enterprise_id: number; rule_version_id: number; evaluated_at: unknown }) =>
      `${r.enterprise_id}:${r.rule_version_id}:${String(r.evaluated_at)}`;
    expect(after.map(key).sort()).toEqual(before.map(key).sort());
    // A new rule version (published: a run over that item only), then a full run: still the per-firm results.
    const rule = (await activeRules(ctx.db, '2026-01-15')).find((r) => r.version.amount?.kind === 'rate')!;
    const v2 = await addRuleVersion(
      ctx.db,
      rule.itemId,
      { condition: rule.version.condition, amount: { kind: 'fixed', amount: 3 }, effectiveFrom: '2026-01-01' },
      'test',
    );
    await publishRuleVersion(ctx.db, v2.id, 'test').catch(() => undefined); // its test cases expect the old amount
    const published = (await ctx.db.selectFrom('policy_rule_version').select('status').where('id', '=', v2.id).executeTakeFirstOrThrow()).status;
    if (published !== 'published') await ctx.db.updateTable('policy_rule_version').set({ status: 'published' }).where('id', '=', v2.id).execute();
    await matchAndPush(ctx.db, { asOf: '2026-01-15', push: false, itemIds: [rule.itemId], batch: 64 });
    expect(await stored('2026-01-15')).toEqual((await expected('2026-01-15')).lines);
    await matchAndPush(ctx.db, { asOf: '2026-01-15', push: false, batch: 64 });
    expect(await stored('2026-01-15')).toEqual((await expected('2026-01-15')).lines);
  });
});
