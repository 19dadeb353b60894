import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../shared/index.js';
import { dashboardRoutes } from './dashboard-routes.js';
import { recordRoutes } from './record-routes.js';
import { uploadRoutes } from './upload-routes.js';

/** The indicators' HTTP API (/api/indicators): results, records, and the intake of records. */
export function indicatorRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    await app.register(dashboardRoutes(ctx));
    await app.register(recordRoutes(ctx));
    await app.register(uploadRoutes(ctx));
  };
}
