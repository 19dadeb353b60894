import { expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { ensureUnits } from '../units/index.js';
import { DEMO_INSTITUTIONS, DEMO_PRODUCTS, seedFinanceBankDemo } from './bank-demo.js';
import { publishProblems } from './core/index.js';

it('every demo product rule passes its own test cases with a 符合 and a 不符合 case', () => {
  for (const { product } of DEMO_PRODUCTS) expect(publishProblems(product.condition, product.testCases).problems, product.name).toEqual([]);
});

describeStore('finance demo banks', (ctx) => {
  it('adds labelled institutions with branches, linked bank accounts and published products, once', async () => {
    await ctx.db.transaction().execute((trx) => ensureUnits(trx, ['区金融办']));
    const p = { password: 'Jiefangbei-2026', actor: 'demo', publishFrom: '2026-01-01' };
    const r = await seedFinanceBankDemo(ctx.db, p);
    expect(r).toEqual({ institutions: DEMO_INSTITUTIONS.length, accounts: DEMO_INSTITUTIONS.map((d) => d.account), products: DEMO_PRODUCTS.length });
    const insts = await ctx.db.selectFrom('finance_institution').selectAll().execute();
    expect(insts.every((i) => i.is_demo && i.name.startsWith('（演示）'))).toBe(true);
    expect(insts.filter((i) => i.parent_id !== null).length).toBe(3);
    expect((await ctx.db.selectFrom('finance_bank_staff').selectAll().execute()).length).toBe(DEMO_INSTITUTIONS.length);
    const products = await ctx.db
      .selectFrom('finance_product as p')
      .innerJoin('finance_product_version as v', 'v.id', 'p.current_version_id')
      .select(['p.status', 'p.is_demo', 'v.valid_from', 'v.type'])
      .execute();
    expect(products.every((x) => x.status === 'published' && x.is_demo && String(x.valid_from).startsWith('2026-01-01'))).toBe(true);
    expect(new Set(products.map((x) => x.type)).size).toBeGreaterThanOrEqual(6);
    expect(await seedFinanceBankDemo(ctx.db, p)).toEqual({ institutions: 0, accounts: [], products: 0 });
  });
});
