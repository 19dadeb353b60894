import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../shared/index.js';
import { applicationRoutes } from './application-routes.js';
import { financeFigureRoutes } from './application-figures-routes.js';
import { eventRoutes } from './event-routes.js';

/** 渝中融 (issue 16): institutions, products, needs and matching. Mounted at /api/finance; one plugin per part. */
export function financeRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    await app.register(applicationRoutes(ctx));
    await app.register(eventRoutes(ctx));
    await app.register(financeFigureRoutes(ctx));
  };
}
