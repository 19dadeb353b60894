import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../shared/index.js';
import { PolicySharedSchemas } from './api.js';
import { applicationRoutes } from './application-routes.js';
import { calculatorRoutes } from './calculator-routes.js';
import { libraryRoutes } from './library-routes.js';
import { ruleRoutes } from './rule-routes.js';

/** Every policies route (under /api/policies): library, rules, calculator, 应享尽享. */
export function policyRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    for (const s of PolicySharedSchemas) app.addSchema(s);
    await app.register(libraryRoutes(ctx));
    await app.register(ruleRoutes(ctx));
    await app.register(calculatorRoutes(ctx));
    await app.register(applicationRoutes(ctx));
  };
}
