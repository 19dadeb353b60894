import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../test/app.js';
import { describeStore } from '../../test/db.js';
import { chinaToday } from '../calendar/index.js';
import { applyForProducts } from './application-store.js';
import { createNeed } from './need-store.js';
import { createProduct, publishProduct, withdrawProduct } from './product-store.js';
import { NEED, productInput, seedFinance, type FinanceFixture } from './testing.js';

// The public catalogue and the public district totals are kept by the server's read cache (domain `finance`,
// migration 2026113072): the same answer with its ETag while nothing changes, the change at once after a write.
describeStore('finance public reads through the read cache', (ctx) => {
  let app: FastifyInstance;
  let f: FinanceFixture;
  beforeAll(async () => {
    app = await createTestApp(ctx);
    f = await seedFinance(app, ctx);
  });
  const get = async (url: string, etag?: string) => {
    const r = await app.inject({ url, headers: etag ? { 'if-none-match': etag } : {} });
    return { status: r.statusCode, etag: String(r.headers.etag), cache: r.headers['cache-control'], body: r.statusCode === 200 ? r.json() : null };
  };

  it('keeps the catalogue until a product is published or withdrawn', async () => {
    const names = (b: { items: Array<{ name: string }> }) => b.items.map((p) => p.name).sort();
    const first = await get('/api/finance/products');
    expect(first.cache).toBe('public, no-cache');
    expect(names(first.body)).toEqual(['农商抵押贷', '渝中科创信用贷']);
    expect((await get('/api/finance/products', first.etag)).status).toBe(304);
    const id = await createProduct(ctx.db, f.users.bank, productInput({ name: '缓存测试贷', institutionId: f.bankA }));
    // A draft is not in the catalogue, but the cache cannot know: the answer is recomputed and equal.
    expect(names((await get('/api/finance/products')).body)).not.toContain('缓存测试贷');
    await publishProduct(ctx.db, f.users.bank, id);
    const published = await get('/api/finance/products', first.etag);
    expect(published.status).toBe(200);
    expect(names(published.body)).toContain('缓存测试贷');
    await withdrawProduct(ctx.db, f.users.bank, id);
    expect(names((await get('/api/finance/products', published.etag)).body)).not.toContain('缓存测试贷');
  });

  it('keeps the public district totals until a need or an application is added', async () => {
    const url = `/api/finance/public/figures?year=${chinaToday().slice(0, 4)}`;
    const first = await get(url);
    expect(first.cache).toBe('public, no-cache');
    const { needsPosted, applied } = first.body.district.counts;
    expect((await get(url, first.etag)).status).toBe(304);
    const needId = await createNeed(ctx.db, f.users.firm, { ...NEED, amount: 120 });
    const afterNeed = await get(url, first.etag);
    expect(afterNeed.status).toBe(200);
    expect(afterNeed.body.district.counts).toMatchObject({ needsPosted: needsPosted + 1, applied });
    await applyForProducts(ctx.db, f.users.firm, { needId, productIds: [f.productA], consent: { items: ['profile'], days: 30 } });
    const afterApplication = await get(url, afterNeed.etag);
    expect(afterApplication.status).toBe(200);
    expect(afterApplication.body.district.counts.applied).toBe(applied + 1);
  });
});
