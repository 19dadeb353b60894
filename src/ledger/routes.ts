import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { accountRoutes, requireRole } from '../auth/index.js';
import { enterpriseNames } from '../enterprises/index.js';
import type { AppContext } from '../shared/index.js';
import { LEDGER_READERS } from './access.js';
import { Meta } from './api.js';
import { assessmentRoutes } from './assessment-routes.js';
import { bulletinsRoutes } from './bulletins-routes.js';
import { FLAG_LABELS, LIGHT_LABELS } from './core/flags.js';
import { ORDER_ACTIONS, type OrderAction } from './core/orders.js';
import { STATUS_INFO, TASK_STATUSES } from './core/status.js';
import { ordersRoutes } from './orders-routes.js';
import { reportsRoutes } from './reports-routes.js';
import { requestOrdersRoutes } from './request-orders-routes.js';
import { tasksRoutes } from './tasks-routes.js';
import { workbenchRoutes } from './workbench-routes.js';

/** Names and colours of the ledger's statuses, flags, lights and order actions. */
function ledgerMeta() {
  return {
    statuses: TASK_STATUSES.map((s) => ({ code: s, ...STATUS_INFO[s] })),
    flags: FLAG_LABELS,
    lights: LIGHT_LABELS,
    orderActions: (Object.keys(ORDER_ACTIONS) as OrderAction[]).map((code) => {
      const a = ORDER_ACTIONS[code];
      return { code, label: a.label, by: a.by, from: a.from };
    }),
  };
}

/**
 * The ledger's HTTP API (改革台账), one plugin per part. Account administration (auth's `accountRoutes`) is
 * mounted here too, under /api/ledger/users and /api/ledger/roles, where the pages call it.
 */
export function ledgerRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/meta',
      {
        preHandler: requireRole(...LEDGER_READERS),
        schema: { tags: ['ledger'], summary: '台账状态、标记与督办阶段的名称和颜色', response: { 200: Meta } },
      },
      async () => ledgerMeta(),
    );
    await app.register(tasksRoutes(ctx));
    await app.register(reportsRoutes(ctx));
    await app.register(ordersRoutes(ctx));
    await app.register(requestOrdersRoutes(ctx));
    await app.register(bulletinsRoutes(ctx));
    await app.register(assessmentRoutes(ctx));
    await app.register(workbenchRoutes(ctx));
    await app.register(accountRoutes(ctx.db, { enterprises: enterpriseNames }));
  };
}
