import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { RuleSharedSchemas } from '../policies/index.js';
import type { AppContext } from '../shared/index.js';
import { applicationRoutes } from './application-routes.js';
import { financeFigureRoutes } from './application-figures-routes.js';
import { eventRoutes } from './event-routes.js';
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
    // Applications with consent, events and figures (the second part).
    await app.register(applicationRoutes(ctx));
    await app.register(eventRoutes(ctx));
    await app.register(financeFigureRoutes(ctx));
  };
}
