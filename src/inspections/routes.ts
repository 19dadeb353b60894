import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../shared/index.js';
import { creditRoutes } from './credit-routes.js';
import { exemptionRoutes } from './exemption-routes.js';
import { resultMetaRoutes } from './results-routes.js';

/** Inspections (双随机、一公开), mounted at /api/inspections: one plugin per part. */
export function inspectionRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    await app.register(creditRoutes(ctx), { prefix: '/credit' });
    await app.register(exemptionRoutes(ctx), { prefix: '/exemptions' });
    await app.register(resultMetaRoutes(ctx), { prefix: '/results' });
  };
}
