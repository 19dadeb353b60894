import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../shared/index.js';

/** 渝中融 (issue 16): institutions, products, needs and matching. Mounted at /api/finance; one plugin per part. */
export function financeRoutes(_ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (_app) => {};
}
