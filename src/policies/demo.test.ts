import crypto from 'node:crypto';
import { expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { checkCreditCode, demoEnterprises } from '../enterprises/index.js';
import { DEMO_POLICIES, seedPolicyDemo } from './demo.js';
import { runRuleTests } from './core/index.js';
import { calculate, toProfile } from './matching.js';
import { getEnterprise } from '../enterprises/index.js';

it('demo firms are reproducible from the seed, labelled and have valid credit codes', () => {
  const a = demoEnterprises(100, 7),
    b = demoEnterprises(100, 7);
  expect(a).toEqual(b);
  expect(demoEnterprises(100, 8)).not.toEqual(a);
  expect(new Set(a.map((x) => x.creditCode)).size).toBe(100);
  // Pinned: the generator (seededRandom, mulberry32) and the draws must not change the demo data of a seed.
  expect(
    crypto
      .createHash('sha256')
      .update(JSON.stringify(demoEnterprises(200, 2026)))
      .digest('hex')
      .slice(0, 16),
  ).toBe('e631535ad1f6b25a');
  for (const f of a) {
    expect(f.name).toContain('（演示）');
    expect(checkCreditCode(f.creditCode)).toMatchObject({ valid: true, warnings: [] });
  }
});

it('every demo rule passes its own test cases', () => {
  for (const p of DEMO_POLICIES)
    for (const it of p.items) {
      const r = runRuleTests({ condition: it.condition, amount: it.amount }, it.tests);
      expect(
        r.filter((x) => !x.passed),
        `${p.title} / ${it.name}`,
      ).toEqual([]);
    }
});

describeStore('policy demo', (ctx) => {
  it('seeds demo firms, policies and accounts idempotently and matches them', async () => {
    const r = await seedPolicyDemo(ctx.db, { enterprises: 60, seed: 1, password: 'Jiefangbei-2026' });
    expect(r).toMatchObject({ enterprises: { created: 60 }, policies: DEMO_POLICIES.length, accounts: ['demo-qiye1', 'demo-qiye2'] });
    expect(r.match.eligible).toBeGreaterThan(0);
    const again = await seedPolicyDemo(ctx.db, { enterprises: 60, seed: 1, password: 'Jiefangbei-2026' });
    expect(again).toMatchObject({ enterprises: { created: 0, unchanged: 60 }, policies: 0, match: { notified: 0 } });
    const u = await ctx.db.selectFrom('app_user').select('enterprise_id').where('account', '=', 'demo-qiye2').executeTakeFirstOrThrow();
    const res = await calculate(ctx.db, toProfile(await getEnterprise(ctx.db, u.enterprise_id!)), '2026-01-15');
    expect(res.find((x) => x.itemName === '专精特新企业认定奖励')?.outcome).not.toBe('not_eligible');
  });
});
