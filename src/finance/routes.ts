import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { RuleSharedSchemas } from '../policies/index.js';
import type { AppContext } from '../shared/index.js';
import { institutionRoutes } from './institution-routes.js';
import { needRoutes } from './need-routes.js';
import { productRoutes } from './product-routes.js';

/** 渝中融 (issue 16): institutions, products, needs and matching. Mounted at /api/finance; one plugin per part. */
export function financeRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    // The rule language's schemas (conditions, explanations), as the policies register them in their own scope.
    for (const s of RuleSharedSchemas) app.addSchema(s);
    await app.register(institutionRoutes(ctx));
    await app.register(productRoutes(ctx));
    await app.register(needRoutes(ctx));
  };
}
