import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../shared/index.js';
import { authRoutes } from '../auth/index.js';
import { inboxRoutes } from '../inbox/index.js';
import { planRoutes } from '../plan/index.js';
import { calendarRoutes } from '../calendar/index.js';
import { enterpriseRoutes } from '../enterprises/index.js';
import { policyRoutes } from '../policies/index.js';
import { ledgerRoutes } from '../ledger/index.js';
import { indicatorRoutes } from '../indicators/index.js';
import { jobRoutes } from '../jobs/index.js';
import { requestRoutes } from '../requests/index.js';
import { inspectionRoutes } from '../inspections/index.js';
import { helpdeskRoutes } from '../helpdesk/index.js';
import { financeRoutes } from '../finance/index.js';

/**
 * Every capability's HTTP API, mounted under /api/<prefix>. A new capability adds one line here.
 */
export const capabilities: Array<{ prefix: string; routes: (ctx: AppContext) => FastifyPluginAsyncTypebox }> = [
  { prefix: 'auth', routes: (ctx) => authRoutes(ctx.db, { secureCookies: ctx.publicUrl?.protocol === 'https:' }) },
  { prefix: 'inbox', routes: inboxRoutes },
  { prefix: 'calendar', routes: calendarRoutes },
  { prefix: 'plan', routes: planRoutes },
  { prefix: 'enterprises', routes: enterpriseRoutes },
  { prefix: 'policies', routes: policyRoutes },
  { prefix: 'ledger', routes: ledgerRoutes },
  { prefix: 'indicators', routes: indicatorRoutes },
  { prefix: 'jobs', routes: jobRoutes },
  { prefix: 'requests', routes: requestRoutes },
  { prefix: 'inspections', routes: inspectionRoutes },
  { prefix: 'helpdesk', routes: helpdeskRoutes },
  { prefix: 'finance', routes: financeRoutes },
];
