import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../test/app.js';
import { describeStore } from '../../test/db.js';
import { APPLICATION_MATRIX } from './application-matrix.js';
import { createNeed } from './need-store.js';
import { createProduct } from './product-store.js';
import { NEED, productInput, seedFinance, type FinanceFixture, type Who as User } from './testing.js';

type Who = 'visitor' | User;
const ALL: Who[] = ['visitor', 'office', 'admin', 'leader', 'desk', 'otherUnit', 'firm', 'otherFirm', 'bank', 'otherBank'];
const DESK: Who[] = ['office', 'admin', 'desk'];
const READERS: Who[] = [...DESK, 'leader'];
const MANAGERS: Who[] = [...DESK, 'bank', 'otherBank'];

/**
 * The permission matrix: every finance route × every role. `desk` is staff of the unit 区金融办, `otherUnit` staff of
 * 区财政局; `bank` is linked to bankA's head office (the product under test belongs to bankA's branch), `otherBank`
 * to bankB; `firm` owns the need under test, `otherFirm` another. "Allowed" means neither 401 nor 403 (nor a 5xx);
 * "refused" means exactly 403 (401 for a visitor). A route missing here fails the test.
 */
const MATRIX: Record<string, Who[]> = {
  'GET /api/finance/institutions': READERS,
  'POST /api/finance/institutions': DESK,
  'PUT /api/finance/institutions/{institutionId}': DESK,
  'GET /api/finance/bank-accounts': READERS,
  'POST /api/finance/bank-accounts': DESK,
  'GET /api/finance/bank/me': ['bank', 'otherBank'],
  'GET /api/finance/products': ALL,
  'GET /api/finance/manage/products': MANAGERS,
  'POST /api/finance/manage/products': MANAGERS,
  // Another bank's product: otherBank is refused reading, editing, publishing and withdrawing it.
  'GET /api/finance/manage/products/{productId}': [...DESK, 'bank'],
  'PUT /api/finance/manage/products/{productId}': [...DESK, 'bank'],
  'POST /api/finance/manage/products/{productId}/publish': [...DESK, 'bank'],
  'POST /api/finance/manage/products/{productId}/withdraw': [...DESK, 'bank'],
  'POST /api/finance/manage/test-run': MANAGERS,
  'GET /api/finance/needs/mine': ['firm', 'otherFirm'],
  'POST /api/finance/needs': ['firm', 'otherFirm'],
  // Another firm's need: refused.
  'PUT /api/finance/needs/{needId}': ['firm'],
  'POST /api/finance/needs/{needId}/close': ['firm'],
  'GET /api/finance/needs/{needId}/matches': ['firm', ...READERS],
  'GET /api/finance/needs/unmatched': READERS,
  'POST /api/finance/needs/{needId}/followups': DESK,
};

describeStore('finance permission matrix', (ctx) => {
  let app: FastifyInstance;
  let f: FinanceFixture;
  let productW: number;
  let needW: number;
  beforeAll(async () => {
    app = await createTestApp(ctx);
    f = await seedFinance(app, ctx);
    productW = await createProduct(ctx.db, f.users.bank, productInput({ name: '矩阵测试产品', institutionId: f.branchA }));
    needW = await createNeed(ctx.db, f.users.firm, NEED);
  });

  it('answers every finance route for every role as declared', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths)
      .filter(([p]) => p.startsWith('/api/finance/'))
      .flatMap(([p, ms]) => Object.keys(ms).map((m) => `${m.toUpperCase()} ${p}`))
      // Routes of the applications part (consent, events, figures) are checked by applications-matrix.test.ts.
      .filter((r) => MATRIX[r] || !Object.hasOwn(APPLICATION_MATRIX, r));
    expect(routes.filter((r) => !MATRIX[r])).toEqual([]);
    expect(Object.keys(MATRIX).filter((r) => !routes.includes(r))).toEqual([]);
    const wrong: string[] = [];
    let n = 0;
    for (const route of routes) {
      const [method, pattern] = route.split(' ') as [string, string];
      for (const who of ALL) {
        n++;
        let body: object | undefined;
        if (route.endsWith('/institutions')) body = { name: `矩阵银行${n}`, kind: '银行' };
        if (route.endsWith('/institutions/{institutionId}')) body = { name: '渝中样本农商行', kind: '银行' };
        if (route.endsWith('/bank-accounts')) body = { account: `fi-mx${n}`, name: `矩阵${n}`, institutionId: f.bankB };
        if (route === 'POST /api/finance/manage/products' || route === 'PUT /api/finance/manage/products/{productId}')
          body = { ...productInput({ name: `矩阵产品${n}` }), ...(who.endsWith('ank') ? {} : { institutionId: f.bankA }) };
        if (route.endsWith('/test-run')) body = { condition: productInput().condition, testCases: productInput().testCases };
        if (route === 'POST /api/finance/needs' || route === 'PUT /api/finance/needs/{needId}') body = NEED;
        if (route.endsWith('/close')) body = { reason: '已获得贷款' };
        if (route.endsWith('/followups')) body = { note: '电话联系企业，推荐转贷应急周转资金' };
        const url = pattern
          .replace('{institutionId}', String(f.bankB))
          .replace('{productId}', String(productW))
          .replace('{needId}', String(route.endsWith('/matches') || route.endsWith('/followups') ? f.needA : needW));
        const res = await app.inject({ method: method as 'GET', url, headers: who === 'visitor' ? {} : f.headers[who], payload: body });
        const allowed = MATRIX[route]!.includes(who);
        const expected = who === 'visitor' ? 401 : 403;
        if (allowed ? [401, 403].includes(res.statusCode) || res.statusCode >= 500 : res.statusCode !== expected)
          wrong.push(`${route} as ${who}: ${res.statusCode} ${res.body.slice(0, 160)}`);
      }
    }
    expect(wrong).toEqual([]);
    // Scoped answers: a bank lists only its own institution's products (bankA's head office: its branch's too).
    const mine = (await app.inject({ url: '/api/finance/manage/products', headers: f.headers.otherBank })).json() as Array<{ institution: string }>;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((p) => p.institution === '渝中样本农商行')).toBe(true);
    const firmNeeds = (await app.inject({ url: '/api/finance/needs/mine', headers: f.headers.otherFirm })).json() as Array<{ enterprise: string }>;
    expect(firmNeeds.every((x) => x.enterprise === '渝中融样本商贸有限公司')).toBe(true);
  });
});
