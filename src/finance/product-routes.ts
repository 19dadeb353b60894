import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireRole, sessionUser } from '../auth/index.js';
import { Ok, publicRead, type AppContext } from '../shared/index.js';
import { FINANCE_DESK_ROLES } from './access.js';
import {
  CataloguePage,
  CatalogueQuery,
  Created,
  ManagedProductList,
  ProductBody,
  ProductDetail,
  ProductParams,
  Published,
  TestRun,
  TestRunBody,
} from './api.js';
import {
  catalogue,
  createProduct,
  getManagedProduct,
  listManagedProducts,
  publishProduct,
  saveProductDraft,
  testRun,
  withdrawProduct,
} from './product-store.js';

const tags = ['finance'];

/** The public catalogue and the products' editing (a bank: its institution's; 区金融办: all). */
export function productRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  const managers = requireRole('bank', ...FINANCE_DESK_ROLES);
  return async (app) => {
    app.get(
      '/products',
      {
        // Kept by the read cache until a product, version or institution changes (or the day does).
        config: { rateLimit: { max: 120, timeWindow: '1 minute' }, ...publicRead(['finance']).config },
        schema: { tags, summary: '金融产品目录（公开，可搜索）', querystring: CatalogueQuery, response: { 200: CataloguePage } },
      },
      async (req) => catalogue(db, req.query),
    );
    app.get('/manage/products', { preHandler: managers, schema: { tags, summary: '管理的金融产品', response: { 200: ManagedProductList } } }, async (req) =>
      listManagedProducts(db, sessionUser(req)),
    );
    app.post(
      '/manage/products',
      { preHandler: managers, schema: { tags, summary: '新建金融产品（草稿）', body: ProductBody, response: { 200: Created } } },
      async (req) => ({
        id: await createProduct(db, sessionUser(req), req.body),
      }),
    );
    app.get(
      '/manage/products/:productId',
      { preHandler: managers, schema: { tags, summary: '金融产品及其各版本', params: ProductParams, response: { 200: ProductDetail } } },
      async (req) => getManagedProduct(db, sessionUser(req), req.params.productId),
    );
    app.put(
      '/manage/products/:productId',
      {
        preHandler: managers,
        schema: { tags, summary: '保存草稿（修改产品即生成新版本）', params: ProductParams, body: ProductBody, response: { 200: Created } },
      },
      async (req) => ({ id: await saveProductDraft(db, sessionUser(req), req.params.productId, req.body) }),
    );
    app.post(
      '/manage/products/:productId/publish',
      { preHandler: managers, schema: { tags, summary: '发布草稿（测试用例须全部通过）', params: ProductParams, response: { 200: Published } } },
      async (req) => publishProduct(db, sessionUser(req), req.params.productId),
    );
    app.post(
      '/manage/products/:productId/withdraw',
      { preHandler: managers, schema: { tags, summary: '下架金融产品', params: ProductParams, response: { 200: Ok } } },
      async (req) => {
        await withdrawProduct(db, sessionUser(req), req.params.productId);
        return { ok: true as const };
      },
    );
    app.post(
      '/manage/test-run',
      { preHandler: managers, schema: { tags, summary: '试运行准入条件的测试用例（不保存）', body: TestRunBody, response: { 200: TestRun } } },
      async (req) => testRun(db, sessionUser(req), req.body.condition, req.body.testCases),
    );
  };
}
