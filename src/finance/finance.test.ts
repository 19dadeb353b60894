import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../test/app.js';
import { describeStore } from '../../test/db.js';
import { getEnterprise, updateEnterprise } from '../enterprises/index.js';
import { ForbiddenError } from '../shared/index.js';
import { needMatches, unmatchedNeeds } from './need-store.js';
import { getManagedProduct, publishProduct, saveProductDraft, withdrawProduct } from './product-store.js';
import { productInput, seedFinance, type FinanceFixture } from './testing.js';

describeStore('finance products, needs and matching', (ctx) => {
  let app: FastifyInstance;
  let f: FinanceFixture;
  beforeAll(async () => {
    app = await createTestApp(ctx);
    f = await seedFinance(app, ctx);
  });

  it('matches a need with explanations, ranked, and lists the needs without an eligible product', async () => {
    const a = await needMatches(ctx.db, f.users.firm, f.needA);
    expect(a.counts).toEqual({ eligible: 2, unknown: 0, notEligible: 0 });
    // The credit loan fits better (no collateral needed, lower rate) than the mortgage loan.
    expect(a.matches.map((m) => m.name)).toEqual(['渝中科创信用贷', '农商抵押贷']);
    expect(a.matches[0]!.institution).toBe('重庆样本银行渝中支行');
    // otherFirm has no revenue on file: cannot tell, naming the data to supply.
    const b = await needMatches(ctx.db, f.users.otherFirm, f.needB);
    expect(b.counts).toEqual({ eligible: 0, unknown: 2, notEligible: 0 });
    expect(b.matches[0]!.missing[0]!.supply).toBe('在企业档案中填写上年度营业收入（万元）');
    await expect(needMatches(ctx.db, f.users.otherFirm, f.needA)).rejects.toBeInstanceOf(ForbiddenError);
    const unmatched = await unmatchedNeeds(ctx.db, f.users.desk);
    expect(unmatched.map((n) => [n.id, n.unknown])).toEqual([[f.needB, 2]]);
    await expect(unmatchedNeeds(ctx.db, f.users.otherUnit)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('re-matches when the firm’s profile changes', async () => {
    const { id: _id, sizeClass: _s, isDemo: _d, updatedAt: _u, ...input } = await getEnterprise(ctx.db, f.firms.otherFirm);
    await updateEnterprise(ctx.db, f.firms.otherFirm, { ...input, revenue: 900 }, 'test');
    expect((await unmatchedNeeds(ctx.db, f.users.desk)).map((n) => n.id)).toEqual([]);
    const b = await needMatches(ctx.db, f.users.otherFirm, f.needB);
    expect(b.counts.eligible).toBe(2);
  });

  it('keeps versions: a change is a draft until published, the old version ends the day before; withdrawal removes matches', async () => {
    await expect(saveProductDraft(ctx.db, f.users.otherBank, f.productA, productInput())).rejects.toBeInstanceOf(ForbiddenError);
    await saveProductDraft(ctx.db, f.users.bank, f.productA, productInput({ rateMin: 3.2 }));
    let p = await getManagedProduct(ctx.db, f.users.bank, f.productA);
    expect(p.versions.map((v) => [v.version, v.validFrom !== null])).toEqual([
      [2, false],
      [1, true],
    ]);
    expect(p.draftVersionId).toBe(p.versions[0]!.id);
    await publishProduct(ctx.db, f.users.bank, f.productA, '2026-07-01');
    p = await getManagedProduct(ctx.db, f.users.bank, f.productA);
    expect(p.versions.map((v) => [v.version, v.validFrom, v.validTo])).toEqual([
      [2, '2026-07-01', null],
      [1, p.versions[1]!.validFrom, '2026-06-30'],
    ]);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'finance_product')
      .where('entity_id', '=', String(f.productA))
      .execute();
    expect(audit.map((x) => x.action)).toEqual(['finance.product.create', 'finance.product.publish', 'finance.product.draft', 'finance.product.publish']);
    await withdrawProduct(ctx.db, f.users.bank, f.productA);
    const a = await needMatches(ctx.db, f.users.firm, f.needA);
    expect(a.matches.map((m) => m.name)).toEqual(['农商抵押贷']);
    const cat = (await app.inject({ url: '/api/finance/products?q=抵押' })).json() as { total: number; items: Array<{ name: string }> };
    expect(cat.items.map((x) => x.name)).toEqual(['农商抵押贷']);
    expect(((await app.inject({ url: '/api/finance/products?q=科创' })).json() as { total: number }).total).toBe(0);
  });
});
